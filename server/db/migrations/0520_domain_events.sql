-- Issue 13, domain events (docs/ARCHITECTURE.md "Domain events"). Every state change of a contest,
-- an entry, a payable, a withdrawal or a top-up appends one row here, in the transaction that makes
-- the change (core/events.ts transition). Append-only: never updated, never deleted.
CREATE TABLE domain_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  -- '<subject>.<what happened>', e.g. contest.awarded, entry.handed_over, withdrawal.approved.
  type text NOT NULL,
  -- The transition's name and its from/to states, plus what the use case adds.
  data jsonb NOT NULL DEFAULT '{}',
  -- An account id, or 'system:<reason>' for timers and jobs.
  actor text NOT NULL,
  -- From the injected clock (core/clock.ts), so timers tested without sleeping read true times.
  occurred_at timestamptz NOT NULL,
  -- The inserting transaction: consumers use it to know when no older transaction can still add
  -- an event they have not seen (jobs/event-consumers.ts).
  txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX domain_events_subject_idx ON domain_events (subject_type, subject_id, id);
CREATE INDEX domain_events_txid_idx ON domain_events (txid, id);

-- One row per consumer (the audit log, later notifications, search …). Ids come from a sequence in
-- insert order, not commit order, so a bare "last id" offset could skip a lower id that commits
-- late. Instead a consumer keeps a horizon (a transaction id below which every event is final and
-- handled) and, above it, the ids it has handled: event_deliveries, pruned as the horizon moves.
CREATE TABLE event_consumers (
  name text PRIMARY KEY,
  horizon xid8 NOT NULL DEFAULT '0'::xid8,
  handled bigint NOT NULL DEFAULT 0,
  last_event_id bigint,
  last_error text,
  failures int NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE event_deliveries (
  consumer text NOT NULL REFERENCES event_consumers (name),
  event_id bigint NOT NULL,
  txid xid8 NOT NULL,
  PRIMARY KEY (consumer, event_id)
);
CREATE INDEX event_deliveries_txid_idx ON event_deliveries (consumer, txid);
