-- Notes, documents, links and merging of cases (V1 has their tables; this adds what merging and
-- versioned uploads need). Portable SQL: H2 and PostgreSQL.

-- Set when a merge moved the document here from a duplicate case (notes and interactions have it since V1).
ALTER TABLE document ADD COLUMN moved_from_case_id VARCHAR(36);

-- A new version may arrive under another name; each download offers the name its version was uploaded with.
ALTER TABLE document_version ADD COLUMN file_name VARCHAR(255);

-- Links are listed in both directions: by source (covered by uq_case_link) and by target (ix_case_link_target).
-- Notes are listed newest first per case (ix_case_note_case); nothing else needs an index.
