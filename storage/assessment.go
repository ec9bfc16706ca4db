package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// LatestAttempt returns person's latest assessment attempt with its
// answers, or domain.ErrNotFound.
func (s *Store) LatestAttempt(ctx context.Context, person domain.PersonKey) (domain.Attempt, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return domain.Attempt{}, fmt.Errorf("begin reading attempt: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()

	attempt, err := latestAttempt(ctx, tx, person)
	if err != nil {
		return domain.Attempt{}, err
	}
	if err := readAnswers(ctx, tx, &attempt); err != nil {
		return domain.Attempt{}, err
	}
	return attempt, nil
}

// StartAttempt returns person's unfinished attempt, or starts a new one.
// The person's row is locked first, so two clicks on "Retake" at once start
// one attempt.
func (s *Store) StartAttempt(ctx context.Context, person domain.PersonKey, at time.Time) (domain.Attempt, error) {
	var attempt domain.Attempt
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := ensurePerson(ctx, tx, person, at); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT 1 FROM people WHERE team_id = $1 AND user_id = $2 FOR UPDATE`,
			person.TeamID, person.UserID); err != nil {
			return fmt.Errorf("lock person %s: %w", person.UserID, err)
		}

		latest, err := latestAttempt(ctx, tx, person)
		switch {
		case err == nil && latest.FinishedAt == nil:
			attempt = latest
			return readAnswers(ctx, tx, &attempt)
		case err != nil && !errors.Is(err, domain.ErrNotFound):
			return err
		}

		attempt = domain.Attempt{Person: person, Number: latest.Number + 1, StartedAt: at, Answers: map[string]int{}}
		err = tx.QueryRow(ctx, `
			INSERT INTO assessment_attempts (team_id, user_id, number, started_at)
			VALUES ($1, $2, $3, $4)
			RETURNING id`,
			person.TeamID, person.UserID, attempt.Number, at,
		).Scan(&attempt.ID)
		if err != nil {
			return fmt.Errorf("start attempt %d for %s: %w", attempt.Number, person.UserID, err)
		}
		return nil
	})
	return attempt, err
}

// RecordAnswer stores an answer to one question of an unfinished attempt.
func (s *Store) RecordAnswer(ctx context.Context, attemptID int64, questionID string, option int, at time.Time) (bool, error) {
	tag, err := s.pool.Exec(ctx, `
		INSERT INTO assessment_answers (attempt_id, question_id, option_index, answered_at)
		SELECT id, $2, $3, $4 FROM assessment_attempts
		WHERE id = $1 AND finished_at IS NULL
		ON CONFLICT (attempt_id, question_id) DO NOTHING`,
		attemptID, questionID, option, at)
	if err != nil {
		return false, fmt.Errorf("record answer to %s in attempt %d: %w", questionID, attemptID, err)
	}
	return tag.RowsAffected() == 1, nil
}

// FinishAttempt stores the score of an unfinished attempt, and completes
// the assessment step when it passed.
func (s *Store) FinishAttempt(ctx context.Context, attemptID int64, score domain.Score, at time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		var teamID, userID string
		err := tx.QueryRow(ctx, `
			UPDATE assessment_attempts
			SET finished_at = $2, correct = $3, total = $4, passed = $5
			WHERE id = $1 AND finished_at IS NULL
			RETURNING team_id, user_id`,
			attemptID, at, score.Correct, score.Total, score.Passed,
		).Scan(&teamID, &userID)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("finish attempt %d: %w", attemptID, err)
		}
		if !score.Passed {
			return nil
		}
		_, err = tx.Exec(ctx, `
			UPDATE people SET assessment_passed_at = coalesce(assessment_passed_at, $3)
			WHERE team_id = $1 AND user_id = $2`,
			teamID, userID, at)
		if err != nil {
			return fmt.Errorf("complete assessment for %s: %w", userID, err)
		}
		return nil
	})
}

func latestAttempt(ctx context.Context, tx pgx.Tx, person domain.PersonKey) (domain.Attempt, error) {
	attempt := domain.Attempt{Person: person, Answers: map[string]int{}}
	var correct, total *int
	var passed *bool
	err := tx.QueryRow(ctx, `
		SELECT id, number, started_at, finished_at, correct, total, passed
		FROM assessment_attempts
		WHERE team_id = $1 AND user_id = $2
		ORDER BY number DESC
		LIMIT 1`,
		person.TeamID, person.UserID,
	).Scan(&attempt.ID, &attempt.Number, &attempt.StartedAt, &attempt.FinishedAt, &correct, &total, &passed)
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Attempt{}, domain.ErrNotFound
	}
	if err != nil {
		return domain.Attempt{}, fmt.Errorf("read latest attempt of %s: %w", person.UserID, err)
	}
	if correct != nil && total != nil && passed != nil {
		attempt.Score = &domain.Score{Correct: *correct, Total: *total, Passed: *passed}
	}
	return attempt, nil
}

func readAnswers(ctx context.Context, tx pgx.Tx, attempt *domain.Attempt) error {
	rows, err := tx.Query(ctx, `
		SELECT question_id, option_index FROM assessment_answers WHERE attempt_id = $1`,
		attempt.ID)
	if err != nil {
		return fmt.Errorf("read answers of attempt %d: %w", attempt.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var questionID string
		var option int
		if err := rows.Scan(&questionID, &option); err != nil {
			return fmt.Errorf("read answers of attempt %d: %w", attempt.ID, err)
		}
		attempt.Answers[questionID] = option
	}
	return rows.Err()
}
