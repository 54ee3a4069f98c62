-- Writes claim their Idempotency-Key before calling Discourse: a row is in_progress until its answer is stored
-- (completed), or unknown when Discourse's answer was lost and the write may have landed.
ALTER TABLE idempotency_keys
    ADD COLUMN state      text        NOT NULL DEFAULT 'completed'
        CHECK (state IN ('in_progress', 'unknown', 'completed')),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
