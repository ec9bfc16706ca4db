package domain

import (
	"fmt"
	"time"
)

// Status is where an invitation, and the mentoring relationship it
// becomes, stands.
type Status string

// The statuses. Considering and Ongoing are open; the others are final.
const (
	StatusConsidering Status = "considering"
	StatusOngoing     Status = "ongoing"
	StatusDeclined    Status = "declined"
	StatusWithdrawn   Status = "withdrawn"
	StatusFinished    Status = "finished"
)

// DefaultMaxConsidering is how many invitations a mentee may have waiting
// for an answer at once unless the programme team sets another number.
const DefaultMaxConsidering = 3

// MaxNoteLength bounds a mentee's note to the mentor, in characters.
const MaxNoteLength = 1000

// Title returns the status as people read it, such as "Considering".
func (s Status) Title() string {
	switch s {
	case StatusConsidering:
		return "Considering"
	case StatusOngoing:
		return "Ongoing"
	case StatusDeclined:
		return "Declined"
	case StatusWithdrawn:
		return "Withdrawn"
	case StatusFinished:
		return "Finished"
	default:
		return string(s)
	}
}

// Open reports whether the invitation still binds its two people.
func (s Status) Open() bool {
	return s == StatusConsidering || s == StatusOngoing
}

// ParseStatus returns the status named text.
func ParseStatus(text string) (Status, bool) {
	switch Status(text) {
	case StatusConsidering, StatusOngoing, StatusDeclined, StatusWithdrawn, StatusFinished:
		return Status(text), true
	default:
		return "", false
	}
}

// Party is the side of an invitation that a person is on.
type Party string

// The parties of an invitation.
const (
	PartyMentor Party = "mentor"
	PartyMentee Party = "mentee"
	// PartyProgramme is the programme team or the bot itself, such as when
	// an invitation expires.
	PartyProgramme Party = "programme"
)

// Invitation is a mentee's request to a mentor and, once accepted, their
// mentoring relationship.
type Invitation struct {
	ID         int64
	TeamID     string
	Mentor     PersonKey
	Mentee     PersonKey
	Status     Status
	Note       string
	Reason     string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	AnsweredAt *time.Time
	EndedAt    *time.Time
	// MentorChannel and MentorTS locate the mentor's invitation DM once it
	// has been sent.
	MentorChannel string
	MentorTS      string
}

// PartyOf returns the side of the invitation that user is on, and false
// when they are on neither.
func (i Invitation) PartyOf(userID string) (Party, bool) {
	switch userID {
	case i.Mentor.UserID:
		return PartyMentor, true
	case i.Mentee.UserID:
		return PartyMentee, true
	default:
		return "", false
	}
}

// transitions lists, for each status, the statuses it may move to and the
// party that may move it there.
var transitions = map[Status]map[Status][]Party{
	StatusConsidering: {
		StatusOngoing:   {PartyMentor},
		StatusDeclined:  {PartyMentor, PartyProgramme},
		StatusWithdrawn: {PartyMentee, PartyProgramme},
	},
	StatusOngoing: {
		StatusFinished: {PartyMentor, PartyMentee, PartyProgramme},
	},
}

// CheckTransition returns nil when party may move an invitation from one
// status to another, and a *TransitionError saying why not otherwise.
func CheckTransition(from, to Status, party Party) error {
	parties, ok := transitions[from][to]
	if !ok {
		return &TransitionError{From: from, To: to}
	}
	for _, allowed := range parties {
		if allowed == party {
			return nil
		}
	}
	return &TransitionError{From: from, To: to, Party: party}
}

// TransitionError is a status change that the rules do not allow.
type TransitionError struct {
	From  Status
	To    Status
	Party Party
}

// Error returns a message that names the current status.
func (e *TransitionError) Error() string {
	if e.From == e.To {
		return fmt.Sprintf("This is already %s, so nothing has changed.", e.From.Title())
	}
	if e.Party != "" {
		return fmt.Sprintf("Only the other person can move this from %s to %s.", e.From.Title(), e.To.Title())
	}
	return fmt.Sprintf("This is %s now, so it can't move to %s.", e.From.Title(), e.To.Title())
}
