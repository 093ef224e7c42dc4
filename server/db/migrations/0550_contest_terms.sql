-- Mode-specific terms leave the shared tasks table (issue 13, "Task modes"): a contest's promise —
-- guaranteed or refundable, and the fail fee a refundable one keeps — moves to contest_terms, one
-- row per contest, with the data of every contest posted so far. The piece-rate and tender columns
-- that no code ever used go too: those modes bring their own terms tables. What stays in tasks is
-- what every way of buying has: buyer, brief, category, money escrowed at posting, the fee snapshot,
-- the deadline of its first phase, the end of selection, and `sealed` (the entries' visibility
-- rule, which entries.policy.ts applies to every mode's entries).
CREATE TABLE contest_terms (
  task_id      uuid PRIMARY KEY REFERENCES tasks (id),
  guaranteed   boolean NOT NULL DEFAULT true,
  -- Fixed at posting (CONTEST_FAIL_FEE_BPS then; 0 for a guaranteed contest).
  fail_fee_bps integer NOT NULL DEFAULT 0 CHECK (fail_fee_bps BETWEEN 0 AND 10000)
);

INSERT INTO contest_terms (task_id, guaranteed, fail_fee_bps)
SELECT id, guaranteed, fail_fee_bps FROM tasks WHERE mode = 'contest';

ALTER TABLE tasks
  DROP COLUMN guaranteed,
  DROP COLUMN fail_fee_bps,
  DROP COLUMN unit_price_minor,
  DROP COLUMN quantity,
  DROP COLUMN budget_minor;
