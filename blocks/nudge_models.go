package blocks

import (
	"time"

	"github.com/mentorbot/mentorbot/domain"
)

// InvitationReminderModel is a reminder to a mentor of an invitation still
// in Considering.
type InvitationReminderModel struct {
	Invitation domain.Invitation
	Mentee     PersonCard
	// Profile is the mentee's profile, or nil when they have none.
	Profile *domain.MenteeProfile
	// Sequence numbers the reminder from 1, as domain.Nudge does.
	Sequence int
	// ClosesAt is when the invitation expires unanswered. The zero time
	// leaves the date out.
	ClosesAt time.Time
}

// InvitationExpiredModel is the DM that tells one person that an invitation closed
// because the mentor did not answer in time.
type InvitationExpiredModel struct {
	Invitation domain.Invitation
	// Recipient is the party who receives the message. Only
	// domain.PartyMentee gets the mentee's version, and any other party
	// gets the mentor's.
	Recipient domain.Party
	// Other is the other person of the invitation.
	Other PersonCard
	// Suggestions are mentors the mentee could ask next, best first. The
	// message shows at most three, and only to the mentee.
	Suggestions []domain.Match
	// Cards hold the names and pictures of the suggested mentors, by user
	// id.
	Cards map[string]PersonCard
	// Days is the number of days the invitation waited before it expired.
	// 0 or less leaves the number out.
	Days int
}

// RegistrationReminderModel is the DM that asks a person who stopped registering to carry
// on from the step they are on.
type RegistrationReminderModel struct {
	Role domain.Role
	// Step is the first step not yet complete.
	Step domain.Step
}

// CheckInModel is the DM that asks one person of an Ongoing relationship how it is going.
type CheckInModel struct {
	Invitation domain.Invitation
	// Recipient is the party who receives the message.
	Recipient domain.Party
	// Other is the other person of the relationship.
	Other PersonCard
}

// WeMetNoteModel is the modal that records a meeting with an optional
// note.
type WeMetNoteModel struct {
	Invitation domain.Invitation
	// Other is the other person of the relationship.
	Other PersonCard
}

// WeMetMetadata is the context of WeMetNoteView.
type WeMetMetadata struct {
	InvitationID int64 `json:"invitation"`
}

// ReviewPromptModel is the DM that asks one person of an Ongoing relationship to look
// back with the other and decide whether to carry on.
type ReviewPromptModel struct {
	Invitation domain.Invitation
	// Recipient is the party who receives the message.
	Recipient domain.Party
	// Other is the other person of the relationship.
	Other PersonCard
	// Months is how long the relationship has been Ongoing. 0 or less
	// shows six, the ReviewAfterMonths of domain.DefaultNudgePolicy.
	Months int
}

// InactiveModel is the DM that tells one person of an Ongoing relationship that no
// meeting has been recorded for a long time.
type InactiveModel struct {
	Invitation domain.Invitation
	// Recipient is the party who receives the message.
	Recipient domain.Party
	// Other is the other person of the relationship.
	Other PersonCard
	// Days is how long it has been since a meeting was recorded. 0 or less
	// leaves the number out.
	Days int
}

// FeedbackRequestModel is the DM that asks one person of a finished relationship for
// feedback.
type FeedbackRequestModel struct {
	Invitation domain.Invitation
	// Recipient is the party who receives the message.
	Recipient domain.Party
	// Other is the other person of the relationship.
	Other PersonCard
}

// FeedbackModel is the feedback form about a finished relationship.
type FeedbackModel struct {
	Invitation domain.Invitation
	// Other is the other person of the relationship.
	Other PersonCard
}

// FeedbackMetadata is the context of FeedbackView.
type FeedbackMetadata struct {
	InvitationID int64 `json:"invitation"`
}
