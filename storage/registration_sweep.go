package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// idleRegistrationsQuery selects up to $4 people after ($1, $2), in
// primary key order, who are not deactivated, started a role they have not
// finished, and made their latest progress before $3. Progress is every time that
// domain.Registration contains, the profile drafts' times, and the latest
// assessment attempt start or answer, which is returned as last_activity.
// $5 is the kind of the registration reminders, whose keys are returned.
const idleRegistrationsQuery = `
	SELECT p.team_id, p.user_id, activity.last_activity,
		ARRAY(
			SELECT n.key FROM nudges n
			WHERE n.team_id = p.team_id AND n.user_id = p.user_id AND n.kind = $5
			ORDER BY n.key
		)
	FROM people p
	CROSS JOIN LATERAL (
		SELECT greatest(
			(SELECT max(a.started_at) FROM assessment_attempts a
				WHERE a.team_id = p.team_id AND a.user_id = p.user_id),
			(SELECT max(answer.answered_at)
				FROM assessment_attempts a JOIN assessment_answers answer ON answer.attempt_id = a.id
				WHERE a.team_id = p.team_id AND a.user_id = p.user_id)
		) AS last_activity
	) activity
	WHERE (p.team_id, p.user_id) > ($1, $2)
		AND p.deactivated_at IS NULL
		AND (p.mentee_started_at IS NOT NULL OR p.mentor_started_at IS NOT NULL)
		AND (
			p.learning_completed_at IS NULL
			OR p.assessment_passed_at IS NULL
			OR NOT EXISTS (SELECT 1 FROM conduct_consents c WHERE c.team_id = p.team_id AND c.user_id = p.user_id)
			OR (p.mentee_started_at IS NOT NULL
				AND NOT EXISTS (SELECT 1 FROM mentee_profiles m WHERE m.team_id = p.team_id AND m.user_id = p.user_id))
			OR (p.mentor_started_at IS NOT NULL
				AND NOT EXISTS (SELECT 1 FROM mentor_profiles m WHERE m.team_id = p.team_id AND m.user_id = p.user_id))
		)
		AND greatest(
			p.mentee_started_at, p.mentor_started_at, p.learning_completed_at, p.assessment_passed_at,
			(SELECT max(l.completed_at) FROM learning_places l WHERE l.team_id = p.team_id AND l.user_id = p.user_id),
			(SELECT max(c.agreed_at) FROM conduct_consents c WHERE c.team_id = p.team_id AND c.user_id = p.user_id),
			(SELECT m.updated_at FROM mentee_profiles m WHERE m.team_id = p.team_id AND m.user_id = p.user_id),
			(SELECT m.updated_at FROM mentor_profiles m WHERE m.team_id = p.team_id AND m.user_id = p.user_id),
			(SELECT max(d.updated_at) FROM profile_drafts d WHERE d.team_id = p.team_id AND d.user_id = p.user_id),
			activity.last_activity
		) < $3
	ORDER BY p.team_id, p.user_id
	LIMIT $4`

// IdleRegistrationsAfter returns up to limit people after the person
// after, in order of team id and user id, who started a role they have not
// finished, whose latest progress was before idleSince, and who are not
// recorded as deactivated. Each comes with their whole registration, read
// in the same snapshot as the batch.
//
// NOTE: people already reminded of the step they are on are returned on
// every sweep until they progress, and their registrations are read each
// time, because only the domain rule knows which step a person is on.
func (s *Store) IdleRegistrationsAfter(ctx context.Context, after domain.PersonKey, idleSince time.Time, limit int) ([]domain.IdleRegistration, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return nil, fmt.Errorf("begin reading idle registrations: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()

	batch, err := readIdlePeople(ctx, tx, after, idleSince, limit)
	if err != nil {
		return nil, fmt.Errorf("read idle registrations after %s/%s: %w", after.TeamID, after.UserID, err)
	}
	// The registrations are read once the batch's rows are closed, because
	// a connection runs one query at a time.
	for i := range batch {
		batch[i].Registration, err = readRegistration(ctx, tx, batch[i].Person)
		if err != nil {
			return nil, err
		}
	}
	return batch, nil
}

// readIdlePeople returns the batch of idleRegistrationsQuery, with only
// each person's key in Registration.
func readIdlePeople(ctx context.Context, tx pgx.Tx, after domain.PersonKey, idleSince time.Time, limit int) ([]domain.IdleRegistration, error) {
	rows, err := tx.Query(ctx, idleRegistrationsQuery,
		after.TeamID, after.UserID, idleSince, limit, string(domain.NudgeRegistrationReminder))
	if err != nil {
		return nil, err
	}
	defer rows.Close()

	var batch []domain.IdleRegistration
	for rows.Next() {
		var person domain.PersonKey
		var lastActivity *time.Time
		var keys []string
		if err := rows.Scan(&person.TeamID, &person.UserID, &lastActivity, &keys); err != nil {
			return nil, err
		}
		item := domain.IdleRegistration{
			Registration:     domain.Registration{Person: person},
			PlannedReminders: make(map[string]bool, len(keys)),
		}
		if lastActivity != nil {
			item.LastActivity = *lastActivity
		}
		for _, key := range keys {
			item.PlannedReminders[key] = true
		}
		batch = append(batch, item)
	}
	return batch, rows.Err()
}
