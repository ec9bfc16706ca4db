package storage_test

import (
	"testing"

	"github.com/mentorbot/mentorbot/storage/pgtest"
)

// TestMain gives the package's tests a PostgreSQL server: DATABASE_URL, or a
// throwaway local cluster.
func TestMain(m *testing.M) {
	pgtest.Main(m)
}
