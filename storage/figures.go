package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

var _ domain.ProgrammeAdmin = (*Store)(nil)

// consentCTE is a WITH clause whose table consent has a row for each
// person of team $1 who agreed to a code of conduct. Its column current
// is true when the latest version they agreed to, as readLatestConsent
// reads it, is $2. Comparing the latest agreement times needs only a hash
// aggregate, where picking each person's latest row would sort them all.
const consentCTE = `
	WITH consent AS (
		SELECT user_id, coalesce(max(agreed_at) FILTER (WHERE version = $2) = max(agreed_at), false) AS current
		FROM conduct_consents
		WHERE team_id = $1
		GROUP BY user_id
	)`

// nextStepSQL returns SQL for the number of the next registration step of
// people p as domain.Registration.NextStep decides it. c must have a
// boolean column current, true when the person's latest consent is to the
// current code of conduct, and be null when they have none. hasProfile is
// SQL that is true when the person has the role's profile.
func nextStepSQL(hasProfile string) string {
	return fmt.Sprintf(`CASE
			WHEN p.learning_completed_at IS NULL THEN %d
			WHEN p.assessment_passed_at IS NULL THEN %d
			WHEN c.current IS NULL THEN %d
			WHEN %s THEN %d
			WHEN NOT c.current THEN %d
			ELSE %d
		END`,
		domain.StepLearning, domain.StepAssessment, domain.StepConduct,
		hasProfile, domain.StepDone,
		domain.StepConduct,
		domain.StepDetails)
}

// ProgrammeFigures returns teamID's figures. Every figure is an aggregate
// that PostgreSQL computes, read in one snapshot, so the figures agree
// with each other and no person's rows reach the bot.
func (s *Store) ProgrammeFigures(ctx context.Context, teamID string, query domain.FiguresQuery) (domain.Figures, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return domain.Figures{}, fmt.Errorf("begin reading figures of %s: %w", teamID, err)
	}
	defer func() { _ = tx.Rollback(ctx) }()

	figures := domain.Figures{
		Steps:       map[domain.Role]map[domain.Step]int{domain.RoleMentee: {}, domain.RoleMentor: {}},
		Invitations: map[domain.Status]int{},
		Feedback:    map[int]int{},
	}
	readers := []func(context.Context, pgx.Tx, string, domain.FiguresQuery, *domain.Figures) error{
		readStepCounts, readAttemptCounts, readMissedQuestions, readInvitationCounts,
		readMedianAnswer, readInactiveCount, readFeedbackCounts,
	}
	for _, read := range readers {
		if err := read(ctx, tx, teamID, query, &figures); err != nil {
			return domain.Figures{}, fmt.Errorf("read figures of %s: %w", teamID, err)
		}
	}
	return figures, nil
}

// readStepCounts counts, for each role, the active people who started it
// or have its profile, by next step.
func readStepCounts(ctx context.Context, tx pgx.Tx, teamID string, query domain.FiguresQuery, figures *domain.Figures) error {
	rows, err := tx.Query(ctx, consentCTE+`
		SELECT r.role, r.step, count(*)
		FROM people AS p
		LEFT JOIN consent AS c ON c.user_id = p.user_id
		LEFT JOIN mentee_profiles AS me ON me.team_id = p.team_id AND me.user_id = p.user_id
		LEFT JOIN mentor_profiles AS mo ON mo.team_id = p.team_id AND mo.user_id = p.user_id
		CROSS JOIN LATERAL (VALUES
			('mentee', p.mentee_started_at IS NOT NULL OR me.user_id IS NOT NULL,
				`+nextStepSQL("me.user_id IS NOT NULL")+`),
			('mentor', p.mentor_started_at IS NOT NULL OR mo.user_id IS NOT NULL,
				`+nextStepSQL("mo.user_id IS NOT NULL")+`)
		) AS r (role, started, step)
		WHERE p.team_id = $1 AND p.deactivated_at IS NULL AND r.started
		GROUP BY r.role, r.step`,
		teamID, query.ConductVersion)
	if err != nil {
		return fmt.Errorf("count registration steps: %w", err)
	}
	var role string
	var step, count int
	_, err = pgx.ForEachRow(rows, []any{&role, &step, &count}, func() error {
		figures.Steps[domain.Role(role)][domain.Step(step)] = count
		return nil
	})
	if err != nil {
		return fmt.Errorf("count registration steps: %w", err)
	}
	return nil
}

func readAttemptCounts(ctx context.Context, tx pgx.Tx, teamID string, _ domain.FiguresQuery, figures *domain.Figures) error {
	err := tx.QueryRow(ctx, `
		SELECT count(*) FILTER (WHERE finished_at IS NOT NULL), count(*) FILTER (WHERE passed)
		FROM assessment_attempts
		WHERE team_id = $1`,
		teamID,
	).Scan(&figures.FinishedAttempts, &figures.PassedAttempts)
	if err != nil {
		return fmt.Errorf("count assessment attempts: %w", err)
	}
	return nil
}

// readMissedQuestions counts the wrong answers to each of the content's
// questions, which arrive as two parallel arrays of ids and correct
// options. Answers to questions the content no longer has are left out.
func readMissedQuestions(ctx context.Context, tx pgx.Tx, teamID string, query domain.FiguresQuery, figures *domain.Figures) error {
	if query.MissedLimit < 1 || len(query.Questions) == 0 {
		return nil
	}
	ids := make([]string, len(query.Questions))
	correct := make([]int32, len(query.Questions))
	for i, question := range query.Questions {
		ids[i], correct[i] = question.ID, int32(question.Correct)
	}
	// The answers are counted by question and option first, so the join
	// with the correct options runs on a few rows per question.
	rows, err := tx.Query(ctx, `
		WITH chosen AS (
			SELECT a.question_id, a.option_index, count(*) AS answers
			FROM assessment_answers AS a
			JOIN assessment_attempts AS t ON t.id = a.attempt_id
			WHERE t.team_id = $1
			GROUP BY a.question_id, a.option_index
		)
		SELECT k.question_id,
			coalesce(sum(c.answers) FILTER (WHERE c.option_index <> k.correct), 0)::bigint AS missed,
			sum(c.answers)::bigint
		FROM chosen AS c
		JOIN unnest($2::text[], $3::int[]) AS k (question_id, correct) ON k.question_id = c.question_id
		GROUP BY k.question_id
		HAVING sum(c.answers) FILTER (WHERE c.option_index <> k.correct) > 0
		ORDER BY missed DESC, k.question_id
		LIMIT $4`,
		teamID, ids, correct, query.MissedLimit)
	if err != nil {
		return fmt.Errorf("count missed questions: %w", err)
	}
	figures.Missed, err = pgx.CollectRows(rows, pgx.RowToStructByPos[domain.MissedQuestion])
	if err != nil {
		return fmt.Errorf("count missed questions: %w", err)
	}
	return nil
}

func readInvitationCounts(ctx context.Context, tx pgx.Tx, teamID string, query domain.FiguresQuery, figures *domain.Figures) error {
	rows, err := tx.Query(ctx, `
		SELECT status, count(*), count(*) FILTER (WHERE status = 'considering' AND created_at <= $2)
		FROM invitations
		WHERE team_id = $1
		GROUP BY status`,
		teamID, query.Now.Add(-query.ReminderAfter))
	if err != nil {
		return fmt.Errorf("count invitations: %w", err)
	}
	var status string
	var count, waiting int
	_, err = pgx.ForEachRow(rows, []any{&status, &count, &waiting}, func() error {
		figures.Invitations[domain.Status(status)] = count
		figures.WaitingLong += waiting
		return nil
	})
	if err != nil {
		return fmt.Errorf("count invitations: %w", err)
	}
	return nil
}

// readMedianAnswer reads the median time from an invitation to the
// mentor's answer. It counts the mentor's own changes out of Considering
// only: answered_at is also set when the programme closes an invitation
// that was never answered.
func readMedianAnswer(ctx context.Context, tx pgx.Tx, teamID string, _ domain.FiguresQuery, figures *domain.Figures) error {
	var seconds float64
	err := tx.QueryRow(ctx, `
		SELECT count(*),
			coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.at - i.created_at)), 0)
		FROM invitation_events AS e
		JOIN invitations AS i ON i.id = e.invitation_id
		WHERE i.team_id = $1 AND e.from_status = 'considering' AND e.to_status IN ('ongoing', 'declined')
			AND e.actor_user_id = i.mentor_user_id`,
		teamID,
	).Scan(&figures.MentorAnswers, &seconds)
	if err != nil {
		return fmt.Errorf("read median answer time: %w", err)
	}
	figures.MedianAnswer = time.Duration(seconds * float64(time.Second)).Round(time.Second)
	return nil
}

// readInactiveCount counts the Ongoing relationships whose latest "We
// met", or acceptance when there is none, is InactiveAfter or more ago, as
// domain.NudgePolicy.RelationshipNudges decides the inactive flag.
func readInactiveCount(ctx context.Context, tx pgx.Tx, teamID string, query domain.FiguresQuery, figures *domain.Figures) error {
	err := tx.QueryRow(ctx, `
		SELECT count(*)
		FROM invitations AS i
		WHERE i.team_id = $1 AND i.status = 'ongoing'
			AND greatest(coalesce(i.answered_at, i.created_at),
				(SELECT max(m.met_at) FROM meetings AS m WHERE m.invitation_id = i.id)) <= $2`,
		teamID, query.Now.Add(-query.InactiveAfter),
	).Scan(&figures.Inactive)
	if err != nil {
		return fmt.Errorf("count inactive relationships: %w", err)
	}
	return nil
}

func readFeedbackCounts(ctx context.Context, tx pgx.Tx, teamID string, _ domain.FiguresQuery, figures *domain.Figures) error {
	rows, err := tx.Query(ctx, `
		SELECT f.rating, count(*)
		FROM feedback AS f
		JOIN invitations AS i ON i.id = f.invitation_id
		WHERE i.team_id = $1
		GROUP BY f.rating`,
		teamID)
	if err != nil {
		return fmt.Errorf("count feedback: %w", err)
	}
	var rating, count, total, sum int
	_, err = pgx.ForEachRow(rows, []any{&rating, &count}, func() error {
		figures.Feedback[rating] = count
		total += count
		sum += rating * count
		return nil
	})
	if err != nil {
		return fmt.Errorf("count feedback: %w", err)
	}
	if total > 0 {
		figures.FeedbackAverage = float64(sum) / float64(total)
	}
	return nil
}
