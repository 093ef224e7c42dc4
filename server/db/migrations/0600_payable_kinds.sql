-- Issues 10 and 11: a milestone of an order and a piece of a piece-rate task are payables too
-- (features/payables), with the same life and the same one auto-accept timer as a contest award.
ALTER TABLE payables DROP CONSTRAINT payables_kind_check;
ALTER TABLE payables ADD CONSTRAINT payables_kind_check
  CHECK (kind IN ('contest_award', 'milestone', 'piece'));
