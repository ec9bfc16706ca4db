package domain

import (
	"fmt"
	"time"
)

// InvitationNudges returns the nudge due at now for an invitation in
// Considering, and nil for every other status or when none is due.
//
// Reminder n, for n from 1 to MaxReminders, is due at CreatedAt plus n
// times ReminderAfter and goes to the mentor unless remindersSent is n or
// more. When a sweep has missed a reminder, only the latest one due is
// returned, so the caller should store its Sequence as remindersSent. From
// CreatedAt plus ExpireAfter the invitation expires instead, and no
// reminder is returned.
func (p NudgePolicy) InvitationNudges(now time.Time, inv Invitation, remindersSent int) []Nudge {
	if inv.Status != StatusConsidering {
		return nil
	}

	expiresAt := inv.CreatedAt.Add(p.ExpireAfter)
	if !now.Before(expiresAt) {
		return []Nudge{{
			Kind: NudgeInvitationExpiry, Key: fmt.Sprintf("invitation:%d:expiry", inv.ID),
			Recipient: inv.Mentor, InvitationID: inv.ID, DueAt: expiresAt,
		}}
	}

	// A policy that failed Validate must not divide by zero.
	if p.ReminderAfter <= 0 {
		return nil
	}
	latest := min(int(now.Sub(inv.CreatedAt)/p.ReminderAfter), p.MaxReminders)
	if latest < 1 || latest <= remindersSent {
		return nil
	}
	return []Nudge{{
		Kind: NudgeInvitationReminder, Key: fmt.Sprintf("invitation:%d:reminder:%d", inv.ID, latest),
		Recipient: inv.Mentor, InvitationID: inv.ID, Sequence: latest,
		DueAt: inv.CreatedAt.Add(time.Duration(latest) * p.ReminderAfter),
	}}
}

// RegistrationNudge returns a reminder of the step that r.Person is on as
// role, and false when none is due at now. A reminder is due when r started
// registering as role, has not finished, and has made no progress for
// RegistrationIdle. Progress is the latest of lastActivity, such as the
// last assessment answer, and the times in r itself. conductVersion is the
// current code of conduct's version, as NextStep takes it.
//
// Each step gets one reminder: alreadyReminded reports whether it was
// sent, and nil means none was. The first three steps are shared by both
// roles, so their keys do not name the role, and a person registering for
// both gets the same nudge from the calls for each role. The details step
// is kept per role, so its key names the role and alreadyReminded must
// report on the role passed in.
func (p NudgePolicy) RegistrationNudge(now time.Time, r Registration, role Role, lastActivity time.Time,
	conductVersion string, alreadyReminded func(step Step) bool,
) (Nudge, bool) {
	if !r.HasStarted(role) {
		return Nudge{}, false
	}
	step := r.NextStep(role, conductVersion)
	if step == StepDone {
		return Nudge{}, false
	}

	dueAt := latestTime(lastActivity, r.lastProgress()).Add(p.RegistrationIdle)
	if now.Before(dueAt) {
		return Nudge{}, false
	}
	if alreadyReminded != nil && alreadyReminded(step) {
		return Nudge{}, false
	}
	return Nudge{
		Kind: NudgeRegistrationReminder, Key: registrationNudgeKey(r.Person, role, step),
		Recipient: r.Person, Step: step, DueAt: dueAt,
	}, true
}

// registrationNudgeKey returns a key such as
// "person:T1:U1:registration:assessment" or, for the details step,
// "person:T1:U1:registration:details:mentor".
func registrationNudgeKey(person PersonKey, role Role, step Step) string {
	key := fmt.Sprintf("person:%s:%s:registration:", person.TeamID, person.UserID)
	switch step {
	case StepLearning:
		return key + "learning"
	case StepAssessment:
		return key + "assessment"
	case StepConduct:
		return key + "conduct"
	case StepDetails:
		return key + "details:" + string(role)
	default:
		return key + fmt.Sprintf("step%d", int(step))
	}
}

// lastProgress returns the latest time recorded in r, or the zero time.
func (r Registration) lastProgress() time.Time {
	var latest time.Time
	for _, startedAt := range r.Started {
		latest = latestTime(latest, startedAt)
	}
	for _, doneAt := range r.PlacesDone {
		latest = latestTime(latest, doneAt)
	}
	for _, at := range []*time.Time{r.LearningCompletedAt, r.AssessmentPassedAt, r.ConsentAt} {
		if at != nil {
			latest = latestTime(latest, *at)
		}
	}
	for _, profile := range []*MentorProfile{r.Mentor, r.MentorDraft} {
		if profile != nil {
			latest = latestTime(latest, profile.UpdatedAt)
		}
	}
	for _, profile := range []*MenteeProfile{r.Mentee, r.MenteeDraft} {
		if profile != nil {
			latest = latestTime(latest, profile.UpdatedAt)
		}
	}
	return latest
}

func latestTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// RelationshipNudges returns the nudges due at now for an ongoing
// relationship, which began at AnsweredAt. It returns nil for every other
// status and when AnsweredAt is nil.
//
//   - Check-in k, for k from 1, is due at the start plus k times
//     CheckInEvery and goes to both people unless checkInsSent is k or
//     more. Only the latest one due is returned, so the caller should store
//     its Sequence as checkInsSent.
//   - The review prompt is due ReviewAfterMonths calendar months after the
//     start, counted in UTC by time.AddDate, which carries an overflowing
//     day into the next month: 31 August plus 6 months is 3 March. It goes
//     to both people unless reviewSent.
//   - The inactive flag is due InactiveAfter after lastMet, the last "We
//     met", or after the start when there is none. It is three nudges: one
//     with no Recipient, which counts the flag in the programme team's
//     figures, and one to each person. They are returned unless
//     inactiveFlagged, which should report a flag raised since that
//     meeting. The keys name the meeting's time, so a pair that meets and
//     then goes quiet again is flagged again.
func (p NudgePolicy) RelationshipNudges(now time.Time, inv Invitation, lastMet *time.Time,
	checkInsSent int, reviewSent, inactiveFlagged bool,
) []Nudge {
	if inv.Status != StatusOngoing || inv.AnsweredAt == nil {
		return nil
	}
	start := *inv.AnsweredAt
	var nudges []Nudge

	// A policy that failed Validate must not divide by zero.
	if p.CheckInEvery > 0 {
		latest := int(now.Sub(start) / p.CheckInEvery)
		if latest >= 1 && latest > checkInsSent {
			dueAt := start.Add(time.Duration(latest) * p.CheckInEvery)
			event := fmt.Sprintf("check_in:%d", latest)
			nudges = append(nudges, pairNudges(inv, NudgeCheckIn, event, latest, dueAt)...)
		}
	}

	reviewAt := start.UTC().AddDate(0, p.ReviewAfterMonths, 0)
	if !reviewSent && !now.Before(reviewAt) {
		nudges = append(nudges, pairNudges(inv, NudgeReviewPrompt, "review", 0, reviewAt)...)
	}

	quietSince := start
	if lastMet != nil && lastMet.After(start) {
		quietSince = *lastMet
	}
	flagAt := quietSince.Add(p.InactiveAfter)
	if !inactiveFlagged && !now.Before(flagAt) {
		// The keys name the start of the quiet spell in ISO 8601 basic format.
		event := "inactive:" + quietSince.UTC().Format(InactiveSinceLayout)
		nudges = append(nudges, Nudge{
			Kind: NudgeInactiveFlag, Key: fmt.Sprintf("invitation:%d:%s", inv.ID, event),
			InvitationID: inv.ID, DueAt: flagAt,
		})
		nudges = append(nudges, pairNudges(inv, NudgeInactiveFlag, event, 0, flagAt)...)
	}
	return nudges
}

// InactiveSinceLayout is the time layout, ISO 8601 basic format in UTC,
// with which the keys of inactive flags name the start of the quiet spell,
// such as "invitation:42:inactive:20260105T100000Z:mentor".
const InactiveSinceLayout = "20060102T150405Z"

// FeedbackNudges returns a feedback request to each person of a finished
// relationship, due when it ended, unless sent. It returns nil for every
// other status. A record without EndedAt counts UpdatedAt as the end.
func FeedbackNudges(inv Invitation, sent bool) []Nudge {
	if inv.Status != StatusFinished || sent {
		return nil
	}
	endedAt := inv.UpdatedAt
	if inv.EndedAt != nil {
		endedAt = *inv.EndedAt
	}
	return pairNudges(inv, NudgeFeedbackRequest, "feedback", 0, endedAt)
}

// pairNudges returns one nudge to the mentor and one to the mentee, with
// keys such as "invitation:42:review:mentor".
func pairNudges(inv Invitation, kind NudgeKind, event string, sequence int, dueAt time.Time) []Nudge {
	nudge := func(recipient PersonKey, party Party) Nudge {
		return Nudge{
			Kind: kind, Key: fmt.Sprintf("invitation:%d:%s:%s", inv.ID, event, party),
			Recipient: recipient, InvitationID: inv.ID, Sequence: sequence, DueAt: dueAt,
		}
	}
	return []Nudge{nudge(inv.Mentor, PartyMentor), nudge(inv.Mentee, PartyMentee)}
}
