package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
)

// defaultConnectTimeout bounds each connection attempt unless the
// connection string sets connect_timeout.
const defaultConnectTimeout = 10 * time.Second

// Store is Mentorbot's PostgreSQL storage.
type Store struct {
	pool *pgxpool.Pool
	// jobs is an insert-only River client, which inserts notice jobs in the
	// caller's transaction and works none.
	jobs *river.Client[pgx.Tx]
}

// New returns a Store that uses pool. The caller keeps ownership of the pool
// and closes it.
func New(pool *pgxpool.Pool) *Store {
	return &Store{pool: pool, jobs: newInsertOnlyClient(pool)}
}

// Connect opens a connection pool to the database at connString and checks
// that the server answers.
func Connect(ctx context.Context, connString string) (*pgxpool.Pool, error) {
	config, err := pgxpool.ParseConfig(connString)
	if err != nil {
		// pgx's message quotes the connection string, and its redaction
		// misses some spellings of a password, so it is left out.
		return nil, errors.New("parse database connection string: it is not a valid PostgreSQL connection string")
	}
	if config.ConnConfig.ConnectTimeout == 0 {
		// A server that accepts connections but never answers would
		// otherwise hold start-up for minutes.
		config.ConnConfig.ConnectTimeout = defaultConnectTimeout
	}

	pool, err := pgxpool.NewWithConfig(ctx, config)
	if err != nil {
		return nil, fmt.Errorf("create database pool: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return pool, nil
}

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}
