-- Issue 10, orders (PRODUCT.md "the order paragraph", API.md "Services and orders"): what a hired
-- provider owes a buyer — from an accepted bid (tenders) or an ordered service package (services) —
-- split into milestones. Each milestone, once funded, is a payable of kind 'milestone'
-- (features/payables) paid out of the order's one escrow account (escrow:order:<id>).
--   order:     pending_confirmation → in_progress → completed
--                      ↘ cancelled ↙ (by agreement, by the provider, by the buyer once overdue, by the
--                                     confirmation timer TIMER_ORDER_CONFIRM)
--   milestone: pending_funding → funded → delivered ⇄ revision_requested → accepted
--              or refunded (cancellation), disputed, split (disputes)
CREATE TABLE orders (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Where it came from: an accepted bid, or a service (its package chosen at ordering).
  source_type         text NOT NULL CHECK (source_type IN ('bid', 'service')),
  source_id           uuid NOT NULL,
  buyer_id            uuid NOT NULL REFERENCES accounts (id),
  provider_id         uuid NOT NULL REFERENCES accounts (id),
  title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  category_id         text REFERENCES categories (id),
  status              text NOT NULL CHECK (status IN
                        ('pending_confirmation', 'in_progress', 'completed', 'cancelled')),
  -- Σ of the milestones' amounts, fixed at opening.
  total_minor         bigint NOT NULL CHECK (total_minor > 0),
  -- The platform's fee, snapshotted at opening (escrow/fees.ts feeBpsFor): what every release keeps.
  fee_bps             integer NOT NULL CHECK (fee_bps BETWEEN 0 AND 10000),
  -- The party who asked to cancel an in-progress order; the other party's cancel completes it.
  cancel_requested_by uuid REFERENCES accounts (id),
  requirements        text CHECK (length(requirements) <= 10000),
  created_at          timestamptz NOT NULL,
  -- TIMER_ORDER_CONFIRM after opening (pending_confirmation only): unconfirmed → cancelled, refunded.
  confirm_by          timestamptz,
  confirmed_at        timestamptz,
  completed_at        timestamptz,
  cancelled_at        timestamptz,
  CHECK (buyer_id <> provider_id),
  CHECK (cancel_requested_by IS NULL OR cancel_requested_by IN (buyer_id, provider_id))
);
-- A bid is hired once; a service is ordered many times.
CREATE UNIQUE INDEX orders_bid_idx ON orders (source_id) WHERE source_type = 'bid';
CREATE INDEX orders_service_idx ON orders (source_id) WHERE source_type = 'service';
-- "My orders", newest first, per role.
CREATE INDEX orders_buyer_idx ON orders (buyer_id, created_at DESC, id DESC);
CREATE INDEX orders_provider_idx ON orders (provider_id, created_at DESC, id DESC);

CREATE TABLE milestones (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id          uuid NOT NULL REFERENCES orders (id),
  -- 0, 1, 2 … in the order the work is done (and funded).
  index             smallint NOT NULL CHECK (index >= 0),
  title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  amount_minor      bigint NOT NULL CHECK (amount_minor > 0),
  status            text NOT NULL CHECK (status IN
                      ('pending_funding', 'funded', 'delivered', 'revision_requested', 'accepted',
                       'refunded', 'disputed', 'split')),
  revisions_allowed smallint NOT NULL CHECK (revisions_allowed BETWEEN 0 AND 100),
  revisions_used    smallint NOT NULL DEFAULT 0 CHECK (revisions_used >= 0),
  -- Days of work once the milestone is funded in a running order (or the order is confirmed).
  delivery_days     smallint CHECK (delivery_days BETWEEN 1 AND 3650),
  due_at            timestamptz,
  funded_at         timestamptz,
  delivered_at      timestamptz,
  accepted_at       timestamptz,
  refunded_at       timestamptz,
  CHECK (revisions_used <= revisions_allowed),
  UNIQUE (order_id, index)
);

-- What the provider delivered for a milestone (each delivery, also after a revision request);
-- its files are attachments of subject type 'delivery' keyed by the delivery's id.
CREATE TABLE milestone_deliveries (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  milestone_id  uuid NOT NULL REFERENCES milestones (id),
  text          text CHECK (length(text) <= 10000),
  at            timestamptz NOT NULL
);
CREATE INDEX milestone_deliveries_milestone_idx ON milestone_deliveries (milestone_id, at);
