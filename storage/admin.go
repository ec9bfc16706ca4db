package storage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// PersonOverview returns what the programme team sees of person: their
// registration, standing and up to limit relationships, open ones first.
// A person the bot has never seen has an empty overview.
func (s *Store) PersonOverview(ctx context.Context, person domain.PersonKey, limit int) (domain.PersonOverview, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return domain.PersonOverview{}, fmt.Errorf("begin reading overview of %s: %w", person.UserID, err)
	}
	defer func() { _ = tx.Rollback(ctx) }()

	var overview domain.PersonOverview
	overview.Registration, err = readRegistration(ctx, tx, person)
	if err != nil {
		return domain.PersonOverview{}, err
	}
	err = tx.QueryRow(ctx, `
		SELECT p.display_name, p.deactivated_at IS NOT NULL,
			coalesce((SELECT m.admin_hidden_at IS NOT NULL FROM mentor_profiles AS m
				WHERE m.team_id = p.team_id AND m.user_id = p.user_id), false),
			(SELECT count(*) FROM assessment_attempts AS a WHERE a.team_id = p.team_id AND a.user_id = p.user_id)
		FROM people AS p
		WHERE p.team_id = $1 AND p.user_id = $2`,
		person.TeamID, person.UserID,
	).Scan(&overview.Name, &overview.Deactivated, &overview.AdminHidden, &overview.Attempts)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return domain.PersonOverview{}, fmt.Errorf("read overview of %s: %w", person.UserID, err)
	}
	rows, err := tx.Query(ctx, `SELECT`+invitationColumns+`
		FROM invitations
		WHERE team_id = $1 AND (mentor_user_id = $2 OR mentee_user_id = $2)
		ORDER BY status IN ('considering', 'ongoing') DESC, updated_at DESC, id DESC
		LIMIT $3`,
		person.TeamID, person.UserID, limit)
	if err != nil {
		return domain.PersonOverview{}, fmt.Errorf("read relationships of %s: %w", person.UserID, err)
	}
	overview.Relationships, err = scanInvitations(rows)
	if err != nil {
		return domain.PersonOverview{}, fmt.Errorf("read relationships of %s: %w", person.UserID, err)
	}
	return overview, nil
}

// SetAdminHidden hides mentor from search, or shows them again, on behalf
// of actor, with an audit entry. Hiding again keeps the first time.
func (s *Store) SetAdminHidden(ctx context.Context, actor, mentor domain.PersonKey, hidden bool, at time.Time) error {
	action := domain.AuditShowMentor
	if hidden {
		action = domain.AuditHideMentor
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		var wasHidden bool
		err := tx.QueryRow(ctx, `
			SELECT admin_hidden_at IS NOT NULL FROM mentor_profiles
			WHERE team_id = $1 AND user_id = $2
			FOR UPDATE`,
			mentor.TeamID, mentor.UserID).Scan(&wasHidden)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("mentor profile of %s: %w", mentor.UserID, domain.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("read admin hiding of mentor %s: %w", mentor.UserID, err)
		}
		if wasHidden == hidden {
			// A second click, or a show of a mentor already shown, changes
			// nothing, so the audit log gains nothing.
			return nil
		}

		_, err = tx.Exec(ctx, `
			UPDATE mentor_profiles
			SET admin_hidden_at = CASE WHEN $3 THEN $4::timestamptz END
			WHERE team_id = $1 AND user_id = $2`,
			mentor.TeamID, mentor.UserID, hidden, at)
		if err != nil {
			return fmt.Errorf("set admin hiding of mentor %s: %w", mentor.UserID, err)
		}
		return insertAudit(ctx, tx, domain.AuditEntry{
			TeamID: actor.TeamID, Actor: actor.UserID, Action: action, Subject: mentor.UserID, At: at,
		})
	})
}

// EndRelationship moves the Ongoing relationship id to Finished on behalf
// of the programme, with reason, in one transaction: it locks the
// invitation, records the status change, the notices that tell both
// people, and an audit entry naming actor.
func (s *Store) EndRelationship(ctx context.Context, actor domain.PersonKey, id int64, reason string, at time.Time) (domain.Change, error) {
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
		if err := domain.CheckTransition(invitation.Status, domain.StatusFinished, domain.PartyProgramme); err != nil {
			return err
		}

		change = domain.Change{From: invitation.Status, By: domain.PartyProgramme}
		invitation.Apply(domain.StatusFinished, reason, at)
		change.Invitation = invitation
		if err := s.recordChange(ctx, tx, change, actor.UserID, domain.TransitionOptions{Reason: reason}, at); err != nil {
			return err
		}
		// The reason stays on the invitation only, so the audit log holds no
		// text that the programme team wrote about the pair.
		return insertAudit(ctx, tx, domain.AuditEntry{
			TeamID: actor.TeamID, Actor: actor.UserID, Action: domain.AuditEndRelationship,
			Subject: invitation.Mentee.UserID, InvitationID: id, Detail: "Mentor " + invitation.Mentor.UserID, At: at,
		})
	})
	if err != nil {
		return domain.Change{}, err
	}
	return change, nil
}

// ResetAssessment deletes person's assessment attempts, with their
// answers, and clears their pass, with an audit entry. Until they pass
// again, searches leave them out as a mentor.
func (s *Store) ResetAssessment(ctx context.Context, actor, person domain.PersonKey, at time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `
			UPDATE people SET assessment_passed_at = NULL
			WHERE team_id = $1 AND user_id = $2`,
			person.TeamID, person.UserID)
		if err != nil {
			return fmt.Errorf("clear assessment pass of %s: %w", person.UserID, err)
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("person %s: %w", person.UserID, domain.ErrNotFound)
		}
		deleted, err := tx.Exec(ctx, `
			DELETE FROM assessment_attempts
			WHERE team_id = $1 AND user_id = $2`,
			person.TeamID, person.UserID)
		if err != nil {
			return fmt.Errorf("delete assessment attempts of %s: %w", person.UserID, err)
		}
		return insertAudit(ctx, tx, domain.AuditEntry{
			TeamID: actor.TeamID, Actor: actor.UserID, Action: domain.AuditResetAssessment, Subject: person.UserID,
			Detail: "Deleted " + strconv.FormatInt(deleted.RowsAffected(), 10) + " attempts", At: at,
		})
	})
}
