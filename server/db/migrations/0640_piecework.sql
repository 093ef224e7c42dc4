-- Issue 11, piece-rate tasks (计件; PRODUCT.md §2, API.md "Piece-rate tasks"): a task buys `quantity`
-- identical pieces at `unit_price_minor` each; the whole pool (unit × quantity) is escrowed at
-- posting (tasks.funded_minor). A piece is an entry (entries, the shared table); an accepted one is
-- paid at once through a payable of kind 'piece'. The terms are fixed at posting, like contest_terms.
CREATE TABLE piecework_terms (
  task_id          uuid PRIMARY KEY REFERENCES tasks (id),
  unit_price_minor bigint NOT NULL CHECK (unit_price_minor > 0 AND unit_price_minor <= 1000000000000),
  quantity         integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
  -- Pieces a provider may have that are not rejected (API.md: default 1).
  max_per_provider integer NOT NULL DEFAULT 1 CHECK (max_per_provider BETWEEN 1 AND 1000),
  -- Set at the deadline: then (TIMER_PIECE_REVIEW later) waiting pieces are accepted automatically.
  review_ends_at   timestamptz
);

-- A rejected entry keeps why (a rejected piece: the buyer's reason, shown to its author). Generic
-- columns of the shared entries table: any way of buying that rejects an entry can use them.
ALTER TABLE entries
  ADD COLUMN rejected_at      timestamptz,
  ADD COLUMN rejection_reason text CHECK (length(rejection_reason) BETWEEN 1 AND 1000);

-- The piece-rate counts (paid, waiting, per provider) read a task's entries by status.
CREATE INDEX entries_task_status_idx ON entries (task_id, status, provider_id);
