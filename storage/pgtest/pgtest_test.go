package pgtest

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) {
	Main(m)
}

func TestNewPool_Migrated(t *testing.T) {
	t.Parallel()
	pool := NewPool(t)

	var migrated bool
	err := pool.QueryRow(context.Background(),
		"SELECT EXISTS (SELECT FROM goose_db_version WHERE version_id > 0 AND is_applied)").Scan(&migrated)
	require.NoError(t, err)
	assert.True(t, migrated)
}

func TestNewPool_SeparateDatabases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	first, second := NewPool(t), NewPool(t)

	var firstName, secondName string
	require.NoError(t, first.QueryRow(ctx, "SELECT current_database()").Scan(&firstName))
	require.NoError(t, second.QueryRow(ctx, "SELECT current_database()").Scan(&secondName))
	assert.NotEqual(t, firstName, secondName)
}

func TestNewEmptyDatabaseURL_NoTables(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	conn, err := pgconn.Connect(ctx, NewEmptyDatabaseURL(t))
	require.NoError(t, err)
	defer func() { _ = conn.Close(ctx) }()

	result := conn.ExecParams(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", nil, nil, nil, nil).Read()
	require.NoError(t, result.Err)
	assert.Equal(t, "0", string(result.Rows[0][0]))
}

// fatalRecorder is a testing.TB whose Fatal and Fatalf record the message
// and end the goroutine, as the real ones do.
type fatalRecorder struct {
	testing.TB
	message string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatal(args ...any) {
	r.message = fmt.Sprint(args...)
	runtime.Goexit()
}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.message = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// TestNewPool_WithoutMain changes serverConnString, so it must not run in
// parallel with the other tests.
func TestNewPool_WithoutMain(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	saved := serverConnString
	serverConnString = ""
	defer func() { serverConnString = saved }()

	recorder := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		NewPool(recorder)
	}()
	<-done

	assert.Contains(t, recorder.message, "call pgtest.Main(m) from the package's TestMain")
}

func TestPgtestdbConfig_RoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		connString string
		wantHost   string // host as pgtestdb writes it into the URL
	}{
		{"TCP", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "127.0.0.1"},
		{"DefaultSSLMode", "postgres://postgres@db.example.com/postgres", "db.example.com"},
		{"Allow", "postgres://postgres@db.example.com/postgres?sslmode=allow", "db.example.com"},
		{"Require", "host=db.example.com user=postgres dbname=app sslmode=require", "db.example.com"},
		{"VerifyCA", "postgres://postgres@db.example.com/postgres?sslmode=verify-ca", "db.example.com"},
		{"VerifyFull", "postgres://postgres@db.example.com/postgres?sslmode=verify-full", "db.example.com"},
		{"IPv6", "postgres://postgres@[::1]:6543/postgres?sslmode=disable", "[::1]"},
		{"Socket", "host=/var/run/postgresql port=5433 user=bob dbname=app", ""},
		{"SocketWithSpaceAndQuote", `host='/tmp/it\'s here' user=postgres dbname='my db' sslmode=disable`, ""},
		{"EscapedCredentials", "postgres://us%40er:p%40ss%3Aw%2Fo%2Brd%20x@127.0.0.1/d%2Fb%26c?sslmode=disable", "127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want, err := pgconn.ParseConfig(tt.connString)
			require.NoError(t, err)

			config, err := pgtestdbConfig(tt.connString)
			require.NoError(t, err)
			got, err := pgconn.ParseConfig(config.URL())
			require.NoError(t, err, "URL %s", config.URL())

			assert.Equal(t, tt.wantHost, config.Host)
			assert.Equal(t, want.Host, got.Host)
			assert.Equal(t, want.Port, got.Port)
			assert.Equal(t, want.User, got.User)
			assert.Equal(t, want.Password, got.Password)
			assert.Equal(t, want.Database, got.Database)
			assert.Equal(t, sslMode(want), sslMode(got))
		})
	}
}

func TestSSLMode(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"disable", "allow", "prefer", "require", "verify-ca", "verify-full"} {
		config, err := pgconn.ParseConfig("postgres://postgres@db.example.com/postgres?sslmode=" + mode)
		require.NoError(t, err)
		assert.Equal(t, mode, sslMode(config))
	}
}

func TestPgtestdbConfig_Invalid(t *testing.T) {
	t.Parallel()
	_, err := pgtestdbConfig("postgres://postgres:secret@127.0.0.1:notaport/postgres")

	require.Error(t, err)
	assert.NotContains(t, err.Error(), "secret")
}
