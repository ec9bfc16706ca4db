package storage

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/migrations"
)

// riverMigrationLockID is the key of the PostgreSQL advisory lock held while
// River's migrations run. Any value works that no other code locks, and
// goose locks 4097083626 (goose v3.30.1).
const riverMigrationLockID int64 = 0x6d656e746f72626f // "mentorbo" in ASCII

// migrationLockTimeout bounds the wait for another process's migrations.
const migrationLockTimeout = 5 * time.Minute

// Migrate applies every embedded migration that the database lacks, then
// River's migrations, which create the tables of the job queue.
//
// goose holds a PostgreSQL advisory lock for the whole run, so bot processes
// that start together against one database apply each migration once: the
// second waits for the first and then finds nothing left to do. River's
// migrations run under an advisory lock of their own for the same reason.
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

	return migrateRiver(ctx, pool, logger)
}

// migrateRiver applies the River migrations that the database lacks.
// rivermigrate takes no lock of its own (River v0.51.2), so without one two
// processes could apply the same version and one of them would fail.
func migrateRiver(ctx context.Context, pool *pgxpool.Pool, logger logrus.FieldLogger) error {
	// The lock is held on a connection outside the pool, so closing that
	// connection releases it even when unlocking would fail.
	conn, err := pgx.ConnectConfig(ctx, pool.Config().ConnConfig)
	if err != nil {
		return fmt.Errorf("connect to lock river migrations: %w", err)
	}
	defer func() { _ = conn.Close(context.Background()) }()

	lockCtx, cancel := context.WithTimeout(ctx, migrationLockTimeout)
	defer cancel()
	if _, err := conn.Exec(lockCtx, "SELECT pg_advisory_lock($1)", riverMigrationLockID); err != nil {
		return fmt.Errorf("wait for the river migration lock: %w", err)
	}

	// River's own log lines are discarded, because the results are logged
	// below with the bot's logger.
	migrator, err := rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{
		Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		return fmt.Errorf("load river migrations: %w", err)
	}
	result, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("apply river migrations: %w", err)
	}
	for _, version := range result.Versions {
		logger.WithFields(logrus.Fields{
			"river_migration":      version.Version,
			"river_migration_name": version.Name,
			"duration_ms":          version.Duration.Milliseconds(),
		}).Info("Applied River migration")
	}

	applied, err := migrator.ExistingVersions(ctx)
	if err != nil {
		return fmt.Errorf("read river schema version: %w", err)
	}
	if len(applied) > 0 {
		logger.WithField("river_schema_version", applied[len(applied)-1].Version).Info("River schema is up to date")
	}
	return nil
}
