-- Web chat sessions (docs/channels-webchat.md). The session id is the visitor's handle on the WEBCHAT channel
-- (inbound messages come "from" it, agent replies go "to" it); the bearer token the widget holds is never
-- stored, only its SHA-256. prechat holds the pre-chat answers (nickname, topic) as a FieldCipher ciphertext
-- under the session's own data key (subject WEBCHAT/<session id>), which is shredded when the session ends.
CREATE TABLE webchat_session (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    account_id    VARCHAR(36)  NOT NULL,
    token_hash    VARCHAR(64)  NOT NULL,
    contact_id    VARCHAR(36),                       -- set once inbound processing resolved the visitor's contact
    prechat       TEXT,                              -- ciphertext of a JSON object
    consent_at    TIMESTAMP WITH TIME ZONE,          -- when the visitor ticked the consent box (null: not asked)
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at      TIMESTAMP WITH TIME ZONE,
    end_reason    VARCHAR(20),                       -- EXIT (quick exit), VISITOR, EXPIRED
    CONSTRAINT uq_webchat_session_token UNIQUE (token_hash)
);
CREATE INDEX ix_webchat_session_open ON webchat_session (ended_at, last_seen_at);

-- What the widget shows after a reconnect: the session's messages both ways, a short-lived copy deleted when the
-- session ends (the case keeps its messages in the message table). id is the message table's id. body is a
-- ciphertext under the session's data key. pushed_at: when an agent message reached an open socket on some node.
CREATE TABLE webchat_entry (
    id                 VARCHAR(36)  NOT NULL PRIMARY KEY,
    session_id         VARCHAR(36)  NOT NULL,
    tenant_id          VARCHAR(64)  NOT NULL,
    direction          VARCHAR(10)  NOT NULL,        -- INBOUND (visitor), OUTBOUND (agent)
    client_message_id  VARCHAR(64),
    body               TEXT         NOT NULL,
    state              VARCHAR(20)  NOT NULL,        -- SENT, DELIVERED, READ
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    pushed_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_webchat_entry_session ON webchat_entry (session_id, created_at);
CREATE INDEX ix_webchat_entry_unpushed ON webchat_entry (pushed_at, session_id);
