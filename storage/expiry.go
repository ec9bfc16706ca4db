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
// notices of domain.NoticesForExpiry. The expiry DM to a person in sendAt
// waits until that time, such as the start of their working hours, when
// it is after at. It returns false and changes nothing
// when the invitation has left Considering, such as when the mentor
// answered after the sweep read it. It returns domain.ErrNotFound when no
// invitation has id.
func (s *Store) ExpireInvitation(ctx context.Context, id int64, reason string, at time.Time,
	sendAt map[domain.PersonKey]time.Time,
) (domain.Change, bool, error) {
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
		if err := saveChange(ctx, tx, change, "", domain.TransitionOptions{Reason: reason}, at); err != nil {
			return err
		}
		notices := domain.NoticesForExpiry(change)
		for i, notice := range notices {
			if when, ok := sendAt[notice.Recipient]; ok && notice.Type == domain.NoticeInvitationExpired && when.After(at) {
				notices[i].SendAt = when
			}
		}
		if err := s.EnqueueNotices(ctx, tx, notices); err != nil {
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
