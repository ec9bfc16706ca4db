package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/mentorbot/mentorbot/domain"
)

// SetDeactivated records whether Slack reports person's account as
// deactivated: at is when it was seen, or nil when the account is active
// again. A deactivated mentor is left out of search results. A person the
// bot has never seen is not recorded.
func (s *Store) SetDeactivated(ctx context.Context, person domain.PersonKey, at *time.Time) error {
	_, err := s.pool.Exec(ctx, `
		UPDATE people SET deactivated_at = CASE WHEN $3::timestamptz IS NULL THEN NULL
			ELSE coalesce(deactivated_at, $3) END
		WHERE team_id = $1 AND user_id = $2`,
		person.TeamID, person.UserID, at)
	if err != nil {
		return fmt.Errorf("set deactivation of %s: %w", person.UserID, err)
	}
	return nil
}
