-- The notifications and realtime consumers (features/notifications/notifications.consumer.ts) start
-- from the moment this migration runs: on an install that already has a history of domain events,
-- a new consumer would otherwise begin at horizon 0 and turn every past entry, award and payment
-- into a notification — and a digest e-mail — today. Events of transactions still running now are
-- above the horizon and are delivered as usual.
INSERT INTO event_consumers (name, horizon)
VALUES ('notifications', pg_snapshot_xmin(pg_current_snapshot())),
       ('realtime', pg_snapshot_xmin(pg_current_snapshot()))
ON CONFLICT (name) DO NOTHING;
