package localpg

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/jackc/pgx/v5"
	"github.com/sirupsen/logrus"
)

const (
	clusterSubdir = "postgres"            // cluster directory inside Options.DataDir
	setupLockName = "postgres-setup.lock" // held exclusively while starting or stopping
	usersLockName = "postgres-users.lock" // held shared by every running Cluster
	serverLogName = "server.log"          // server's log, inside the cluster directory

	// serverLogTailLines is how many lines of the server's log an error
	// includes when the server fails to start.
	serverLogTailLines = 20
)

// Options configures Start.
type Options struct {
	// DataDir is the directory that contains the cluster, in its postgres
	// subdirectory, and the lock files. Start makes the path absolute and
	// creates the directory with mode 0755 if it is missing.
	DataDir string

	// Database is the database that Start creates if it is missing, such as
	// "mentorbot". Empty means postgres, which initdb creates.
	Database string

	// Logger receives the cluster's start and stop messages. Nil discards
	// them.
	Logger logrus.FieldLogger

	// search replaces the places where Start looks for the server programs.
	// Tests set it; nil means PATH and then installFolders.
	search *searchPath
}

// Cluster is a PostgreSQL server that Start started, or found running, in a
// data directory. Its methods are safe for concurrent use.
type Cluster struct {
	dataDir    string
	clusterDir string
	database   string
	logger     logrus.FieldLogger
	runner     runner
	programs   installation
	version    string // server version, such as "15.20 (Debian 15.20-0+deb12u1)"

	// startedServer is true when this Cluster's Start started the server,
	// rather than finding it running.
	startedServer bool

	mu        sync.Mutex
	usersLock *os.File // shared lock on usersLockName, or nil after Stop
}

// Start starts the PostgreSQL cluster in opts.DataDir, creating it with
// initdb on first use, and creates opts.Database if it is missing. When
// another process has already started the server in that directory, Start
// reuses it. The server keeps running until the last Cluster on the
// directory calls Stop. If the process exits without calling Stop, the
// server keeps running and the next Start reuses it.
//
// Start returns an error wrapping ErrServerNotFound when the server programs
// are not installed.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	c, candidates, err := newCluster(opts)
	if err != nil {
		return nil, err
	}

	setupLock, err := lockFile(ctx, filepath.Join(c.dataDir, setupLockName), syscall.LOCK_EX)
	if err != nil {
		return nil, err
	}
	defer func() { _ = setupLock.Close() }()

	c.usersLock, err = lockFile(ctx, filepath.Join(c.dataDir, usersLockName), syscall.LOCK_SH)
	if err != nil {
		return nil, err
	}

	if err := c.start(ctx, candidates); err != nil {
		if stopErr := c.abandon(ctx); stopErr != nil {
			c.logger.WithError(stopErr).Error("Failed to stop PostgreSQL server after a failed start")
		}
		return nil, err
	}
	return c, nil
}

// newCluster checks opts, finds the server programs and prepares the data
// directory, before any lock is taken. It returns the installations to
// choose from.
func newCluster(opts Options) (*Cluster, []installation, error) {
	if opts.DataDir == "" {
		return nil, nil, errors.New("start local PostgreSQL: data directory is required")
	}
	dataDir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, nil, fmt.Errorf("resolve data directory %s: %w", opts.DataDir, err)
	}
	clusterDir := filepath.Join(dataDir, clusterSubdir)
	if err := checkSocketPath(clusterDir); err != nil {
		return nil, nil, err
	}

	search := defaultSearchPath()
	if opts.search != nil {
		search = *opts.search
	}
	candidates := findInstallations(search)
	if len(candidates) == 0 {
		return nil, nil, fmt.Errorf("find initdb, pg_ctl and postgres on PATH and in %s: %w",
			strings.Join(search.folders, ", "), ErrServerNotFound)
	}

	acct, err := serverAccount()
	if err != nil {
		return nil, nil, err
	}
	if err := makeDataDir(dataDir); err != nil {
		return nil, nil, err
	}
	if err := checkSearchable(dataDir, acct); err != nil {
		return nil, nil, err
	}

	c := &Cluster{
		dataDir:    dataDir,
		clusterDir: clusterDir,
		database:   opts.Database,
		logger:     opts.Logger,
		runner:     runner{account: acct, dir: dataDir},
	}
	if c.database == "" {
		c.database = "postgres"
	}
	if c.logger == nil {
		discard := logrus.New()
		discard.SetOutput(io.Discard)
		c.logger = discard
	}
	c.logger = c.logger.WithField("data_dir", clusterDir)
	return c, candidates, nil
}

// makeDataDir creates dataDir with mode 0755, whatever the umask, if it is
// missing.
func makeDataDir(dataDir string) error {
	if _, err := os.Stat(dataDir); !errors.Is(err, fs.ErrNotExist) {
		return nil // Any other error shows up when the lock file is opened.
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	if err := os.Chmod(dataDir, 0o755); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	return nil
}

// start runs while the setup lock is held: it prepares the cluster, starts
// the server unless it is running, and creates the database.
func (c *Cluster) start(ctx context.Context, candidates []installation) error {
	if err := c.prepareCluster(ctx, candidates); err != nil {
		return err
	}

	running, err := c.serverRunning(ctx)
	if err != nil {
		return err
	}
	if !running {
		if err := c.startServer(ctx); err != nil {
			return err
		}
		c.startedServer = true
	}

	if err := c.ensureDatabase(ctx); err != nil {
		if running {
			return fmt.Errorf("%w: pg_ctl status reports a server running in %s, "+
				"but the server does not accept connections. If it crashed, the process in "+
				"postmaster.pid may be a zombie (run containers with an init process, such as "+
				"docker run --init) or another program that reuses its PID", err, c.clusterDir)
		}
		return err
	}

	message := "Started PostgreSQL server"
	if running {
		message = "Reusing running PostgreSQL server"
	}
	c.logger.WithFields(logrus.Fields{
		"server_version": c.version,
		"database":       c.database,
		"run_as":         c.runner.account.name,
	}).Info(message)
	return nil
}

// prepareCluster chooses the server programs, creates the cluster if the
// cluster directory is empty, and makes sure postgresql.conf includes
// settingsFile.
func (c *Cluster) prepareCluster(ctx context.Context, candidates []installation) error {
	clusterVersion, err := readClusterVersion(c.clusterDir)
	if err != nil {
		return err
	}
	if clusterVersion == "" {
		empty, err := isEmptyDir(c.clusterDir)
		if err != nil {
			return fmt.Errorf("read cluster directory: %w", err)
		}
		if !empty {
			return fmt.Errorf("directory %s is not empty but contains no PostgreSQL cluster "+
				"(PG_VERSION is missing): move it away or set DATA_DIR elsewhere", c.clusterDir)
		}
	}

	c.programs, c.version, err = chooseInstallation(ctx, candidates, c.clusterDir, clusterVersion, c.runner)
	if err != nil {
		return err
	}
	if clusterVersion == "" {
		if err := c.initCluster(ctx); err != nil {
			return err
		}
	} else if err := chownTree(c.clusterDir, c.runner.account); err != nil {
		return err
	}
	return ensureInclude(c.clusterDir)
}

// initCluster runs initdb in a staging directory beside the cluster
// directory and renames it into place when initdb succeeds. A crash during
// initdb therefore leaves no half-made cluster where Start looks for one.
func (c *Cluster) initCluster(ctx context.Context) error {
	staging := c.clusterDir + ".initdb"
	if err := os.RemoveAll(staging); err != nil {
		return fmt.Errorf("remove unfinished cluster: %w", err)
	}
	if err := os.Mkdir(staging, 0o700); err != nil {
		return fmt.Errorf("create cluster directory: %w", err)
	}
	if err := chown(staging, c.runner.account); err != nil {
		return err
	}

	// Trust authentication is safe only because the socket is the only way
	// in, and other users cannot enter its directory.
	_, err := c.runner.output(ctx, c.programs.initdb,
		"--pgdata="+staging,
		"--auth=trust",
		"--username=postgres",
		"--encoding=UTF8",
		"--locale=C",
	)
	if err != nil {
		return fmt.Errorf("create PostgreSQL cluster: %w", err)
	}

	// rename(2) replaces the target when it is an empty directory, such as
	// one the operator created in advance.
	if err := os.Rename(staging, c.clusterDir); err != nil {
		return fmt.Errorf("move new cluster into place: %w", err)
	}
	c.logger.WithFields(logrus.Fields{
		"server_version": c.version,
		"bin_dir":        filepath.Dir(c.programs.postgres),
	}).Info("Initialised PostgreSQL cluster")
	return nil
}

// serverRunning reports whether pg_ctl finds a live server for the cluster.
// pg_ctl checks the process in postmaster.pid, so a file left by a crash
// counts as not running.
func (c *Cluster) serverRunning(ctx context.Context) (bool, error) {
	_, err := c.runner.output(ctx, c.programs.pgCtl, "status", "--pgdata="+c.clusterDir)
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() == 3: // pg_ctl's code for "no server running"
		return false, nil
	default:
		return false, fmt.Errorf("check whether PostgreSQL server is running: %w", err)
	}
}

// startServer writes the settings and starts the server, waiting until it
// accepts connections. pg_ctl detaches the server, so it outlives this
// process unless Stop is called.
func (c *Cluster) startServer(ctx context.Context) error {
	if err := writeSettings(c.clusterDir, c.runner.account); err != nil {
		return err
	}

	logPath := filepath.Join(c.clusterDir, serverLogName)
	// NOTE: cancelling ctx kills pg_ctl but not a server it has already
	// launched; the next Start finds that server and reuses it.
	_, err := c.runner.output(ctx, c.programs.pgCtl, "start",
		"--wait",
		"--pgdata="+c.clusterDir,
		"--log="+logPath,
		"-p", c.programs.postgres,
	)
	if err != nil {
		return fmt.Errorf("start PostgreSQL server: %w\nlast lines of %s:\n%s",
			err, logPath, tailFile(logPath))
	}
	return nil
}

// ensureDatabase creates c.database unless it exists, and records the
// version that the running server reports.
func (c *Cluster) ensureDatabase(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, connString(c.clusterDir, "postgres"))
	if err != nil {
		return fmt.Errorf("connect to PostgreSQL server: %w", err)
	}
	defer func() { _ = conn.Close(context.WithoutCancel(ctx)) }()
	c.version = conn.PgConn().ParameterStatus("server_version")

	var exists bool
	err = conn.QueryRow(ctx,
		"SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)", c.database,
	).Scan(&exists)
	if err != nil {
		return fmt.Errorf("check whether database %s exists: %w", c.database, err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{c.database}.Sanitize()); err != nil {
		return fmt.Errorf("create database %s: %w", c.database, err)
	}
	c.logger.WithField("database", c.database).Info("Created database")
	return nil
}

// ConnString returns a keyword/value connection string for the database
// over the cluster's Unix socket, as user postgres without a password.
func (c *Cluster) ConnString() string {
	return connString(c.clusterDir, c.database)
}

// Stop releases this Cluster's claim on the server and shuts the server
// down when no other Cluster, in this process or another, still uses it.
// Open transactions are rolled back and their connections closed. Calling
// Stop again does nothing.
func (c *Cluster) Stop(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.usersLock == nil {
		return nil
	}

	setupLock, err := lockFile(ctx, filepath.Join(c.dataDir, setupLockName), syscall.LOCK_EX)
	if err != nil {
		return fmt.Errorf("stop PostgreSQL server: %w", err)
	}
	defer func() { _ = setupLock.Close() }()
	return c.release(ctx)
}

// release runs while the setup lock is held: it drops the shared users lock
// and stops the server if no other Cluster holds that lock.
func (c *Cluster) release(ctx context.Context) error {
	alone, err := c.releaseUsersLock()
	if err != nil {
		return err
	}
	if !alone {
		c.logger.Info("Leaving PostgreSQL server running for other processes")
		return nil
	}

	wasRunning, err := c.stopServer(ctx)
	if err != nil {
		return err
	}
	if !wasRunning {
		c.logger.Warn("PostgreSQL server was not running at stop")
		return nil
	}
	c.logger.WithField("server_version", c.version).Info("Stopped PostgreSQL server")
	return nil
}

// abandon runs while the setup lock is held, after Start failed: it drops
// the shared users lock and stops the server if this Start started it and
// no other Cluster holds that lock. A server that Start found running is
// left alone, because it may not respond to pg_ctl stop.
func (c *Cluster) abandon(ctx context.Context) error {
	alone, err := c.releaseUsersLock()
	if err != nil || !alone || !c.startedServer {
		return err
	}
	_, err = c.stopServer(ctx)
	return err
}

// releaseUsersLock drops this Cluster's shared lock on the users lock file
// and reports whether no other Cluster held it.
func (c *Cluster) releaseUsersLock() (bool, error) {
	// Turning the shared lock into an exclusive one succeeds only when no
	// other Cluster holds it.
	alone, err := tryLock(c.usersLock, syscall.LOCK_EX)
	_ = c.usersLock.Close()
	c.usersLock = nil
	if err != nil {
		return false, fmt.Errorf("check for other users of PostgreSQL server: %w", err)
	}
	return alone, nil
}

// stopServer shuts the server down in fast mode, which rolls back open
// transactions and closes their connections. It reports whether the server
// was running.
func (c *Cluster) stopServer(ctx context.Context) (bool, error) {
	running, err := c.serverRunning(ctx)
	if err != nil || !running {
		return false, err
	}
	_, err = c.runner.output(ctx, c.programs.pgCtl, "stop",
		"--wait",
		"--mode=fast",
		"--pgdata="+c.clusterDir,
	)
	if err != nil {
		return true, fmt.Errorf("stop PostgreSQL server: %w", err)
	}
	return true, nil
}

// tailFile returns the last serverLogTailLines lines of the file at path, or
// the reason it cannot be read.
func tailFile(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(failed to read log: %v)", err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > serverLogTailLines {
		lines = lines[len(lines)-serverLogTailLines:]
	}
	return strings.Join(lines, "\n")
}
