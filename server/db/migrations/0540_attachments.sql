-- Issue 13, files (docs/FILES.md "Attachments"): one table says which files belong to what, for
-- every subject — an entry's submitted work (`entry`), its handover (`handover`, keyed by the
-- entry's id), and later a delivery, a message, dispute evidence — instead of a link table per
-- subject. The subject's feature registers who may download what (server/files/serve.ts).
CREATE TABLE attachments (
  -- A file belongs to one subject, once (an upload arrives with the thing it belongs to).
  file_id      uuid PRIMARY KEY REFERENCES files (id),
  subject_type text NOT NULL CHECK (subject_type ~ '^[a-z][a-z_]{0,39}$'),
  -- No foreign key: subjects live in many tables. A uuid, as every subject's id is.
  subject_id   uuid NOT NULL,
  -- The order the files were given in, from 0, per subject.
  position     smallint NOT NULL CHECK (position >= 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subject_type, subject_id, position)
);

-- The rows of entry_files move over unchanged (their order included); then it goes.
INSERT INTO attachments (file_id, subject_type, subject_id, position, created_at)
SELECT ef.file_id,
       CASE ef.purpose WHEN 'submission' THEN 'entry' ELSE 'handover' END,
       ef.entry_id,
       ef.position,
       f.created_at
FROM entry_files ef JOIN files f ON f.id = ef.file_id;

DROP TABLE entry_files;
