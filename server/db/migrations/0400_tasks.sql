-- Tasks: the shared shape of the ways to buy that start from a buyer's brief (PRODUCT.md "Four ways
-- to buy": contest now; piece-rate and tender fit the same table). A task's money sits in its own
-- escrow ledger account `escrow:task:<id>` (docs/LEDGER.md); these rows say what it is owed for.
CREATE TABLE tasks (
  id            uuid PRIMARY KEY,
  mode          text NOT NULL CHECK (mode IN ('contest', 'piecework', 'tender')),
  status        text NOT NULL CHECK (status IN
                  ('open', 'selecting', 'awarded', 'completed', 'cancelled', 'refunded', 'hired')),
  buyer_id      uuid NOT NULL REFERENCES accounts (id),
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  brief         text NOT NULL CHECK (length(brief) BETWEEN 1 AND 10000),
  category_id   text REFERENCES categories (id),
  currency      text NOT NULL DEFAULT 'CNY' CHECK (currency = 'CNY'),
  -- What was escrowed at posting (contest: Σ prizes; piece-rate: unit × quantity; tender: 0).
  funded_minor  bigint NOT NULL CHECK (funded_minor >= 0 AND funded_minor <= 1000000000000),
  -- The end of submissions (contest), of pieces (piece-rate) or of bids (tender).
  deadline_at   timestamptz NOT NULL,
  -- Contest only.
  sealed        boolean NOT NULL DEFAULT true,
  guaranteed    boolean NOT NULL DEFAULT true,
  selection_ends_at timestamptz,
  -- Piece-rate only (later).
  unit_price_minor bigint CHECK (unit_price_minor > 0),
  quantity      integer CHECK (quantity > 0),
  -- Tender only (later).
  budget_minor  bigint CHECK (budget_minor > 0),
  -- Terms fixed at posting, so a later configuration change never changes a promise already made.
  fee_bps       integer NOT NULL CHECK (fee_bps BETWEEN 0 AND 10000),
  fail_fee_bps  integer NOT NULL DEFAULT 0 CHECK (fail_fee_bps BETWEEN 0 AND 10000),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  closed_at     timestamptz
);
CREATE INDEX tasks_list_idx ON tasks (status, created_at DESC, id DESC);
CREATE INDEX tasks_category_idx ON tasks (category_id, created_at DESC);
CREATE INDEX tasks_buyer_idx ON tasks (buyer_id, created_at DESC);

-- Contest prize tiers: prize_index 0 is the first prize.
CREATE TABLE task_prizes (
  task_id      uuid NOT NULL REFERENCES tasks (id),
  prize_index  smallint NOT NULL CHECK (prize_index BETWEEN 0 AND 19),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0 AND amount_minor <= 1000000000000),
  PRIMARY KEY (task_id, prize_index)
);

-- Entries (contest entries, piece-rate pieces). Sealed visibility is decided by the queries.
CREATE TABLE entries (
  id            uuid PRIMARY KEY,
  task_id       uuid NOT NULL REFERENCES tasks (id),
  provider_id   uuid NOT NULL REFERENCES accounts (id),
  status        text NOT NULL DEFAULT 'submitted'
                  CHECK (status IN ('submitted', 'awarded', 'handed_over', 'paid', 'rejected')),
  text          text CHECK (length(text) <= 10000),
  rating        smallint CHECK (rating BETWEEN 1 AND 5),
  -- The originality guard: null for entries without images; pending until the check job ran.
  originality_status  text CHECK (originality_status IN ('pending', 'ok', 'flagged')),
  originality_matches jsonb,
  handover_text text CHECK (length(handover_text) <= 10000),
  submitted_at  timestamptz NOT NULL DEFAULT now(),
  handed_over_at timestamptz,
  paid_at       timestamptz
);
CREATE INDEX entries_task_idx ON entries (task_id, submitted_at, id);
CREATE INDEX entries_provider_idx ON entries (provider_id, submitted_at DESC);

-- Files of an entry: what was submitted, and what was handed over after an award.
CREATE TABLE entry_files (
  entry_id  uuid NOT NULL REFERENCES entries (id),
  file_id   uuid NOT NULL REFERENCES files (id),
  purpose   text NOT NULL CHECK (purpose IN ('submission', 'handover')),
  position  smallint NOT NULL,
  PRIMARY KEY (entry_id, file_id)
);
CREATE UNIQUE INDEX entry_files_file_idx ON entry_files (file_id);

-- Awards: one prize tier to one entry; one prize per provider (PRODUCT.md), enforced here too.
CREATE TABLE awards (
  task_id      uuid NOT NULL REFERENCES tasks (id),
  prize_index  smallint NOT NULL,
  entry_id     uuid NOT NULL UNIQUE REFERENCES entries (id),
  provider_id  uuid NOT NULL REFERENCES accounts (id),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  -- Set when paid: what the provider received and what the platform kept.
  fee_minor    bigint CHECK (fee_minor >= 0),
  -- 'buyer' or 'timer' (a guaranteed contest's auto-award).
  awarded_by   text NOT NULL CHECK (awarded_by IN ('buyer', 'timer')),
  awarded_at   timestamptz NOT NULL DEFAULT now(),
  paid_at      timestamptz,
  -- 'buyer' or 'timer' (auto-accept after handover).
  accepted_by  text CHECK (accepted_by IN ('buyer', 'timer')),
  PRIMARY KEY (task_id, prize_index),
  UNIQUE (task_id, provider_id),
  FOREIGN KEY (task_id, prize_index) REFERENCES task_prizes (task_id, prize_index)
);
