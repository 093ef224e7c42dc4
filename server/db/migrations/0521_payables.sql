-- Issue 13, payables (docs/ARCHITECTURE.md "Payables"): what is owed to a provider — a contest
-- award now, a piece or a milestone next — with one life:
--   awaiting_delivery → delivered → accepted → paid
--                     ↘ lapsed     ↘ revision_requested → delivered
--                                  ↘ disputed (frozen: no accept, no auto-accept)
-- The money stays in the subject's escrow until acceptance releases `amount_minor` minus the fee
-- snapshotted here (fee_bps, copied from the task at award time, never re-read).
CREATE TABLE payables (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- What it pays for: 'contest_award' (source: the winning entry).
  kind             text NOT NULL CHECK (kind IN ('contest_award')),
  source_id        uuid NOT NULL,
  -- Whose escrow pays it ('task' | 'order', as in features/escrow) and the key of the release
  -- within it ('prize:0'), so a replay can never pay twice.
  escrow_kind      text NOT NULL CHECK (escrow_kind IN ('task', 'order')),
  escrow_id        uuid NOT NULL,
  release_key      text NOT NULL,
  payer_id         uuid NOT NULL REFERENCES accounts (id),
  provider_id      uuid NOT NULL REFERENCES accounts (id),
  amount_minor     bigint NOT NULL CHECK (amount_minor > 0),
  fee_bps          integer NOT NULL CHECK (fee_bps BETWEEN 0 AND 10000),
  status           text NOT NULL CHECK (status IN
                     ('awaiting_delivery', 'delivered', 'revision_requested', 'disputed',
                      'accepted', 'paid', 'lapsed')),
  created_at       timestamptz NOT NULL,
  delivery_due_at  timestamptz,
  delivered_at     timestamptz,
  -- TIMER_AUTO_ACCEPT after the (last) delivery: the payables.auto-accept job accepts then.
  auto_accept_at   timestamptz,
  accepted_at      timestamptz,
  -- An account id, or 'system:<reason>' (the auto-accept timer).
  accepted_by      text,
  fee_minor        bigint,
  paid_at          timestamptz,
  UNIQUE (kind, source_id)
);
CREATE INDEX payables_provider_idx ON payables (provider_id, status);
CREATE INDEX payables_escrow_idx ON payables (escrow_kind, escrow_id);

-- Awards made before this migration get their payable, in the state their entry is in.
INSERT INTO payables (kind, source_id, escrow_kind, escrow_id, release_key, payer_id, provider_id,
                      amount_minor, fee_bps, status, created_at, delivery_due_at, delivered_at,
                      accepted_at, accepted_by, fee_minor, paid_at)
SELECT 'contest_award', a.entry_id, 'task', a.task_id, 'prize:' || a.prize_index, t.buyer_id,
       a.provider_id, a.amount_minor, t.fee_bps,
       CASE WHEN a.lapsed_at IS NOT NULL THEN 'lapsed'
            WHEN a.paid_at IS NOT NULL THEN 'paid'
            WHEN e.status = 'handed_over' THEN 'delivered'
            ELSE 'awaiting_delivery' END,
       a.awarded_at, a.handover_due_at, e.handed_over_at,
       a.paid_at, CASE a.accepted_by WHEN 'timer' THEN 'system:contest.auto-accept'
                                     WHEN 'buyer' THEN t.buyer_id::text END,
       a.fee_minor, a.paid_at
FROM awards a
JOIN tasks t ON t.id = a.task_id
JOIN entries e ON e.id = a.entry_id;
