package domain

import (
	"errors"
	"fmt"
	"time"
)

// NudgeKind names a message that a scheduled sweep sends because a record
// has stayed in one state for too long.
type NudgeKind string

// The nudges.
const (
	// NudgeInvitationReminder reminds the mentor of an invitation still in
	// Considering.
	NudgeInvitationReminder NudgeKind = "invitation_reminder"
	// NudgeInvitationExpiry ends an invitation left in Considering for
	// NudgePolicy.ExpireAfter. It is an action more than a message: the
	// sweep is expected to move the invitation on as PartyProgramme, and
	// the notices of that change tell both people.
	NudgeInvitationExpiry NudgeKind = "invitation_expiry"
	// NudgeRegistrationReminder asks a person who stopped registering to
	// finish the step they are on.
	NudgeRegistrationReminder NudgeKind = "registration_reminder"
	// NudgeCheckIn asks each person of an ongoing relationship how it is
	// going.
	NudgeCheckIn NudgeKind = "check_in"
	// NudgeReviewPrompt asks each person of an ongoing relationship to
	// review it and agree whether to go on.
	NudgeReviewPrompt NudgeKind = "review_prompt"
	// NudgeInactiveFlag flags an ongoing pair that has not recorded a
	// meeting for NudgePolicy.InactiveAfter. Each person gets one, and one
	// more with an empty Recipient counts the flag in the programme team's
	// figures.
	NudgeInactiveFlag NudgeKind = "inactive_flag"
	// NudgeFeedbackRequest asks each person of a finished relationship for
	// feedback on the mentoring.
	NudgeFeedbackRequest NudgeKind = "feedback_request"
)

// Nudge is a message that a rule of NudgePolicy finds due. The rules are
// pure, so a sweep that runs again returns the same nudges with the same
// keys until the records change.
type Nudge struct {
	Kind NudgeKind
	// Key is unique to this message and the same on every sweep, such as
	// "invitation:42:reminder:1". A sweep that records the keys it sent, as
	// NoticeLog does for notices, can skip a nudge already sent.
	Key string
	// Recipient is the person to send the nudge to. It is empty for the
	// NudgeInactiveFlag that counts a flag in the programme team's figures.
	Recipient    PersonKey
	InvitationID int64
	// Sequence numbers a nudge that repeats: the reminder number of an
	// invitation reminder and the check-in number of a check-in, from 1.
	// It is 0 for the other kinds.
	Sequence int
	// Step is the registration step that a registration reminder is
	// about, and 0 for the other kinds.
	Step Step
	// DueAt is when the rule made the nudge due. WorkingHours.Schedule
	// moves it into the recipient's working hours.
	DueAt time.Time
}

// NudgePolicy holds the waits after which the rules nudge people. The
// durations are elapsed time, so a wait of 5 days that spans a
// daylight-saving change ends an hour earlier or later on the wall clock.
// WorkingHours.Schedule then moves each nudge into working hours.
type NudgePolicy struct {
	// ReminderAfter is the wait before the first reminder of an invitation
	// in Considering, and between later ones.
	ReminderAfter time.Duration
	// MaxReminders is how many reminders an invitation gets at most. 0
	// sends none.
	MaxReminders int
	// ExpireAfter is how long an invitation may stay in Considering.
	ExpireAfter time.Duration
	// RegistrationIdle is how long a person who started registering may
	// make no progress before a reminder of the step they are on.
	RegistrationIdle time.Duration
	// CheckInEvery is the interval between check-ins of an ongoing
	// relationship, counted from when it was accepted.
	CheckInEvery time.Duration
	// ReviewAfterMonths is how many calendar months after acceptance the
	// review prompt comes.
	ReviewAfterMonths int
	// InactiveAfter is how long an ongoing pair may record no meeting
	// before both people get a message and the programme team's figures
	// count the pair as inactive.
	InactiveAfter time.Duration
}

// DefaultNudgePolicy returns the waits used unless the programme team sets
// others. An invitation gets a reminder after 5 days and another 5 days
// later, and expires after 21 days. A registration reminder follows 7 idle
// days. A relationship gets a check-in every 30 days, a review prompt after
// 6 months, and a flag after 90 days without a meeting.
func DefaultNudgePolicy() NudgePolicy {
	const nudgeDay = 24 * time.Hour
	return NudgePolicy{
		ReminderAfter:     5 * nudgeDay,
		MaxReminders:      2,
		ExpireAfter:       21 * nudgeDay,
		RegistrationIdle:  7 * nudgeDay,
		CheckInEvery:      30 * nudgeDay,
		ReviewAfterMonths: 6,
		InactiveAfter:     90 * nudgeDay,
	}
}

// Validate returns an error that lists every wait that is not positive,
// and a ReminderAfter that would leave no time for a first reminder before
// expiry.
func (p NudgePolicy) Validate() error {
	var problems []error
	positive := []struct {
		name string
		wait time.Duration
	}{
		{"ReminderAfter", p.ReminderAfter},
		{"ExpireAfter", p.ExpireAfter},
		{"RegistrationIdle", p.RegistrationIdle},
		{"CheckInEvery", p.CheckInEvery},
		{"InactiveAfter", p.InactiveAfter},
	}
	for _, field := range positive {
		if field.wait <= 0 {
			problems = append(problems, fmt.Errorf("%s is %v but must be positive", field.name, field.wait))
		}
	}

	if p.MaxReminders < 0 {
		problems = append(problems, fmt.Errorf("MaxReminders is %d but must be 0 or more", p.MaxReminders))
	}
	if p.MaxReminders > 0 && p.ReminderAfter >= p.ExpireAfter {
		problems = append(problems, fmt.Errorf(
			"ReminderAfter %s is not before ExpireAfter %s, so no reminder would be sent",
			formatWait(p.ReminderAfter), formatWait(p.ExpireAfter)))
	}
	if p.ReviewAfterMonths < 1 {
		problems = append(problems,
			fmt.Errorf("ReviewAfterMonths is %d but must be 1 or more", p.ReviewAfterMonths))
	}

	if err := errors.Join(problems...); err != nil {
		return fmt.Errorf("invalid nudge policy: %w", err)
	}
	return nil
}

// formatWait formats wait in whole days, such as "5d", when it is a whole
// number of days, and as a Go duration otherwise.
func formatWait(wait time.Duration) string {
	const day = 24 * time.Hour
	if wait > 0 && wait%day == 0 {
		return fmt.Sprintf("%dd", wait/day)
	}
	return wait.String()
}
