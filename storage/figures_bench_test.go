package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

// benchPeople is how many people the figures benchmark seeds.
const benchPeople = 100_000

// figuresBenchSeed returns the statements that seed the figures
// benchmark. Person i is at a registration step that i picks: 1 in 10
// has not finished the learning package, 1 in 8 of the rest failed the
// assessment, 1 in 7 of those who passed has not agreed to the code of
// conduct, 1 in 5 agreed to an older version, and 1 in 4 has no profile.
// Everyone past the learning package has one finished attempt with an
// answer to each question. Each person is the mentor of one invitation,
// in a status that i picks, with events, meetings and feedback to match.
func figuresBenchSeed(questions []domain.QuestionKey, at time.Time) []seedStatement {
	ids := make([]string, len(questions))
	correct := make([]int32, len(questions))
	for i, question := range questions {
		ids[i], correct[i] = question.ID, int32(question.Correct)
	}
	return []seedStatement{
		{`INSERT INTO people (
			team_id, user_id, created_at, display_name, mentee_started_at, mentor_started_at,
			learning_completed_at, assessment_passed_at, deactivated_at
		)
		SELECT 'T1', 'U' || lpad(i::text, 6, '0'), $1, 'Person ' || i,
			CASE WHEN i % 3 <> 2 THEN $1::timestamptz END,
			CASE WHEN i % 3 <> 0 THEN $1::timestamptz END,
			CASE WHEN i % 10 <> 0 THEN $1::timestamptz END,
			CASE WHEN i % 10 <> 0 AND i % 8 <> 1 THEN $1::timestamptz END,
			CASE WHEN i % 50 = 0 THEN $1::timestamptz END
		FROM generate_series(1, $2::int) AS i`, []any{at, benchPeople}},

		{`INSERT INTO conduct_consents (team_id, user_id, version, agreed_at)
		SELECT 'T1', 'U' || lpad(i::text, 6, '0'), CASE WHEN i % 5 = 0 THEN 'v1' ELSE 'v2' END, $1
		FROM generate_series(1, $2::int) AS i
		WHERE i % 10 <> 0 AND i % 8 <> 1 AND i % 7 <> 0`, []any{at, benchPeople}},

		{`INSERT INTO mentee_profiles (team_id, user_id, job_role, org_area, areas, hopes, updated_at)
		SELECT 'T1', 'U' || lpad(i::text, 6, '0'), 'Technician', 'Registry', ARRAY['Research'], 'Confidence.', $1
		FROM generate_series(1, $2::int) AS i
		WHERE i % 10 <> 0 AND i % 8 <> 1 AND i % 7 <> 0 AND i % 4 <> 3 AND i % 3 <> 2`, []any{at, benchPeople}},

		{`INSERT INTO mentor_profiles (
			team_id, user_id, job_role, org_area, areas, about, capacity, available, searchable, updated_at
		)
		SELECT 'T1', 'U' || lpad(i::text, 6, '0'), 'Lecturer', 'Finance', ARRAY['Research'], 'Teaching.', 3, true, true, $1
		FROM generate_series(1, $2::int) AS i
		WHERE i % 10 <> 0 AND i % 8 <> 1 AND i % 7 <> 0 AND i % 4 <> 3 AND i % 3 <> 0`, []any{at, benchPeople}},

		{`INSERT INTO assessment_attempts (team_id, user_id, number, started_at, finished_at, correct, total, passed)
		SELECT 'T1', 'U' || lpad(i::text, 6, '0'), 1, $1, $1, 0, 0, i % 8 <> 1
		FROM generate_series(1, $2::int) AS i
		WHERE i % 10 <> 0`, []any{at, benchPeople}},

		// Everyone answers correctly unless the hash of their attempt and
		// the question picks a wrong option, about 1 time in 4.
		{`INSERT INTO assessment_answers (attempt_id, question_id, option_index, answered_at)
		SELECT a.id, k.question_id,
			CASE WHEN abs(hashint8(a.id * 100 + k.n)) % 4 = 0 THEN (k.correct + 1) % 3 ELSE k.correct END, $1
		FROM assessment_attempts AS a
		CROSS JOIN unnest($2::text[], $3::int[]) WITH ORDINALITY AS k (question_id, correct, n)`,
			[]any{at, ids, correct}},

		{`INSERT INTO invitations (
			team_id, mentor_user_id, mentee_user_id, status, created_at, updated_at, answered_at
		)
		SELECT 'T1', 'U' || lpad(i::text, 6, '0'), 'U' || lpad((i % $2::int + 1)::text, 6, '0'),
			(ARRAY['considering', 'ongoing', 'ongoing', 'declined', 'withdrawn', 'finished'])[1 + i % 6],
			$1::timestamptz - make_interval(days => i % 300), $1,
			CASE WHEN i % 6 IN (1, 2, 3, 5) THEN $1::timestamptz - make_interval(days => i % 300, hours => -(i % 97)) END
		FROM generate_series(1, $2::int) AS i`, []any{at, benchPeople}},

		{`INSERT INTO invitation_events (invitation_id, actor_user_id, from_status, to_status, at)
		SELECT id, mentor_user_id, 'considering', CASE WHEN status = 'declined' THEN 'declined' ELSE 'ongoing' END,
			answered_at
		FROM invitations
		WHERE answered_at IS NOT NULL`, nil},

		{`INSERT INTO meetings (invitation_id, user_id, met_at)
		SELECT id, mentor_user_id, answered_at + make_interval(days => (id % 120)::int)
		FROM invitations
		WHERE status = 'ongoing' AND id % 3 <> 0`, nil},

		{`INSERT INTO feedback (invitation_id, user_id, rating, given_at)
		SELECT id, mentor_user_id, 1 + id % 5, $1
		FROM invitations
		WHERE status = 'finished'`, []any{at}},

		{`VACUUM ANALYZE`, nil},
	}
}

// BenchmarkProgrammeFigures measures the programme team's figures over
// benchPeople people with one invitation each. Run it with
//
//	go test -run '^$' -bench ProgrammeFigures -benchtime 20x ./storage/
func BenchmarkProgrammeFigures(b *testing.B) {
	ctx := context.Background()
	pool := pgtest.NewPool(b)
	loaded, err := content.Default()
	require.NoError(b, err)
	questions := make([]domain.QuestionKey, len(loaded.Assessment.Questions))
	for i, question := range loaded.Assessment.Questions {
		questions[i] = domain.QuestionKey{ID: question.ID, Correct: question.CorrectOption()}
	}
	at := time.Date(2026, time.June, 1, 12, 0, 0, 0, time.UTC)

	start := time.Now()
	for _, statement := range figuresBenchSeed(questions, at) {
		_, err := pool.Exec(ctx, statement.sql, statement.args...)
		require.NoError(b, err, "seed: %s", statement.sql)
	}
	b.Logf("seeded %d people in %s", benchPeople, time.Since(start).Round(time.Millisecond))

	store := storage.New(pool)
	policy := domain.DefaultNudgePolicy()
	query := domain.FiguresQuery{
		ConductVersion: "v2", Questions: questions, MissedLimit: 5,
		ReminderAfter: policy.ReminderAfter, InactiveAfter: policy.InactiveAfter, Now: at,
	}
	// The figures modal lists the most often missed questions, and the
	// App Home's summary, which leaves them out, skips reading every answer.
	cases := []struct {
		name   string
		missed int
	}{{"AllFigures", 5}, {"HomeSummary", 0}}
	for _, test := range cases {
		b.Run(test.name, func(b *testing.B) {
			query.MissedLimit = test.missed
			var figures domain.Figures
			for b.Loop() {
				figures, err = store.ProgrammeFigures(ctx, "T1", query)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(figures.Registered(domain.RoleMentor)), "mentors")
			b.Logf("figures: %s", fmt.Sprint(figures.Steps))
		})
	}
}
