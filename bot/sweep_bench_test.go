package bot_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/sirupsen/logrus/hooks/test"
	"github.com/slack-go/slack"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

// The sweep benchmark's seed: 1,000,000 invitations between 1,000 mentors
// and 1,000 mentees, one for each pair. One in ten is stale: in
// Considering for 6 days, so due a first reminder, or, for one in a
// hundred, for 22 days, so due to expire. Of the rest, a third are in
// Considering for a day and the others are ongoing or closed.
const (
	sweepBenchPeople      = 1_000
	sweepBenchInvitations = sweepBenchPeople * sweepBenchPeople
	sweepBenchReminders   = 90_000
	sweepBenchExpiries    = 10_000
)

// seedSweepBench inserts the sweep benchmark's people and invitations,
// created relative to now.
func seedSweepBench(b *testing.B, pool *pgxpool.Pool, now time.Time) {
	b.Helper()
	statements := []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO people (team_id, user_id, created_at)
			SELECT $1, prefix || lpad(i::text, 4, '0'), $2
			FROM generate_series(0, $3::int - 1) AS i, unnest(ARRAY['UBMENTOR', 'UBMENTEE']) AS prefix`,
			[]any{fakeslack.TeamID, now, sweepBenchPeople}},
		{`INSERT INTO invitations (team_id, mentor_user_id, mentee_user_id, status, created_at, updated_at, answered_at,
				ended_at)
			SELECT $1,
				'UBMENTOR' || lpad((i % $3)::text, 4, '0'),
				'UBMENTEE' || lpad((i / $3)::text, 4, '0'),
				status, created_at, created_at,
				CASE WHEN status IN ('ongoing', 'declined') THEN created_at END,
				CASE WHEN status IN ('declined', 'withdrawn', 'finished') THEN created_at END
			FROM generate_series(0, $4::int - 1) AS i,
			LATERAL (SELECT
				CASE
					WHEN i % 10 = 0 OR i % 3 = 1 THEN 'considering'
					ELSE (ARRAY['ongoing', 'declined', 'withdrawn', 'finished'])[1 + i % 4]
				END AS status,
				CASE
					WHEN i % 100 = 0 THEN $2::timestamptz - interval '22 days'
					WHEN i % 10 = 0 THEN $2::timestamptz - interval '6 days'
					ELSE $2::timestamptz - interval '1 day'
				END AS created_at
			) AS chosen`,
			[]any{fakeslack.TeamID, now, sweepBenchPeople, sweepBenchInvitations}},
		{`ANALYZE`, nil},
	}
	for _, statement := range statements {
		_, err := pool.Exec(b.Context(), statement.sql, statement.args...)
		require.NoError(b, err)
	}
}

// peakHeap samples the heap in use until stop is closed, and returns the
// largest sample.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	peak := make(chan uint64, 1)
	go func() {
		var stats runtime.MemStats
		var largest uint64
		ticker := time.NewTicker(20 * time.Millisecond)
		defer ticker.Stop()
		for {
			runtime.ReadMemStats(&stats)
			largest = max(largest, stats.HeapInuse)
			select {
			case <-stop:
				peak <- largest
				return
			case <-ticker.C:
			}
		}
	}()
	return peak
}

// BenchmarkSweepInvitations sweeps 1,000,000 invitations, of which 100,000
// are stale, and reports the time per sweep and the peak heap in use. Each
// iteration seeds a fresh database, outside the timer. Run it with
// -benchtime=1x, because one sweep takes tens of seconds.
func BenchmarkSweepInvitations(b *testing.B) {
	loaded, err := content.Default()
	require.NoError(b, err)
	logger, _ := test.NewNullLogger()
	stub := fakeslack.New(b)
	api := slack.New(botToken, slack.OptionAPIURL(stub.APIURL()), slack.OptionHTTPClient(testClient))
	now := time.Now()

	for b.Loop() {
		b.StopTimer()
		pool := pgtest.NewPool(b)
		seedSweepBench(b, pool, now)
		app := bot.NewApp(bot.AppConfig{
			Logger: logger, API: api, Content: loaded, Store: storage.New(pool), WorkingHours: allHours,
		})
		runtime.GC()
		stop := make(chan struct{})
		peak := peakHeap(stop)
		b.StartTimer()

		report, err := app.SweepInvitations(b.Context(), now)

		b.StopTimer()
		close(stop)
		b.ReportMetric(float64(<-peak)/(1<<20), "peak-heap-MiB")
		require.NoError(b, err)
		require.Equal(b, sweepBenchReminders, report.Reminded)
		require.Equal(b, sweepBenchExpiries, report.Expired)
		pool.Close()
		b.StartTimer()
	}
}
