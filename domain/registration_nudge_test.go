package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIdleRegistration_Reminded(t *testing.T) {
	t.Parallel()
	idle := IdleRegistration{
		Registration: Registration{Person: PersonKey{TeamID: "T1", UserID: "U1"}},
		PlannedReminders: map[string]bool{
			"person:T1:U1:registration:assessment":     true,
			"person:T1:U1:registration:details:mentor": true,
		},
	}

	assert.True(t, idle.Reminded(RoleMentee, StepAssessment), "a shared step as mentee")
	assert.True(t, idle.Reminded(RoleMentor, StepAssessment), "a shared step as mentor")
	assert.False(t, idle.Reminded(RoleMentee, StepLearning), "a step not planned")
	assert.True(t, idle.Reminded(RoleMentor, StepDetails), "the details as mentor")
	assert.False(t, idle.Reminded(RoleMentee, StepDetails), "the details are kept per role")
}

func TestIdleRegistration_RemindedNone(t *testing.T) {
	t.Parallel()
	idle := IdleRegistration{Registration: Registration{Person: PersonKey{TeamID: "T1", UserID: "U1"}}}

	assert.False(t, idle.Reminded(RoleMentee, StepLearning), "a nil map plans nothing")
}
