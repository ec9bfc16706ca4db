package domain

import (
	"context"
	"time"
)

var (
	// ErrInvalidRating is returned when a feedback rating is outside 1 to 5.
	ErrInvalidRating = NewUserError("Please choose a rating from 1 to 5.")
	// ErrNotOngoing is returned when someone records a meeting or a
	// decision to carry on for a relationship that is not Ongoing.
	ErrNotOngoing = NewUserError("This mentoring isn't ongoing any more, so nothing has changed.")
)

// NudgeStore keeps the nudges that the scheduled sweeps plan, and the
// meetings and feedback that decide which nudges are due. The sweeps read
// invitations in batches ordered by id. Each call returns up to limit
// invitations with an id above afterID, and the next call passes the last
// id returned.
type NudgeStore interface {
	// ConsideringAfter returns a batch of invitations in Considering, in
	// every team, that were created before createdBefore.
	ConsideringAfter(ctx context.Context, afterID int64, createdBefore time.Time, limit int) ([]ConsideringInvitation, error)
	// OngoingAfter returns a batch of ongoing relationships, in every team,
	// with what NudgePolicy.RelationshipNudges needs to know about them.
	OngoingAfter(ctx context.Context, afterID int64, limit int) ([]OngoingRelationship, error)
	// FinishedWithoutFeedbackRequest returns a batch of finished
	// invitations, in every team, for which no feedback request was
	// planned.
	FinishedWithoutFeedbackRequest(ctx context.Context, afterID int64, limit int) ([]Invitation, error)
	// IdleRegistrationsAfter returns a batch of people, in every team, who
	// started registering for a role and have not finished it, whose
	// latest progress was before idleSince, and whose Slack account is not
	// recorded as deactivated. It pages by person instead of by id: each
	// call returns up to limit people after the person after, in order of
	// team id and user id, and the next call passes the last person
	// returned. The zero PersonKey starts from the first person.
	IdleRegistrationsAfter(ctx context.Context, after PersonKey, idleSince time.Time, limit int) ([]IdleRegistration, error)

	// PlanNudges records each nudge whose key was not planned before, and
	// in the same transaction enqueues the notices whose Key equals the key
	// of a nudge it recorded. It returns the nudges it recorded. Nudges
	// planned before, by an earlier run or by another replica at the same
	// moment, are skipped with their notices, so each nudge is sent once.
	// Every notice must match a nudge passed in.
	PlanNudges(ctx context.Context, nudges []Nudge, notices []Notice, at time.Time) ([]Nudge, error)
	// MarkNudgeSent stores that the nudge key reached its recipient. Marking
	// it again keeps the first time. It returns ErrNotFound when no nudge
	// has key.
	MarkNudgeSent(ctx context.Context, key string, at time.Time) error

	// RecordMeeting stores a "We met" tap by userID on an invitation. It
	// returns ErrNotFound or ErrNotParty when there is no such invitation
	// or userID is not one of its people, and ErrNotOngoing when the
	// relationship is not Ongoing. Taps by one person within the same
	// minute are kept once, with the latest note that is not empty.
	RecordMeeting(ctx context.Context, invitationID int64, userID, note string, at time.Time) error
	// LastMeeting returns the latest "We met" tap by either person of an
	// invitation, and nil when there is none.
	LastMeeting(ctx context.Context, invitationID int64) (*time.Time, error)
	// RecordContinuation stores userID's choice on a review prompt that the
	// relationship should carry on, and reports whether the choice was new:
	// choices by one person within the same minute are kept once. It
	// changes no status. It returns ErrNotFound, ErrNotParty and
	// ErrNotOngoing as RecordMeeting does.
	RecordContinuation(ctx context.Context, invitationID int64, userID string, at time.Time) (bool, error)
	// RecordFeedback stores userID's feedback on an invitation. A second
	// submission by the same person replaces the first. It returns
	// ErrInvalidRating for a rating outside 1 to 5, and ErrNotFound or
	// ErrNotParty as RecordMeeting does.
	RecordFeedback(ctx context.Context, invitationID int64, userID string, rating int, comment string, at time.Time) error
}

// ConsideringInvitation is an invitation in Considering with the number of
// its latest reminder planned, which NudgePolicy.InvitationNudges takes as
// remindersSent.
type ConsideringInvitation struct {
	Invitation
	// RemindersSent is the highest Sequence of the invitation's planned
	// reminders, and 0 when none was planned. A sweep that missed a
	// reminder plans only the latest one due, so this can exceed the
	// number of reminders planned.
	RemindersSent int
}

// OngoingRelationship is an ongoing invitation with the arguments that
// NudgePolicy.RelationshipNudges takes. Planned nudges count as sent,
// because planning one enqueues its notices.
type OngoingRelationship struct {
	Invitation
	// LastMet is the latest "We met" tap by either person, and nil when
	// there is none.
	LastMet *time.Time
	// CheckInsSent is the highest Sequence of the planned check-ins, and 0
	// when none was planned.
	CheckInsSent int
	// ReviewSent reports whether a review prompt was planned.
	ReviewSent bool
	// InactiveFlagged reports whether an inactive flag was planned at or
	// after LastMet, or at any time when LastMet is nil.
	InactiveFlagged bool
}
