-- +goose Up
-- Slack retries an Events API callback that it believes failed. Each
-- delivery id handled is kept here for a while, so a retry, or the same
-- delivery reaching a second replica, is recognised and skipped.
CREATE TABLE slack_deliveries (
    delivery_id text PRIMARY KEY,
    received_at timestamptz NOT NULL
);

CREATE INDEX slack_deliveries_received_at_idx ON slack_deliveries (received_at);

-- +goose Down
DROP TABLE slack_deliveries;
