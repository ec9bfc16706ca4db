-- +goose Up
-- Each "Carry on" answer to a review prompt: one person chose to keep an
-- ongoing relationship going. It changes no status. A "Finish" answer is a
-- status change, which invitation_events records.
CREATE TABLE review_continuations (
    invitation_id bigint REFERENCES invitations ON DELETE CASCADE,
    user_id       text NOT NULL,
    decided_at    timestamptz NOT NULL,
    PRIMARY KEY (invitation_id, user_id, decided_at)
);

-- +goose Down
DROP TABLE review_continuations;
