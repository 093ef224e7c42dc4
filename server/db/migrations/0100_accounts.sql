-- Accounts, sessions, rate-limit counters and the audit log (issue 3).
-- One account can both buy and sell; operators are accounts with the 'operator' role.
CREATE TABLE accounts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- As typed (trimmed); uniqueness is case-insensitive through the index below.
  email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  -- argon2id PHC string; never leaves the server.
  password_hash text NOT NULL,
  display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 40),
  locale        text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  roles         text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY['operator']::text[]),
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  email_verified_at timestamptz,
  -- E.164-ish (+8613800138000) once confirmed by a code.
  phone         text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  phone_verified_at timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((phone IS NULL) = (phone_verified_at IS NULL))
);
CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email));
CREATE UNIQUE INDEX accounts_phone_key ON accounts (phone) WHERE phone IS NOT NULL;

-- Sessions: the token is 256 random bits given to the client once; only its SHA-256 is stored, so
-- a leaked table does not leak usable tokens. A session dies at expires_at (absolute), after the
-- idle timeout since last_seen_at, or when revoked (log-out, log-out everywhere, password change).
CREATE TABLE sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id   uuid NOT NULL REFERENCES accounts (id),
  token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  ip           text,
  user_agent   text CHECK (length(user_agent) <= 512)
);
CREATE INDEX sessions_account_idx ON sessions (account_id) WHERE revoked_at IS NULL;

-- Fixed-window counters shared by every app process (a per-process memory counter would multiply
-- the limit by the number of processes and forget it at each restart).
CREATE TABLE rate_limits (
  key          text NOT NULL CHECK (length(key) <= 300),
  window_start timestamptz NOT NULL,
  hits         integer NOT NULL CHECK (hits >= 0),
  PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limits_window_idx ON rate_limits (window_start);

-- Append-only: security-relevant events (log-ins, failed log-ins, role grants, verification
-- decisions…). The triggers refuse UPDATE and DELETE, so no code path can rewrite history.
CREATE TABLE audit_events (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at               timestamptz NOT NULL DEFAULT now(),
  -- The account that acted; NULL for the system, the command line, or an anonymous caller.
  actor_account_id uuid,
  action           text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  subject_type     text,
  subject_id       text,
  ip               text,
  details          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_action_idx ON audit_events (action, id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_account_id, id);
CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id, id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
