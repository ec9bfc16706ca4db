// Package migrations embeds the numbered SQL migrations of Mentorbot's
// schema. They are applied at start-up by the storage package with goose, so
// every file is a goose SQL migration with an Up and a Down section.
package migrations

import "embed"

// FS contains the migration files, named NNNNN_description.sql.
//
//go:embed *.sql
var FS embed.FS
