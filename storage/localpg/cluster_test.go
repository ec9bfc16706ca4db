package localpg

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newDataDir returns a new, short, world-searchable directory. t.TempDir is
// no use here: its parent is mode 0700, which the postgres user cannot enter
// when the tests run as root, and its test-named path can make the socket
// path too long.
func newDataDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "localpg-")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o755))
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

// testLogger returns a logger that writes to the test's log.
func testLogger(t *testing.T) logrus.FieldLogger {
	logger := logrus.New()
	logger.SetOutput(testLogWriter{t})
	return logger
}

type testLogWriter struct{ t *testing.T }

func (w testLogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// startCluster starts a cluster and stops it when the test ends.
func startCluster(t *testing.T, opts Options) *Cluster {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := Start(ctx, opts)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, c.Stop(context.Background())) })
	return c
}

func connect(t *testing.T, c *Cluster) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), c.ConnString())
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

func serverRunning(t *testing.T, c *Cluster) bool {
	t.Helper()
	running, err := c.serverRunning(context.Background())
	require.NoError(t, err)
	return running
}

func TestStart_CreatesThenReusesCluster(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// A space, a quote and a backslash in the path exercise the quoting of
	// postgresql.conf values and of the connection string.
	dataDir := filepath.Join(newDataDir(t), `it's a\b`)
	opts := Options{DataDir: dataDir, Database: "mentor bot", Logger: testLogger(t)}

	c, err := Start(ctx, opts)
	require.NoError(t, err)
	conn := connect(t, c)

	var database, listenAddresses, socketPermissions string
	require.NoError(t, conn.QueryRow(ctx, "SELECT current_database()").Scan(&database))
	assert.Equal(t, "mentor bot", database)
	require.NoError(t, conn.QueryRow(ctx, "SHOW listen_addresses").Scan(&listenAddresses))
	assert.Empty(t, listenAddresses, "server must not listen on TCP")
	require.NoError(t, conn.QueryRow(ctx, "SHOW unix_socket_permissions").Scan(&socketPermissions))
	assert.Equal(t, "0700", socketPermissions)
	_, err = conn.Exec(ctx, "CREATE TABLE note (body text); INSERT INTO note VALUES ('kept')")
	require.NoError(t, err)
	require.NoError(t, conn.Close(ctx))

	if os.Geteuid() == 0 {
		info, err := os.Stat(c.clusterDir)
		require.NoError(t, err)
		owner := info.Sys().(*syscall.Stat_t).Uid
		assert.NotZero(t, owner, "cluster directory must belong to an unprivileged user")
	}

	require.NoError(t, c.Stop(ctx))
	assert.False(t, serverRunning(t, c), "server still running after Stop")
	require.NoError(t, c.Stop(ctx), "second Stop")

	// As root, hand the cluster to root, as a copy made by root would be, so
	// that the next Start must give it back to the server's user.
	if os.Geteuid() == 0 {
		require.NoError(t, filepath.WalkDir(c.clusterDir, func(path string, _ fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			return os.Lchown(path, 0, 0)
		}))
	}

	again := startCluster(t, opts)
	var body string
	require.NoError(t, connect(t, again).QueryRow(ctx, "SELECT body FROM note").Scan(&body))
	assert.Equal(t, "kept", body)
}

func TestStart_SharedDataDir(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	opts := Options{DataDir: newDataDir(t), Database: "mentorbot", Logger: testLogger(t)}

	// Both Starts race to create the cluster; the setup lock makes one wait.
	var clusters [2]*Cluster
	var errs [2]error
	var wg sync.WaitGroup
	for i := range clusters {
		wg.Go(func() { clusters[i], errs[i] = Start(ctx, opts) })
	}
	wg.Wait()
	require.NoError(t, errs[0])
	require.NoError(t, errs[1])
	first, second := clusters[0], clusters[1]
	t.Cleanup(func() { _ = second.Stop(ctx) })

	require.NoError(t, first.Stop(ctx))
	assert.True(t, serverRunning(t, second), "first Stop stopped the server that second still uses")
	var result int
	require.NoError(t, connect(t, second).QueryRow(ctx, "SELECT 1").Scan(&result))

	require.NoError(t, second.Stop(ctx))
	assert.False(t, serverRunning(t, second), "last Stop left the server running")
}

func TestStart_AfterServerCrash(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	opts := Options{DataDir: newDataDir(t), Database: "mentorbot", Logger: testLogger(t)}
	crashed := startCluster(t, opts)

	// Kill the postmaster so that postmaster.pid stays behind.
	pidFile := filepath.Join(crashed.clusterDir, "postmaster.pid")
	data, err := os.ReadFile(pidFile)
	require.NoError(t, err)
	firstLine, _, _ := strings.Cut(string(data), "\n")
	pid, err := strconv.Atoi(firstLine)
	require.NoError(t, err)
	require.NoError(t, syscall.Kill(pid, syscall.SIGKILL))
	waitForExit(t, pid)
	require.FileExists(t, pidFile)

	restarted := startCluster(t, opts)
	var result int
	require.NoError(t, connect(t, restarted).QueryRow(ctx, "SELECT 1").Scan(&result))
}

// waitForExit waits until the process pid has exited and been reaped. A
// zombie still counts as running for pg_ctl and the server, and the killed
// server's parent is init, which may take a second or two to reap it.
func waitForExit(t *testing.T, pid int) {
	t.Helper()
	require.Eventually(t, func() bool {
		return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
	}, 15*time.Second, 50*time.Millisecond, "server process %d did not go away", pid)
}

func TestStart_ServerNotFound(t *testing.T) {
	t.Parallel()
	empty := t.TempDir()
	opts := Options{
		DataDir: filepath.Join(t.TempDir(), "data"),
		search:  &searchPath{path: empty, folders: []string{filepath.Join(empty, "*", "bin")}},
	}

	_, err := Start(context.Background(), opts)

	require.ErrorIs(t, err, ErrServerNotFound)
	assert.Contains(t, err.Error(), "apt-get install postgresql")
	assert.Contains(t, err.Error(), "DATABASE_URL")
	assert.NoDirExists(t, opts.DataDir, "Start created the data directory before failing")
}

func TestStart_SocketPathTooLong(t *testing.T) {
	t.Parallel()
	dataDir := filepath.Join(t.TempDir(), strings.Repeat("d", 100))

	_, err := Start(context.Background(), Options{DataDir: dataDir})

	require.Error(t, err)
	assert.Contains(t, err.Error(), "DATA_DIR")
	assert.Contains(t, err.Error(), "shorter path")
	assert.NoDirExists(t, dataDir)
}

func TestStart_UnsearchableParent(t *testing.T) {
	t.Parallel()
	if os.Geteuid() != 0 {
		t.Skip("only a root process runs the server as another user")
	}
	closed := newDataDir(t)
	require.NoError(t, os.Chmod(closed, 0o700))

	_, err := Start(context.Background(), Options{DataDir: filepath.Join(closed, "data")})

	require.Error(t, err)
	assert.Contains(t, err.Error(), "directory "+closed+" ")
	assert.Contains(t, err.Error(), "DATA_DIR")
}

func TestStart_ForeignFilesInClusterDir(t *testing.T) {
	t.Parallel()
	dataDir := newDataDir(t)
	require.NoError(t, os.Mkdir(filepath.Join(dataDir, "postgres"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dataDir, "postgres", "notes.txt"), nil, 0o644))

	_, err := Start(context.Background(), Options{DataDir: dataDir})

	require.Error(t, err)
	assert.Contains(t, err.Error(), "PG_VERSION is missing")
}

func TestStart_CancelledContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	_, err := Start(ctx, Options{DataDir: newDataDir(t)})

	require.ErrorIs(t, err, context.Canceled)
}

func TestStop_ServerAlreadyStopped(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := startCluster(t, Options{DataDir: newDataDir(t), Logger: testLogger(t)})

	_, err := c.runner.output(ctx, c.programs.pgCtl, "stop", "--wait", "--pgdata="+c.clusterDir)
	require.NoError(t, err)

	require.NoError(t, c.Stop(ctx))
}

func TestStart_ClusterFromOtherMajorVersion(t *testing.T) {
	t.Parallel()
	dataDir := newDataDir(t)
	require.NoError(t, os.Mkdir(filepath.Join(dataDir, "postgres"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dataDir, "postgres", "PG_VERSION"), []byte("9.4\n"), 0o600))

	_, err := Start(context.Background(), Options{DataDir: dataDir})

	require.Error(t, err)
	assert.Contains(t, err.Error(), "created by PostgreSQL 9.4")
	assert.False(t, errors.Is(err, ErrServerNotFound))
}

func TestStart_ServerFailsToStart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	opts := Options{DataDir: newDataDir(t), Logger: testLogger(t)}
	c, err := Start(ctx, opts)
	require.NoError(t, err)
	require.NoError(t, c.Stop(ctx))
	conf, err := os.OpenFile(filepath.Join(c.clusterDir, "postgresql.conf"), os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, err = conf.WriteString("shared_buffers = 'plenty'\n")
	require.NoError(t, err)
	require.NoError(t, conf.Close())

	_, err = Start(ctx, opts)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "last lines of "+filepath.Join(c.clusterDir, "server.log"))
	assert.Contains(t, err.Error(), `invalid value for parameter "shared_buffers"`)
}
