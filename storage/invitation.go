package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// invitationColumns are the columns that scanInvitation reads, in order.
const invitationColumns = `
	id, team_id, mentor_user_id, mentee_user_id, status, note, reason,
	created_at, updated_at, answered_at, ended_at, mentor_channel, mentor_ts`

func scanInvitation(row pgx.Row) (domain.Invitation, error) {
	var invitation domain.Invitation
	var status string
	err := row.Scan(
		&invitation.ID, &invitation.TeamID, &invitation.Mentor.UserID, &invitation.Mentee.UserID,
		&status, &invitation.Note, &invitation.Reason,
		&invitation.CreatedAt, &invitation.UpdatedAt, &invitation.AnsweredAt, &invitation.EndedAt,
		&invitation.MentorChannel, &invitation.MentorTS,
	)
	invitation.Status = domain.Status(status)
	invitation.Mentor.TeamID = invitation.TeamID
	invitation.Mentee.TeamID = invitation.TeamID
	return invitation, err
}

func scanInvitations(rows pgx.Rows) ([]domain.Invitation, error) {
	defer rows.Close()
	var invitations []domain.Invitation
	for rows.Next() {
		invitation, err := scanInvitation(rows)
		if err != nil {
			return nil, err
		}
		invitations = append(invitations, invitation)
	}
	return invitations, rows.Err()
}

// CreateInvitation records a mentee's invitation to a mentor in
// Considering, with an audit row and the notices it sends, in one
// transaction. The mentee's row is locked first, so requests sent at the
// same moment cannot exceed maxConsidering between them.
func (s *Store) CreateInvitation(ctx context.Context, mentee, mentor domain.PersonKey, note string, maxConsidering int, at time.Time) (domain.Invitation, error) {
	if mentee == mentor {
		return domain.Invitation{}, domain.ErrSelfInvitation
	}
	var created domain.Invitation
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockPerson(ctx, tx, mentee, at); err != nil {
			return err
		}
		pending, err := invitationsWhere(ctx, tx, `team_id = $1 AND mentee_user_id = $2 AND status = 'considering'`,
			mentee.TeamID, mentee.UserID)
		if err != nil {
			return err
		}
		if len(pending) >= maxConsidering {
			return &domain.TooManyPendingError{Max: maxConsidering, Pending: pending}
		}
		for _, invitation := range pending {
			if invitation.Mentor == mentor {
				return domain.ErrAlreadyInvited
			}
		}
		if err := checkMentorOpen(ctx, tx, mentor, mentee); err != nil {
			return err
		}

		created, err = scanInvitation(tx.QueryRow(ctx, `
			INSERT INTO invitations (team_id, mentor_user_id, mentee_user_id, status, note, created_at, updated_at)
			VALUES ($1, $2, $3, 'considering', $4, $5, $5)
			RETURNING`+invitationColumns,
			mentee.TeamID, mentor.UserID, mentee.UserID, note, at))
		if err != nil {
			return fmt.Errorf("insert invitation from %s to %s: %w", mentee.UserID, mentor.UserID, err)
		}
		if err := insertEvent(ctx, tx, created.ID, mentee.UserID, "", domain.StatusConsidering, "", at); err != nil {
			return err
		}
		return s.EnqueueNotices(ctx, tx, domain.NoticesForNew(created))
	})
	return created, err
}

// checkMentorOpen returns domain.ErrMentorUnavailable unless mentor has
// finished registering, is listed and available, is not hidden by the
// programme team, is active in Slack, and
// has room for another mentee; and domain.ErrAlreadyInvited when the pair
// already has an open invitation.
func checkMentorOpen(ctx context.Context, tx pgx.Tx, mentor, mentee domain.PersonKey) error {
	var open bool
	var paired string
	err := tx.QueryRow(ctx, `
		SELECT
			EXISTS (
				SELECT 1
				FROM mentor_profiles m
				JOIN people p USING (team_id, user_id)
				WHERE m.team_id = $1 AND m.user_id = $2
					AND m.searchable AND m.available AND m.admin_hidden_at IS NULL
					AND p.deactivated_at IS NULL
					AND p.learning_completed_at IS NOT NULL
					AND p.assessment_passed_at IS NOT NULL
					AND EXISTS (SELECT 1 FROM conduct_consents c WHERE c.team_id = m.team_id AND c.user_id = m.user_id)
					AND m.capacity > (
						SELECT count(*) FROM invitations i
						WHERE i.team_id = m.team_id AND i.mentor_user_id = m.user_id AND i.status = 'ongoing'
					)
			),
			coalesce((
				SELECT status FROM invitations
				WHERE team_id = $1 AND mentor_user_id = $2 AND mentee_user_id = $3
					AND status IN ('considering', 'ongoing')
				LIMIT 1
			), '')`,
		mentor.TeamID, mentor.UserID, mentee.UserID,
	).Scan(&open, &paired)
	switch {
	case err != nil:
		return fmt.Errorf("check mentor %s: %w", mentor.UserID, err)
	case paired == string(domain.StatusOngoing):
		return domain.ErrAlreadyMentor
	case paired != "":
		return domain.ErrAlreadyInvited
	case !open:
		return domain.ErrMentorUnavailable
	default:
		return nil
	}
}

// TransitionInvitation moves an invitation to a new status on behalf of
// actor, in one transaction: it locks the invitation, checks that actor is
// one of its people and that the rules allow the move from the current
// status, checks the mentor's capacity on acceptance, and records the audit
// row and the notices. A second click that arrives after the first gets a
// *domain.TransitionError that names the current status.
func (s *Store) TransitionInvitation(ctx context.Context, id int64, actor domain.PersonKey, to domain.Status, options domain.TransitionOptions, at time.Time) (domain.Change, error) {
	var change domain.Change
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		invitation, err := scanInvitation(tx.QueryRow(ctx, `SELECT`+invitationColumns+`
			FROM invitations WHERE id = $1 FOR UPDATE`, id))
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && invitation.TeamID != actor.TeamID) {
			return fmt.Errorf("invitation %d: %w", id, domain.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("read invitation %d: %w", id, err)
		}
		party, ok := invitation.PartyOf(actor.UserID)
		if !ok {
			return domain.ErrNotParty
		}
		if err := domain.CheckTransition(invitation.Status, to, party); err != nil {
			return err
		}
		if to == domain.StatusOngoing {
			if err := checkCapacity(ctx, tx, invitation.Mentor); err != nil {
				return err
			}
		}

		change = domain.Change{From: invitation.Status, By: party}
		invitation.Apply(to, options.Reason, at)
		change.Invitation = invitation
		return s.recordChange(ctx, tx, change, actor.UserID, options, at)
	})
	return change, err
}

// recordChange writes a status change made within tx, with its audit row,
// the mentor's pause and the notices.
func (s *Store) recordChange(ctx context.Context, tx pgx.Tx, change domain.Change, actorID string, options domain.TransitionOptions, at time.Time) error {
	if err := saveChange(ctx, tx, change, actorID, options, at); err != nil {
		return err
	}
	return s.enqueueChangeNotices(ctx, tx, change, actorID)
}

// saveChange writes a status change made within tx, with its audit row
// and the mentor's pause, but no notices.
func saveChange(ctx context.Context, tx pgx.Tx, change domain.Change, actorID string, options domain.TransitionOptions, at time.Time) error {
	invitation := change.Invitation
	_, err := tx.Exec(ctx, `
		UPDATE invitations
		SET status = $2, reason = $3, updated_at = $4, answered_at = $5, ended_at = $6
		WHERE id = $1`,
		invitation.ID, string(invitation.Status), invitation.Reason, at, invitation.AnsweredAt, invitation.EndedAt)
	if err != nil {
		return fmt.Errorf("update invitation %d: %w", invitation.ID, err)
	}
	if err := insertEvent(ctx, tx, invitation.ID, actorID, change.From, invitation.Status, options.Reason, at); err != nil {
		return err
	}
	if options.PauseMentor {
		_, err := tx.Exec(ctx, `
			UPDATE mentor_profiles SET available = false, updated_at = $3
			WHERE team_id = $1 AND user_id = $2`,
			invitation.Mentor.TeamID, invitation.Mentor.UserID, at)
		if err != nil {
			return fmt.Errorf("pause mentor %s: %w", invitation.Mentor.UserID, err)
		}
	}
	return nil
}

// enqueueChangeNotices enqueues the notices of a status change written
// within tx.
func (s *Store) enqueueChangeNotices(ctx context.Context, tx pgx.Tx, change domain.Change, actorID string) error {
	invitation := change.Invitation
	otherPending := 0
	if invitation.Status == domain.StatusOngoing {
		err := tx.QueryRow(ctx, `
			SELECT count(*) FROM invitations
			WHERE team_id = $1 AND mentee_user_id = $2 AND status = 'considering' AND id <> $3`,
			invitation.TeamID, invitation.Mentee.UserID, invitation.ID,
		).Scan(&otherPending)
		if err != nil {
			return fmt.Errorf("count other requests of %s: %w", invitation.Mentee.UserID, err)
		}
	}
	return s.EnqueueNotices(ctx, tx, domain.NoticesForChange(change, actorID, otherPending))
}

// checkCapacity returns a *domain.AtCapacityError when mentor already has
// as many Ongoing relationships as their stated capacity. It locks the
// mentor's profile first and counts in a second statement: under READ
// COMMITTED each statement sees the commits made before it started, so a
// count taken after the lock includes an acceptance that held the lock.
func checkCapacity(ctx context.Context, tx pgx.Tx, mentor domain.PersonKey) error {
	var capacity int
	err := tx.QueryRow(ctx, `
		SELECT capacity FROM mentor_profiles
		WHERE team_id = $1 AND user_id = $2
		FOR UPDATE`,
		mentor.TeamID, mentor.UserID,
	).Scan(&capacity)
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.ErrMentorUnavailable
	}
	if err != nil {
		return fmt.Errorf("lock mentor %s: %w", mentor.UserID, err)
	}

	var ongoing int
	err = tx.QueryRow(ctx, `
		SELECT count(*) FROM invitations
		WHERE team_id = $1 AND mentor_user_id = $2 AND status = 'ongoing'`,
		mentor.TeamID, mentor.UserID,
	).Scan(&ongoing)
	if err != nil {
		return fmt.Errorf("count mentees of mentor %s: %w", mentor.UserID, err)
	}
	if ongoing >= capacity {
		return &domain.AtCapacityError{Capacity: capacity}
	}
	return nil
}

func insertEvent(ctx context.Context, tx pgx.Tx, invitationID int64, actorID string, from, to domain.Status, reason string, at time.Time) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO invitation_events (invitation_id, actor_user_id, from_status, to_status, reason, at)
		VALUES ($1, $2, $3, $4, $5, $6)`,
		invitationID, actorID, string(from), string(to), reason, at)
	if err != nil {
		return fmt.Errorf("record change of invitation %d: %w", invitationID, err)
	}
	return nil
}

func lockPerson(ctx context.Context, tx pgx.Tx, person domain.PersonKey, at time.Time) error {
	if err := ensurePerson(ctx, tx, person, at); err != nil {
		return err
	}
	// FOR NO KEY UPDATE still lets other transactions take the key-share
	// lock that a foreign key to this row needs, so two people inviting
	// each other at once do not deadlock.
	if _, err := tx.Exec(ctx, `SELECT 1 FROM people WHERE team_id = $1 AND user_id = $2 FOR NO KEY UPDATE`,
		person.TeamID, person.UserID); err != nil {
		return fmt.Errorf("lock person %s: %w", person.UserID, err)
	}
	return nil
}

func invitationsWhere(ctx context.Context, tx pgx.Tx, condition string, arguments ...any) ([]domain.Invitation, error) {
	rows, err := tx.Query(ctx, `SELECT`+invitationColumns+` FROM invitations WHERE `+condition+` ORDER BY created_at, id`,
		arguments...)
	if err != nil {
		return nil, fmt.Errorf("read invitations: %w", err)
	}
	invitations, err := scanInvitations(rows)
	if err != nil {
		return nil, fmt.Errorf("read invitations: %w", err)
	}
	return invitations, nil
}
