package domain

import (
	"context"
	"time"
)

// InvitationStore keeps invitations and their history. Every change is one
// transaction that also records the notices the change sends.
type InvitationStore interface {
	// CreateInvitation records mentee's invitation to mentor in
	// Considering. It returns ErrSelfInvitation, ErrAlreadyInvited,
	// ErrMentorUnavailable or a *TooManyPendingError when the rules do not
	// allow it.
	CreateInvitation(ctx context.Context, mentee, mentor PersonKey, note string, maxConsidering int, at time.Time) (Invitation, error)
	// TransitionInvitation moves invitation id to status to on behalf of
	// actor. It returns ErrNotFound, ErrNotParty, a *TransitionError or an
	// *AtCapacityError when the rules do not allow the move.
	TransitionInvitation(ctx context.Context, id int64, actor PersonKey, to Status, options TransitionOptions, at time.Time) (Change, error)
	// Invitation returns the invitation with id, or ErrNotFound.
	Invitation(ctx context.Context, id int64) (Invitation, error)
	// SetInvitationMessage stores where the mentor's invitation DM is.
	SetInvitationMessage(ctx context.Context, id int64, channel, ts string) error
	// MentorInvitations returns a page of mentor's invitations, open ones
	// first, and how many there are in all.
	MentorInvitations(ctx context.Context, mentor PersonKey, offset, limit int) ([]Invitation, int, error)
	// MenteeInvitations returns mentee's invitations, open ones first, then
	// newest first.
	MenteeInvitations(ctx context.Context, mentee PersonKey, limit int) ([]Invitation, error)
	// InvitationCounts returns how many of mentor's invitations are in
	// Considering and in Ongoing.
	InvitationCounts(ctx context.Context, mentor PersonKey) (considering, ongoing int, err error)
}

// TransitionOptions are the extras of a status change.
type TransitionOptions struct {
	// Reason is recorded with the change, such as "no response".
	Reason string
	// PauseMentor also marks the mentor unavailable, so they leave search
	// results until they say they are available again.
	PauseMentor bool
}
