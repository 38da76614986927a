-- AI gateway (docs/ai-gateway.md): per-tenant service configuration, usage metering, an audit record of every AI
-- result and a result cache. Outputs and cached values may contain personal data: they are stored through
-- FieldCipher (AES-GCM, associated data = table/row/field/tenant), never in clear.

-- One row per tenant and service once an administrator changed something; without a row the sector defaults apply.
CREATE TABLE ai_service_config (
    tenant_id      VARCHAR(64)  NOT NULL,
    service        VARCHAR(32)  NOT NULL,              -- AiService name (SENTIMENT, TRANSLATION, ...)
    enabled        BOOLEAN      NOT NULL,
    -- JSON array in chain order (= fallback order): [{"id": "...", "settings": {..}, "secretRefs": {"apiKey": "ENV_VAR"}}]
    -- secretRefs hold names of environment variables, never secret values.
    providers      TEXT         NOT NULL,
    redaction      BOOLEAN      NOT NULL,
    quota_limit    INTEGER,                            -- requests per period; NULL = unlimited
    quota_period   VARCHAR(8)   NOT NULL,              -- DAY or MONTH (UTC)
    version        INTEGER      NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by     VARCHAR(100) NOT NULL,
    CONSTRAINT pk_ai_service_config PRIMARY KEY (tenant_id, service)
);

-- Requests the gateway accepted per tenant, service and period (the start of the UTC day or month).
CREATE TABLE ai_usage (
    tenant_id      VARCHAR(64)  NOT NULL,
    service        VARCHAR(32)  NOT NULL,
    period_start   DATE         NOT NULL,
    requests       INTEGER      NOT NULL,
    provider_calls INTEGER      NOT NULL,
    cache_hits     INTEGER      NOT NULL,
    CONSTRAINT pk_ai_usage PRIMARY KEY (tenant_id, service, period_start)
);

-- Every AI result (and every refusal: disabled, unavailable) for audit and for "AI-generated" labels.
CREATE TABLE ai_result (
    id               VARCHAR(40)  NOT NULL PRIMARY KEY,
    tenant_id        VARCHAR(64)  NOT NULL,
    service          VARCHAR(32)  NOT NULL,
    outcome          VARCHAR(16)  NOT NULL,            -- OK, DISABLED, UNAVAILABLE
    provider_id      VARCHAR(64),
    provider_version VARCHAR(100),
    input_hash       VARCHAR(64)  NOT NULL,            -- SHA-256 (hex) of the canonical input
    output           TEXT,                             -- JSON of the result, encrypted (FieldCipher)
    latency_ms       BIGINT       NOT NULL,
    cache_hit        BOOLEAN      NOT NULL,
    fallback_used    BOOLEAN      NOT NULL,
    redacted         BOOLEAN      NOT NULL,            -- personal data was replaced by placeholders before the call
    requested_by     VARCHAR(100) NOT NULL,            -- user id, or worker/process name
    object_type      VARCHAR(32),                      -- what the call was about, e.g. case, message
    object_id        VARCHAR(100),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_ai_result_tenant_created ON ai_result (tenant_id, created_at);
CREATE INDEX ix_ai_result_object ON ai_result (tenant_id, object_type, object_id);

-- Result cache. cache_key = SHA-256 of service, provider id, provider version, settings hash, redaction flag and
-- input hash; the value is encrypted under the tenant's AI key.
CREATE TABLE ai_cache (
    tenant_id      VARCHAR(64)  NOT NULL,
    cache_key      VARCHAR(64)  NOT NULL,
    service        VARCHAR(32)  NOT NULL,
    provider_id    VARCHAR(64)  NOT NULL,
    provider_version VARCHAR(100) NOT NULL,
    cached_value   TEXT         NOT NULL,              -- result JSON, encrypted (FieldCipher); VALUE is reserved in H2
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ai_cache PRIMARY KEY (tenant_id, cache_key)
);
CREATE INDEX ix_ai_cache_expires ON ai_cache (expires_at);
