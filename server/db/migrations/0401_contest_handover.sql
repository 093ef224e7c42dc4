-- Issue 8, contest money rules (PRODUCT.md "Four ways to buy" §1 and "Timers"; API.md "Contest rules
-- the API enforces"). A winner who does not hand over within TIMER_HANDOVER loses the award: the
-- entry becomes `lapsed`, the award row keeps `lapsed_at`, and the prize may be awarded again (to
-- another provider) until `reaward_ends_at`. So one prize may now have several award rows over
-- time, at most one of them not lapsed. A prize nobody will receive is refunded: `refunded_at`.
ALTER TABLE entries DROP CONSTRAINT entries_status_check;
ALTER TABLE entries ADD CONSTRAINT entries_status_check
  CHECK (status IN ('submitted', 'awarded', 'handed_over', 'paid', 'rejected', 'lapsed'));

ALTER TABLE awards DROP CONSTRAINT awards_pkey;
ALTER TABLE awards ADD PRIMARY KEY (entry_id);
ALTER TABLE awards
  -- When the award lapses if the winner has not handed over (null: awarded before this migration).
  ADD COLUMN handover_due_at timestamptz,
  ADD COLUMN lapsed_at timestamptz,
  -- Until when the buyer may award the lapsed prize to someone else.
  ADD COLUMN reaward_ends_at timestamptz,
  ADD CONSTRAINT awards_lapse_check CHECK (
    (lapsed_at IS NULL) = (reaward_ends_at IS NULL) AND (lapsed_at IS NULL OR paid_at IS NULL));
CREATE UNIQUE INDEX awards_live_prize_idx ON awards (task_id, prize_index) WHERE lapsed_at IS NULL;
-- (UNIQUE (task_id, provider_id) stays: a provider whose award lapsed wins nothing more here.)

ALTER TABLE task_prizes ADD COLUMN refunded_at timestamptz;
-- Before this migration the prizes an award left out were refunded with the award.
UPDATE task_prizes p SET refunded_at = t.updated_at
FROM tasks t
WHERE t.id = p.task_id AND t.mode = 'contest' AND t.status IN ('awarded', 'completed')
  AND NOT EXISTS (SELECT 1 FROM awards a WHERE a.task_id = p.task_id AND a.prize_index = p.prize_index);
