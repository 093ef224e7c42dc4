-- Platform fees per category and way of buying (issue 13, "Escrow"). PLATFORM_FEE_BPS is the
-- default; a rule overrides it for a category (a root category's rule covers its children), a mode,
-- or both, and the most specific rule wins (escrow/fees.ts). The fee is snapshotted on the task when
-- it is posted (tasks.fee_bps) and used at release: changing a rule never touches a posted task.
CREATE TABLE fee_rules (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category_id text REFERENCES categories (id),
  mode        text CHECK (mode IN ('contest', 'piecework', 'tender')),
  fee_bps     integer NOT NULL CHECK (fee_bps BETWEEN 0 AND 10000),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  -- One rule per (category, mode), a missing one counting as "any".
  UNIQUE NULLS NOT DISTINCT (category_id, mode)
);
