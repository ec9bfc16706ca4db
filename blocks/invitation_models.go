package blocks

import (
	"time"

	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

// PersonCard is what a card shows of a person: their Slack name and
// picture, which may be empty, and their profile.
type PersonCard struct {
	UserID   string
	Name     string
	ImageURL string
	// Erased is true for a person who erased their data. Their card reads
	// FormerMember, with no user id, mention, picture or Message button.
	Erased bool
}

// FormerMember is how a person who erased their data is named to the
// people they had requests or relationships with.
const FormerMember = "a former member"

// FindModel is the Find a mentor modal.
type FindModel struct {
	Lists   content.Lists
	Filter  domain.SearchFilter
	Results []domain.Match
	// Page counts from 0; each page shows three results.
	Page int
	// Cards hold the names and pictures of the results on this page, by
	// user id.
	Cards map[string]PersonCard
}

// FindMetadata is the Find a mentor modal's context.
type FindMetadata struct {
	Filter domain.SearchFilter `json:"filter"`
	Page   int                 `json:"page,omitempty"`
}

// MentorCardModel is one mentor's profile, opened from a search result.
type MentorCardModel struct {
	Card   PersonCard
	Mentor domain.MentorCandidate
	// Reasons explain why the mentor matched, when there are any.
	Reasons []string
}

// InviteModel is the note to a mentor that sends the invitation.
type InviteModel struct {
	Mentor PersonCard
}

// InviteMetadata is the note modal's context.
type InviteMetadata struct {
	MentorID string `json:"mentor"`
}

// InvitationMessageModel is the mentor's invitation DM, both when it is
// sent and when it is updated after a change.
type InvitationMessageModel struct {
	Invitation domain.Invitation
	Mentee     PersonCard
	Profile    *domain.MenteeProfile
}

// InvitationSentModel is the mentee's DM after asking a mentor.
type InvitationSentModel struct {
	Invitation domain.Invitation
	Mentor     PersonCard
	// AnswerDays is how long mentors usually have before a reminder.
	AnswerDays int
}

// StatusChangedModel tells one person about a change the other made.
type StatusChangedModel struct {
	Invitation domain.Invitation
	// Recipient is the party who receives the message.
	Recipient domain.Party
	// Other is the other person of the invitation.
	Other PersonCard
	// ByProgramme is true when the programme team made the change.
	ByProgramme bool
}

// FirstMeetingModel is the guide posted to the pair's group DM.
type FirstMeetingModel struct {
	Mentor PersonCard
	Mentee PersonCard
	// Guide is the resources' first-meeting page, whose sections follow
	// the welcome.
	Guide content.ResourcePage
}

// WithdrawOthersModel asks a mentee whether to withdraw their other
// pending invitations once one was accepted.
type WithdrawOthersModel struct {
	Accepted domain.Invitation
	Mentor   PersonCard
	// Pending are the other mentors still considering the mentee.
	Pending []PersonCard
}

// AvailabilityPromptModel asks a mentor whose relationship finished
// whether they are available to mentor again.
type AvailabilityPromptModel struct {
	Mentee PersonCard
}

// ReviewModel is Review my mentees: the mentor's invitations and
// relationships, three a page.
type ReviewModel struct {
	Entries []ReviewEntry
	// Page counts from 0; Total is the number of entries on all pages.
	Page  int
	Total int
}

// ReviewEntry is one mentee card in Review my mentees.
type ReviewEntry struct {
	Invitation domain.Invitation
	Mentee     PersonCard
	Profile    *domain.MenteeProfile
}

// PersonCardModel is the Details modal of an invitation's other person.
type PersonCardModel struct {
	Card       PersonCard
	Invitation domain.Invitation
	Mentee     *domain.MenteeProfile
	Mentor     *domain.MentorProfile
}

// InvitationsHome is the App Home part that lists the person's
// invitations: as a mentee, those they sent; as a mentor, a short summary
// with the way into Review my mentees.
type InvitationsHome struct {
	// Sent are the mentee's invitations, newest first, with the mentors'
	// cards.
	Sent []SentInvitation
	// MentorOpen counts the mentor's Considering and Ongoing mentees.
	MentorConsidering int
	MentorOngoing     int
	// RegisteredMentor is true when the person is a registered mentor, so
	// the summary and Review my mentees show even with no mentees.
	RegisteredMentor bool
	// CanFind is true when the person may search for a mentor now.
	CanFind bool
}

// SentInvitation is one of a mentee's invitations on the App Home.
type SentInvitation struct {
	Invitation domain.Invitation
	Mentor     PersonCard
}

// dateOf formats a time as people read dates, such as "4 December 2026".
func dateOf(at time.Time) string {
	return at.Format("2 January 2006")
}

// ReviewMetadata is Review my mentees' context.
type ReviewMetadata struct {
	Page int `json:"page,omitempty"`
}
