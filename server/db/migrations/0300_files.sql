-- Uploaded files (PRODUCT.md "Bad input": uploads are checked by content). The bytes live in the
-- content-addressed store (server/files/storage.ts) under their sha256; a row says who uploaded
-- what, when, under which (sanitised) name. The same bytes uploaded twice are stored once but get
-- two rows. Derived images (thumbnail, watermarked preview) are rows too, pointing at their source.
CREATE TABLE files (
  id           uuid PRIMARY KEY,
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  byte_size    bigint NOT NULL CHECK (byte_size >= 0),
  -- Detected from the content (magic bytes), never taken from the client.
  media_type   text NOT NULL CHECK (media_type IN (
                 'image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf',
                 'application/zip', 'image/svg+xml', 'image/vnd.adobe.photoshop', 'application/postscript')),
  -- For Content-Disposition only; storage names are the hash.
  original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 200),
  width        integer CHECK (width > 0),
  height       integer CHECK (height > 0),
  -- The accounts table belongs to the accounts feature; no foreign key on purpose (yet).
  uploader_id  text,
  variant      text NOT NULL DEFAULT 'original' CHECK (variant IN ('original', 'thumbnail', 'preview')),
  derived_from uuid REFERENCES files (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((variant = 'original') = (derived_from IS NULL)),
  CHECK ((width IS NULL) = (height IS NULL))
);
CREATE INDEX files_sha256_idx ON files (sha256);
CREATE INDEX files_uploader_idx ON files (uploader_id, created_at);
CREATE UNIQUE INDEX files_derived_idx ON files (derived_from, variant) WHERE derived_from IS NOT NULL;

-- Perceptual fingerprints of original images (the originality guard, docs/ORIGINALITY.md): 64-bit
-- hashes as bit(64), so that bit_count(a # b) is the Hamming distance in SQL (PostgreSQL 14+) and
-- JavaScript never sees them as lossy numbers. pHash decides; dHash is kept for tuning. Each of the
-- whole image and of the image with uniform margins trimmed. uploader_id and created_at are copied
-- from the file so that the comparison against every earlier image reads one narrow table.
CREATE TABLE image_fingerprints (
  file_id     uuid PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
  phash       bit(64) NOT NULL,
  phash_trim  bit(64) NOT NULL,
  dhash       bit(64) NOT NULL,
  dhash_trim  bit(64) NOT NULL,
  uploader_id text,
  created_at  timestamptz NOT NULL
);
CREATE INDEX image_fingerprints_created_idx ON image_fingerprints (created_at);
