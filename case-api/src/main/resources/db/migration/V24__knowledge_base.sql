-- A tenant's knowledge base (docs/knowledge-base.md): question-and-answer articles the offline FAQ bot answers from
-- and next best action retrieves. Tenant content, not personal data, so stored in clear. alternative_questions and
-- tags are JSON arrays of strings. source_key names the shipped default an article was imported from
-- (<sector>/<id>-<language>), so importing the defaults twice adds nothing; NULL for articles written by people.
CREATE TABLE knowledge_article (
    id                     VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id              VARCHAR(64)  NOT NULL,
    question               VARCHAR(500) NOT NULL,
    alternative_questions  TEXT         NOT NULL,
    answer                 TEXT         NOT NULL,
    language               VARCHAR(8)   NOT NULL,              -- ISO 639-1
    tags                   TEXT         NOT NULL,
    status                 VARCHAR(16)  NOT NULL,              -- DRAFT, PUBLISHED, ARCHIVED
    source_key             VARCHAR(120),
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by             VARCHAR(100) NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by             VARCHAR(100) NOT NULL,
    version                BIGINT       NOT NULL
);
CREATE INDEX ix_knowledge_article_tenant ON knowledge_article (tenant_id, status, language);
CREATE UNIQUE INDEX uq_knowledge_article_source ON knowledge_article (tenant_id, source_key);
