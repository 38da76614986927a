-- The case whose data key sealed a version's content (it is part of the content's associated data and
-- stays when a merge moves the document to another case). NULL: plaintext stored before encryption.
ALTER TABLE document_version ADD COLUMN content_case_id VARCHAR(36);

-- Payment card numbers found in free text, replaced there by their token. The number is held only as a
-- FieldCipher ciphertext (table card_vault, row = token, field pan) under the case's data key, so
-- shredding the case's keys shreds its card numbers too.
CREATE TABLE card_vault (
    token       VARCHAR(40)  NOT NULL PRIMARY KEY,
    tenant_id   VARCHAR(64)  NOT NULL,
    case_id     VARCHAR(36)  NOT NULL,
    pan         TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_card_vault_case ON card_vault (case_id);
