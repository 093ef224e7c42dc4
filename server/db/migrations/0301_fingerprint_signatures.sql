-- The originality guard verifies a hash match by correlating small normalised grey thumbnails
-- (16×16 = 256 bytes, of the whole image and of the trimmed image): measured to cut false matches
-- between distinct designs by more than half at the same hit rate (docs/ORIGINALITY.md). Rows
-- written before this migration have none ('') and are matched by the hash alone.
ALTER TABLE image_fingerprints
  ADD COLUMN signature      bytea NOT NULL DEFAULT '\x',
  ADD COLUMN signature_trim bytea NOT NULL DEFAULT '\x';
