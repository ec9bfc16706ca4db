package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// RecordConsent stores that person agreed to version of the code of
// conduct. Agreeing to a version again moves its time to at, so the latest
// agreement is the current one even when the programme team goes back to
// an earlier version.
func (s *Store) RecordConsent(ctx context.Context, person domain.PersonKey, version string, at time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := ensurePerson(ctx, tx, person, at); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO conduct_consents (team_id, user_id, version, agreed_at)
			VALUES ($1, $2, $3, $4)
			ON CONFLICT (team_id, user_id, version) DO UPDATE SET agreed_at = excluded.agreed_at`,
			person.TeamID, person.UserID, version, at)
		if err != nil {
			return fmt.Errorf("record consent of %s to version %s: %w", person.UserID, version, err)
		}
		return nil
	})
}
