package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// Invitation returns the invitation with id, or domain.ErrNotFound.
func (s *Store) Invitation(ctx context.Context, id int64) (domain.Invitation, error) {
	invitation, err := scanInvitation(s.pool.QueryRow(ctx, `SELECT`+invitationColumns+` FROM invitations WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Invitation{}, fmt.Errorf("invitation %d: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return domain.Invitation{}, fmt.Errorf("read invitation %d: %w", id, err)
	}
	return invitation, nil
}

// SetInvitationMessage stores where the mentor's invitation DM is, so it
// can be updated in place.
func (s *Store) SetInvitationMessage(ctx context.Context, id int64, channel, ts string) error {
	_, err := s.pool.Exec(ctx, `UPDATE invitations SET mentor_channel = $2, mentor_ts = $3 WHERE id = $1`, id, channel, ts)
	if err != nil {
		return fmt.Errorf("store message of invitation %d: %w", id, err)
	}
	return nil
}

// MentorInvitations returns one page of the mentor's invitations, open ones
// first and newest first within each group, and how many there are in all.
func (s *Store) MentorInvitations(ctx context.Context, mentor domain.PersonKey, offset, limit int) ([]domain.Invitation, int, error) {
	var total int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM invitations WHERE team_id = $1 AND mentor_user_id = $2`,
		mentor.TeamID, mentor.UserID).Scan(&total)
	if err != nil {
		return nil, 0, fmt.Errorf("count invitations of mentor %s: %w", mentor.UserID, err)
	}
	rows, err := s.pool.Query(ctx, `SELECT`+invitationColumns+`
		FROM invitations
		WHERE team_id = $1 AND mentor_user_id = $2
		ORDER BY status NOT IN ('considering', 'ongoing'), updated_at DESC, id DESC
		OFFSET $3 LIMIT $4`,
		mentor.TeamID, mentor.UserID, offset, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("read invitations of mentor %s: %w", mentor.UserID, err)
	}
	invitations, err := scanInvitations(rows)
	if err != nil {
		return nil, 0, fmt.Errorf("read invitations of mentor %s: %w", mentor.UserID, err)
	}
	return invitations, total, nil
}

// MenteeInvitations returns the mentee's invitations, open ones first and
// newest first within each group, so a limit never hides an open one
// behind ended ones.
func (s *Store) MenteeInvitations(ctx context.Context, mentee domain.PersonKey, limit int) ([]domain.Invitation, error) {
	rows, err := s.pool.Query(ctx, `SELECT`+invitationColumns+`
		FROM invitations
		WHERE team_id = $1 AND mentee_user_id = $2
		ORDER BY status NOT IN ('considering', 'ongoing'), created_at DESC, id DESC
		LIMIT $3`,
		mentee.TeamID, mentee.UserID, limit)
	if err != nil {
		return nil, fmt.Errorf("read invitations of mentee %s: %w", mentee.UserID, err)
	}
	invitations, err := scanInvitations(rows)
	if err != nil {
		return nil, fmt.Errorf("read invitations of mentee %s: %w", mentee.UserID, err)
	}
	return invitations, nil
}

// InvitationCounts returns how many of the mentor's invitations are in
// Considering and in Ongoing.
func (s *Store) InvitationCounts(ctx context.Context, mentor domain.PersonKey) (considering, ongoing int, err error) {
	err = s.pool.QueryRow(ctx, `
		SELECT count(*) FILTER (WHERE status = 'considering'), count(*) FILTER (WHERE status = 'ongoing')
		FROM invitations WHERE team_id = $1 AND mentor_user_id = $2`,
		mentor.TeamID, mentor.UserID).Scan(&considering, &ongoing)
	if err != nil {
		return 0, 0, fmt.Errorf("count invitations of mentor %s: %w", mentor.UserID, err)
	}
	return considering, ongoing, nil
}
