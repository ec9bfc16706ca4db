package domain

import (
	"context"
	"time"
)

// The audit actions of the programme team's console.
const (
	AuditLookUpPerson        AuditAction = "admin_look_up_person"
	AuditHideMentor          AuditAction = "admin_hide_mentor"
	AuditShowMentor          AuditAction = "admin_show_mentor"
	AuditEndRelationship     AuditAction = "admin_end_relationship"
	AuditResetAssessment     AuditAction = "admin_reset_assessment"
	AuditExportRelationships AuditAction = "admin_export_relationships"
	AuditExportRegistrations AuditAction = "admin_export_registrations"
)

// MaxEndReasonLength bounds the reason the programme team gives for
// ending a relationship, in characters.
const MaxEndReasonLength = 500

// FiguresQuery contains the inputs of the programme's figures other than
// the records: the content, the nudge policy and the time.
type FiguresQuery struct {
	// ConductVersion is the code of conduct's current version, for the
	// registration steps as Registration.NextStep decides them.
	ConductVersion string
	// Questions are the assessment's questions, whose Correct options
	// decide which answers were missed.
	Questions []QuestionKey
	// ReminderAfter is how long an invitation may wait for an answer
	// before it counts as waiting too long.
	ReminderAfter time.Duration
	// InactiveAfter is how long an ongoing relationship may record no
	// meeting before it counts as inactive.
	InactiveAfter time.Duration
	Now           time.Time
	// MissedLimit is the maximum number of most often missed questions to
	// return. 0 returns none and skips reading the answers.
	MissedLimit int
}

// Figures are the programme team's figures for one organisation. People
// whose Slack accounts are deactivated are left out of the people counts.
type Figures struct {
	// Steps counts, for each role, the active people who started
	// registering for it or have its profile, by their next step as
	// Registration.NextStep returns it. StepDone counts the registered.
	Steps map[Role]map[Step]int
	// FinishedAttempts and PassedAttempts count finished assessment
	// attempts, and those that passed.
	FinishedAttempts int
	PassedAttempts   int
	// Missed lists the questions answered wrongly most often, most missed
	// first.
	Missed []MissedQuestion
	// Invitations counts invitations by status.
	Invitations map[Status]int
	// MentorAnswers counts invitations that the mentor accepted or
	// declined, and MedianAnswer is the median time they took, or zero
	// when there are none.
	MentorAnswers int
	MedianAnswer  time.Duration
	// WaitingLong counts invitations in Considering created at least
	// FiguresQuery.ReminderAfter ago.
	WaitingLong int
	// Inactive counts Ongoing relationships with no "We met" for
	// FiguresQuery.InactiveAfter, counted from acceptance when there is
	// none.
	Inactive int
	// Feedback counts feedback by rating, 1 to 5.
	Feedback map[int]int
	// FeedbackAverage is the mean rating, or zero when there is none.
	FeedbackAverage float64
}

// Registered returns how many active people have finished registering as
// role.
func (f Figures) Registered(role Role) int {
	return f.Steps[role][StepDone]
}

// FeedbackCount returns how many people gave feedback.
func (f Figures) FeedbackCount() int {
	total := 0
	for _, count := range f.Feedback {
		total += count
	}
	return total
}

// MissedQuestion is how often one question was answered wrongly.
type MissedQuestion struct {
	QuestionID string
	Missed     int
	Answered   int
}

// RelationshipRecord is one invitation as the relationships export lists
// it.
type RelationshipRecord struct {
	Invitation Invitation
	MentorName string
	MenteeName string
}

// RegistrationRecord is one person as the registrations export lists
// them.
type RegistrationRecord struct {
	Person      PersonKey
	Name        string
	Deactivated bool
	// MenteeStep and MentorStep are the person's next step for each role
	// they started or have a profile of, and 0 for the others.
	MenteeStep          Step
	MentorStep          Step
	MenteeStartedAt     *time.Time
	MentorStartedAt     *time.Time
	LearningCompletedAt *time.Time
	AssessmentPassedAt  *time.Time
	ConsentVersion      string
	// MentorListed is false when the mentor asked not to be listed, or
	// the programme team hid them.
	MentorListed bool
	AdminHidden  bool
}

// PersonOverview is the programme team's view of one person when they
// look the person up.
type PersonOverview struct {
	Registration Registration
	Name         string
	Deactivated  bool
	// AdminHidden is true when the programme team hid the person's mentor
	// profile from search.
	AdminHidden bool
	// Attempts counts the person's assessment attempts.
	Attempts int
	// Relationships are the person's invitations as mentor or mentee,
	// open ones first, then newest first.
	Relationships []Invitation
}

// ProgrammeAdmin is the storage of the programme team's console. Each
// change records its audit entry in the same transaction.
type ProgrammeAdmin interface {
	// ProgrammeFigures returns teamID's figures from SQL aggregates.
	ProgrammeFigures(ctx context.Context, teamID string, query FiguresQuery) (Figures, error)
	// PersonOverview returns person's registration, relationships and
	// standing, up to limit relationships.
	PersonOverview(ctx context.Context, person PersonKey, limit int) (PersonOverview, error)
	// SetAdminHidden hides mentor from search, or shows them again, on
	// behalf of actor. Hiding lasts whatever the mentor's own settings
	// say. It returns ErrNotFound when mentor has no mentor profile.
	SetAdminHidden(ctx context.Context, actor, mentor PersonKey, hidden bool, at time.Time) error
	// EndRelationship moves an Ongoing relationship to Finished on behalf
	// of the programme, with reason, and enqueues the DMs to both people.
	// It returns ErrNotFound when teamID has no invitation id, and a
	// *TransitionError when it is not Ongoing.
	EndRelationship(ctx context.Context, actor PersonKey, id int64, reason string, at time.Time) (Change, error)
	// ResetAssessment deletes person's assessment attempts and clears
	// their pass, so they take the assessment again. It returns
	// ErrNotFound when the person has never been seen.
	ResetAssessment(ctx context.Context, actor, person PersonKey, at time.Time) error
	// ExportRelationships calls emit with teamID's invitations in id
	// order, batch at a time.
	ExportRelationships(ctx context.Context, teamID string, batch int, emit func([]RelationshipRecord) error) error
	// ExportRegistrations calls emit with teamID's people in user id
	// order, batch at a time. conductVersion decides the steps as
	// Registration.NextStep does.
	ExportRegistrations(ctx context.Context, teamID, conductVersion string, batch int, emit func([]RegistrationRecord) error) error
}
