-- Issue 10, tenders (招标; PRODUCT.md "Four ways to buy" §3, API.md "Tenders, bids and orders"): a
-- buyer posts a need (nothing escrowed), providers bid a price, days and a plan in milestones, the
-- buyer accepts one bid and an order (features/orders) carries the money from then on.
-- A tender's shared columns stay in tasks: deadline_at is the bid deadline, selection_ends_at the
-- end of its selection (TIMER_TENDER_SELECTION after the bid deadline, fixed at posting), `sealed`
-- whether other providers see the bids' amounts and proposals.

-- A tender nobody was hired for by the end of selection is `closed` (it held no money).
ALTER TABLE tasks DROP CONSTRAINT tasks_status_check;
ALTER TABLE tasks ADD CONSTRAINT tasks_status_check CHECK (status IN
  ('open', 'selecting', 'awarded', 'completed', 'cancelled', 'refunded', 'hired', 'closed'));

-- What only a tender has (like contest_terms): the buyer's optional budget, shown to bidders.
CREATE TABLE tender_terms (
  task_id      uuid PRIMARY KEY REFERENCES tasks (id),
  budget_minor bigint CHECK (budget_minor > 0 AND budget_minor <= 1000000000000)
);

-- A provider's offer: price, days and the milestones the order will have if it is accepted
-- ([{ title, amountMinor }], 1–10, summing to amount_minor — checked by the use case, kept as
-- written: a bid never changes once made; a new offer is a new bid after a withdrawal).
CREATE TABLE bids (
  id           uuid PRIMARY KEY,
  task_id      uuid NOT NULL REFERENCES tasks (id),
  provider_id  uuid NOT NULL REFERENCES accounts (id),
  status       text NOT NULL CHECK (status IN ('submitted', 'withdrawn', 'accepted', 'declined')),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0 AND amount_minor <= 1000000000000),
  days         integer NOT NULL CHECK (days BETWEEN 1 AND 365),
  proposal     text NOT NULL CHECK (length(proposal) BETWEEN 1 AND 10000),
  milestones   jsonb NOT NULL CHECK (jsonb_typeof(milestones) = 'array'
                                     AND jsonb_array_length(milestones) BETWEEN 1 AND 10),
  -- The order the accepted bid opened (features/orders; no foreign key: the orders feature owns it).
  order_id     uuid,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
-- One active bid per provider per tender (a withdrawn or declined one does not count); the
-- use case answers 409 first, this makes two racing requests safe too.
CREATE UNIQUE INDEX bids_one_active_idx ON bids (task_id, provider_id)
  WHERE status IN ('submitted', 'accepted');
CREATE INDEX bids_task_idx ON bids (task_id, created_at, id);
CREATE INDEX bids_provider_idx ON bids (provider_id, created_at DESC);
