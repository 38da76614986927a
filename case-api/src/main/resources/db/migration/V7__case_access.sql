-- Named people who may see a case beyond its team, assignee and creator: how someone outside the team is
-- let into a restricted case (e.g. survivor support). Granted and revoked by supervisors; audited.
CREATE TABLE case_access (
    case_id     VARCHAR(36)  NOT NULL,
    user_id     VARCHAR(100) NOT NULL,
    tenant_id   VARCHAR(64)  NOT NULL,
    granted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    granted_by  VARCHAR(100) NOT NULL,
    CONSTRAINT pk_case_access PRIMARY KEY (case_id, user_id)
);
CREATE INDEX ix_case_access_user ON case_access (user_id);
