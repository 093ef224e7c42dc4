-- Marks a database that has received the demo seed, so it is seeded at most once — even after the
-- demo rows were deleted by hand. One row at most.
CREATE TABLE demo_seed (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seeded_at timestamptz NOT NULL DEFAULT now()
);
