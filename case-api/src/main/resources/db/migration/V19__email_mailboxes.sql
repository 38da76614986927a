-- IMAP polling state per mailbox (docs/channels-email.md). One row per channel account and folder: the folder's
-- UIDVALIDITY and the highest UID handed to inbound reception, so each message is read once. A node polls a
-- mailbox only while it holds the lease (claimed_by/claimed_until); last_uid only moves forward and only for the
-- lease holder, so a node whose lease ran out cannot move it back.
CREATE TABLE email_mailbox (
    account_id     VARCHAR(36)  NOT NULL,
    folder         VARCHAR(200) NOT NULL,
    tenant_id      VARCHAR(64)  NOT NULL,
    uid_validity   BIGINT,
    last_uid       BIGINT       NOT NULL,
    claimed_by     VARCHAR(64),
    claimed_until  TIMESTAMP WITH TIME ZONE,
    last_polled_at TIMESTAMP WITH TIME ZONE,
    last_error     VARCHAR(500),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_email_mailbox PRIMARY KEY (account_id, folder)
);
