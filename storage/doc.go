// Package storage keeps Mentorbot's records in PostgreSQL through pgx.
//
// A Store wraps a pgxpool.Pool and implements the storage interfaces that
// the domain package declares. Each method that changes more than one row
// opens a transaction, defers its rollback, calls helpers that take the
// transaction, and commits. Times are passed in from the caller's clock,
// never read with now() in SQL, so tests control them.
//
// The schema is changed only by the migrations embedded in the migrations
// package, applied by Migrate. The localpg subpackage runs the private
// PostgreSQL cluster used when no database is configured.
package storage
