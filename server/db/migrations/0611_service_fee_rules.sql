-- Issue 10: an order snapshots its fee with feeBpsFor(mode 'tender' for a hired bid, 'service' for
-- an ordered package); operators may set a rule for the service way of buying too.
ALTER TABLE fee_rules DROP CONSTRAINT fee_rules_mode_check;
ALTER TABLE fee_rules ADD CONSTRAINT fee_rules_mode_check
  CHECK (mode IN ('contest', 'piecework', 'tender', 'service'));
