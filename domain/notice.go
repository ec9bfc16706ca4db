package domain

import "time"

// NoticeKind names a message the bot sends because something changed.
type NoticeKind string

// The notices about invitations.
const (
	// NoticeInvitation is the mentor's DM with the mentee's card and the
	// Accept, Decline, Details and Message buttons.
	NoticeInvitation NoticeKind = "invitation"
	// NoticeInvitationSent tells the mentee what happens next.
	NoticeInvitationSent NoticeKind = "invitation_sent"
	// NoticeStatusChanged tells the other person about a status change.
	NoticeStatusChanged NoticeKind = "status_changed"
	// NoticeInvitationUpdate rewrites the mentor's invitation DM in place
	// to show the new status without stale buttons.
	NoticeInvitationUpdate NoticeKind = "invitation_update"
	// NoticeInvitationSentUpdate rewrites the mentee's "I've asked" DM in
	// place, so its Withdraw button goes once the request has closed.
	NoticeInvitationSentUpdate NoticeKind = "invitation_sent_update"
	// NoticeFirstMeeting opens a group DM for the pair with the
	// first-meeting guide.
	NoticeFirstMeeting NoticeKind = "first_meeting"
	// NoticeWithdrawOthers asks a mentee whose invitation was accepted
	// whether to withdraw their other pending ones.
	NoticeWithdrawOthers NoticeKind = "withdraw_others"
	// NoticeAvailabilityPrompt asks a mentor whose relationship finished
	// whether they are available to mentor again.
	NoticeAvailabilityPrompt NoticeKind = "availability_prompt"
	// NoticeInvitationReminder reminds the mentor of an invitation still in
	// Considering. Its Key is the key of the reminder nudge.
	NoticeInvitationReminder NoticeKind = "invitation_reminder"
	// NoticeInvitationExpired tells one person that an invitation closed
	// because the mentor did not answer in time. The mentee's message
	// suggests other mentors to ask.
	NoticeInvitationExpired NoticeKind = "invitation_expired"
	// NoticePartyLeft tells one person that an invitation or relationship
	// closed because Slack reports the other person as deactivated.
	NoticePartyLeft NoticeKind = "party_left"
)

// NoticeRegistrationReminder is the DM that asks a person who stopped
// registering to carry on from Notice.Step as Notice.Role. It is about a
// person, not an invitation, so its InvitationID is 0, and its Key is the
// key of the reminder nudge.
const NoticeRegistrationReminder NoticeKind = "registration_reminder"

// The notices of the relationship sweep. Each one's Key is the key of its
// nudge, so sending it marks that nudge as sent.
const (
	// NoticeCheckIn asks one person of an ongoing relationship how it is
	// going, with a "We met" button.
	NoticeCheckIn NoticeKind = "check_in"
	// NoticeReviewPrompt asks one person of an ongoing relationship whether
	// to carry on or finish.
	NoticeReviewPrompt NoticeKind = "review_prompt"
	// NoticeInactive tells one person of an ongoing relationship that no
	// meeting has been recorded for NudgePolicy.InactiveAfter.
	NoticeInactive NoticeKind = "inactive"
	// NoticeFeedbackRequest asks one person of a finished relationship for
	// feedback.
	NoticeFeedbackRequest NoticeKind = "feedback_request"
)

// Notice is a message to deliver because of a change. It is recorded in
// the same transaction as the change, so a committed change always sends
// it and a rolled-back one never does. The message is built when it is
// sent, from the records as they are then.
type Notice struct {
	Type NoticeKind `json:"type"`
	// Key is unique to this message, such as "invitation:42:ongoing:mentee",
	// so a delivery that is retried after it reached Slack is not sent
	// twice.
	Key          string    `json:"key"`
	Recipient    PersonKey `json:"recipient"`
	InvitationID int64     `json:"invitation_id,omitempty"`
	// Role and Step are the role and the registration step that a
	// registration reminder is about, and empty for the other notices.
	Role Role `json:"role,omitempty"`
	Step Step `json:"step,omitempty"`
	// Actor is the person whose action caused the notice, when there is
	// one.
	Actor string `json:"actor,omitempty"`
	// SendAt, when set, is the earliest time to send the notice, such as
	// the start of the recipient's working hours.
	SendAt time.Time `json:"send_at,omitzero"`
}

// Kind returns the job kind under which notices are queued, as River's
// JobArgs interface expects.
func (Notice) Kind() string { return "notice" }
