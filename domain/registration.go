package domain

import (
	"fmt"
	"time"
)

// PersonKey identifies a person. Slack user ids are unique within a
// workspace, and on Enterprise Grid one id is used across the
// organisation's workspaces, so TeamID is the organisation's id when Slack
// sends one and the workspace's id otherwise.
type PersonKey struct {
	TeamID string
	UserID string
}

// Role is a part a person takes in the programme. One person may hold both.
type Role string

// The roles.
const (
	RoleMentee Role = "mentee"
	RoleMentor Role = "mentor"
)

// ParseRole returns the role named text, such as "mentor".
func ParseRole(text string) (Role, bool) {
	switch Role(text) {
	case RoleMentee, RoleMentor:
		return Role(text), true
	default:
		return "", false
	}
}

// Step is a registration step. The steps open in order: each one only when
// the one before it is complete.
type Step int

// The registration steps, in order. StepDone follows the last.
const (
	StepLearning Step = iota + 1
	StepAssessment
	StepConduct
	StepDetails
	StepDone
)

// Steps lists the registration steps in order.
var Steps = []Step{StepLearning, StepAssessment, StepConduct, StepDetails}

// String returns the step's name as people read it.
func (s Step) String() string {
	switch s {
	case StepLearning:
		return "learning package"
	case StepAssessment:
		return "assessment"
	case StepConduct:
		return "code of conduct"
	case StepDetails:
		return "details"
	case StepDone:
		return "registered"
	default:
		return fmt.Sprintf("Step(%d)", int(s))
	}
}

// Registration is what a person has done towards registering. Steps 1 to
// 3 are shared by both roles; the details are kept per role.
type Registration struct {
	Person PersonKey
	// Started holds each role the person has asked to register for, with
	// when they asked.
	Started map[Role]time.Time
	// PlacesDone holds the learning package's places that the person has
	// finished, with when.
	PlacesDone          map[string]time.Time
	LearningCompletedAt *time.Time
	AssessmentPassedAt  *time.Time
	// ConsentVersion is the latest code of conduct version agreed to, or
	// empty when none.
	ConsentVersion string
	ConsentAt      *time.Time
	Mentee         *MenteeProfile
	Mentor         *MentorProfile
	// MenteeDraft and MentorDraft hold what the person typed into a
	// details form that they closed without saving.
	MenteeDraft *MenteeProfile
	MentorDraft *MentorProfile
}

// HasStarted reports whether the person asked to register as role.
func (r Registration) HasStarted(role Role) bool {
	_, ok := r.Started[role]
	return ok
}

// HasProfile reports whether the person gave the details of role.
func (r Registration) HasProfile(role Role) bool {
	if role == RoleMentor {
		return r.Mentor != nil
	}
	return r.Mentee != nil
}

// NextStep returns the first step of role that is not complete, or
// StepDone. conductVersion is the code of conduct's current version: a
// person who has not yet finished registering must agree to it, while a
// registered person who agreed to an older one stays registered and is
// asked to agree again by ConsentCurrent's callers.
func (r Registration) NextStep(role Role, conductVersion string) Step {
	switch {
	case r.LearningCompletedAt == nil:
		return StepLearning
	case r.AssessmentPassedAt == nil:
		return StepAssessment
	case r.ConsentVersion == "":
		return StepConduct
	case r.HasProfile(role):
		return StepDone
	case r.ConsentVersion != conductVersion:
		return StepConduct
	default:
		return StepDetails
	}
}

// Registered reports whether the person has finished registering as role.
func (r Registration) Registered(role Role) bool {
	return r.HasProfile(role) && r.LearningCompletedAt != nil &&
		r.AssessmentPassedAt != nil && r.ConsentVersion != ""
}

// ConsentCurrent reports whether the person agreed to the current code of
// conduct. Searching for mentors and accepting mentees require it.
func (r Registration) ConsentCurrent(conductVersion string) bool {
	return r.ConsentVersion == conductVersion
}

// CheckStep returns a *StepOrderError when step of role may not open yet
// because an earlier step is not complete. Steps already complete may open
// again, so a person can reread the learning package or the code of
// conduct.
func (r Registration) CheckStep(role Role, step Step, conductVersion string) error {
	next := r.NextStep(role, conductVersion)
	if step > next {
		return &StepOrderError{Requested: step, Next: next}
	}
	return nil
}

// StepOrderError is returned when a later step is requested before an
// earlier one is complete, such as from a stale button or a forged request.
type StepOrderError struct {
	Requested Step
	Next      Step
}

// Error returns the message shown to the person.
func (e *StepOrderError) Error() string {
	return fmt.Sprintf("Please finish the %s before the %s.", e.Next, e.Requested)
}
