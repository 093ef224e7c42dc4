-- The double-entry ledger (docs/LEDGER.md): TigerBeetle's accounts and transfers on PostgreSQL.
CREATE TABLE ledger_accounts (
  id              text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  ledger          text NOT NULL CHECK (ledger ~ '^[A-Z]{3}$'),
  code            smallint NOT NULL CHECK (code > 0),
  flags           integer NOT NULL DEFAULT 0 CHECK (flags >= 0 AND flags <= 3 AND flags <> 3),
  owner_id        text,
  debits_pending  bigint NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
  debits_posted   bigint NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
  credits_pending bigint NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
  credits_posted  bigint NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
  created_at      timestamptz NOT NULL DEFAULT now(),
  -- flag 1: debits must not exceed credits (wallets, escrow) — never negative.
  CONSTRAINT ledger_accounts_debits_must_not_exceed_credits
    CHECK ((flags & 1) = 0 OR debits_posted + debits_pending <= credits_posted),
  -- flag 2: credits must not exceed debits.
  CONSTRAINT ledger_accounts_credits_must_not_exceed_debits
    CHECK ((flags & 2) = 0 OR credits_posted + credits_pending <= debits_posted)
);
CREATE INDEX ledger_accounts_owner_idx ON ledger_accounts (owner_id, code) WHERE owner_id IS NOT NULL;

-- An account's identity never changes and an account is never removed (its transfers point at it).
CREATE FUNCTION ledger_accounts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ledger accounts are never deleted' USING ERRCODE = 'restrict_violation';
  END IF;
  IF NEW.id <> OLD.id OR NEW.ledger <> OLD.ledger OR NEW.code <> OLD.code OR NEW.flags <> OLD.flags
     OR NEW.owner_id IS DISTINCT FROM OLD.owner_id THEN
    RAISE EXCEPTION 'a ledger account''s id, ledger, code, flags and owner are immutable'
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ledger_accounts_guard BEFORE UPDATE OR DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_accounts_guard();

CREATE TABLE ledger_transfers (
  id                text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  seq               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  debit_account_id  text NOT NULL REFERENCES ledger_accounts (id),
  credit_account_id text NOT NULL REFERENCES ledger_accounts (id),
  amount            bigint NOT NULL CHECK (amount > 0 AND amount <= 1000000000000),
  ledger            text NOT NULL,
  code              smallint NOT NULL CHECK (code > 0),
  -- 1 pending, 2 post_pending, 4 void_pending: at most one.
  flags             integer NOT NULL DEFAULT 0 CHECK (flags IN (0, 1, 2, 4)),
  pending_id        text REFERENCES ledger_transfers (id),
  timeout_at        timestamptz,
  ref_type          text,
  ref_id            text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (debit_account_id <> credit_account_id),
  CHECK ((flags IN (2, 4)) = (pending_id IS NOT NULL)),
  CHECK (timeout_at IS NULL OR flags = 1)
);
-- A pending transfer is resolved (posted or voided) at most once.
CREATE UNIQUE INDEX ledger_transfers_pending_once ON ledger_transfers (pending_id) WHERE pending_id IS NOT NULL;
CREATE INDEX ledger_transfers_debit_idx ON ledger_transfers (debit_account_id, seq);
CREATE INDEX ledger_transfers_credit_idx ON ledger_transfers (credit_account_id, seq);
CREATE INDEX ledger_transfers_ref_idx ON ledger_transfers (ref_type, ref_id);
CREATE INDEX ledger_transfers_open_pending_idx ON ledger_transfers (timeout_at) WHERE flags = 1;

-- Transfers are immutable: corrections are new transfers.
CREATE FUNCTION ledger_transfers_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger transfers are immutable (% refused); correct with a new transfer', TG_OP
    USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER ledger_transfers_no_update_delete BEFORE UPDATE OR DELETE ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION ledger_transfers_immutable();
CREATE TRIGGER ledger_transfers_no_truncate BEFORE TRUNCATE ON ledger_transfers
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_transfers_immutable();
