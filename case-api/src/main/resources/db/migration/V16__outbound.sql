-- Outbound messaging (docs/outbound.md): contact preferences and opt-outs, message templates, canned responses,
-- and what the send ledger needs beyond V15's message table. Preferences hold codes and times only, no free text.

-- How and when a contact may be reached. safe_channels: comma-separated channel names, NULL = any channel;
-- safe_windows: JSON array of {"days": ["MON", ...], "from": "09:00", "to": "17:00"} in the contact's time_zone,
-- NULL = any time. do_not_contact refuses every send.
CREATE TABLE contact_preference (
    contact_id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id          VARCHAR(64)  NOT NULL,
    preferred_channel  VARCHAR(20),
    safe_channels      VARCHAR(200),
    time_zone          VARCHAR(64),
    safe_windows       TEXT,
    do_not_contact     BOOLEAN      NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by         VARCHAR(100) NOT NULL,
    version            BIGINT       NOT NULL
);

-- Per-channel opt-outs: when, how (STOP_KEYWORD, AGENT) and, for keywords, the inbound message that said it.
CREATE TABLE contact_opt_out (
    contact_id         VARCHAR(36)  NOT NULL,
    channel            VARCHAR(20)  NOT NULL,
    tenant_id          VARCHAR(64)  NOT NULL,
    opted_out_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    source             VARCHAR(20)  NOT NULL,
    source_message_id  VARCHAR(36),
    recorded_by        VARCHAR(100) NOT NULL,
    CONSTRAINT pk_contact_opt_out PRIMARY KEY (contact_id, channel)
);

-- A tenant's message templates. body holds {{variables}}; for WhatsApp, provider_template_name is the name Meta
-- approved and parameter_order (JSON array of variable names) maps variables to the template's {{1}}, {{2}}, ...
CREATE TABLE message_template (
    id                      VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id               VARCHAR(64)  NOT NULL,
    channel                 VARCHAR(20)  NOT NULL,
    name                    VARCHAR(100) NOT NULL,
    language                VARCHAR(20)  NOT NULL,
    body                    TEXT         NOT NULL,
    provider_template_name  VARCHAR(200),
    parameter_order         TEXT,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by              VARCHAR(100) NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by              VARCHAR(100) NOT NULL,
    version                 BIGINT       NOT NULL,
    CONSTRAINT uq_message_template UNIQUE (tenant_id, channel, name, language)
);

-- A tenant's canned responses for agents: body with {{variables}}, tags as a JSON array.
CREATE TABLE canned_response (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id   VARCHAR(64)  NOT NULL,
    title       VARCHAR(200) NOT NULL,
    body        TEXT         NOT NULL,
    tags        TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(100) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(100) NOT NULL,
    version     BIGINT       NOT NULL
);
CREATE INDEX ix_canned_response_tenant ON canned_response (tenant_id, title);

-- The send ledger: the caller's Idempotency-Key (unique per tenant and caller) with a hash of the request, so a
-- repeated key answers with the message it made and a key reused for another request is refused; who overrode the
-- contact's safety preferences (not possible for survivor support).
ALTER TABLE message ADD COLUMN idempotency_key VARCHAR(200);
ALTER TABLE message ADD COLUMN request_hash VARCHAR(64);
ALTER TABLE message ADD COLUMN preferences_overridden_by VARCHAR(100);
CREATE UNIQUE INDEX uq_message_idempotency ON message (tenant_id, created_by, idempotency_key);
