-- The originality guard's colour check (issue 12, docs/ORIGINALITY.md "Colour layout"): a 16 × 16
-- grid of mean CIELAB (a, b) of the whole picture and of the trimmed box, 512 bytes each (a + 128,
-- b + 128). The grey verification cannot tell two badges of one template apart when only their
-- colours differ; a copy's colours are the original's turned by at most the hue-shift edit.
-- Rows from before have none ('') and skip the colour check, as before this migration.
ALTER TABLE image_fingerprints
  ADD COLUMN colour      bytea NOT NULL DEFAULT '\x',
  ADD COLUMN colour_trim bytea NOT NULL DEFAULT '\x';
