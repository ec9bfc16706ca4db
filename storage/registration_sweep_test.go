package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

// registrationBundle is a fresh database for the registration sweep's
// query, with times around now: old is before idleSince and recent after.
type registrationBundle struct {
	t         *testing.T
	ctx       context.Context
	store     *storage.Store
	now       time.Time
	idleSince time.Time
	old       time.Time
	recent    time.Time
}

func setupRegistrations(t *testing.T) *registrationBundle {
	t.Helper()
	now := time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)
	return &registrationBundle{
		t:         t,
		ctx:       context.Background(),
		store:     storage.New(pgtest.NewPool(t)),
		now:       now,
		idleSince: now.Add(-7 * 24 * time.Hour),
		old:       now.Add(-10 * 24 * time.Hour),
		recent:    now.Add(-24 * time.Hour),
	}
}

func (b *registrationBundle) person(userID string) domain.PersonKey {
	return domain.PersonKey{TeamID: "T1", UserID: userID}
}

// start records that userID started registering as role at.
func (b *registrationBundle) start(userID string, role domain.Role, at time.Time) domain.PersonKey {
	b.t.Helper()
	person := b.person(userID)
	require.NoError(b.t, b.store.StartRole(b.ctx, person, role, at))
	return person
}

// passSharedSteps completes the learning package, the assessment and the
// code of conduct of person at.
func (b *registrationBundle) passSharedSteps(person domain.PersonKey, at time.Time) {
	b.t.Helper()
	require.NoError(b.t, b.store.CompletePlace(b.ctx, person, "library", at))
	require.NoError(b.t, b.store.CompleteLearning(b.ctx, person, at))
	attempt, err := b.store.StartAttempt(b.ctx, person, at)
	require.NoError(b.t, err)
	score := domain.Score{Correct: 22, Total: 22, Passed: true}
	require.NoError(b.t, b.store.FinishAttempt(b.ctx, attempt.ID, score, at))
	require.NoError(b.t, b.store.RecordConsent(b.ctx, person, "v1", at))
}

// menteeProfile returns a mentee profile saved at.
func menteeProfile(at time.Time) domain.MenteeProfile {
	return domain.MenteeProfile{JobRole: "Lecturer", OrgArea: "Science", Areas: []string{"Leadership"},
		Hopes: "Lead a team", UpdatedAt: at}
}

// idle returns the user ids of every idle registration, read in batches
// of batchSize, and the registrations by user id.
func (b *registrationBundle) idle(batchSize int) ([]string, map[string]domain.IdleRegistration) {
	b.t.Helper()
	var userIDs []string
	found := map[string]domain.IdleRegistration{}
	var after domain.PersonKey
	for range 100 {
		batch, err := b.store.IdleRegistrationsAfter(b.ctx, after, b.idleSince, batchSize)
		require.NoError(b.t, err)
		require.LessOrEqual(b.t, len(batch), batchSize)
		for _, item := range batch {
			userIDs = append(userIDs, item.Person.UserID)
			found[item.Person.UserID] = item
		}
		if len(batch) < batchSize {
			return userIDs, found
		}
		after = batch[len(batch)-1].Person
	}
	b.t.Fatal("IdleRegistrationsAfter did not reach the end in 100 batches")
	return nil, nil
}

func TestStore_IdleRegistrationsAfterPages(t *testing.T) {
	t.Parallel()
	b := setupRegistrations(t)
	var expected []string
	for _, team := range []string{"T1", "T2"} {
		for i := range 5 {
			userID := fmt.Sprintf("U%d", i)
			require.NoError(t, b.store.StartRole(b.ctx, domain.PersonKey{TeamID: team, UserID: userID},
				domain.RoleMentee, b.old))
			expected = append(expected, userID)
		}
	}

	userIDs, _ := b.idle(3)

	assert.Equal(t, expected, userIDs, "every person once, in order of team and user id")
}

func TestStore_IdleRegistrationsAfterFilters(t *testing.T) {
	t.Parallel()
	b := setupRegistrations(t)

	b.start("UIDLE", domain.RoleMentee, b.old)
	b.start("USTARTEDRECENTLY", domain.RoleMentee, b.recent)
	require.NoError(t, b.store.CompletePlace(b.ctx, b.person("UNEVERSTARTED"), "library", b.old))

	finished := b.start("UFINISHED", domain.RoleMentee, b.old)
	b.passSharedSteps(finished, b.old)
	require.NoError(t, b.store.SaveMenteeProfile(b.ctx, finished, menteeProfile(b.old)))

	secondRole := b.start("USECONDROLE", domain.RoleMentee, b.old)
	b.passSharedSteps(secondRole, b.old)
	require.NoError(t, b.store.SaveMenteeProfile(b.ctx, secondRole, menteeProfile(b.old)))
	b.start("USECONDROLE", domain.RoleMentor, b.old)

	deactivated := b.start("UDEACTIVATED", domain.RoleMentee, b.old)
	require.NoError(t, b.store.SetDeactivated(b.ctx, deactivated, &b.old))

	answered := b.start("UANSWEREDRECENTLY", domain.RoleMentee, b.old)
	attempt, err := b.store.StartAttempt(b.ctx, answered, b.old)
	require.NoError(t, err)
	_, err = b.store.RecordAnswer(b.ctx, attempt.ID, "q1", 0, b.recent)
	require.NoError(t, err)

	answeredLongAgo := b.start("UANSWEREDLONGAGO", domain.RoleMentee, b.old)
	attempt, err = b.store.StartAttempt(b.ctx, answeredLongAgo, b.old)
	require.NoError(t, err)
	answeredAt := b.old.Add(time.Hour)
	_, err = b.store.RecordAnswer(b.ctx, attempt.ID, "q1", 0, answeredAt)
	require.NoError(t, err)

	attempted := b.start("UATTEMPTEDRECENTLY", domain.RoleMentee, b.old)
	_, err = b.store.StartAttempt(b.ctx, attempted, b.recent)
	require.NoError(t, err)

	place := b.start("UPLACERECENTLY", domain.RoleMentee, b.old)
	require.NoError(t, b.store.CompletePlace(b.ctx, place, "library", b.recent))

	consent := b.start("UCONSENTRECENTLY", domain.RoleMentor, b.old)
	require.NoError(t, b.store.RecordConsent(b.ctx, consent, "v1", b.recent))

	draft := b.start("UDRAFTRECENTLY", domain.RoleMentee, b.old)
	b.passSharedSteps(draft, b.old)
	require.NoError(t, b.store.SaveProfileDraft(b.ctx, draft, domain.RoleMentee, menteeProfile(b.recent), b.recent))

	userIDs, found := b.idle(100)

	assert.ElementsMatch(t, []string{"UANSWEREDLONGAGO", "UIDLE", "USECONDROLE"}, userIDs)
	assert.True(t, found["UANSWEREDLONGAGO"].LastActivity.Equal(answeredAt),
		"the latest answer is the last activity; got %s", found["UANSWEREDLONGAGO"].LastActivity)
	assert.True(t, found["UIDLE"].LastActivity.IsZero(), "no attempt leaves no activity")
}

func TestStore_IdleRegistrationsAfterRegistration(t *testing.T) {
	t.Parallel()
	b := setupRegistrations(t)
	person := b.start("UBOTH", domain.RoleMentee, b.old)
	b.start("UBOTH", domain.RoleMentor, b.old.Add(time.Hour))
	require.NoError(t, b.store.CompletePlace(b.ctx, person, "library", b.old.Add(2*time.Hour)))

	_, found := b.idle(10)

	require.Contains(t, found, "UBOTH")
	registration := found["UBOTH"].Registration
	assert.Equal(t, person, registration.Person)
	assert.True(t, registration.HasStarted(domain.RoleMentee), "started as mentee")
	assert.True(t, registration.HasStarted(domain.RoleMentor), "started as mentor")
	assert.Contains(t, registration.PlacesDone, "library")
	assert.Equal(t, domain.StepLearning, registration.NextStep(domain.RoleMentee, "v1"))
}

func TestStore_IdleRegistrationsAfterPlannedReminders(t *testing.T) {
	t.Parallel()
	b := setupRegistrations(t)
	person := b.start("UREMINDED", domain.RoleMentee, b.old)
	b.start("UOTHER", domain.RoleMentee, b.old)
	_, found := b.idle(10)
	nudge, ok := domain.DefaultNudgePolicy().RegistrationNudge(b.now, found["UREMINDED"].Registration,
		domain.RoleMentee, time.Time{}, "v1", nil)
	require.True(t, ok, "a reminder of the learning package is due")
	// An invitation reminder to the same person is of another kind, and
	// must not count as a registration reminder.
	other := domain.Nudge{Kind: domain.NudgeInvitationReminder, Key: "person-other", Recipient: person, DueAt: b.now}
	_, err := b.store.PlanNudges(b.ctx, []domain.Nudge{nudge, other}, nil, b.now)
	require.NoError(t, err)

	_, found = b.idle(10)

	reminded := found["UREMINDED"]
	assert.Equal(t, map[string]bool{nudge.Key: true}, reminded.PlannedReminders)
	assert.True(t, reminded.Reminded(domain.RoleMentee, domain.StepLearning), "learning package reminded as mentee")
	assert.True(t, reminded.Reminded(domain.RoleMentor, domain.StepLearning), "the learning package is shared")
	assert.False(t, reminded.Reminded(domain.RoleMentee, domain.StepAssessment), "assessment not reminded")
	assert.Empty(t, found["UOTHER"].PlannedReminders, "another person's reminders are not theirs")
}
