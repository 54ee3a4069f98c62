-- kb-bridge store. Synced items are keyed by (account_id, remote id): Discourse's numeric ids as bigint (keyset
-- order is numeric ascending), tags by name (ordered bytewise, COLLATE "C"). Each item keeps the source's
-- created_at/updated_at, our first_synced_at/last_changed_at, a content hash (unchanged items are never
-- rewritten), the Discourse object as remote_data, and deleted_at for tombstones.

CREATE TABLE integrated_accounts (
    id                     bigserial   PRIMARY KEY,
    name                   text        NOT NULL,
    base_url               text        NOT NULL,
    api_username           text        NOT NULL,
    key_kind               text        NOT NULL CHECK (key_kind IN ('global', 'user')),
    rate_limit_per_minute  integer     NOT NULL CHECK (rate_limit_per_minute > 0),
    -- AES-256-GCM under the master key; the associated data binds each ciphertext to its account and purpose
    api_key_sealed         bytea       NOT NULL,
    api_key_nonce          bytea       NOT NULL,
    webhook_secret_sealed  bytea,
    webhook_secret_nonce   bytea,
    sync_schedule          text        NOT NULL,
    sync_categories        bigint[]    NOT NULL DEFAULT '{}',
    sync_tags              text[]      NOT NULL DEFAULT '{}',
    sync_include_private   boolean     NOT NULL DEFAULT false,
    status                 text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'credentials_invalid')),
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CHECK ((webhook_secret_sealed IS NULL) = (webhook_secret_nonce IS NULL))
);

CREATE TABLE collections (
    account_id       bigint      NOT NULL REFERENCES integrated_accounts (id) ON DELETE CASCADE,
    id               bigint      NOT NULL,
    name             text        NOT NULL,
    description      text,
    parent_id        bigint,
    visibility       text        NOT NULL CHECK (visibility IN ('public', 'private')),
    position         integer     NOT NULL DEFAULT 0,
    url              text,
    updated_at       timestamptz,
    content_hash     text        NOT NULL,
    remote_data      jsonb,
    deleted_at       timestamptz,
    first_synced_at  timestamptz NOT NULL DEFAULT now(),
    last_changed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, id)
);
CREATE INDEX collections_parent ON collections (account_id, parent_id);
CREATE INDEX collections_updated ON collections (account_id, updated_at);

CREATE TABLE pages (
    account_id           bigint      NOT NULL REFERENCES integrated_accounts (id) ON DELETE CASCADE,
    id                   bigint      NOT NULL,
    title                text        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('published', 'archived', 'deleted')),
    collection_id        bigint,
    created_by_id        text,
    created_by_username  text,
    created_by_name      text,
    visibility           text        NOT NULL CHECK (visibility IN ('public', 'private')),
    has_accepted_answer  boolean     NOT NULL DEFAULT false,
    views                integer     NOT NULL DEFAULT 0,
    reply_count          integer     NOT NULL DEFAULT 0,
    like_count           integer     NOT NULL DEFAULT 0,
    url                  text,
    created_at           timestamptz,
    updated_at           timestamptz,
    content_hash         text        NOT NULL,
    remote_data          jsonb,
    deleted_at           timestamptz,
    first_synced_at      timestamptz NOT NULL DEFAULT now(),
    last_changed_at      timestamptz NOT NULL DEFAULT now(),
    search               tsvector    GENERATED ALWAYS AS (to_tsvector('english', title)) STORED,
    PRIMARY KEY (account_id, id)
);
CREATE INDEX pages_collection ON pages (account_id, collection_id, id);
CREATE INDEX pages_updated ON pages (account_id, updated_at);
CREATE INDEX pages_search ON pages USING gin (search);

-- The page's tags as Discourse reported them; a tag need not be a synced tag row (yet).
CREATE TABLE page_tags (
    account_id  bigint NOT NULL,
    page_id     bigint NOT NULL,
    tag_name    text   COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, page_id, tag_name),
    FOREIGN KEY (account_id, page_id) REFERENCES pages (account_id, id) ON DELETE CASCADE
);
CREATE INDEX page_tags_tag ON page_tags (account_id, tag_name, page_id);

CREATE TABLE page_contents (
    account_id       bigint      NOT NULL REFERENCES integrated_accounts (id) ON DELETE CASCADE,
    id               bigint      NOT NULL,
    page_id          bigint      NOT NULL,
    raw              text,
    cooked           text,
    url              text,
    created_at       timestamptz,
    updated_at       timestamptz,
    content_hash     text        NOT NULL,
    remote_data      jsonb,
    deleted_at       timestamptz,
    first_synced_at  timestamptz NOT NULL DEFAULT now(),
    last_changed_at  timestamptz NOT NULL DEFAULT now(),
    search           tsvector    GENERATED ALWAYS AS (to_tsvector('english', coalesce(raw, ''))) STORED,
    PRIMARY KEY (account_id, id)
);
CREATE INDEX page_contents_page ON page_contents (account_id, page_id, id);
CREATE INDEX page_contents_updated ON page_contents (account_id, updated_at);
CREATE INDEX page_contents_search ON page_contents USING gin (search);

CREATE TABLE comments (
    account_id            bigint      NOT NULL REFERENCES integrated_accounts (id) ON DELETE CASCADE,
    id                    bigint      NOT NULL,
    page_id               bigint      NOT NULL,
    post_number           integer     NOT NULL,
    reply_to_post_number  integer,
    raw                   text,
    cooked                text,
    created_by_id         text,
    created_by_username   text,
    created_by_name       text,
    accepted              boolean     NOT NULL DEFAULT false,
    like_count            integer     NOT NULL DEFAULT 0,
    url                   text,
    created_at            timestamptz,
    updated_at            timestamptz,
    content_hash          text        NOT NULL,
    remote_data           jsonb,
    deleted_at            timestamptz,
    first_synced_at       timestamptz NOT NULL DEFAULT now(),
    last_changed_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, id)
);
CREATE INDEX comments_page ON comments (account_id, page_id, id);
CREATE INDEX comments_post_number ON comments (account_id, page_id, post_number);
CREATE INDEX comments_accepted ON comments (account_id, page_id, id) WHERE accepted AND deleted_at IS NULL;
CREATE INDEX comments_updated ON comments (account_id, updated_at);

CREATE TABLE tags (
    account_id       bigint      NOT NULL REFERENCES integrated_accounts (id) ON DELETE CASCADE,
    name             text        COLLATE "C" NOT NULL,
    description      text,
    updated_at       timestamptz,
    content_hash     text        NOT NULL,
    remote_data      jsonb,
    deleted_at       timestamptz,
    first_synced_at  timestamptz NOT NULL DEFAULT now(),
    last_changed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, name)
);
CREATE INDEX tags_updated ON tags (account_id, updated_at);

CREATE TABLE sync_runs (
    id                bigserial   PRIMARY KEY,
    account_id        bigint      NOT NULL REFERENCES integrated_accounts (id) ON DELETE CASCADE,
    mode              text        NOT NULL CHECK (mode IN ('incremental', 'full', 'reconcile')),
    status            text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    queued_at         timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    finished_at       timestamptz,
    progress_done     bigint      NOT NULL DEFAULT 0,
    progress_total    bigint      NOT NULL DEFAULT 0,
    progress_unit     text        NOT NULL DEFAULT 'posts',
    requests          bigint      NOT NULL DEFAULT 0,
    rate_limited      bigint      NOT NULL DEFAULT 0,
    retried           bigint      NOT NULL DEFAULT 0,
    created           bigint      NOT NULL DEFAULT 0,
    updated           bigint      NOT NULL DEFAULT 0,
    deleted           bigint      NOT NULL DEFAULT 0,
    unchanged         bigint      NOT NULL DEFAULT 0,
    error             text
);
-- At most one queued or running run per account, even with several nodes enqueueing at once.
CREATE UNIQUE INDEX sync_runs_one_active ON sync_runs (account_id) WHERE status IN ('queued', 'running');
CREATE INDEX sync_runs_account ON sync_runs (account_id, id);

CREATE TABLE sync_checkpoints (
    account_id  bigint      NOT NULL REFERENCES integrated_accounts (id) ON DELETE CASCADE,
    stream      text        NOT NULL,
    position    text        NOT NULL,
    run_id      bigint,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, stream)
);

-- What a full or reconcile run saw, so that afterwards everything unseen can be tombstoned without rewriting
-- the unchanged rows.
CREATE TABLE sync_seen (
    run_id      bigint NOT NULL,
    account_id  bigint NOT NULL REFERENCES integrated_accounts (id) ON DELETE CASCADE,
    resource    text   NOT NULL,
    remote_id   text   COLLATE "C" NOT NULL,
    PRIMARY KEY (run_id, resource, remote_id)
);

CREATE TABLE change_log (
    seq         bigserial   PRIMARY KEY,
    account_id  bigint      NOT NULL REFERENCES integrated_accounts (id) ON DELETE CASCADE,
    resource    text        NOT NULL,
    remote_id   text        NOT NULL,
    op          text        NOT NULL CHECK (op IN ('upsert', 'delete')),
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_account ON change_log (account_id, seq);

CREATE TABLE api_tokens (
    token_hash   text        PRIMARY KEY,
    admin        boolean     NOT NULL DEFAULT false,
    access       text        NOT NULL CHECK (access IN ('read', 'read_write')),
    account_ids  bigint[]    NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE idempotency_keys (
    account_id       bigint      NOT NULL REFERENCES integrated_accounts (id) ON DELETE CASCADE,
    key              text        NOT NULL,
    request_hash     text        NOT NULL,
    response_status  integer,
    response_body    text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE webhook_events_received (
    account_id   bigint      NOT NULL REFERENCES integrated_accounts (id) ON DELETE CASCADE,
    event_id     text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, event_id)
);
CREATE INDEX webhook_events_received_at ON webhook_events_received (received_at);

CREATE TABLE webhook_subscriptions (
    id                  bigserial   PRIMARY KEY,
    account_id          bigint      NOT NULL REFERENCES integrated_accounts (id) ON DELETE CASCADE,
    url                 text        NOT NULL,
    secret_sealed       bytea       NOT NULL,
    secret_nonce        bytea       NOT NULL,
    active              boolean     NOT NULL DEFAULT true,
    last_delivered_seq  bigint      NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_account ON webhook_subscriptions (account_id);

CREATE TABLE webhook_deliveries (
    id               bigserial   PRIMARY KEY,
    subscription_id  bigint      NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    seq              bigint      NOT NULL,
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (subscription_id, seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
