package domain

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRegistration_NextStep(t *testing.T) {
	t.Parallel()

	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	learned := Registration{LearningCompletedAt: &now}
	passed := learned
	passed.AssessmentPassedAt = &now
	agreed := passed
	agreed.ConsentVersion = "v2"
	mentee := agreed
	mentee.Mentee = &MenteeProfile{}
	menteeOldConsent := mentee
	menteeOldConsent.ConsentVersion = "v1"
	oldConsentOnly := passed
	oldConsentOnly.ConsentVersion = "v1"

	tests := []struct {
		name         string
		registration Registration
		role         Role
		expected     Step
	}{
		{"Nothing", Registration{}, RoleMentee, StepLearning},
		{"PlacesDoneButNotFinished", Registration{PlacesDone: map[string]time.Time{"a": now}}, RoleMentee, StepLearning},
		{"Learned", learned, RoleMentor, StepAssessment},
		{"Passed", passed, RoleMentee, StepConduct},
		{"Agreed", agreed, RoleMentor, StepDetails},
		{"MenteeDone", mentee, RoleMentee, StepDone},
		{"MenteeAddsMentor", mentee, RoleMentor, StepDetails},
		{"RegisteredWithOldConsent", menteeOldConsent, RoleMentee, StepDone},
		{"AddingRoleWithOldConsent", menteeOldConsent, RoleMentor, StepConduct},
		{"OldConsentBeforeDetails", oldConsentOnly, RoleMentee, StepConduct},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			require.Equal(t, test.expected, test.registration.NextStep(test.role, "v2"))
		})
	}
}

func TestRegistration_CheckStep(t *testing.T) {
	t.Parallel()

	now := time.Now()
	learned := Registration{LearningCompletedAt: &now}

	require.NoError(t, learned.CheckStep(RoleMentee, StepLearning, "v1"), "a finished step may open again")
	require.NoError(t, learned.CheckStep(RoleMentee, StepAssessment, "v1"))

	err := learned.CheckStep(RoleMentee, StepDetails, "v1")
	var orderErr *StepOrderError
	require.True(t, errors.As(err, &orderErr))
	require.Equal(t, StepDetails, orderErr.Requested)
	require.Equal(t, StepAssessment, orderErr.Next)
	require.Equal(t, "Please finish the assessment before the details.", err.Error())
}

func TestRegistration_RegisteredAndConsent(t *testing.T) {
	t.Parallel()

	now := time.Now()
	registration := Registration{
		LearningCompletedAt: &now,
		AssessmentPassedAt:  &now,
		ConsentVersion:      "v1",
		Mentor:              &MentorProfile{},
	}

	require.True(t, registration.Registered(RoleMentor))
	require.False(t, registration.Registered(RoleMentee))
	require.True(t, registration.ConsentCurrent("v1"))
	require.False(t, registration.ConsentCurrent("v2"))
}

func TestParseRole(t *testing.T) {
	t.Parallel()

	for text, expected := range map[string]Role{"mentee": RoleMentee, "mentor": RoleMentor} {
		role, ok := ParseRole(text)
		require.True(t, ok)
		require.Equal(t, expected, role)
	}
	for _, text := range []string{"", "Mentor", "admin", "mentors"} {
		_, ok := ParseRole(text)
		require.False(t, ok, text)
	}
}

func TestLearningComplete(t *testing.T) {
	t.Parallel()

	require.True(t, LearningComplete([]string{"a", "b"}, map[string]bool{"a": true, "b": true, "old": true}))
	require.False(t, LearningComplete([]string{"a", "b"}, map[string]bool{"a": true}))
	require.False(t, LearningComplete(nil, map[string]bool{"a": true}), "an empty campus completes nothing")
}
