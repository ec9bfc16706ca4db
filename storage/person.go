package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

var _ domain.RegistrationStore = (*Store)(nil)

// ensurePerson inserts person's row unless it exists.
func ensurePerson(ctx context.Context, tx pgx.Tx, person domain.PersonKey, at time.Time) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO people (team_id, user_id, created_at)
		VALUES ($1, $2, $3)
		ON CONFLICT (team_id, user_id) DO NOTHING`,
		person.TeamID, person.UserID, at)
	if err != nil {
		return fmt.Errorf("insert person %s: %w", person.UserID, err)
	}
	return nil
}

// Registration returns what person has done towards registering.
func (s *Store) Registration(ctx context.Context, person domain.PersonKey) (domain.Registration, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return domain.Registration{}, fmt.Errorf("begin reading registration: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()

	return readRegistration(ctx, tx, person)
}

// readRegistration reads person's registration in tx.
func readRegistration(ctx context.Context, tx pgx.Tx, person domain.PersonKey) (domain.Registration, error) {
	registration := domain.Registration{
		Person:     person,
		Started:    map[domain.Role]time.Time{},
		PlacesDone: map[string]time.Time{},
	}
	steps := []func(context.Context, pgx.Tx, *domain.Registration) error{
		readPersonRow, readPlacesDone, readLatestConsent, readMentorProfile, readMenteeProfile, readDrafts,
	}
	for _, step := range steps {
		if err := step(ctx, tx, &registration); err != nil {
			return domain.Registration{}, fmt.Errorf("read registration of %s: %w", person.UserID, err)
		}
	}
	return registration, nil
}

func readPersonRow(ctx context.Context, tx pgx.Tx, r *domain.Registration) error {
	var menteeStarted, mentorStarted *time.Time
	err := tx.QueryRow(ctx, `
		SELECT mentee_started_at, mentor_started_at, learning_completed_at, assessment_passed_at
		FROM people
		WHERE team_id = $1 AND user_id = $2`,
		r.Person.TeamID, r.Person.UserID,
	).Scan(&menteeStarted, &mentorStarted, &r.LearningCompletedAt, &r.AssessmentPassedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if menteeStarted != nil {
		r.Started[domain.RoleMentee] = *menteeStarted
	}
	if mentorStarted != nil {
		r.Started[domain.RoleMentor] = *mentorStarted
	}
	return nil
}

func readPlacesDone(ctx context.Context, tx pgx.Tx, r *domain.Registration) error {
	rows, err := tx.Query(ctx, `
		SELECT place_id, completed_at FROM learning_places
		WHERE team_id = $1 AND user_id = $2`,
		r.Person.TeamID, r.Person.UserID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var placeID string
		var completedAt time.Time
		if err := rows.Scan(&placeID, &completedAt); err != nil {
			return err
		}
		r.PlacesDone[placeID] = completedAt
	}
	return rows.Err()
}

func readLatestConsent(ctx context.Context, tx pgx.Tx, r *domain.Registration) error {
	var agreedAt time.Time
	err := tx.QueryRow(ctx, `
		SELECT version, agreed_at FROM conduct_consents
		WHERE team_id = $1 AND user_id = $2
		ORDER BY agreed_at DESC
		LIMIT 1`,
		r.Person.TeamID, r.Person.UserID,
	).Scan(&r.ConsentVersion, &agreedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	r.ConsentAt = &agreedAt
	return nil
}

// StartRole records that person asked to register as role. A person who
// erased their data is a member again from then on, so erased_at is
// cleared.
func (s *Store) StartRole(ctx context.Context, person domain.PersonKey, role domain.Role, at time.Time) error {
	column := "mentee_started_at"
	if role == domain.RoleMentor {
		column = "mentor_started_at"
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := ensurePerson(ctx, tx, person, at); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			UPDATE people SET `+column+` = coalesce(`+column+`, $3), erased_at = NULL
			WHERE team_id = $1 AND user_id = $2`,
			person.TeamID, person.UserID, at)
		if err != nil {
			return fmt.Errorf("start %s registration of %s: %w", role, person.UserID, err)
		}
		return nil
	})
}

// inTx runs fn in a transaction, committing when fn succeeds.
func (s *Store) inTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()

	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit transaction: %w", err)
	}
	return nil
}
