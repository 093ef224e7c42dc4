-- Issue 14, notifications (API.md "Messages and notifications"): one row per person concerned by a
-- state change, made from the domain events by features/notifications/notifications.consumer.ts.
-- The text is not stored: `type` (the event type, e.g. entry.submitted) and `params` (the task's
-- title, an amount …) are rendered in the reader's locale when read or e-mailed, so a person who
-- switches language reads the old ones in the new one too.
CREATE TABLE notifications (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id   uuid NOT NULL REFERENCES accounts (id),
  type         text NOT NULL CHECK (type ~ '^[a-z_]+\.[a-z_]+$'),
  -- What the notification links to (a task, an order, a thread, the wallet).
  subject_type text NOT NULL CHECK (length(subject_type) BETWEEN 1 AND 40),
  subject_id   text NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 100),
  params       jsonb NOT NULL DEFAULT '{}',
  -- The domain event it came from: one notification per (event, person), so a replay adds none.
  event_id     bigint NOT NULL,
  created_at   timestamptz NOT NULL,
  read_at      timestamptz,
  -- Waiting for the person's next digest e-mail (e-mail wanted for its kind) until emailed_at is set.
  email_wanted boolean NOT NULL DEFAULT false,
  emailed_at   timestamptz,
  UNIQUE (event_id, account_id)
);
-- "My notifications, newest first" and "my unread count".
CREATE INDEX notifications_account_idx ON notifications (account_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (account_id) WHERE read_at IS NULL;
CREATE INDEX notifications_email_due_idx ON notifications (account_id) WHERE email_wanted AND emailed_at IS NULL;

-- E-mail on/off per kind of notification (in-app is always on). No row = the default (on).
CREATE TABLE notification_preferences (
  account_id uuid NOT NULL REFERENCES accounts (id),
  kind       text NOT NULL CHECK (kind IN ('messages', 'tasks', 'orders', 'payments', 'account')),
  email      boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, kind)
);

-- One pending digest per person: the first e-mail-worthy notification of a quiet period inserts
-- the row (and enqueues notifications.digest at due_at); the digest sends everything waiting and
-- deletes it, so the next notification starts a new window.
CREATE TABLE notification_digests (
  account_id uuid PRIMARY KEY REFERENCES accounts (id),
  due_at     timestamptz NOT NULL
);
