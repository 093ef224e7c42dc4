-- Issue 14, messages (API.md "Messages and notifications"): a thread is about one subject — a task
-- or a service (between the one asking and its owner), an order or a bid (its two parties) — and
-- holds the messages of its participants. Each message keeps what was written (`text`, read only by
-- operators once masked) and what the participants read (`masked_text`: contact details replaced
-- by *** while no deal exists between the two, decided once at send time: contact-filter.ts).
CREATE TABLE threads (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_type    text NOT NULL CHECK (subject_type IN ('task', 'service', 'order', 'bid')),
  -- No foreign key: subjects live in four tables (services, orders and bids arrive with their modes).
  subject_id      uuid NOT NULL,
  created_at      timestamptz NOT NULL,
  -- Newest message's time (created_at until one arrives): the inbox sorts by it.
  last_message_at timestamptz NOT NULL,
  -- A task or service has one thread per asker, an order or a bid one thread: the two participants'
  -- ids, sorted, make "open the thread" idempotent under concurrency (INSERT … ON CONFLICT).
  pair_key        text NOT NULL CHECK (pair_key ~ '^[0-9a-f-]{36}:[0-9a-f-]{36}$'),
  UNIQUE (subject_type, subject_id, pair_key)
);

CREATE TABLE thread_participants (
  thread_id    uuid NOT NULL REFERENCES threads (id),
  account_id   uuid NOT NULL REFERENCES accounts (id),
  -- Messages after it (by another participant) are unread; null = never read.
  last_read_at timestamptz,
  PRIMARY KEY (thread_id, account_id)
);
-- "My threads, newest activity first".
CREATE INDEX thread_participants_account_idx ON thread_participants (account_id);
CREATE INDEX threads_last_message_idx ON threads (last_message_at DESC, id DESC);

CREATE TABLE messages (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  thread_id   uuid NOT NULL REFERENCES threads (id),
  sender_id   uuid NOT NULL REFERENCES accounts (id),
  -- What the sender wrote (operators only, once masked); may be empty when files carry the message.
  text        text NOT NULL CHECK (length(text) <= 5000),
  -- What the participants read: equal to text unless contact details were masked.
  masked_text text NOT NULL CHECK (length(masked_text) <= 5000),
  masked      boolean NOT NULL,
  created_at  timestamptz NOT NULL
);
-- A thread's messages, newest first (the page order), and per-thread unread counts.
CREATE INDEX messages_thread_idx ON messages (thread_id, created_at DESC, id DESC);
