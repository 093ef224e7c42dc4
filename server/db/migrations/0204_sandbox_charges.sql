-- The sandbox payment provider's own memory: a top-up is paid (or failed) at the provider once.
-- A real provider keeps this on its side; the sandbox keeps it here, apart from our top_ups.
CREATE TABLE sandbox_charges (
  top_up_id  text PRIMARY KEY,
  outcome    text NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
  created_at timestamptz NOT NULL DEFAULT now()
);
