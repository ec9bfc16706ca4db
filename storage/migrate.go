package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/migrations"
)

// Migrate applies every embedded migration that the database lacks.
//
// goose holds a PostgreSQL advisory lock for the whole run, so bot processes
// that start together against one database apply each migration once: the
// second waits for the first and then finds nothing left to do.
func Migrate(ctx context.Context, pool *pgxpool.Pool, logger logrus.FieldLogger) error {
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()

	// goose retries a held lock every 5 seconds by default; retrying every
	// second, for up to 5 minutes, keeps replicas that start together quick.
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
	if err != nil {
		return fmt.Errorf("create migration lock: %w", err)
	}
	provider, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS,
		goose.WithSessionLocker(locker),
		goose.WithDisableGlobalRegistry(true),
	)
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}

	results, err := provider.Up(ctx)
	if err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	for _, result := range results {
		logger.WithFields(logrus.Fields{
			"migration":   result.Source.Path,
			"duration_ms": result.Duration.Milliseconds(),
		}).Info("Applied database migration")
	}

	version, err := provider.GetDBVersion(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	logger.WithField("schema_version", version).Info("Database schema is up to date")
	return nil
}
