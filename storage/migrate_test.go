package storage_test

import (
	"context"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/migrations"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

func discardLogger() logrus.FieldLogger {
	logger := logrus.New()
	logger.SetOutput(io.Discard)
	return logger
}

// migrationVersions returns the version of each embedded migration file,
// taken from the digits that start its name.
func migrationVersions(t *testing.T) []int64 {
	t.Helper()
	names, err := fs.Glob(migrations.FS, "*.sql")
	require.NoError(t, err)
	require.NotEmpty(t, names)

	versions := make([]int64, 0, len(names))
	for _, name := range names {
		digits, _, found := strings.Cut(name, "_")
		require.True(t, found, "migration %s has no _ after its version", name)
		version, err := strconv.ParseInt(digits, 10, 64)
		require.NoError(t, err, "migration %s", name)
		versions = append(versions, version)
	}
	return versions
}

// appliedCounts returns how many rows of goose_db_version mark each version
// as applied. goose adds version 0 when it creates the table.
func appliedCounts(t *testing.T, pool *pgxpool.Pool) map[int64]int {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT version_id, count(*)
		FROM goose_db_version
		WHERE is_applied
		GROUP BY version_id`)
	require.NoError(t, err)
	defer rows.Close()

	counts := map[int64]int{}
	for rows.Next() {
		var version int64
		var count int
		require.NoError(t, rows.Scan(&version, &count))
		counts[version] = count
	}
	require.NoError(t, rows.Err())
	return counts
}

// appliedOnce returns the counts that appliedCounts should return after the
// embedded migrations were each applied once.
func appliedOnce(t *testing.T) map[int64]int {
	want := map[int64]int{0: 1}
	for _, version := range migrationVersions(t) {
		want[version] = 1
	}
	return want
}

func TestMigrate_Concurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	connString := pgtest.NewEmptyDatabaseURL(t)

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
			errs[i] = storage.Migrate(ctx, pool, discardLogger())
		})
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "process %d", i)
	}

	pool, err := storage.Connect(ctx, connString)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	assert.Equal(t, appliedOnce(t), appliedCounts(t, pool))
}

func TestMigrate_AlreadyMigrated(t *testing.T) {
	t.Parallel()
	pool := pgtest.NewPool(t)

	require.NoError(t, storage.Migrate(context.Background(), pool, discardLogger()))

	assert.Equal(t, appliedOnce(t), appliedCounts(t, pool))
}
