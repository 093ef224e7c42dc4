-- The originality guard's second version (issue 12, docs/ORIGINALITY.md): candidates by pHash found
-- through an index instead of a scan of every row, mirrored copies, and a strict verification on
-- thumbnails before anything is flagged.
--
-- 1. pHashes of the mirrored picture (whole, trimmed): a new upload is looked up with them too, so
--    a flipped copy is found. NULL for rows fingerprinted before this migration: they are still
--    found as earlier images, and they are never new uploads again.
-- 2. Verification thumbnails, grey bytes: 64 × 64 of the whole picture, 128 × 128 of the trimmed
--    box. Rows from before have none ('') and are verified by their 16 × 16 signatures as before.
-- 3. Multi-index hashing: each stored 64-bit pHash (whole, trimmed) split into four 16-bit chunks,
--    generated (so every row, old ones included, has them at once) and indexed. Two hashes at most
--    11 bits apart have at least one chunk at most 2 bits apart (pigeonhole), so the lookup asks for
--    the rows whose chunks are near the query's chunks, and only those are compared in full.
ALTER TABLE image_fingerprints
  ADD COLUMN phash_mirror      bit(64),
  ADD COLUMN phash_trim_mirror bit(64),
  ADD COLUMN thumb             bytea NOT NULL DEFAULT '\x',
  ADD COLUMN thumb_trim        bytea NOT NULL DEFAULT '\x',
  ADD COLUMN phash_c0 integer GENERATED ALWAYS AS (substring(phash from 1 for 16)::bit(16)::integer) STORED,
  ADD COLUMN phash_c1 integer GENERATED ALWAYS AS (substring(phash from 17 for 16)::bit(16)::integer) STORED,
  ADD COLUMN phash_c2 integer GENERATED ALWAYS AS (substring(phash from 33 for 16)::bit(16)::integer) STORED,
  ADD COLUMN phash_c3 integer GENERATED ALWAYS AS (substring(phash from 49 for 16)::bit(16)::integer) STORED,
  ADD COLUMN trim_c0  integer GENERATED ALWAYS AS (substring(phash_trim from 1 for 16)::bit(16)::integer) STORED,
  ADD COLUMN trim_c1  integer GENERATED ALWAYS AS (substring(phash_trim from 17 for 16)::bit(16)::integer) STORED,
  ADD COLUMN trim_c2  integer GENERATED ALWAYS AS (substring(phash_trim from 33 for 16)::bit(16)::integer) STORED,
  ADD COLUMN trim_c3  integer GENERATED ALWAYS AS (substring(phash_trim from 49 for 16)::bit(16)::integer) STORED;

CREATE INDEX image_fingerprints_phash_c0_idx ON image_fingerprints (phash_c0);
CREATE INDEX image_fingerprints_phash_c1_idx ON image_fingerprints (phash_c1);
CREATE INDEX image_fingerprints_phash_c2_idx ON image_fingerprints (phash_c2);
CREATE INDEX image_fingerprints_phash_c3_idx ON image_fingerprints (phash_c3);
CREATE INDEX image_fingerprints_trim_c0_idx ON image_fingerprints (trim_c0);
CREATE INDEX image_fingerprints_trim_c1_idx ON image_fingerprints (trim_c1);
CREATE INDEX image_fingerprints_trim_c2_idx ON image_fingerprints (trim_c2);
CREATE INDEX image_fingerprints_trim_c3_idx ON image_fingerprints (trim_c3);

-- Text entries (names, slogans) are checked for earlier exact and near-exact duplicates too, on
-- the text normalised in the database itself (so old rows have it at once): Unicode NFKC (full-width
-- letters and digits become half-width), lower case, spaces and punctuation removed (ASCII and CJK).
-- An index for the exact match; a trigram index (pg_trgm) for the near one.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE entries ADD COLUMN text_norm text GENERATED ALWAYS AS (
  nullif(regexp_replace(lower(normalize(text, NFKC)),
    '[[:space:][:punct:]。、，．！？：；「」『』（）《》〈〉【】〔〕…—～·・‘’“”]+', '', 'g'), '')
) STORED;
CREATE INDEX entries_text_norm_idx ON entries (text_norm) WHERE text_norm IS NOT NULL;
CREATE INDEX entries_text_norm_trgm_idx ON entries USING gin (text_norm gin_trgm_ops) WHERE text_norm IS NOT NULL;
