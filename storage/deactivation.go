package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

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

// RecordDeparture records that Slack reports person's account as
// deactivated and closes their open invitations, in one transaction. Each
// invitation moves as domain.DepartureStatus says, on behalf of the
// programme with domain.DepartureReason, and enqueues the notices of
// domain.NoticesForDeparture. It returns the changes it made, and none when
// a sweep or an earlier event closed them first.
func (s *Store) RecordDeparture(ctx context.Context, person domain.PersonKey, at time.Time) ([]domain.Change, error) {
	var changes []domain.Change
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `
			UPDATE people SET deactivated_at = coalesce(deactivated_at, $3)
			WHERE team_id = $1 AND user_id = $2`,
			person.TeamID, person.UserID, at)
		if err != nil {
			return fmt.Errorf("set deactivation of %s: %w", person.UserID, err)
		}

		changes, err = s.closeOpenInvitations(ctx, tx, person, domain.DepartureReason, at)
		return err
	})
	if err != nil {
		return nil, err
	}
	return changes, nil
}

// closeOpenInvitations closes person's open invitations within tx because
// person left, by departure or erasure. Each invitation moves as
// domain.DepartureStatus says, on behalf of the programme with reason, and
// enqueues the notices of domain.NoticesForDeparture, which tell the other
// person. It returns the changes it made.
func (s *Store) closeOpenInvitations(ctx context.Context, tx pgx.Tx, person domain.PersonKey, reason string, at time.Time) ([]domain.Change, error) {
	// The rows are locked in id order, so two departures that share
	// invitations, such as a pair who leave together, queue up instead of
	// deadlocking.
	rows, err := tx.Query(ctx, `SELECT`+invitationColumns+`
		FROM invitations
		WHERE team_id = $1 AND (mentor_user_id = $2 OR mentee_user_id = $2)
			AND status IN ('considering', 'ongoing')
		ORDER BY id
		FOR NO KEY UPDATE`,
		person.TeamID, person.UserID)
	if err != nil {
		return nil, fmt.Errorf("read open invitations of %s: %w", person.UserID, err)
	}
	open, err := scanInvitations(rows)
	if err != nil {
		return nil, fmt.Errorf("read open invitations of %s: %w", person.UserID, err)
	}

	var changes []domain.Change
	for _, invitation := range open {
		to, ok := domain.DepartureStatus(invitation, person)
		if !ok {
			continue
		}
		change := domain.Change{From: invitation.Status, By: domain.PartyProgramme}
		invitation.Apply(to, reason, at)
		change.Invitation = invitation
		options := domain.TransitionOptions{Reason: reason}
		if err := saveChange(ctx, tx, change, "", options, at); err != nil {
			return nil, err
		}
		if err := s.EnqueueNotices(ctx, tx, domain.NoticesForDeparture(change, person)); err != nil {
			return nil, err
		}
		changes = append(changes, change)
	}
	return changes, nil
}
