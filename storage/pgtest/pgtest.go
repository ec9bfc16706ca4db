// Package pgtest gives each test its own freshly migrated database on a real
// PostgreSQL server.
//
// A package whose tests need a database calls Main from TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
// Main uses the server at DATABASE_URL when that variable is set. Otherwise
// it starts a throwaway cluster with localpg, the same way the bot starts its
// embedded database, so the server programs (initdb, pg_ctl, postgres) must
// be installed.
//
// NewPool and NewDatabaseURL use github.com/peterldowns/pgtestdb. The first
// call in a test binary migrates a template database, and each test gets a
// copy of it. The copies belong to the role pgtdbuser, which pgtestdb creates
// without superuser rights. A test's database is dropped when the test
// passes and kept for inspection when it fails. Template databases stay on
// the server and are reused until the migrations change.
package pgtest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/peterldowns/pgtestdb"
	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/localpg"
)

// serverConnString is the connection string of the server that Main chose.
// It is written before m.Run starts the tests, so they read it without a
// lock.
var serverConnString string

// clusterTimeout bounds starting and stopping the throwaway cluster.
const clusterTimeout = 2 * time.Minute

// Main runs the package's tests and exits with their exit code. It uses the
// server at DATABASE_URL when that variable is set. Otherwise it starts a
// throwaway cluster with localpg in a temporary directory, and stops and
// removes it after the tests.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if connString := os.Getenv("DATABASE_URL"); connString != "" {
		serverConnString = connString
		return m.Run()
	}

	dir, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: create directory for PostgreSQL: %v\n", err)
		return 1
	}
	defer func() { _ = os.RemoveAll(dir) }()
	// When the tests run as root, the server runs as an unprivileged user,
	// which must be able to enter the directory that MkdirTemp made 0700.
	if err := os.Chmod(dir, 0o755); err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: make %s searchable: %v\n", dir, err)
		return 1
	}

	logger := logrus.New()
	logger.SetLevel(logrus.WarnLevel)
	ctx, cancel := context.WithTimeout(context.Background(), clusterTimeout)
	cluster, err := localpg.Start(ctx, localpg.Options{DataDir: dir, Logger: logger})
	cancel()
	if err != nil {
		fmt.Fprintf(os.Stderr,
			"pgtest: start local PostgreSQL (or set DATABASE_URL to use a running server): %v\n", err)
		return 1
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), clusterTimeout)
		defer cancel()
		if err := cluster.Stop(ctx); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: stop local PostgreSQL: %v\n", err)
		}
	}()

	// NOTE: when the test binary is killed, for example by go test -timeout,
	// the deferred Stop does not run, so the server and its directory remain.
	serverConnString = cluster.ConnString()
	return m.Run()
}

// NewPool returns a pool connected to a fresh database with all migrations
// applied. The pool is closed and the database dropped when the test ends.
func NewPool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	connString := NewDatabaseURL(t)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	pool, err := storage.Connect(ctx, connString)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// NewDatabaseURL returns the connection string of a fresh database with all
// migrations applied, for tests that start the whole bot. The database is
// dropped when the test ends, and that fails the test if a connection to it
// is still open.
func NewDatabaseURL(t testing.TB) string {
	t.Helper()
	return pgtestdb.Custom(t, serverConfig(t), migrator{}).URL()
}

// NewEmptyDatabaseURL returns the connection string of a fresh database with
// no migrations applied, for tests of the migrations themselves. The
// database is dropped when the test ends.
func NewEmptyDatabaseURL(t testing.TB) string {
	t.Helper()
	return pgtestdb.Custom(t, serverConfig(t), pgtestdb.NoopMigrator{}).URL()
}

// serverConfig returns the pgtestdb configuration for the server that Main
// chose, or for DATABASE_URL when Main was not called.
func serverConfig(t testing.TB) pgtestdb.Config {
	t.Helper()
	connString := serverConnString
	if connString == "" {
		connString = os.Getenv("DATABASE_URL")
	}
	if connString == "" {
		t.Fatal("pgtest: no PostgreSQL server: " +
			"call pgtest.Main(m) from the package's TestMain, or set DATABASE_URL")
	}

	config, err := pgtestdbConfig(connString)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return config
}
