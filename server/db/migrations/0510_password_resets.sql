-- Forgot password (issue 9): a reset link carries a random token (256 bits) that is stored only as
-- its SHA-256, works once, and expires after an hour. A successful reset uses up every other live
-- token of the account too.
CREATE TABLE password_resets (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id   uuid NOT NULL REFERENCES accounts (id),
  token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  -- Who asked (the address the request came from), for the account's owner and operators.
  requested_ip text,
  CHECK (expires_at > created_at)
);
CREATE INDEX password_resets_account_idx ON password_resets (account_id) WHERE used_at IS NULL;
