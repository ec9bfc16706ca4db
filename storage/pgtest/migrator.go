package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"io/fs"

	// pgtestdb opens its connections through database/sql with driver "pgx".
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/peterldowns/pgtestdb"
	"github.com/peterldowns/pgtestdb/migrators/common"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/migrations"
	"github.com/mentorbot/mentorbot/storage"
)

// migrator prepares pgtestdb's template database with storage.Migrate, the
// same code that migrates the bot's database at start-up.
type migrator struct{}

var _ pgtestdb.Migrator = migrator{}

// Hash returns a hash of the names and contents of the embedded migration
// files and of River's migration versions. pgtestdb names the template
// database after it, so a changed migration gets a new template.
func (migrator) Hash() (string, error) {
	hash := common.NewRecursiveHash(common.Field("Migrator", "storage.Migrate"))
	err := fs.WalkDir(migrations.FS, ".", func(path string, entry fs.DirEntry, err error) error {
		if err != nil || entry.IsDir() {
			return err
		}
		contents, err := fs.ReadFile(migrations.FS, path)
		if err != nil {
			return err
		}
		hash.AddField("File", path)
		hash.Add(contents)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hash migrations: %w", err)
	}

	// storage.Migrate also applies River's migrations, so a River upgrade
	// needs a new template too.
	riverMigrator, err := rivermigrate.New(riverpgxv5.New(nil), nil)
	if err != nil {
		return "", fmt.Errorf("list River migrations: %w", err)
	}
	for _, migration := range riverMigrator.AllVersions() {
		hash.AddField("RiverMigration", migration.Version)
	}
	return hash.String(), nil
}

// Migrate applies the migrations to the template database. It opens its own
// pool, because storage.Migrate takes a pgxpool.Pool, and ignores the
// database/sql handle that pgtestdb passes.
func (migrator) Migrate(ctx context.Context, _ *sql.DB, template pgtestdb.Config) error {
	pool, err := storage.Connect(ctx, template.URL())
	if err != nil {
		return err
	}
	defer pool.Close()

	logger := logrus.New()
	logger.SetOutput(io.Discard)
	return storage.Migrate(ctx, pool, logger)
}
