-- Contacts (data subjects) and legal holds (docs/data-protection.md, "Subject rights").
-- display_name, phone_e164 and email hold ciphertexts under the contact's own data key (subject CONTACT),
-- so destroying that key erases them everywhere, backups included.
CREATE TABLE contact (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    display_name  TEXT,
    phone_e164    TEXT,
    email         TEXT,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(100) NOT NULL,
    erased_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_contact_tenant ON contact (tenant_id);
CREATE INDEX ix_case_record_contact ON case_record (contact_id);

-- A hold keeps a subject's data from erasure (litigation, investigations) until released.
CREATE TABLE legal_hold (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    subject_type  VARCHAR(20)  NOT NULL,            -- CONTACT (cases are held through their contact)
    subject_id    VARCHAR(36)  NOT NULL,
    reason        VARCHAR(500) NOT NULL,
    placed_by     VARCHAR(100) NOT NULL,
    placed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    released_by   VARCHAR(100),
    released_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_legal_hold_subject ON legal_hold (subject_type, subject_id);

-- Set when a case's data was erased (subject erasure or retention); the row keeps ids, dates and codes only.
ALTER TABLE case_record ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_case_record_retention ON case_record (tenant_id, status, closed_at);
