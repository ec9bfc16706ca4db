package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// ExportRelationships calls emit with teamID's invitations, with the names
// of their two people, in id order and at most batch at a time. The
// batches come from one snapshot, read page by page after the last id, so
// the bot holds one batch of rows at a time.
func (s *Store) ExportRelationships(ctx context.Context, teamID string, batch int, emit func([]domain.RelationshipRecord) error) error {
	if batch < 1 {
		return fmt.Errorf("export relationships of %s: batch %d is less than 1", teamID, batch)
	}
	return s.inSnapshot(ctx, func(tx pgx.Tx) error {
		read := func(after int64) ([]domain.RelationshipRecord, error) {
			rows, err := tx.Query(ctx, `
				SELECT i.id, i.team_id, i.mentor_user_id, i.mentee_user_id, i.status, i.note, i.reason,
					i.created_at, i.updated_at, i.answered_at, i.ended_at, i.mentor_channel, i.mentor_ts,
					coalesce(mentor.display_name, ''), coalesce(mentee.display_name, '')
				FROM invitations AS i
				LEFT JOIN people AS mentor ON mentor.team_id = i.team_id AND mentor.user_id = i.mentor_user_id
				LEFT JOIN people AS mentee ON mentee.team_id = i.team_id AND mentee.user_id = i.mentee_user_id
				WHERE i.team_id = $1 AND i.id > $2
				ORDER BY i.id
				LIMIT $3`,
				teamID, after, batch)
			if err != nil {
				return nil, fmt.Errorf("export relationships of %s: %w", teamID, err)
			}
			records, err := pgx.CollectRows(rows, scanRelationshipRecord)
			if err != nil {
				return nil, fmt.Errorf("export relationships of %s: %w", teamID, err)
			}
			return records, nil
		}
		lastID := func(record domain.RelationshipRecord) int64 { return record.Invitation.ID }
		return emitPages(0, batch, read, lastID, emit)
	})
}

func scanRelationshipRecord(row pgx.CollectableRow) (domain.RelationshipRecord, error) {
	var record domain.RelationshipRecord
	invitation := &record.Invitation
	var status string
	err := row.Scan(
		&invitation.ID, &invitation.TeamID, &invitation.Mentor.UserID, &invitation.Mentee.UserID,
		&status, &invitation.Note, &invitation.Reason,
		&invitation.CreatedAt, &invitation.UpdatedAt, &invitation.AnsweredAt, &invitation.EndedAt,
		&invitation.MentorChannel, &invitation.MentorTS,
		&record.MentorName, &record.MenteeName)
	invitation.Status = domain.Status(status)
	invitation.Mentor.TeamID = invitation.TeamID
	invitation.Mentee.TeamID = invitation.TeamID
	return record, err
}

// ExportRegistrations calls emit with teamID's people who started
// registering or have a profile, deactivated ones included and erased ones
// left out, in user id order and at most batch at a time, from one
// snapshot read page by page. Each record's steps are decided as
// domain.Registration.NextStep decides them for conductVersion.
func (s *Store) ExportRegistrations(ctx context.Context, teamID, conductVersion string, batch int, emit func([]domain.RegistrationRecord) error) error {
	if batch < 1 {
		return fmt.Errorf("export registrations of %s: batch %d is less than 1", teamID, batch)
	}
	return s.inSnapshot(ctx, func(tx pgx.Tx) error {
		read := func(after string) ([]domain.RegistrationRecord, error) {
			// The latest consent is read per person of the page, because
			// consentCTE would read the whole team's for every page.
			rows, err := tx.Query(ctx, `
				WITH page AS (
					SELECT * FROM people
					WHERE team_id = $1 AND user_id > $3 AND erased_at IS NULL
						AND (mentee_started_at IS NOT NULL OR mentor_started_at IS NOT NULL
							OR EXISTS (SELECT 1 FROM mentor_profiles m
								WHERE m.team_id = people.team_id AND m.user_id = people.user_id)
							OR EXISTS (SELECT 1 FROM mentee_profiles m
								WHERE m.team_id = people.team_id AND m.user_id = people.user_id))
					ORDER BY user_id
					LIMIT $4
				)
				SELECT p.team_id, p.user_id, p.display_name, p.deactivated_at IS NOT NULL,
					CASE WHEN p.mentee_started_at IS NOT NULL OR me.user_id IS NOT NULL
						THEN `+nextStepSQL("me.user_id IS NOT NULL")+` ELSE 0 END,
					CASE WHEN p.mentor_started_at IS NOT NULL OR mo.user_id IS NOT NULL
						THEN `+nextStepSQL("mo.user_id IS NOT NULL")+` ELSE 0 END,
					p.mentee_started_at, p.mentor_started_at, p.learning_completed_at, p.assessment_passed_at,
					coalesce(c.version, ''),
					coalesce(mo.searchable AND mo.admin_hidden_at IS NULL, false),
					coalesce(mo.admin_hidden_at IS NOT NULL, false)
				FROM page AS p
				LEFT JOIN LATERAL (
					SELECT cc.version, cc.version = $2 AS current FROM conduct_consents AS cc
					WHERE cc.team_id = p.team_id AND cc.user_id = p.user_id
					ORDER BY cc.agreed_at DESC
					LIMIT 1
				) AS c ON true
				LEFT JOIN mentee_profiles AS me ON me.team_id = p.team_id AND me.user_id = p.user_id
				LEFT JOIN mentor_profiles AS mo ON mo.team_id = p.team_id AND mo.user_id = p.user_id
				ORDER BY p.user_id`,
				teamID, conductVersion, after, batch)
			if err != nil {
				return nil, fmt.Errorf("export registrations of %s: %w", teamID, err)
			}
			records, err := pgx.CollectRows(rows, scanRegistrationRecord)
			if err != nil {
				return nil, fmt.Errorf("export registrations of %s: %w", teamID, err)
			}
			return records, nil
		}
		lastUserID := func(record domain.RegistrationRecord) string { return record.Person.UserID }
		return emitPages("", batch, read, lastUserID, emit)
	})
}

// emitPages calls emit with each page that read returns, reading the next
// page after the key of the last record, from first, until a page is
// shorter than batch.
func emitPages[K, R any](first K, batch int, read func(after K) ([]R, error), keyOf func(R) K,
	emit func([]R) error,
) error {
	after := first
	for {
		records, err := read(after)
		if err != nil {
			return err
		}
		if len(records) == 0 {
			return nil
		}
		if err := emit(records); err != nil {
			return err
		}
		if len(records) < batch {
			return nil
		}
		after = keyOf(records[len(records)-1])
	}
}

func scanRegistrationRecord(row pgx.CollectableRow) (domain.RegistrationRecord, error) {
	var record domain.RegistrationRecord
	var menteeStep, mentorStep int
	err := row.Scan(
		&record.Person.TeamID, &record.Person.UserID, &record.Name, &record.Deactivated,
		&menteeStep, &mentorStep,
		&record.MenteeStartedAt, &record.MentorStartedAt, &record.LearningCompletedAt, &record.AssessmentPassedAt,
		&record.ConsentVersion, &record.MentorListed, &record.AdminHidden)
	record.MenteeStep, record.MentorStep = domain.Step(menteeStep), domain.Step(mentorStep)
	return record, err
}

// inSnapshot runs fn in a read-only transaction that sees one snapshot of
// the database throughout.
func (s *Store) inSnapshot(ctx context.Context, fn func(tx pgx.Tx) error) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return fmt.Errorf("begin read-only transaction: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	return fn(tx)
}
