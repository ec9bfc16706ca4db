-- +goose Up
-- The notices that reached Slack, one row per notice key, with the channel
-- and timestamp of the message. A notice job that is retried after its
-- message was sent finds its key here and sends nothing. River's own
-- tables, which hold the jobs, are created by River's migrations.
CREATE TABLE sent_notices (
    key     text PRIMARY KEY,
    channel text NOT NULL,
    ts      text NOT NULL,
    sent_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE sent_notices;
