package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

// PersonalData returns everything stored about person, read in one
// snapshot, with ExportedAt set to at. Records that person shares with
// someone else contain only person's own text.
func (s *Store) PersonalData(ctx context.Context, person domain.PersonKey, at time.Time) (domain.PersonalData, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return domain.PersonalData{}, fmt.Errorf("begin reading the personal data of %s: %w", person.UserID, err)
	}
	defer func() { _ = tx.Rollback(ctx) }()

	data := domain.PersonalData{ExportedAt: at, TeamID: person.TeamID, UserID: person.UserID}
	steps := []struct {
		name string
		read func(context.Context, pgx.Tx, domain.PersonKey, *domain.PersonalData) error
	}{
		{"person", readPersonRecord},
		{"learning places", readLearningPlaces},
		{"assessment attempts", readAttempts},
		{"conduct consents", readConsents},
		{"profiles", readProfiles},
		{"profile drafts", readDraftRecords},
		{"invitations", readInvitationRecords},
		{"invitation events", readInvitationEvents},
		{"nudges", readNudgeRecords},
		{"meetings, feedback and continuations", readRelationshipRecords},
		{"sent notices", readSentNotices},
		{"help questions", readHelpQuestions},
		{"audit log", readAuditRecords},
	}
	for _, step := range steps {
		if err := step.read(ctx, tx, person, &data); err != nil {
			return domain.PersonalData{}, fmt.Errorf("read %s of %s: %w", step.name, person.UserID, err)
		}
	}
	return data, nil
}

// collect runs query and scans each row with scan. It returns an empty
// slice, not nil, when there are no rows, so the export shows [] instead
// of null.
func collect[T any](ctx context.Context, tx pgx.Tx, scan func(pgx.CollectableRow) (T, error), query string, arguments ...any) ([]T, error) {
	rows, err := tx.Query(ctx, query, arguments...)
	if err != nil {
		return nil, err
	}
	items, err := pgx.CollectRows(rows, scan)
	if err != nil {
		return nil, err
	}
	if items == nil {
		items = []T{}
	}
	return items, nil
}

func readPersonRecord(ctx context.Context, tx pgx.Tx, person domain.PersonKey, data *domain.PersonalData) error {
	var record domain.PersonRecord
	err := tx.QueryRow(ctx, `
		SELECT created_at, display_name, mentee_started_at, mentor_started_at, learning_place_id,
			learning_step, learning_completed_at, assessment_passed_at, deactivated_at, erased_at
		FROM people
		WHERE team_id = $1 AND user_id = $2`,
		person.TeamID, person.UserID,
	).Scan(&record.CreatedAt, &record.DisplayName, &record.MenteeStartedAt, &record.MentorStartedAt,
		&record.LearningPlaceID, &record.LearningStep, &record.LearningCompletedAt, &record.AssessmentPassedAt,
		&record.DeactivatedAt, &record.ErasedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	data.Person = &record
	return nil
}

func readLearningPlaces(ctx context.Context, tx pgx.Tx, person domain.PersonKey, data *domain.PersonalData) error {
	var err error
	data.LearningPlaces, err = collect(ctx, tx, func(row pgx.CollectableRow) (domain.LearningPlaceRecord, error) {
		var record domain.LearningPlaceRecord
		return record, row.Scan(&record.PlaceID, &record.CompletedAt)
	}, `
		SELECT place_id, completed_at FROM learning_places
		WHERE team_id = $1 AND user_id = $2
		ORDER BY completed_at, place_id`,
		person.TeamID, person.UserID)
	return err
}

// readAttempts reads the attempts, then the answers of all of them in one
// query, and puts each answer under its attempt.
func readAttempts(ctx context.Context, tx pgx.Tx, person domain.PersonKey, data *domain.PersonalData) error {
	type attempt struct {
		id     int64
		record domain.AttemptRecord
	}
	attempts, err := collect(ctx, tx, func(row pgx.CollectableRow) (attempt, error) {
		var item attempt
		record := &item.record
		err := row.Scan(&item.id, &record.Number, &record.StartedAt, &record.FinishedAt,
			&record.Correct, &record.Total, &record.Passed)
		record.Answers = []domain.AnswerRecord{}
		return item, err
	}, `
		SELECT id, number, started_at, finished_at, correct, total, passed
		FROM assessment_attempts
		WHERE team_id = $1 AND user_id = $2
		ORDER BY number`,
		person.TeamID, person.UserID)
	if err != nil {
		return err
	}

	type answer struct {
		attemptID int64
		record    domain.AnswerRecord
	}
	answers, err := collect(ctx, tx, func(row pgx.CollectableRow) (answer, error) {
		var item answer
		return item, row.Scan(&item.attemptID, &item.record.QuestionID, &item.record.OptionIndex, &item.record.AnsweredAt)
	}, `
		SELECT a.attempt_id, a.question_id, a.option_index, a.answered_at
		FROM assessment_answers a
		JOIN assessment_attempts t ON t.id = a.attempt_id
		WHERE t.team_id = $1 AND t.user_id = $2
		ORDER BY a.attempt_id, a.answered_at, a.question_id`,
		person.TeamID, person.UserID)
	if err != nil {
		return err
	}

	data.AssessmentAttempts = make([]domain.AttemptRecord, len(attempts))
	index := make(map[int64]int, len(attempts))
	for i, item := range attempts {
		data.AssessmentAttempts[i] = item.record
		index[item.id] = i
	}
	for _, item := range answers {
		i := index[item.attemptID]
		data.AssessmentAttempts[i].Answers = append(data.AssessmentAttempts[i].Answers, item.record)
	}
	return nil
}

func readConsents(ctx context.Context, tx pgx.Tx, person domain.PersonKey, data *domain.PersonalData) error {
	var err error
	data.ConductConsents, err = collect(ctx, tx, func(row pgx.CollectableRow) (domain.ConsentRecord, error) {
		var record domain.ConsentRecord
		return record, row.Scan(&record.Version, &record.AgreedAt)
	}, `
		SELECT version, agreed_at FROM conduct_consents
		WHERE team_id = $1 AND user_id = $2
		ORDER BY agreed_at`,
		person.TeamID, person.UserID)
	return err
}

func readProfiles(ctx context.Context, tx pgx.Tx, person domain.PersonKey, data *domain.PersonalData) error {
	var mentor domain.MentorProfileRecord
	err := tx.QueryRow(ctx, `
		SELECT job_role, org_area, areas, about, capacity, available, searchable, updated_at
		FROM mentor_profiles
		WHERE team_id = $1 AND user_id = $2`,
		person.TeamID, person.UserID,
	).Scan(&mentor.JobRole, &mentor.OrgArea, &mentor.Areas, &mentor.About, &mentor.Capacity,
		&mentor.Available, &mentor.Searchable, &mentor.UpdatedAt)
	switch {
	case err == nil:
		data.MentorProfile = &mentor
	case !errors.Is(err, pgx.ErrNoRows):
		return err
	}

	var mentee domain.MenteeProfileRecord
	err = tx.QueryRow(ctx, `
		SELECT job_role, org_area, areas, hopes, updated_at
		FROM mentee_profiles
		WHERE team_id = $1 AND user_id = $2`,
		person.TeamID, person.UserID,
	).Scan(&mentee.JobRole, &mentee.OrgArea, &mentee.Areas, &mentee.Hopes, &mentee.UpdatedAt)
	switch {
	case err == nil:
		data.MenteeProfile = &mentee
	case !errors.Is(err, pgx.ErrNoRows):
		return err
	}
	return nil
}

func readDraftRecords(ctx context.Context, tx pgx.Tx, person domain.PersonKey, data *domain.PersonalData) error {
	var err error
	data.ProfileDrafts, err = collect(ctx, tx, func(row pgx.CollectableRow) (domain.ProfileDraftRecord, error) {
		var record domain.ProfileDraftRecord
		var role string
		err := row.Scan(&role, &record.Draft, &record.UpdatedAt)
		record.Role = domain.Role(role)
		return record, err
	}, `
		SELECT role, draft, updated_at FROM profile_drafts
		WHERE team_id = $1 AND user_id = $2
		ORDER BY role`,
		person.TeamID, person.UserID)
	return err
}

// readInvitationRecords reads the invitations where person is the mentor
// or the mentee. The note is the mentee's text and the DM is the mentor's,
// so each is left out when it belongs to the other person.
func readInvitationRecords(ctx context.Context, tx pgx.Tx, person domain.PersonKey, data *domain.PersonalData) error {
	invitations, err := invitationsWhere(ctx, tx, `team_id = $1 AND (mentor_user_id = $2 OR mentee_user_id = $2)`,
		person.TeamID, person.UserID)
	if err != nil {
		return err
	}
	erased, err := collect(ctx, tx, pgx.RowTo[string], `
		SELECT p.user_id FROM people p
		WHERE p.team_id = $1 AND p.erased_at IS NOT NULL AND p.user_id IN (
			SELECT CASE WHEN mentor_user_id = $2 THEN mentee_user_id ELSE mentor_user_id END
			FROM invitations WHERE team_id = $1 AND (mentor_user_id = $2 OR mentee_user_id = $2))`,
		person.TeamID, person.UserID)
	if err != nil {
		return err
	}

	data.Invitations = make([]domain.InvitationRecord, 0, len(invitations))
	for _, invitation := range invitations {
		record := domain.InvitationRecord{
			ID: invitation.ID, Status: invitation.Status, Reason: invitation.Reason,
			CreatedAt: invitation.CreatedAt, UpdatedAt: invitation.UpdatedAt,
			AnsweredAt: invitation.AnsweredAt, EndedAt: invitation.EndedAt,
		}
		if invitation.Mentee.UserID == person.UserID {
			record.Role, record.OtherUserID = domain.PartyMentee, invitation.Mentor.UserID
			record.Note = invitation.Note
		} else {
			record.Role, record.OtherUserID = domain.PartyMentor, invitation.Mentee.UserID
			record.MentorChannel, record.MentorTS = invitation.MentorChannel, invitation.MentorTS
		}
		if slices.Contains(erased, record.OtherUserID) {
			// The other person erased their data and shows as a former
			// member, here as everywhere else.
			record.OtherUserID, record.FormerMember = "", true
		}
		data.Invitations = append(data.Invitations, record)
	}
	return nil
}

func readInvitationEvents(ctx context.Context, tx pgx.Tx, person domain.PersonKey, data *domain.PersonalData) error {
	var err error
	data.InvitationEvents, err = collect(ctx, tx, func(row pgx.CollectableRow) (domain.InvitationEventRecord, error) {
		var record domain.InvitationEventRecord
		return record, row.Scan(&record.InvitationID, &record.FromStatus, &record.ToStatus, &record.Reason, &record.At)
	}, `
		SELECT e.invitation_id, e.from_status, e.to_status, e.reason, e.at
		FROM invitation_events e
		JOIN invitations i ON i.id = e.invitation_id
		WHERE i.team_id = $1 AND e.actor_user_id = $2
		ORDER BY e.at, e.id`,
		person.TeamID, person.UserID)
	return err
}

func readNudgeRecords(ctx context.Context, tx pgx.Tx, person domain.PersonKey, data *domain.PersonalData) error {
	var err error
	data.Nudges, err = collect(ctx, tx, func(row pgx.CollectableRow) (domain.NudgeRecord, error) {
		var record domain.NudgeRecord
		return record, row.Scan(&record.Key, &record.Kind, &record.InvitationID, &record.Sequence,
			&record.PlannedAt, &record.DueAt, &record.SentAt)
	}, `
		SELECT key, kind, invitation_id, sequence, planned_at, due_at, sent_at
		FROM nudges
		WHERE team_id = $1 AND user_id = $2
		ORDER BY planned_at, key`,
		person.TeamID, person.UserID)
	return err
}

// readRelationshipRecords reads the meetings, feedback and "Carry on"
// choices that person recorded on their invitations. The other person's
// rows of the same invitations are theirs, so they are left out.
func readRelationshipRecords(ctx context.Context, tx pgx.Tx, person domain.PersonKey, data *domain.PersonalData) error {
	const theirs = `user_id = $2 AND invitation_id IN (
		SELECT id FROM invitations WHERE team_id = $1 AND (mentor_user_id = $2 OR mentee_user_id = $2))`
	var err error
	data.Meetings, err = collect(ctx, tx, func(row pgx.CollectableRow) (domain.MeetingRecord, error) {
		var record domain.MeetingRecord
		return record, row.Scan(&record.InvitationID, &record.MetAt, &record.Note)
	}, `SELECT invitation_id, met_at, note FROM meetings WHERE `+theirs+` ORDER BY met_at`,
		person.TeamID, person.UserID)
	if err != nil {
		return err
	}
	data.Feedback, err = collect(ctx, tx, func(row pgx.CollectableRow) (domain.FeedbackRecord, error) {
		var record domain.FeedbackRecord
		return record, row.Scan(&record.InvitationID, &record.Rating, &record.Comment, &record.GivenAt)
	}, `SELECT invitation_id, rating, comment, given_at FROM feedback WHERE `+theirs+` ORDER BY given_at`,
		person.TeamID, person.UserID)
	if err != nil {
		return err
	}
	data.ReviewContinuations, err = collect(ctx, tx, func(row pgx.CollectableRow) (domain.ContinuationRecord, error) {
		var record domain.ContinuationRecord
		return record, row.Scan(&record.InvitationID, &record.DecidedAt)
	}, `SELECT invitation_id, decided_at FROM review_continuations WHERE `+theirs+` ORDER BY decided_at`,
		person.TeamID, person.UserID)
	return err
}

// readSentNotices reads the sent DMs whose keys identify person: their
// registration reminders ("person:<team>:<user>:..."), the nudges planned
// for them, and the invitation notices addressed to their side of one of
// their invitations, such as "invitation:7:new:mentee" or
// "invitation:7:ongoing:pair:first_meeting".
func readSentNotices(ctx context.Context, tx pgx.Tx, person domain.PersonKey, data *domain.PersonalData) error {
	var err error
	data.SentNotices, err = collect(ctx, tx, func(row pgx.CollectableRow) (domain.SentNoticeRecord, error) {
		var record domain.SentNoticeRecord
		return record, row.Scan(&record.Key, &record.Channel, &record.TS, &record.SentAt)
	}, `
		SELECT s.key, s.channel, s.ts, s.sent_at
		FROM sent_notices s
		WHERE starts_with(s.key, 'person:' || $1 || ':' || $2 || ':')
			OR EXISTS (SELECT 1 FROM nudges n WHERE n.key = s.key AND n.team_id = $1 AND n.user_id = $2)
			OR EXISTS (
				SELECT 1 FROM invitations i
				WHERE i.team_id = $1 AND starts_with(s.key, 'invitation:' || i.id || ':') AND (
					(i.mentor_user_id = $2 AND s.key ~ ('^invitation:' || i.id || ':[^:]+:(mentor|pair)(:|$)'))
					OR (i.mentee_user_id = $2 AND s.key ~ ('^invitation:' || i.id || ':[^:]+:(mentee|pair)(:|$)'))
				)
			)
		ORDER BY s.sent_at, s.key`,
		person.TeamID, person.UserID)
	return err
}

func readAuditRecords(ctx context.Context, tx pgx.Tx, person domain.PersonKey, data *domain.PersonalData) error {
	var err error
	data.AuditLog, err = collect(ctx, tx, func(row pgx.CollectableRow) (domain.AuditRecord, error) {
		var record domain.AuditRecord
		return record, row.Scan(&record.Action, &record.ActorUserID, &record.SubjectUserID,
			&record.InvitationID, &record.Detail, &record.At)
	}, `
		SELECT action, actor_user_id, subject_user_id, invitation_id, detail, at
		FROM audit_log
		WHERE team_id = $1 AND (actor_user_id = $2 OR subject_user_id = $2)
		ORDER BY at, id`,
		person.TeamID, person.UserID)
	return err
}

func readHelpQuestions(ctx context.Context, tx pgx.Tx, person domain.PersonKey, data *domain.PersonalData) error {
	var err error
	data.HelpQuestions, err = collect(ctx, tx, func(row pgx.CollectableRow) (domain.HelpQuestionRecord, error) {
		var record domain.HelpQuestionRecord
		return record, row.Scan(&record.Question, &record.AskedAt)
	}, `
		SELECT question, asked_at FROM help_questions
		WHERE team_id = $1 AND user_id = $2
		ORDER BY asked_at, id`,
		person.TeamID, person.UserID)
	return err
}
