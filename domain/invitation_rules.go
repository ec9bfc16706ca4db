package domain

import (
	"fmt"
	"strings"
	"time"
)

// Errors of invitations that the person who acted is shown.
var (
	// ErrNotParty is returned when someone acts on an invitation that is
	// not theirs, as a forged request would.
	ErrNotParty = NewUserError("This isn't one of your invitations, so nothing has changed.")
	// ErrMentorUnavailable is returned when the mentor cannot be asked now:
	// hidden, not available, at capacity, or not registered.
	ErrMentorUnavailable = NewUserError("That mentor isn't taking new requests just now. Please choose another.")
	// ErrAlreadyInvited is returned when the mentee already has an open
	// invitation with the mentor.
	ErrAlreadyInvited = NewUserError("You've already asked this mentor. You'll hear as soon as they answer.")
	// ErrAlreadyMentor is returned when the mentee asks their current
	// mentor again.
	ErrAlreadyMentor = NewUserError("This mentor is already mentoring you. You can message them from your App Home.")
	// ErrSelfInvitation is returned when a mentee asks themself.
	ErrSelfInvitation = NewUserError("You can't be your own mentor. Please choose someone else.")
)

// TooManyPendingError is returned when a mentee already has the maximum
// number of invitations waiting for an answer.
type TooManyPendingError struct {
	Max int
	// Pending are the mentee's invitations in Considering.
	Pending []Invitation
	// MentorNames, when it has a name for each of Pending, replaces the
	// mentions in the message, for places such as a form field's error
	// where Slack shows mentions as raw ids.
	MentorNames []string
}

// Error returns the message shown to the mentee, which lists the pending
// invitations.
func (e *TooManyPendingError) Error() string {
	names := e.MentorNames
	if len(names) != len(e.Pending) {
		// Mentions show each mentor's current name and need no escaping.
		names = make([]string, len(e.Pending))
		for i, invitation := range e.Pending {
			names[i] = "<@" + invitation.Mentor.UserID + ">"
		}
	}
	return fmt.Sprintf("You can have %d requests waiting for an answer at once, and you have %d: %s. "+
		"Withdraw one from your App Home, or wait for an answer, before asking someone else.",
		e.Max, len(e.Pending), strings.Join(names, ", "))
}

// AtCapacityError is returned when a mentor accepts while already mentoring
// as many people as they said they would.
type AtCapacityError struct {
	Capacity int
}

// Error returns the message shown to the mentor.
func (e *AtCapacityError) Error() string {
	mentees := "mentees"
	if e.Capacity == 1 {
		mentees = "mentee"
	}
	return fmt.Sprintf("You're already mentoring %d %s, the number you set. "+
		"To take on another, raise it under My profile first.", e.Capacity, mentees)
}

// Change is a status change that was made.
type Change struct {
	Invitation Invitation
	From       Status
	By         Party
}

// noticeKey returns the unique key of the notice of invitation id about
// event, to recipient.
func noticeKey(id int64, event string, recipient string) string {
	return fmt.Sprintf("invitation:%d:%s:%s", id, event, recipient)
}

// NewInvitationKey returns the key of the notice that a new invitation
// sends to who, "mentor" or "mentee", so a later update can find where it
// went.
func NewInvitationKey(id int64, who string) string {
	return noticeKey(id, "new", who)
}

// NoticesForNew returns the notices that a new invitation sends: the
// mentor's invitation DM and the mentee's note of what happens next.
func NoticesForNew(invitation Invitation) []Notice {
	return []Notice{
		{
			Type: NoticeInvitation, Key: noticeKey(invitation.ID, "new", "mentor"),
			Recipient: invitation.Mentor, InvitationID: invitation.ID, Actor: invitation.Mentee.UserID,
		},
		{
			Type: NoticeInvitationSent, Key: noticeKey(invitation.ID, "new", "mentee"),
			Recipient: invitation.Mentee, InvitationID: invitation.ID, Actor: invitation.Mentee.UserID,
		},
	}
}

// NoticesForChange returns the notices that a status change sends: the
// mentor's invitation DM updated in place, a DM to each person who did not
// act, and the follow-ups of the new status. otherPending counts the
// mentee's other invitations still in Considering.
func NoticesForChange(change Change, actorID string, otherPending int) []Notice {
	invitation := change.Invitation
	status := string(invitation.Status)
	notice := func(kind NoticeKind, recipient PersonKey, who string) Notice {
		return Notice{
			Type: kind, Key: noticeKey(invitation.ID, status, who+":"+string(kind)),
			Recipient: recipient, InvitationID: invitation.ID, Actor: actorID,
		}
	}

	notices := []Notice{notice(NoticeInvitationUpdate, invitation.Mentor, "mentor")}
	if change.From == StatusConsidering {
		notices = append(notices, notice(NoticeInvitationSentUpdate, invitation.Mentee, "mentee"))
	}
	if change.By != PartyMentor {
		notices = append(notices, notice(NoticeStatusChanged, invitation.Mentor, "mentor"))
	}
	if change.By != PartyMentee {
		notices = append(notices, notice(NoticeStatusChanged, invitation.Mentee, "mentee"))
	}

	switch invitation.Status {
	case StatusOngoing:
		notices = append(notices, notice(NoticeFirstMeeting, invitation.Mentee, "pair"))
		if otherPending > 0 {
			notices = append(notices, notice(NoticeWithdrawOthers, invitation.Mentee, "mentee"))
		}
	case StatusFinished:
		notices = append(notices, notice(NoticeAvailabilityPrompt, invitation.Mentor, "mentor"))
	}
	return notices
}

// NoticesForExpiry returns the notices of an invitation that the
// programme closed because the mentor did not answer in time: its two DMs
// are rewritten without their buttons, and each person gets
// NoticeInvitationExpired, which offers the mentee other mentors to ask.
func NoticesForExpiry(change Change) []Notice {
	invitation := change.Invitation
	status := string(invitation.Status)
	notice := func(kind NoticeKind, recipient PersonKey, who string) Notice {
		return Notice{
			Type: kind, Key: noticeKey(invitation.ID, status, who+":"+string(kind)),
			Recipient: recipient, InvitationID: invitation.ID,
		}
	}
	return []Notice{
		notice(NoticeInvitationUpdate, invitation.Mentor, "mentor"),
		notice(NoticeInvitationSentUpdate, invitation.Mentee, "mentee"),
		notice(NoticeInvitationExpired, invitation.Mentor, "mentor"),
		notice(NoticeInvitationExpired, invitation.Mentee, "mentee"),
	}
}

// Apply moves invitation to status at the given time, setting when it was
// answered or ended.
func (i *Invitation) Apply(status Status, reason string, at time.Time) {
	i.Status = status
	i.UpdatedAt = at
	if reason != "" {
		i.Reason = reason
	}
	switch status {
	case StatusOngoing, StatusDeclined:
		i.AnsweredAt = &at
	}
	switch status {
	case StatusDeclined, StatusWithdrawn, StatusFinished:
		i.EndedAt = &at
	}
}
