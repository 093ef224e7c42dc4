-- Top-ups through a payment provider, the provider's events (inbox), withdrawals.
CREATE TABLE top_ups (
  id           text PRIMARY KEY,
  account_id   text NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0 AND amount_minor <= 1000000000000),
  currency     text NOT NULL DEFAULT 'CNY',
  method       text NOT NULL CHECK (method IN ('alipay', 'wechat', 'card')),
  provider     text NOT NULL,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  settled_at   timestamptz,
  CHECK ((status = 'pending') = (settled_at IS NULL))
);
CREATE INDEX top_ups_account_idx ON top_ups (account_id, created_at DESC);

-- Each provider event is recorded once, whatever the number of deliveries.
CREATE TABLE payment_events (
  provider     text NOT NULL,
  event_id     text NOT NULL,
  type         text NOT NULL,
  payload      jsonb NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  deliveries   integer NOT NULL DEFAULT 1,
  outcome      text NOT NULL,
  PRIMARY KEY (provider, event_id)
);

CREATE TABLE withdrawals (
  id                  text PRIMARY KEY,
  account_id          text NOT NULL,
  amount_minor        bigint NOT NULL CHECK (amount_minor > 0 AND amount_minor <= 1000000000000),
  currency            text NOT NULL DEFAULT 'CNY',
  destination_method  text NOT NULL CHECK (destination_method IN ('alipay', 'bank')),
  destination_account text NOT NULL CHECK (length(destination_account) BETWEEN 1 AND 100),
  provider            text NOT NULL,
  status              text NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'approved', 'paid', 'failed', 'rejected')),
  reviewed_by         text,
  failure_reason      text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX withdrawals_account_idx ON withdrawals (account_id, created_at DESC);
CREATE INDEX withdrawals_status_idx ON withdrawals (status, created_at);
