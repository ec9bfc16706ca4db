package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// ErasePerson erases person's personal data at their request, in one
// transaction, and returns the invitations it closed.
//
// First the person's open invitations close as if they had left the
// organisation: a request in Considering is withdrawn or declined, and an
// ongoing relationship finishes, each with domain.ErasureReason and a DM
// to the other person. Then it deletes the person's profiles, drafts,
// learning progress, assessment attempts and answers, and consents. It
// also deletes the meetings, feedback and "Carry on" choices they
// recorded and the nudges and registration reminders sent to them, and
// blanks their Slack name and the notes they wrote on their requests.
//
// The invitations stay, as the other person's history, and so does the
// emptied people row, with erased_at set, because invitations refer to it.
// The audit log gains one domain.AuditErasure entry without detail. It
// returns domain.ErrNotFound when the bot stores nothing about person.
func (s *Store) ErasePerson(ctx context.Context, person domain.PersonKey, at time.Time) ([]domain.Change, error) {
	var changes []domain.Change
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// Locking the row first makes a second erasure, or a registration
		// that starts meanwhile, wait for this one.
		var erasedBefore *time.Time
		err := tx.QueryRow(ctx, `SELECT erased_at FROM people WHERE team_id = $1 AND user_id = $2 FOR UPDATE`,
			person.TeamID, person.UserID).Scan(&erasedBefore)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("erase %s: %w", person.UserID, domain.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock person %s for erasure: %w", person.UserID, err)
		}

		changes, err = s.closeOpenInvitations(ctx, tx, person, domain.ErasureReason, at)
		if err != nil {
			return err
		}
		if err := eraseRecords(ctx, tx, person, at); err != nil {
			return err
		}
		if erasedBefore != nil {
			// A repeated erasure, such as a double submit, erases anything
			// stored since but is one erasure in the audit log. Registering
			// again clears erased_at, so a later erasure is recorded anew.
			return nil
		}
		return insertAudit(ctx, tx, domain.AuditEntry{
			TeamID: person.TeamID, Actor: person.UserID, Action: domain.AuditErasure,
			Subject: person.UserID, At: at,
		})
	})
	if err != nil {
		return nil, err
	}
	return changes, nil
}

// erasureStatements delete or blank person's data. Each takes the team id
// as $1 and the user id as $2.
var erasureStatements = []struct {
	what string
	sql  string
}{
	{"mentor profile", `DELETE FROM mentor_profiles WHERE team_id = $1 AND user_id = $2`},
	{"mentee profile", `DELETE FROM mentee_profiles WHERE team_id = $1 AND user_id = $2`},
	{"profile drafts", `DELETE FROM profile_drafts WHERE team_id = $1 AND user_id = $2`},
	// Deleting the attempts deletes their answers too.
	{"assessment attempts", `DELETE FROM assessment_attempts WHERE team_id = $1 AND user_id = $2`},
	{"learning places", `DELETE FROM learning_places WHERE team_id = $1 AND user_id = $2`},
	{"conduct consents", `DELETE FROM conduct_consents WHERE team_id = $1 AND user_id = $2`},
	{"meetings", `DELETE FROM meetings WHERE user_id = $2 AND invitation_id IN (
		SELECT id FROM invitations WHERE team_id = $1 AND (mentor_user_id = $2 OR mentee_user_id = $2))`},
	{"feedback", `DELETE FROM feedback WHERE user_id = $2 AND invitation_id IN (
		SELECT id FROM invitations WHERE team_id = $1 AND (mentor_user_id = $2 OR mentee_user_id = $2))`},
	{"review continuations", `DELETE FROM review_continuations WHERE user_id = $2 AND invitation_id IN (
		SELECT id FROM invitations WHERE team_id = $1 AND (mentor_user_id = $2 OR mentee_user_id = $2))`},
	{"nudges", `DELETE FROM nudges WHERE team_id = $1 AND user_id = $2`},
	{"registration reminders", `DELETE FROM sent_notices WHERE starts_with(key, 'person:' || $1 || ':' || $2 || ':')`},
	// The note is the text the mentee wrote to the mentor.
	{"invitation notes", `UPDATE invitations SET note = '' WHERE team_id = $1 AND mentee_user_id = $2 AND note <> ''`},
	// Deleting the questions deletes the records of their posts too, so a
	// later reply in their threads is not relayed.
	{"help questions", `DELETE FROM help_questions WHERE team_id = $1 AND user_id = $2`},
}

// eraseRecords runs erasureStatements, then empties person's row and marks
// it erased at at.
func eraseRecords(ctx context.Context, tx pgx.Tx, person domain.PersonKey, at time.Time) error {
	for _, statement := range erasureStatements {
		if _, err := tx.Exec(ctx, statement.sql, person.TeamID, person.UserID); err != nil {
			return fmt.Errorf("erase %s of %s: %w", statement.what, person.UserID, err)
		}
	}
	_, err := tx.Exec(ctx, `
		UPDATE people SET
			display_name = '', learning_place_id = '', learning_step = 0,
			mentee_started_at = NULL, mentor_started_at = NULL,
			learning_completed_at = NULL, assessment_passed_at = NULL,
			erased_at = $3
		WHERE team_id = $1 AND user_id = $2`,
		person.TeamID, person.UserID, at)
	if err != nil {
		return fmt.Errorf("empty the row of %s: %w", person.UserID, err)
	}
	return nil
}

// Erased reports whether the person with userID erased their data and has
// not registered again. It looks in every team, because cards name people
// by user id alone, and a bot serves one Slack workspace or Enterprise
// Grid organisation, where a user id names one person.
func (s *Store) Erased(ctx context.Context, userID string) (bool, error) {
	var erased bool
	err := s.pool.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM people WHERE user_id = $1 AND erased_at IS NOT NULL)`,
		userID).Scan(&erased)
	if err != nil {
		return false, fmt.Errorf("check whether %s erased their data: %w", userID, err)
	}
	return erased, nil
}
