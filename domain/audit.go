package domain

import (
	"context"
	"time"
)

// AuditAction names something that the audit log records.
type AuditAction string

// AuditEntry is one line of the audit log: who did what, to whom, and
// when. Detail describes what was done in words, such as a reason given,
// and never contains the personal data that was changed or erased.
type AuditEntry struct {
	TeamID string
	// Actor is the Slack user who acted, or "" for the bot itself.
	Actor  string
	Action AuditAction
	// Subject is the person acted on, or "" when there is none.
	Subject      string
	InvitationID int64
	Detail       string
	At           time.Time
}

// AuditLog stores and lists the audit log.
type AuditLog interface {
	// RecordAudit appends entry to the audit log.
	RecordAudit(ctx context.Context, entry AuditEntry) error
	// AuditEntries returns up to limit of team's entries, newest first.
	AuditEntries(ctx context.Context, teamID string, limit int) ([]AuditEntry, error)
}
