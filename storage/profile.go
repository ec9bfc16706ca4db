package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// SaveMentorProfile creates or replaces person's mentor profile.
func (s *Store) SaveMentorProfile(ctx context.Context, person domain.PersonKey, profile domain.MentorProfile) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := ensurePerson(ctx, tx, person, profile.UpdatedAt); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO mentor_profiles (
				team_id, user_id, job_role, org_area, areas, about,
				capacity, available, searchable, updated_at
			)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			ON CONFLICT (team_id, user_id) DO UPDATE SET
				job_role = excluded.job_role,
				org_area = excluded.org_area,
				areas = excluded.areas,
				about = excluded.about,
				capacity = excluded.capacity,
				available = excluded.available,
				searchable = excluded.searchable,
				updated_at = excluded.updated_at`,
			person.TeamID, person.UserID, profile.JobRole, profile.OrgArea, profile.Areas, profile.About,
			profile.Capacity, profile.Available, profile.Searchable, profile.UpdatedAt)
		if err != nil {
			return fmt.Errorf("save mentor profile of %s: %w", person.UserID, err)
		}
		return deleteDraft(ctx, tx, person, domain.RoleMentor)
	})
}

// SaveMenteeProfile creates or replaces person's mentee profile.
func (s *Store) SaveMenteeProfile(ctx context.Context, person domain.PersonKey, profile domain.MenteeProfile) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := ensurePerson(ctx, tx, person, profile.UpdatedAt); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO mentee_profiles (team_id, user_id, job_role, org_area, areas, hopes, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (team_id, user_id) DO UPDATE SET
				job_role = excluded.job_role,
				org_area = excluded.org_area,
				areas = excluded.areas,
				hopes = excluded.hopes,
				updated_at = excluded.updated_at`,
			person.TeamID, person.UserID, profile.JobRole, profile.OrgArea, profile.Areas, profile.Hopes,
			profile.UpdatedAt)
		if err != nil {
			return fmt.Errorf("save mentee profile of %s: %w", person.UserID, err)
		}
		return deleteDraft(ctx, tx, person, domain.RoleMentee)
	})
}

// SetMentorAvailability changes whether person takes new mentees and
// whether they are listed in search results.
func (s *Store) SetMentorAvailability(ctx context.Context, person domain.PersonKey, available, searchable bool, at time.Time) error {
	tag, err := s.pool.Exec(ctx, `
		UPDATE mentor_profiles SET available = $3, searchable = $4, updated_at = $5
		WHERE team_id = $1 AND user_id = $2`,
		person.TeamID, person.UserID, available, searchable, at)
	if err != nil {
		return fmt.Errorf("set availability of mentor %s: %w", person.UserID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("set availability of mentor %s: %w", person.UserID, domain.ErrNotFound)
	}
	return nil
}

func readMentorProfile(ctx context.Context, tx pgx.Tx, r *domain.Registration) error {
	var profile domain.MentorProfile
	err := tx.QueryRow(ctx, `
		SELECT job_role, org_area, areas, about, capacity, available, searchable, updated_at
		FROM mentor_profiles
		WHERE team_id = $1 AND user_id = $2`,
		r.Person.TeamID, r.Person.UserID,
	).Scan(&profile.JobRole, &profile.OrgArea, &profile.Areas, &profile.About,
		&profile.Capacity, &profile.Available, &profile.Searchable, &profile.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	r.Mentor = &profile
	return nil
}

func readMenteeProfile(ctx context.Context, tx pgx.Tx, r *domain.Registration) error {
	var profile domain.MenteeProfile
	err := tx.QueryRow(ctx, `
		SELECT job_role, org_area, areas, hopes, updated_at
		FROM mentee_profiles
		WHERE team_id = $1 AND user_id = $2`,
		r.Person.TeamID, r.Person.UserID,
	).Scan(&profile.JobRole, &profile.OrgArea, &profile.Areas, &profile.Hopes, &profile.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	r.Mentee = &profile
	return nil
}
