package storage_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertest"
	"github.com/riverqueue/river/rivertype"
	"github.com/sirupsen/logrus/hooks/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

var (
	mentor = domain.PersonKey{TeamID: "T0MENTOR1", UserID: "U0MENTOR1"}
	mentee = domain.PersonKey{TeamID: "T0MENTOR1", UserID: "U0MENTEE1"}
)

func invitationNotices() []domain.Notice {
	return []domain.Notice{
		{Type: domain.NoticeInvitation, Key: "invitation:7:considering:mentor", Recipient: mentor, InvitationID: 7},
		{Type: domain.NoticeInvitationSent, Key: "invitation:7:considering:mentee", Recipient: mentee, InvitationID: 7},
	}
}

// enqueueIn runs EnqueueNotices in a transaction and commits it, or rolls it
// back when commit is false.
func enqueueIn(t *testing.T, pool *pgxpool.Pool, notices []domain.Notice, commit bool) {
	t.Helper()
	ctx := context.Background()
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }()

	require.NoError(t, storage.New(pool).EnqueueNotices(ctx, tx, notices))

	// The jobs are visible inside the transaction before it ends.
	rivertest.RequireManyInsertedTx[*riverpgxv5.Driver](ctx, t, tx, expectedJobs(notices))
	if commit {
		require.NoError(t, tx.Commit(ctx))
	}
}

func expectedJobs(notices []domain.Notice) []rivertest.ExpectedJob {
	jobs := make([]rivertest.ExpectedJob, 0, len(notices))
	for _, notice := range notices {
		jobs = append(jobs, rivertest.ExpectedJob{
			Args: notice,
			Opts: &rivertest.RequireInsertedOpts{
				Queue:       storage.NoticeQueue,
				MaxAttempts: storage.NoticeMaxAttempts,
				State:       rivertype.JobStateAvailable,
			},
		})
	}
	return jobs
}

// jobCount returns how many River jobs the database holds.
func jobCount(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var count int
	require.NoError(t, pool.QueryRow(context.Background(), `SELECT count(*) FROM river_job`).Scan(&count))
	return count
}

func TestStore_EnqueueNoticesCommitted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.NewPool(t)
	notices := invitationNotices()

	enqueueIn(t, pool, notices, true)

	rows := rivertest.RequireManyInserted(ctx, t, riverpgxv5.New(pool), expectedJobs(notices))
	require.Len(t, rows, 2)
	for i, row := range rows {
		var args domain.Notice
		require.NoError(t, json.Unmarshal(row.EncodedArgs, &args))
		assert.Equal(t, notices[i], args, "job %d", i)
	}
}

func TestStore_EnqueueNoticesRolledBack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.NewPool(t)

	enqueueIn(t, pool, invitationNotices(), false)

	assert.Equal(t, 0, jobCount(t, pool))
	rivertest.RequireNotInserted(ctx, t, riverpgxv5.New(pool), &domain.Notice{}, nil)
}

func TestStore_EnqueueNoticesDuplicate(t *testing.T) {
	t.Parallel()
	pool := pgtest.NewPool(t)
	notices := invitationNotices()

	enqueueIn(t, pool, notices, true)
	ctx := context.Background()
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }()
	require.NoError(t, storage.New(pool).EnqueueNotices(ctx, tx, notices[:1]))
	require.NoError(t, tx.Commit(ctx))

	assert.Equal(t, 2, jobCount(t, pool))
}

func TestStore_EnqueueNoticesMissingKey(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.NewPool(t)
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }()
	notices := invitationNotices()
	notices[1].Key = ""

	err = storage.New(pool).EnqueueNotices(ctx, tx, notices)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing key")
	rivertest.RequireNotInsertedTx[*riverpgxv5.Driver](ctx, t, tx, &domain.Notice{}, nil)
}

func TestStore_EnqueueNoticesNone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.NewPool(t)
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }()

	require.NoError(t, storage.New(pool).EnqueueNotices(ctx, tx, nil))
}

func TestStore_SentNotice(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := storage.New(pgtest.NewPool(t))
	const key = "invitation:7:considering:mentor"
	sentAt := time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)

	_, _, ok, err := store.SentNotice(ctx, key)
	require.NoError(t, err)
	assert.False(t, ok, "before it is recorded")

	require.NoError(t, store.RecordSentNotice(ctx, key, "D0MENTOR1", "1700000000.000100", sentAt))
	channel, ts, ok, err := store.SentNotice(ctx, key)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, "D0MENTOR1", channel)
	assert.Equal(t, "1700000000.000100", ts)

	t.Run("RecordedAgainKeepsFirst", func(t *testing.T) {
		require.NoError(t, store.RecordSentNotice(ctx, key, "D0OTHER", "1800000000.000100", sentAt.Add(time.Hour)))
		channel, ts, ok, err := store.SentNotice(ctx, key)
		require.NoError(t, err)
		assert.True(t, ok)
		assert.Equal(t, "D0MENTOR1", channel)
		assert.Equal(t, "1700000000.000100", ts)
	})
}

// riverVersionCounts returns how many rows of river_migration record each
// version.
func riverVersionCounts(t *testing.T, pool *pgxpool.Pool) map[int]int {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT version, count(*) FROM river_migration GROUP BY version`)
	require.NoError(t, err)
	counts, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) ([2]int, error) {
		var pair [2]int
		err := row.Scan(&pair[0], &pair[1])
		return pair, err
	})
	require.NoError(t, err)

	byVersion := map[int]int{}
	for _, pair := range counts {
		byVersion[pair[0]] = pair[1]
	}
	return byVersion
}

func TestMigrate_RiverConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	connString := pgtest.NewDatabaseURL(t)
	logger, logs := test.NewNullLogger()

	// Remove River's schema, so goose finds nothing to do and the processes
	// below reach River's migrations together.
	pool, err := storage.Connect(ctx, connString)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	migrator, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	require.NoError(t, err)
	_, err = migrator.Migrate(ctx, rivermigrate.DirectionDown, &rivermigrate.MigrateOpts{TargetVersion: -1})
	require.NoError(t, err)

	// Each goroutine stands for a bot process starting against the same
	// database, with a pool of its own.
	const processes = 4
	var errs [processes]error
	var wg sync.WaitGroup
	for i := range processes {
		wg.Go(func() {
			pool, err := storage.Connect(ctx, connString)
			if err != nil {
				errs[i] = err
				return
			}
			defer pool.Close()
			errs[i] = storage.Migrate(ctx, pool, logger)
		})
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "process %d", i)
	}

	want := map[int]int{}
	for _, migration := range migrator.AllVersions() {
		want[migration.Version] = 1
	}
	assert.Equal(t, want, riverVersionCounts(t, pool))
	assert.Equal(t, 0, jobCount(t, pool), "river_job exists and is empty")

	var applied int
	for _, entry := range logs.AllEntries() {
		if entry.Message == "Applied River migration" {
			applied++
		}
	}
	assert.Equal(t, len(want), applied, "each River migration is applied and logged once")
}
