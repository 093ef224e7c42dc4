-- A watermarked thumbnail for everyone who may not have the original (API.md "Uploads": their
-- thumbnail and preview are reduced and watermarked). Made from the clean thumbnail on first request
-- (server/files/files.queries.ts markedThumbnailOf), so files uploaded before this migration — the
-- demo seed included — are covered without a batch job.
ALTER TABLE files DROP CONSTRAINT files_variant_check;
ALTER TABLE files ADD CONSTRAINT files_variant_check
  CHECK (variant IN ('original', 'thumbnail', 'preview', 'marked_thumbnail'));
