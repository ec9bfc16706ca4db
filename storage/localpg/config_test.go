package localpg

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuoteSetting(t *testing.T) {
	t.Parallel()
	assert.Equal(t, `'/srv/data'`, quoteSetting("/srv/data"))
	assert.Equal(t, `'/srv/it''s'`, quoteSetting("/srv/it's"))
	assert.Equal(t, `'/srv/back\\slash'`, quoteSetting(`/srv/back\slash`))
}

func TestConnString_RoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		dir      string
		database string
	}{
		{"Plain", "/srv/data/postgres", "mentorbot"},
		{"Space", "/srv/my data/postgres", "mentor bot"},
		{"Quote", "/srv/it's/postgres", "o'clock"},
		{"Backslash", `/srv/back\slash/postgres`, `a\b`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			config, err := pgconn.ParseConfig(connString(tt.dir, tt.database))
			require.NoError(t, err)

			assert.Equal(t, tt.dir, config.Host)
			assert.Equal(t, uint16(5432), config.Port)
			assert.Equal(t, "postgres", config.User)
			assert.Equal(t, tt.database, config.Database)
			assert.Nil(t, config.TLSConfig)
		})
	}
}

func TestCheckSocketPath(t *testing.T) {
	t.Parallel()
	limit := maxSocketPathLen()
	suffix := len("/.s.PGSQL.5432")

	assert.NoError(t, checkSocketPath("/"+strings.Repeat("d", limit-suffix-1)))
	assert.Error(t, checkSocketPath("/"+strings.Repeat("d", limit-suffix)))
}

func TestEnsureInclude_AppendsOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	conf := filepath.Join(dir, "postgresql.conf")
	require.NoError(t, os.WriteFile(conf, []byte("shared_buffers = 128MB\n"), 0o600))

	require.NoError(t, ensureInclude(dir))
	require.NoError(t, ensureInclude(dir))

	data, err := os.ReadFile(conf)
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(string(data), includeDirective))
	assert.True(t, strings.HasPrefix(string(data), "shared_buffers = 128MB\n"))
}
