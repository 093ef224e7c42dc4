-- The originality guard's edge check (issue 12, docs/ORIGINALITY.md "Edges"): the thin colour edges
-- of the whole picture and of the trimmed box at stroke resolution (server/files/edges.ts), 4 bytes
-- per edge pixel. Two badges of one template whose names differ are the same picture in the grey
-- and colour thumbnails; their letters' outlines are not. Rows from before have none ('') and skip
-- the check, as verified before this migration.
ALTER TABLE image_fingerprints
  ADD COLUMN edges      bytea NOT NULL DEFAULT '\x',
  ADD COLUMN edges_trim bytea NOT NULL DEFAULT '\x';
