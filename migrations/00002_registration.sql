-- +goose Up
-- A person is identified by their Slack team and user ids. The row holds
-- the registration steps shared by both roles.
CREATE TABLE people (
    team_id               text NOT NULL,
    user_id               text NOT NULL,
    created_at            timestamptz NOT NULL,
    mentee_started_at     timestamptz,
    mentor_started_at     timestamptz,
    -- Where the person is in the learning package: an empty place id is
    -- the campus map.
    learning_place_id     text NOT NULL DEFAULT '',
    learning_step         integer NOT NULL DEFAULT 0,
    learning_completed_at timestamptz,
    assessment_passed_at  timestamptz,
    PRIMARY KEY (team_id, user_id)
);

CREATE TABLE learning_places (
    team_id      text NOT NULL,
    user_id      text NOT NULL,
    place_id     text NOT NULL,
    completed_at timestamptz NOT NULL,
    PRIMARY KEY (team_id, user_id, place_id),
    FOREIGN KEY (team_id, user_id) REFERENCES people ON DELETE CASCADE
);

-- Every attempt at the assessment is kept.
CREATE TABLE assessment_attempts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id     text NOT NULL,
    user_id     text NOT NULL,
    number      integer NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    correct     integer,
    total       integer,
    passed      boolean,
    UNIQUE (team_id, user_id, number),
    FOREIGN KEY (team_id, user_id) REFERENCES people ON DELETE CASCADE
);

-- The primary key keeps one answer per question, so a page submitted twice
-- stores the first answer only.
CREATE TABLE assessment_answers (
    attempt_id   bigint NOT NULL REFERENCES assessment_attempts ON DELETE CASCADE,
    question_id  text NOT NULL,
    option_index integer NOT NULL,
    answered_at  timestamptz NOT NULL,
    PRIMARY KEY (attempt_id, question_id)
);

CREATE TABLE conduct_consents (
    team_id   text NOT NULL,
    user_id   text NOT NULL,
    version   text NOT NULL,
    agreed_at timestamptz NOT NULL,
    PRIMARY KEY (team_id, user_id, version),
    FOREIGN KEY (team_id, user_id) REFERENCES people ON DELETE CASCADE
);

CREATE TABLE mentor_profiles (
    team_id    text NOT NULL,
    user_id    text NOT NULL,
    job_role   text NOT NULL,
    org_area   text NOT NULL,
    areas      text[] NOT NULL,
    about      text NOT NULL,
    capacity   integer NOT NULL CHECK (capacity BETWEEN 1 AND 10),
    available  boolean NOT NULL,
    searchable boolean NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (team_id, user_id),
    FOREIGN KEY (team_id, user_id) REFERENCES people ON DELETE CASCADE
);

CREATE TABLE mentee_profiles (
    team_id    text NOT NULL,
    user_id    text NOT NULL,
    job_role   text NOT NULL,
    org_area   text NOT NULL,
    areas      text[] NOT NULL,
    hopes      text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (team_id, user_id),
    FOREIGN KEY (team_id, user_id) REFERENCES people ON DELETE CASCADE
);

-- +goose Down
DROP TABLE mentee_profiles;
DROP TABLE mentor_profiles;
DROP TABLE conduct_consents;
DROP TABLE assessment_answers;
DROP TABLE assessment_attempts;
DROP TABLE learning_places;
DROP TABLE people;
