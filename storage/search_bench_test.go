package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

// benchMentors is how many mentor profiles the search benchmark seeds.
const benchMentors = 100_000

// benchMentee is the mentee who searches in the benchmark. Their profile
// wants three areas, and they have invitations to some of the mentors.
var benchMentee = domain.PersonKey{TeamID: "T1", UserID: "UMENTEE"}

// seedStatement is one statement of the benchmark's seed.
type seedStatement struct {
	sql  string
	args []any
}

// searchBenchSeed returns the statements that seed the benchmark, with
// their arguments. The seed is deterministic: hashint4 picks each mentor's
// job role, organisational area and areas, and the user number i picks
// the rest. Of the 100,000 mentors, about 1 in 40 has not finished the
// learning package and the assessment, 1 in 45 has no consent, 1 in 50 is
// deactivated, 1 in 10 is unavailable and 1 in 20 hidden. Even-numbered
// mentors have 0 to 2 Ongoing invitations, so some are at capacity, and
// every seventh has one invitation in another status.
func searchBenchSeed(lists content.Lists, at time.Time) []seedStatement {
	return []seedStatement{
		{`INSERT INTO people (
			team_id, user_id, created_at, learning_completed_at, assessment_passed_at, display_name, deactivated_at
		)
		SELECT 'T1', 'U' || lpad(i::text, 6, '0'), $1,
			CASE WHEN i % 40 <> 1 THEN $1::timestamptz END,
			CASE WHEN i % 40 <> 1 THEN $1::timestamptz END,
			(ARRAY['Amara', 'Ben', 'Chloe', 'Dev', 'Elif', 'Femi', 'Grace', 'Hamza', 'Isla', 'Jack',
				'Kasia', 'Liam', 'Mei', 'Noah', 'Olu', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tom'])[1 + i % 20]
			|| ' ' ||
			(ARRAY['Adams', 'Brown', 'Chen', 'Davies', 'Evans', 'Fernandes', 'Green', 'Hughes', 'Ibrahim',
				'Jones', 'Khan', 'Lewis', 'Murphy', 'Nowak', 'Okafor', 'Patel', 'Roberts', 'Smith', 'Taylor',
				'Walker', 'Williams', 'Wilson', 'Wright', 'Young', 'Zielinska'])[1 + (i / 20) % 25],
			CASE WHEN i % 50 = 0 THEN $1::timestamptz END
		FROM generate_series(1, $2::int) AS i`, []any{at, benchMentors}},

		{`INSERT INTO mentor_profiles (
			team_id, user_id, job_role, org_area, areas, about, capacity, available, searchable, updated_at
		)
		SELECT 'T1', 'U' || lpad(i::text, 6, '0'),
			($3::text[])[1 + abs(hashint4(i * 3 + 1)) % cardinality($3::text[])],
			($4::text[])[1 + abs(hashint4(i * 3 + 2)) % cardinality($4::text[])],
			ARRAY(
				SELECT DISTINCT ($5::text[])[1 + abs(hashint4(i * 17 + k)) % cardinality($5::text[])]
				FROM generate_series(1, 1 + i % 4) AS k),
			'I have worked here for ' || i % 30 || ' years. Ask me about '
				|| (ARRAY['budgets', 'spreadsheets', 'grant applications', 'timetabling', 'student welfare',
					'committees', 'procurement', 'open access', 'lab safety', 'recruitment', 'outreach',
					'software'])[1 + i % 12]
				|| ' and '
				|| (ARRAY['statistics', 'fieldwork', 'archives', 'curriculum design', 'estates projects',
					'fundraising', 'governance', 'coaching', 'data protection', 'mentoring'])[1 + (i / 12) % 10]
				|| '.',
			1 + i % 5, i % 10 <> 0, i % 20 <> 0, $1
		FROM generate_series(1, $2::int) AS i`, []any{at, benchMentors, lists.JobRoles, lists.OrganisationalAreas, lists.MentoringAreas}},

		{`INSERT INTO conduct_consents (team_id, user_id, version, agreed_at)
		SELECT 'T1', 'U' || lpad(i::text, 6, '0'), '2025-01', $1
		FROM generate_series(1, $2::int) AS i
		WHERE i % 45 <> 2`, []any{at, benchMentors}},

		// Other mentees, who hold the invitations.
		{`INSERT INTO people (team_id, user_id, created_at, display_name)
		SELECT 'T1', 'M' || lpad(j::text, 4, '0'), $1, 'Mentee ' || j
		FROM generate_series(0, 1999) AS j`, []any{at}},

		{`INSERT INTO invitations (team_id, mentor_user_id, mentee_user_id, status, created_at, updated_at)
		SELECT 'T1', 'U' || lpad(i::text, 6, '0'), 'M' || lpad(((i + j) % 2000)::text, 4, '0'), 'ongoing', $1, $1
		FROM generate_series(1, $2::int) AS i, generate_series(1, 2) AS j
		WHERE i % 2 = 0 AND j <= i % 3`, []any{at, benchMentors}},

		{`INSERT INTO invitations (team_id, mentor_user_id, mentee_user_id, status, created_at, updated_at)
		SELECT 'T1', 'U' || lpad(i::text, 6, '0'), 'M' || lpad(((i + 1000) % 2000)::text, 4, '0'),
			(ARRAY['considering', 'declined', 'finished', 'withdrawn'])[1 + (i / 7) % 4], $1, $1
		FROM generate_series(1, $2::int) AS i
		WHERE i % 7 = 0`, []any{at, benchMentors}},

		// The searching mentee, with invitations to every 997th mentor.
		{`INSERT INTO people (team_id, user_id, created_at, learning_completed_at, assessment_passed_at, display_name)
		VALUES ('T1', 'UMENTEE', $1, $1, $1, 'Searching Mentee')`, []any{at}},

		{`INSERT INTO mentee_profiles (team_id, user_id, job_role, org_area, areas, hopes, updated_at)
		VALUES ('T1', 'UMENTEE', 'Technician', 'Registry',
			ARRAY['Networking', 'Career development', 'Budgets and finance'], 'Confidence.', $1)`, []any{at}},

		{`INSERT INTO invitations (team_id, mentor_user_id, mentee_user_id, status, created_at, updated_at)
		SELECT 'T1', 'U' || lpad(i::text, 6, '0'), 'UMENTEE',
			CASE WHEN i % 2 = 0 THEN 'considering' ELSE 'declined' END, $1, $1
		FROM generate_series(1, $2::int, 997) AS i`, []any{at, benchMentors}},

		// Statistics and visibility map as autovacuum would leave them
		// after the bulk load.
		{`VACUUM ANALYZE`, nil},
	}
}

// seedSearchBench fills a fresh database with benchMentors mentors.
func seedSearchBench(b *testing.B, pool *pgxpool.Pool) {
	b.Helper()
	ctx := context.Background()
	loaded, err := content.Default()
	require.NoError(b, err)
	at := time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)

	for _, statement := range searchBenchSeed(loaded.Lists, at) {
		_, err := pool.Exec(ctx, statement.sql, statement.args...)
		require.NoError(b, err, "seed: %s", statement.sql)
	}
}

// BenchmarkSearchMentors measures one search among benchMentors mentors.
// The database is seeded once, before the cases run. Run it with
//
//	go test -run '^$' -bench SearchMentors -benchtime 200x ./storage/
func BenchmarkSearchMentors(b *testing.B) {
	pool := pgtest.NewPool(b)
	start := time.Now()
	seedSearchBench(b, pool)
	b.Logf("seeded %d mentors in %s", benchMentors, time.Since(start).Round(time.Millisecond))
	store := storage.New(pool)

	cases := []struct {
		name   string
		filter domain.SearchFilter
	}{
		{"NoFilter", domain.SearchFilter{}},
		{"ThreeFilters", domain.SearchFilter{
			Areas:    []string{"Networking"},
			JobRoles: []string{"Lecturer"},
			OrgAreas: []string{"Finance"},
		}},
		// A first name and the start of a surname.
		{"FreeText", domain.SearchFilter{Text: "priya pat"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			var found int
			for b.Loop() {
				candidates, err := store.SearchMentors(ctx, benchMentee, c.filter, 200)
				if err != nil {
					b.Fatal(err)
				}
				found = len(candidates)
			}
			b.ReportMetric(float64(found), "mentors")
		})
	}
}
