package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// ExpireInvitation moves an invitation still in Considering to Declined on
// behalf of the programme, with reason, in one transaction: it locks the
// invitation and records the audit row, with an empty actor, and the
// notices, which tell both people. It returns false and changes nothing
// when the invitation has left Considering, such as when the mentor
// answered after the sweep read it. It returns domain.ErrNotFound when no
// invitation has id.
func (s *Store) ExpireInvitation(ctx context.Context, id int64, reason string, at time.Time) (domain.Change, bool, error) {
	var change domain.Change
	expired := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		invitation, err := scanInvitation(tx.QueryRow(ctx, `SELECT`+invitationColumns+`
			FROM invitations WHERE id = $1 FOR UPDATE`, id))
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("invitation %d: %w", id, domain.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("read invitation %d: %w", id, err)
		}
		if invitation.Status != domain.StatusConsidering {
			return nil
		}

		change = domain.Change{From: invitation.Status, By: domain.PartyProgramme}
		invitation.Apply(domain.StatusDeclined, reason, at)
		change.Invitation = invitation
		if err := s.recordChange(ctx, tx, change, "", domain.TransitionOptions{Reason: reason}, at); err != nil {
			return err
		}
		expired = true
		return nil
	})
	if err != nil {
		return domain.Change{}, false, err
	}
	return change, expired, nil
}
