-- A subscription covers a list of accounts (account_ids) or, when it is NULL, every account, now and later.
ALTER TABLE webhook_subscriptions ALTER COLUMN account_id DROP NOT NULL;
ALTER TABLE webhook_subscriptions ADD COLUMN account_ids bigint[];
-- Change-log entries up to start_seq happened before the subscription existed and are not sent.
ALTER TABLE webhook_subscriptions ADD COLUMN start_seq bigint NOT NULL DEFAULT 0;

-- One delivery stream per subscription and account: change-log seqs of one account commit in order (the writer's
-- per-account lock), so a cursor per account never skips an entry; accounts interleave, so one cursor could.
CREATE TABLE webhook_subscription_cursors (
    subscription_id     bigint      NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    account_id          bigint      NOT NULL REFERENCES integrated_accounts (id) ON DELETE CASCADE,
    last_delivered_seq  bigint      NOT NULL,
    attempts            integer     NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL DEFAULT now(),
    leased_until        timestamptz,
    last_error          text,
    PRIMARY KEY (subscription_id, account_id)
);
