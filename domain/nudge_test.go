package domain

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const nudgeTestDay = 24 * time.Hour

var (
	testMentor = PersonKey{TeamID: "T1", UserID: "UMENTOR"}
	testMentee = PersonKey{TeamID: "T1", UserID: "UMENTEE"}
)

func TestDefaultNudgePolicy(t *testing.T) {
	t.Parallel()

	policy := DefaultNudgePolicy()
	require.NoError(t, policy.Validate())
	require.Equal(t, 5*nudgeTestDay, policy.ReminderAfter)
	require.Equal(t, 2, policy.MaxReminders)
	require.Equal(t, 21*nudgeTestDay, policy.ExpireAfter)
	require.Equal(t, 7*nudgeTestDay, policy.RegistrationIdle)
	require.Equal(t, 30*nudgeTestDay, policy.CheckInEvery)
	require.Equal(t, 6, policy.ReviewAfterMonths)
	require.Equal(t, 90*nudgeTestDay, policy.InactiveAfter)
}

func TestNudgePolicy_Validate(t *testing.T) {
	t.Parallel()

	noReminders := DefaultNudgePolicy()
	noReminders.MaxReminders = 0
	noReminders.ReminderAfter = 30 * nudgeTestDay
	require.NoError(t, noReminders.Validate(), "a late ReminderAfter is harmless when no reminders are sent")

	tests := []struct {
		name     string
		change   func(*NudgePolicy)
		expected string
	}{
		{"ZeroReminderAfter", func(p *NudgePolicy) { p.ReminderAfter = 0 },
			"invalid nudge policy: ReminderAfter is 0s but must be positive"},
		{"NegativeCheckInEvery", func(p *NudgePolicy) { p.CheckInEvery = -time.Hour },
			"invalid nudge policy: CheckInEvery is -1h0m0s but must be positive"},
		{"NegativeMaxReminders", func(p *NudgePolicy) { p.MaxReminders = -1 },
			"invalid nudge policy: MaxReminders is -1 but must be 0 or more"},
		{"ReminderNotBeforeExpiry", func(p *NudgePolicy) { p.ReminderAfter = p.ExpireAfter },
			"invalid nudge policy: ReminderAfter 21d is not before ExpireAfter 21d, so no reminder would be sent"},
		{"ZeroReviewMonths", func(p *NudgePolicy) { p.ReviewAfterMonths = 0 },
			"invalid nudge policy: ReviewAfterMonths is 0 but must be 1 or more"},
		{"EveryProblemListed", func(p *NudgePolicy) { *p = NudgePolicy{} },
			"invalid nudge policy: ReminderAfter is 0s but must be positive\n" +
				"ExpireAfter is 0s but must be positive\n" +
				"RegistrationIdle is 0s but must be positive\n" +
				"CheckInEvery is 0s but must be positive\n" +
				"InactiveAfter is 0s but must be positive\n" +
				"ReviewAfterMonths is 0 but must be 1 or more"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			policy := DefaultNudgePolicy()
			test.change(&policy)
			require.EqualError(t, policy.Validate(), test.expected)
		})
	}
}

func TestNudgePolicy_InvitationNudges(t *testing.T) {
	t.Parallel()

	created := utc(2026, 3, 2, 9, 0)
	considering := Invitation{ID: 42, Mentor: testMentor, Mentee: testMentee, Status: StatusConsidering, CreatedAt: created}
	reminder := func(sequence int, key string) Nudge {
		return Nudge{
			Kind: NudgeInvitationReminder, Key: key, Recipient: testMentor, InvitationID: 42,
			Sequence: sequence, DueAt: created.Add(time.Duration(sequence) * 5 * nudgeTestDay),
		}
	}
	expiry := Nudge{
		Kind: NudgeInvitationExpiry, Key: "invitation:42:expiry", Recipient: testMentor, InvitationID: 42,
		DueAt: created.Add(21 * nudgeTestDay),
	}
	withStatus := func(status Status) Invitation {
		invitation := considering
		invitation.Status = status
		return invitation
	}

	tests := []struct {
		name          string
		invitation    Invitation
		now           time.Time
		remindersSent int
		expected      []Nudge
	}{
		{"BeforeCreated", considering, created.Add(-time.Hour), 0, nil},
		{"BeforeFirstReminder", considering, created.Add(5*nudgeTestDay - time.Second), 0, nil},
		{"AtFirstReminder", considering, created.Add(5 * nudgeTestDay), 0,
			[]Nudge{reminder(1, "invitation:42:reminder:1")}},
		{"AfterFirstReminder", considering, created.Add(7 * nudgeTestDay), 0,
			[]Nudge{reminder(1, "invitation:42:reminder:1")}},
		{"FirstReminderSent", considering, created.Add(7 * nudgeTestDay), 1, nil},
		{"BeforeSecondReminder", considering, created.Add(10*nudgeTestDay - time.Second), 1, nil},
		{"AtSecondReminder", considering, created.Add(10 * nudgeTestDay), 1,
			[]Nudge{reminder(2, "invitation:42:reminder:2")}},
		{"MissedFirstReminder", considering, created.Add(12 * nudgeTestDay), 0,
			[]Nudge{reminder(2, "invitation:42:reminder:2")}},
		{"NoThirdReminder", considering, created.Add(20 * nudgeTestDay), 2, nil},
		{"BeforeExpiry", considering, created.Add(21*nudgeTestDay - time.Second), 2, nil},
		{"AtExpiry", considering, created.Add(21 * nudgeTestDay), 2, []Nudge{expiry}},
		{"ExpiryWithRemindersUnsent", considering, created.Add(30 * nudgeTestDay), 0, []Nudge{expiry}},
		{"Ongoing", withStatus(StatusOngoing), created.Add(30 * nudgeTestDay), 0, nil},
		{"Declined", withStatus(StatusDeclined), created.Add(30 * nudgeTestDay), 0, nil},
		{"Withdrawn", withStatus(StatusWithdrawn), created.Add(6 * nudgeTestDay), 0, nil},
		{"Finished", withStatus(StatusFinished), created.Add(6 * nudgeTestDay), 0, nil},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			nudges := DefaultNudgePolicy().InvitationNudges(test.now, test.invitation, test.remindersSent)
			require.Equal(t, test.expected, nudges)
		})
	}
}

func TestNudgePolicy_InvitationNudgesExpiryWins(t *testing.T) {
	t.Parallel()

	// Three reminders a week apart would put the third on the day of expiry.
	policy := DefaultNudgePolicy()
	policy.MaxReminders = 3
	policy.ReminderAfter = 7 * nudgeTestDay
	created := utc(2026, 3, 2, 9, 0)
	invitation := Invitation{ID: 42, Mentor: testMentor, Mentee: testMentee, Status: StatusConsidering, CreatedAt: created}

	second := policy.InvitationNudges(created.Add(14*nudgeTestDay), invitation, 1)
	require.Len(t, second, 1)
	require.Equal(t, "invitation:42:reminder:2", second[0].Key)

	require.Empty(t, policy.InvitationNudges(created.Add(21*nudgeTestDay-time.Second), invitation, 2))

	atExpiry := policy.InvitationNudges(created.Add(21*nudgeTestDay), invitation, 2)
	require.Len(t, atExpiry, 1)
	require.Equal(t, NudgeInvitationExpiry, atExpiry[0].Kind)
	require.Equal(t, "invitation:42:expiry", atExpiry[0].Key)
}

func TestNudgePolicy_InvitationNudgesNoReminders(t *testing.T) {
	t.Parallel()

	policy := DefaultNudgePolicy()
	policy.MaxReminders = 0
	created := utc(2026, 3, 2, 9, 0)
	invitation := Invitation{ID: 42, Mentor: testMentor, Status: StatusConsidering, CreatedAt: created}

	require.Empty(t, policy.InvitationNudges(created.Add(10*nudgeTestDay), invitation, 0))
	require.Len(t, policy.InvitationNudges(created.Add(21*nudgeTestDay), invitation, 0), 1)
}

func TestNudgePolicy_RegistrationNudge(t *testing.T) {
	t.Parallel()

	person := PersonKey{TeamID: "T1", UserID: "U1"}
	started := utc(2026, 3, 2, 9, 0)
	at := func(days int) time.Time { return started.Add(time.Duration(days) * nudgeTestDay) }
	learned, passed := at(1), at(2)

	fresh := Registration{Person: person, Started: map[Role]time.Time{RoleMentee: started}}
	placeDone := fresh
	placeDone.PlacesDone = map[string]time.Time{"library": at(5)}
	onAssessment := fresh
	onAssessment.LearningCompletedAt = &learned
	onDetails := onAssessment
	onDetails.AssessmentPassedAt = &passed
	onDetails.ConsentVersion, onDetails.ConsentAt = "v1", &passed
	registered := onDetails
	registered.Mentee = &MenteeProfile{UpdatedAt: at(3)}
	addingMentor := registered
	addingMentor.Started = map[Role]time.Time{RoleMentee: started, RoleMentor: at(4)}

	none := func(Step) bool { return false }
	tests := []struct {
		name            string
		registration    Registration
		role            Role
		now             time.Time
		lastActivity    time.Time
		conductVersion  string
		alreadyReminded func(Step) bool
		expected        Step
		expectedKey     string
		expectedDueAt   time.Time
	}{
		{name: "NotStarted", registration: fresh, role: RoleMentor, now: at(30), alreadyReminded: none},
		{name: "Registered", registration: registered, role: RoleMentee, now: at(30), alreadyReminded: none},
		{name: "BeforeIdle", registration: fresh, role: RoleMentee, now: at(7).Add(-time.Second), alreadyReminded: none},
		{name: "AtIdle", registration: fresh, role: RoleMentee, now: at(7), alreadyReminded: none,
			expected: StepLearning, expectedKey: "person:T1:U1:registration:learning", expectedDueAt: at(7)},
		{name: "NilAlreadyReminded", registration: fresh, role: RoleMentee, now: at(8),
			expected: StepLearning, expectedKey: "person:T1:U1:registration:learning", expectedDueAt: at(7)},
		{name: "LastActivityDelays", registration: fresh, role: RoleMentee, now: at(9), lastActivity: at(3), alreadyReminded: none},
		{name: "LastActivityDue", registration: fresh, role: RoleMentee, now: at(10), lastActivity: at(3), alreadyReminded: none,
			expected: StepLearning, expectedKey: "person:T1:U1:registration:learning", expectedDueAt: at(10)},
		{name: "PlaceDoneDelays", registration: placeDone, role: RoleMentee, now: at(11), alreadyReminded: none},
		{name: "AssessmentStep", registration: onAssessment, role: RoleMentee, now: at(8), alreadyReminded: none,
			expected: StepAssessment, expectedKey: "person:T1:U1:registration:assessment", expectedDueAt: at(8)},
		{name: "StepAlreadyReminded", registration: onAssessment, role: RoleMentee, now: at(20),
			alreadyReminded: func(step Step) bool { return step == StepAssessment }},
		{name: "EarlierStepReminded", registration: onAssessment, role: RoleMentee, now: at(20),
			alreadyReminded: func(step Step) bool { return step == StepLearning },
			expected:        StepAssessment, expectedKey: "person:T1:U1:registration:assessment", expectedDueAt: at(8)},
		{name: "DetailsKeyNamesRole", registration: onDetails, role: RoleMentee, now: at(9), conductVersion: "v1",
			alreadyReminded: none,
			expected:        StepDetails, expectedKey: "person:T1:U1:registration:details:mentee", expectedDueAt: at(9)},
		{name: "SecondRoleDetails", registration: addingMentor, role: RoleMentor, now: at(11), conductVersion: "v1",
			alreadyReminded: none,
			expected:        StepDetails, expectedKey: "person:T1:U1:registration:details:mentor", expectedDueAt: at(11)},
		{name: "SecondRoleNewConduct", registration: addingMentor, role: RoleMentor, now: at(11), conductVersion: "v2",
			alreadyReminded: none,
			expected:        StepConduct, expectedKey: "person:T1:U1:registration:conduct", expectedDueAt: at(11)},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			nudge, ok := DefaultNudgePolicy().RegistrationNudge(test.now, test.registration, test.role,
				test.lastActivity, test.conductVersion, test.alreadyReminded)
			if test.expected == 0 {
				require.False(t, ok)
				require.Equal(t, Nudge{}, nudge)
				return
			}
			require.True(t, ok)
			require.Equal(t, Nudge{
				Kind: NudgeRegistrationReminder, Key: test.expectedKey, Recipient: person,
				Step: test.expected, DueAt: test.expectedDueAt,
			}, nudge)
		})
	}
}

func TestNudgePolicy_RegistrationNudgeBothRoles(t *testing.T) {
	t.Parallel()

	// A shared step gives the same key from both roles' calls, so a sweep
	// that records sent keys sends it once.
	started := utc(2026, 3, 2, 9, 0)
	registration := Registration{
		Person:  PersonKey{TeamID: "T1", UserID: "U1"},
		Started: map[Role]time.Time{RoleMentee: started, RoleMentor: started},
	}
	now := started.Add(8 * nudgeTestDay)

	asMentee, ok := DefaultNudgePolicy().RegistrationNudge(now, registration, RoleMentee, time.Time{}, "v1", nil)
	require.True(t, ok)
	asMentor, ok := DefaultNudgePolicy().RegistrationNudge(now, registration, RoleMentor, time.Time{}, "v1", nil)
	require.True(t, ok)
	require.Equal(t, asMentee, asMentor)
}

func TestNudgePolicy_RelationshipNudges(t *testing.T) {
	t.Parallel()

	start := utc(2026, 1, 5, 10, 0)
	ongoing := Invitation{ID: 42, Mentor: testMentor, Mentee: testMentee, Status: StatusOngoing, AnsweredAt: &start}
	at := func(days int) time.Time { return start.Add(time.Duration(days) * nudgeTestDay) }
	pair := func(kind NudgeKind, event string, sequence int, dueAt time.Time) []Nudge {
		return []Nudge{
			{Kind: kind, Key: "invitation:42:" + event + ":mentor", Recipient: testMentor, InvitationID: 42,
				Sequence: sequence, DueAt: dueAt},
			{Kind: kind, Key: "invitation:42:" + event + ":mentee", Recipient: testMentee, InvitationID: 42,
				Sequence: sequence, DueAt: dueAt},
		}
	}
	// flag returns the inactive flag of a quiet spell from since: the
	// programme team's nudge and one to each person.
	flag := func(since string, dueAt time.Time) []Nudge {
		team := Nudge{Kind: NudgeInactiveFlag, Key: "invitation:42:inactive:" + since, InvitationID: 42, DueAt: dueAt}
		return append([]Nudge{team}, pair(NudgeInactiveFlag, "inactive:"+since, 0, dueAt)...)
	}
	metAt := func(days int) *time.Time {
		met := at(days)
		return &met
	}
	// reviewAt is six calendar months after 5 January 2026.
	reviewAt := utc(2026, 7, 5, 10, 0)
	// After 181 days check-in 6 is due, so these cases pass it as sent.
	const checkInsBeforeReview = 6
	withStatus := func(status Status) Invitation {
		invitation := ongoing
		invitation.Status = status
		return invitation
	}
	notAnswered := ongoing
	notAnswered.AnsweredAt = nil

	tests := []struct {
		name            string
		invitation      Invitation
		now             time.Time
		lastMet         *time.Time
		checkInsSent    int
		reviewSent      bool
		inactiveFlagged bool
		expected        []Nudge
	}{
		{name: "BeforeFirstCheckIn", invitation: ongoing, now: at(30).Add(-time.Second)},
		{name: "FirstCheckIn", invitation: ongoing, now: at(30), expected: pair(NudgeCheckIn, "check_in:1", 1, at(30))},
		{name: "FirstCheckInSent", invitation: ongoing, now: at(45), checkInsSent: 1},
		{name: "SecondCheckIn", invitation: ongoing, now: at(60), checkInsSent: 1, expected: pair(NudgeCheckIn, "check_in:2", 2, at(60))},
		{name: "MissedCheckIns", invitation: ongoing, now: at(95), lastMet: metAt(80),
			expected: pair(NudgeCheckIn, "check_in:3", 3, at(90))},
		{name: "BeforeReview", invitation: ongoing, now: reviewAt.Add(-time.Second), lastMet: metAt(170),
			checkInsSent: checkInsBeforeReview},
		{name: "Review", invitation: ongoing, now: reviewAt, lastMet: metAt(170), checkInsSent: checkInsBeforeReview,
			expected: pair(NudgeReviewPrompt, "review", 0, reviewAt)},
		{name: "ReviewSent", invitation: ongoing, now: reviewAt.Add(nudgeTestDay), lastMet: metAt(170),
			checkInsSent: checkInsBeforeReview, reviewSent: true},
		{name: "BeforeInactive", invitation: ongoing, now: at(90).Add(-time.Second), checkInsSent: 3},
		{name: "InactiveSinceStart", invitation: ongoing, now: at(90), checkInsSent: 3,
			expected: flag("20260105T100000Z", at(90))},
		{name: "MeetingDelaysInactive", invitation: ongoing, now: at(139), lastMet: metAt(50), checkInsSent: 4},
		{name: "InactiveSinceMeeting", invitation: ongoing, now: at(140), lastMet: metAt(50), checkInsSent: 4,
			expected: flag("20260224T100000Z", at(140))},
		{name: "MeetingBeforeStartIgnored", invitation: ongoing, now: at(90), lastMet: metAt(-10), checkInsSent: 3,
			expected: flag("20260105T100000Z", at(90))},
		{name: "InactiveFlagged", invitation: ongoing, now: at(100), checkInsSent: 3, inactiveFlagged: true},
		{name: "AllAtOnce", invitation: ongoing, now: reviewAt, expected: append(append(
			pair(NudgeCheckIn, "check_in:6", 6, at(180)),
			pair(NudgeReviewPrompt, "review", 0, reviewAt)...),
			flag("20260105T100000Z", at(90))...)},
		{name: "Considering", invitation: withStatus(StatusConsidering), now: at(200)},
		{name: "Finished", invitation: withStatus(StatusFinished), now: at(200)},
		{name: "NoAnsweredAt", invitation: notAnswered, now: at(200)},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			nudges := DefaultNudgePolicy().RelationshipNudges(test.now, test.invitation, test.lastMet,
				test.checkInsSent, test.reviewSent, test.inactiveFlagged)
			require.Equal(t, test.expected, nudges)
		})
	}
}

func TestNudgePolicy_ReviewCalendarMonths(t *testing.T) {
	t.Parallel()

	// time.AddDate carries 31 February 2027 over to 3 March.
	start := utc(2026, 8, 31, 10, 0)
	invitation := Invitation{ID: 42, Mentor: testMentor, Mentee: testMentee, Status: StatusOngoing, AnsweredAt: &start}
	reviewAt := utc(2027, 3, 3, 10, 0)
	policy := DefaultNudgePolicy()
	lastMet := reviewAt.Add(-nudgeTestDay)

	before := policy.RelationshipNudges(reviewAt.Add(-time.Second), invitation, &lastMet, 100, false, false)
	require.Empty(t, before)

	due := policy.RelationshipNudges(reviewAt, invitation, &lastMet, 100, false, false)
	require.Len(t, due, 2)
	require.Equal(t, NudgeReviewPrompt, due[0].Kind)
	require.Equal(t, reviewAt, due[0].DueAt)
}

func TestFeedbackNudges(t *testing.T) {
	t.Parallel()

	ended := utc(2026, 9, 1, 15, 0)
	finished := Invitation{
		ID: 42, Mentor: testMentor, Mentee: testMentee, Status: StatusFinished,
		UpdatedAt: ended.Add(time.Hour), EndedAt: &ended,
	}
	require.Equal(t, []Nudge{
		{Kind: NudgeFeedbackRequest, Key: "invitation:42:feedback:mentor", Recipient: testMentor, InvitationID: 42, DueAt: ended},
		{Kind: NudgeFeedbackRequest, Key: "invitation:42:feedback:mentee", Recipient: testMentee, InvitationID: 42, DueAt: ended},
	}, FeedbackNudges(finished, false))

	require.Nil(t, FeedbackNudges(finished, true))

	withoutEnd := finished
	withoutEnd.EndedAt = nil
	nudges := FeedbackNudges(withoutEnd, false)
	require.Len(t, nudges, 2)
	require.Equal(t, finished.UpdatedAt, nudges[0].DueAt)

	for _, status := range []Status{StatusConsidering, StatusOngoing, StatusDeclined, StatusWithdrawn} {
		open := finished
		open.Status = status
		require.Nil(t, FeedbackNudges(open, false), status)
	}
}

// TestNudgePolicy_SweepSendsEachKeyOnce runs an invitation through daily
// sweeps, from its creation to its end, and records what the sweeps send
// as a sweep would.
func TestNudgePolicy_SweepSendsEachKeyOnce(t *testing.T) {
	t.Parallel()

	policy := DefaultNudgePolicy()
	created := utc(2026, 1, 5, 10, 0)
	accepted := created.Add(12 * nudgeTestDay)
	finished := accepted.Add(250 * nudgeTestDay)
	met := accepted.Add(100 * nudgeTestDay)

	var (
		remindersSent, checkInsSent int
		reviewSent, feedbackSent    bool
		flaggedSince                *time.Time
		lastMet                     *time.Time
	)
	sent := map[string]bool{}
	byKind := map[NudgeKind]int{}
	for now := created; now.Before(finished.Add(10 * nudgeTestDay)); now = now.Add(nudgeTestDay) {
		invitation := Invitation{ID: 42, Mentor: testMentor, Mentee: testMentee, Status: StatusConsidering, CreatedAt: created}
		if !now.Before(accepted) {
			invitation.Apply(StatusOngoing, "", accepted)
		}
		if !now.Before(finished) {
			invitation.Apply(StatusFinished, "", finished)
		}
		if !now.Before(met) {
			lastMet = &met
		}
		inactiveFlagged := flaggedSince != nil && (lastMet == nil || !flaggedSince.Before(*lastMet))

		sweep := func() []Nudge {
			var nudges []Nudge
			nudges = append(nudges, policy.InvitationNudges(now, invitation, remindersSent)...)
			nudges = append(nudges, policy.RelationshipNudges(now, invitation, lastMet, checkInsSent, reviewSent, inactiveFlagged)...)
			return append(nudges, FeedbackNudges(invitation, feedbackSent)...)
		}
		nudges := sweep()
		require.Equal(t, nudges, sweep(), "a rerun on %v", now)

		for _, nudge := range nudges {
			require.False(t, sent[nudge.Key], "%s sent twice, again on %v", nudge.Key, now)
			sent[nudge.Key] = true
			byKind[nudge.Kind]++
			switch nudge.Kind {
			case NudgeInvitationReminder:
				remindersSent = nudge.Sequence
			case NudgeCheckIn:
				checkInsSent = nudge.Sequence
			case NudgeReviewPrompt:
				reviewSent = true
			case NudgeInactiveFlag:
				flagged := now
				flaggedSince = &flagged
			case NudgeFeedbackRequest:
				feedbackSent = true
			}
		}
	}

	require.Equal(t, 2, byKind[NudgeInvitationReminder], "reminders at days 5 and 10")
	require.Zero(t, byKind[NudgeInvitationExpiry], "accepted on day 12")
	// Check-ins 1 to 8 fall within the 250 days, one to each person.
	require.Equal(t, 16, byKind[NudgeCheckIn])
	require.Equal(t, 2, byKind[NudgeReviewPrompt])
	// Flagged on day 90, and again 90 days after the meeting on day 100,
	// each time to the programme team's figures and to both people.
	require.Equal(t, 6, byKind[NudgeInactiveFlag])
	require.Equal(t, 2, byKind[NudgeFeedbackRequest])
}
