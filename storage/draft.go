package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// SaveProfileDraft stores an unsaved details form of role.
func (s *Store) SaveProfileDraft(ctx context.Context, person domain.PersonKey, role domain.Role, draft any, at time.Time) error {
	encoded, err := json.Marshal(draft)
	if err != nil {
		return fmt.Errorf("encode %s draft of %s: %w", role, person.UserID, err)
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := ensurePerson(ctx, tx, person, at); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO profile_drafts (team_id, user_id, role, draft, updated_at)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (team_id, user_id, role) DO UPDATE SET
				draft = excluded.draft,
				updated_at = excluded.updated_at`,
			person.TeamID, person.UserID, string(role), encoded, at)
		if err != nil {
			return fmt.Errorf("save %s draft of %s: %w", role, person.UserID, err)
		}
		return nil
	})
}

func deleteDraft(ctx context.Context, tx pgx.Tx, person domain.PersonKey, role domain.Role) error {
	_, err := tx.Exec(ctx, `
		DELETE FROM profile_drafts WHERE team_id = $1 AND user_id = $2 AND role = $3`,
		person.TeamID, person.UserID, string(role))
	if err != nil {
		return fmt.Errorf("delete %s draft of %s: %w", role, person.UserID, err)
	}
	return nil
}

func readDrafts(ctx context.Context, tx pgx.Tx, r *domain.Registration) error {
	rows, err := tx.Query(ctx, `
		SELECT role, draft FROM profile_drafts WHERE team_id = $1 AND user_id = $2`,
		r.Person.TeamID, r.Person.UserID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var role string
		var draft []byte
		if err := rows.Scan(&role, &draft); err != nil {
			return err
		}
		if err := decodeDraft(domain.Role(role), draft, r); err != nil {
			return err
		}
	}
	return rows.Err()
}

func decodeDraft(role domain.Role, draft []byte, r *domain.Registration) error {
	if role == domain.RoleMentor {
		r.MentorDraft = &domain.MentorProfile{}
		return json.Unmarshal(draft, r.MentorDraft)
	}
	r.MenteeDraft = &domain.MenteeProfile{}
	return json.Unmarshal(draft, r.MenteeDraft)
}
