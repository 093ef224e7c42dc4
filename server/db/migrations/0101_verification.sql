-- Verification (PRODUCT.md, Trust): contact codes for e-mail and phone, identity checks for a
-- person (real name) or an enterprise (business licence), and the outbox of messages sent.

-- One-time codes: stored hashed, single use, expiring, with a bounded number of wrong attempts.
CREATE TABLE contact_codes (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id  uuid NOT NULL REFERENCES accounts (id),
  channel     text NOT NULL CHECK (channel IN ('email', 'phone')),
  -- The address the code was sent to (the account's e-mail, or the phone being confirmed).
  destination text NOT NULL CHECK (length(destination) BETWEEN 3 AND 254),
  code_hash   bytea NOT NULL CHECK (length(code_hash) = 32),
  attempts    integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX contact_codes_account_idx ON contact_codes (account_id, channel, created_at);

-- Real-name and enterprise checks. The full identity number goes to the verification provider and
-- is not kept: only a masked form for operators and a keyed hash to spot the same number reused.
CREATE TABLE identity_verifications (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id         uuid NOT NULL REFERENCES accounts (id),
  kind               text NOT NULL CHECK (kind IN ('person', 'enterprise')),
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  legal_name         text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 100),
  number_masked      text NOT NULL,
  number_hash        bytea NOT NULL CHECK (length(number_hash) = 32),
  provider           text NOT NULL,
  provider_reference text NOT NULL,
  -- What the provider said: 'match' | 'mismatch' | 'invalid' (operators decide with it in view).
  provider_result    text NOT NULL CHECK (provider_result IN ('match', 'mismatch', 'invalid')),
  submitted_at       timestamptz NOT NULL DEFAULT now(),
  decided_at         timestamptz,
  decided_by         uuid REFERENCES accounts (id),
  reason             text CHECK (length(reason) <= 500),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status <> 'rejected' OR reason IS NOT NULL)
);
-- At most one open request per account and kind.
CREATE UNIQUE INDEX identity_verifications_pending_key
  ON identity_verifications (account_id, kind) WHERE status = 'pending';
CREATE INDEX identity_verifications_queue_idx ON identity_verifications (status, submitted_at);

-- Every e-mail / SMS the platform sends, written in the business transaction. Without SMTP this
-- table is the dev outbox (operators read it at GET /api/v1/admin/outbox); with SMTP a job sends
-- each e-mail after commit and marks it sent.
CREATE TABLE outbox_messages (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel     text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient   text NOT NULL,
  subject     text NOT NULL,
  body        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz
);
CREATE INDEX outbox_messages_recipient_idx ON outbox_messages (recipient, created_at);
