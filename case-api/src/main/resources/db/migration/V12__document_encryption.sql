-- The case whose data key sealed a version's content (it is part of the content's associated data and
-- stays when a merge moves the document to another case). NULL: plaintext stored before encryption.
ALTER TABLE document_version ADD COLUMN content_case_id VARCHAR(36);
