package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/mentorbot/mentorbot/domain"
)

var _ domain.AuditLog = (*Store)(nil)

// RecordAudit appends entry to the audit log.
func (s *Store) RecordAudit(ctx context.Context, entry domain.AuditEntry) error {
	return s.inTx(ctx, func(tx pgx.Tx) error { return insertAudit(ctx, tx, entry) })
}

// insertAudit appends entry to the audit log within tx, so that a change
// and its audit entry commit together.
func insertAudit(ctx context.Context, tx pgx.Tx, entry domain.AuditEntry) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO audit_log (team_id, actor_user_id, action, subject_user_id, invitation_id, detail, at)
		VALUES ($1, $2, $3, $4, nullif($5, 0), $6, $7)`,
		entry.TeamID, entry.Actor, string(entry.Action), entry.Subject, entry.InvitationID, entry.Detail, entry.At)
	if err != nil {
		return fmt.Errorf("record audit entry %s by %q: %w", entry.Action, entry.Actor, err)
	}
	return nil
}

// AuditEntries returns up to limit of team's audit entries, newest first.
func (s *Store) AuditEntries(ctx context.Context, teamID string, limit int) ([]domain.AuditEntry, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT team_id, actor_user_id, action, subject_user_id, coalesce(invitation_id, 0), detail, at
		FROM audit_log
		WHERE team_id = $1
		ORDER BY at DESC, id DESC
		LIMIT $2`,
		teamID, limit)
	if err != nil {
		return nil, fmt.Errorf("read audit log of %s: %w", teamID, err)
	}
	entries, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.AuditEntry, error) {
		var entry domain.AuditEntry
		var action string
		err := row.Scan(&entry.TeamID, &entry.Actor, &action, &entry.Subject, &entry.InvitationID, &entry.Detail, &entry.At)
		entry.Action = domain.AuditAction(action)
		return entry, err
	})
	if err != nil {
		return nil, fmt.Errorf("read audit log of %s: %w", teamID, err)
	}
	return entries, nil
}
