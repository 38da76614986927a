-- Rate limits and throttles shared by every node (security.JdbcRateCounters; docs/security.md): failed logins,
-- refused webhooks and API budgets. key_hash is a keyed hash (Pseudonymizer) of the counted key, which may be a
-- user name or an address: those are never stored in clear. Times are epoch microseconds so that one statement
-- can do the arithmetic on PostgreSQL and H2 alike. A row whose expires_us has passed means the same as no row;
-- a scheduled purge deletes such rows. (db/vendor/postgresql has the same table, UNLOGGED.)
CREATE TABLE rate_counter (
    kind        VARCHAR(40) NOT NULL,  -- what is counted, e.g. login-failures, api-user
    key_hash    VARCHAR(64) NOT NULL,
    hits        BIGINT      NOT NULL,  -- counting windows: hits in the open window; token buckets: 0
    noticed     BOOLEAN     NOT NULL,  -- counting windows: the once-per-window notice (audit event) was taken
    -- counting windows: when the window closes; token buckets: when the bucket is full again
    expires_us  BIGINT      NOT NULL,
    CONSTRAINT pk_rate_counter PRIMARY KEY (kind, key_hash)
);

CREATE INDEX ix_rate_counter_expires ON rate_counter (expires_us);
