package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// LearningPosition returns where person is in the learning package: the
// campus map when they have not started.
func (s *Store) LearningPosition(ctx context.Context, person domain.PersonKey) (domain.LearningPosition, error) {
	var position domain.LearningPosition
	err := s.pool.QueryRow(ctx, `
		SELECT learning_place_id, learning_step FROM people
		WHERE team_id = $1 AND user_id = $2`,
		person.TeamID, person.UserID,
	).Scan(&position.PlaceID, &position.Step)
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.LearningPosition{}, nil
	}
	if err != nil {
		return domain.LearningPosition{}, fmt.Errorf("read learning position of %s: %w", person.UserID, err)
	}
	return position, nil
}

// SaveLearningPosition stores where person is in the learning package.
func (s *Store) SaveLearningPosition(ctx context.Context, person domain.PersonKey, position domain.LearningPosition, at time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := ensurePerson(ctx, tx, person, at); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			UPDATE people SET learning_place_id = $3, learning_step = $4
			WHERE team_id = $1 AND user_id = $2`,
			person.TeamID, person.UserID, position.PlaceID, position.Step)
		if err != nil {
			return fmt.Errorf("save learning position of %s: %w", person.UserID, err)
		}
		return nil
	})
}

// CompletePlace records that person finished a place of the learning
// package.
func (s *Store) CompletePlace(ctx context.Context, person domain.PersonKey, placeID string, at time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := ensurePerson(ctx, tx, person, at); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO learning_places (team_id, user_id, place_id, completed_at)
			VALUES ($1, $2, $3, $4)
			ON CONFLICT (team_id, user_id, place_id) DO NOTHING`,
			person.TeamID, person.UserID, placeID, at)
		if err != nil {
			return fmt.Errorf("complete place %s for %s: %w", placeID, person.UserID, err)
		}
		return nil
	})
}

// CompleteLearning records that person finished the learning package.
func (s *Store) CompleteLearning(ctx context.Context, person domain.PersonKey, at time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := ensurePerson(ctx, tx, person, at); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			UPDATE people SET learning_completed_at = coalesce(learning_completed_at, $3)
			WHERE team_id = $1 AND user_id = $2`,
			person.TeamID, person.UserID, at)
		if err != nil {
			return fmt.Errorf("complete learning package for %s: %w", person.UserID, err)
		}
		return nil
	})
}
