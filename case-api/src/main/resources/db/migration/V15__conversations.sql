-- Conversations across channels (docs/conversations.md). Message content, addresses and raw payloads are
-- FieldCipher ciphertexts under the case's data key once the message belongs to a case, under the tenant's
-- inbound data key before that. Lookups of encrypted handles go through a blind index: Pseudonymizer tokens
-- (keyed HMAC per tenant), never the clear value.

-- A tenant's presence on a channel: a Twilio number, a WhatsApp phone number id, a Facebook page, an Instagram
-- account, a mailbox, the web chat. settings (JSON) hold non-secret settings; secret_refs (JSON) map a secret's
-- name to the environment variable holding it. The address is unique per channel: it decides the tenant.
CREATE TABLE channel_account (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id    VARCHAR(64)  NOT NULL,
    channel      VARCHAR(20)  NOT NULL,              -- SMS, WHATSAPP, EMAIL, WEBCHAT, MESSENGER, INSTAGRAM
    provider     VARCHAR(20)  NOT NULL,              -- twilio, meta, smtp, imap, webchat
    address      VARCHAR(320) NOT NULL,
    case_type    VARCHAR(64),
    settings     TEXT         NOT NULL,
    secret_refs  TEXT         NOT NULL,
    enabled      BOOLEAN      NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_channel_account_address UNIQUE (channel, address)
);
CREATE INDEX ix_channel_account_tenant ON channel_account (tenant_id);

-- The handles a contact is reachable under. handle is a ciphertext under the contact's data key (erasing the
-- contact erases it); handle_index is the Pseudonymizer token of the normalised handle (E.164, lower-cased email,
-- provider user id), so one handle maps to one contact per tenant.
CREATE TABLE contact_identity (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    contact_id    VARCHAR(36)  NOT NULL,
    kind          VARCHAR(20)  NOT NULL,             -- PHONE, EMAIL, WHATSAPP, MESSENGER, INSTAGRAM, WEBCHAT
    handle        TEXT         NOT NULL,
    handle_index  VARCHAR(100) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(100) NOT NULL,
    CONSTRAINT uq_contact_identity UNIQUE (tenant_id, kind, handle_index)
);
CREATE INDEX ix_contact_identity_contact ON contact_identity (contact_id);

-- One thread with a contact on one channel account, attached to the case it belongs to. last_inbound_at opens
-- the 24-hour customer-service window of WhatsApp and Messenger.
CREATE TABLE conversation (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id        VARCHAR(64)  NOT NULL,
    channel          VARCHAR(20)  NOT NULL,
    account_id       VARCHAR(36)  NOT NULL,
    contact_id       VARCHAR(36),
    case_id          VARCHAR(36),
    status           VARCHAR(20)  NOT NULL,          -- OPEN, CLOSED
    last_message_id  VARCHAR(36),
    last_message_at  TIMESTAMP WITH TIME ZONE,
    last_inbound_at  TIMESTAMP WITH TIME ZONE,
    unread_count     INTEGER      NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_conversation_inbox ON conversation (tenant_id, last_message_at);
CREATE INDEX ix_conversation_case ON conversation (case_id);
CREATE INDEX ix_conversation_contact ON conversation (contact_id, channel);

-- Every message in and out. Inbound rows are stored first (state RECEIVED) and processed asynchronously
-- (next_attempt_at drives retries); outbound rows are the send ledger: claimed_by_job/claimed_at mark a send in
-- flight, provider_message_id is set once the provider took it, and delivery callbacks move state forward only.
CREATE TABLE message (
    id                   VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id            VARCHAR(64)  NOT NULL,
    channel              VARCHAR(20)  NOT NULL,
    direction            VARCHAR(10)  NOT NULL,       -- INBOUND, OUTBOUND
    account_id           VARCHAR(36)  NOT NULL,
    conversation_id      VARCHAR(36),
    case_id              VARCHAR(36),
    contact_id           VARCHAR(36),
    provider_message_id  VARCHAR(500),
    sender               TEXT,                        -- ciphertext: from-handle (inbound) or agent user id (outbound, clear)
    recipient            TEXT,                        -- ciphertext: to-handle (outbound)
    subject              TEXT,                        -- ciphertext
    body                 TEXT,                        -- ciphertext
    template_name        VARCHAR(200),
    template_params      TEXT,                        -- ciphertext of a JSON array
    in_reply_to          VARCHAR(998),                -- email threading (Message-ID of the parent)
    thread_refs          TEXT,                        -- email References, space separated
    raw_payload          TEXT,                        -- ciphertext of the provider payload (inbound)
    state                VARCHAR(20)  NOT NULL,       -- in: RECEIVED, PROCESSED, FAILED; out: QUEUED, SENDING, SENT, DELIVERED, READ, FAILED, REFUSED, IN_DOUBT
    error_code           VARCHAR(100),
    error_reason         VARCHAR(500),
    attempts             INTEGER      NOT NULL,
    next_attempt_at      TIMESTAMP WITH TIME ZONE,
    claimed_by_job       VARCHAR(64),
    claimed_at           TIMESTAMP WITH TIME ZONE,
    created_by           VARCHAR(100),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at              TIMESTAMP WITH TIME ZONE,
    delivered_at         TIMESTAMP WITH TIME ZONE,
    read_at              TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_message_provider_id UNIQUE (channel, provider_message_id)
);
CREATE INDEX ix_message_conversation ON message (conversation_id, created_at);
CREATE INDEX ix_message_case ON message (case_id, created_at);
CREATE INDEX ix_message_pending ON message (direction, state, next_attempt_at);

-- Media of a message: fetched from the provider (inbound) or sent with it (outbound); stored as case documents.
CREATE TABLE message_attachment (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    message_id    VARCHAR(36)  NOT NULL,
    tenant_id     VARCHAR(64)  NOT NULL,
    document_id   VARCHAR(36),                        -- set once stored as a case document
    media_url     TEXT,                               -- ciphertext: provider URL still to fetch
    content_type  VARCHAR(200),
    file_name     VARCHAR(500),
    state         VARCHAR(20)  NOT NULL,              -- PENDING, STORED, FAILED
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_message_attachment_message ON message_attachment (message_id);
