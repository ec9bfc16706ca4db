package blocks

import (
	"time"

	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

// RoleStatus is one role's line on the App Home.
type RoleStatus struct {
	Role domain.Role
	// Started is true once the person asked to register for the role.
	Started bool
	// Next is the first step not yet complete, or domain.StepDone.
	Next domain.Step
}

// RegistrationHome is the part of the App Home about the person's own
// registration.
type RegistrationHome struct {
	// Roles holds the mentee and mentor lines, in that order.
	Roles []RoleStatus
	// ConsentOutdated is true when a registered person agreed to an older
	// code of conduct and must agree to the current one.
	ConsentOutdated bool
	Mentee          *domain.MenteeProfile
	Mentor          *domain.MentorProfile
}

// LearningModel is what a learning package screen shows.
type LearningModel struct {
	Campus content.Campus
	// Done holds the ids of the places the person has finished.
	Done map[string]bool
	// Completed is true once the learning package step is complete.
	Completed bool
	// Role is the role the person is registering for, carried to the next
	// step's button.
	Role domain.Role
	// Position is the screen to show: the map when PlaceID is empty.
	Position domain.LearningPosition
	// Chosen is the index of the response picked on a scenario screen, or
	// -1 when none is picked yet.
	Chosen int
}

// QuestionModel is one page of the assessment.
type QuestionModel struct {
	AttemptID int64
	// Number counts the attempts from 1.
	AttemptNumber int
	Question      content.Question
	// Index counts the questions from 0.
	Index    int
	Total    int
	PassMark int
}

// ResultModel is the end of an attempt.
type ResultModel struct {
	Score    domain.Score
	PassMark int
	Role     domain.Role
	// Revisit holds the places to revisit after a failed attempt.
	Revisit []content.Place
}

// ConductModel is the code of conduct modal.
type ConductModel struct {
	Conduct content.Conduct
	Role    domain.Role
	// AgreedAt is when the person agreed to this version, if they have.
	AgreedAt *time.Time
	// PreviousVersion is the older version the person agreed to, when the
	// text has changed since.
	PreviousVersion string
}

// DetailsModel is the details form of one role.
type DetailsModel struct {
	Role  domain.Role
	Lists content.Lists
	// Editing is true when the person is changing a finished profile.
	Editing bool
	// Mentor or Mentee, when set, fills the form in.
	Mentor *domain.MentorProfile
	Mentee *domain.MenteeProfile
}

// ProfileModel is My profile.
type ProfileModel struct {
	// Name and ImageURL come from Slack's users.info; either may be empty.
	Name     string
	ImageURL string
	Mentee   *domain.MenteeProfile
	Mentor   *domain.MentorProfile
	// Registering holds the roles whose registration is under way.
	Registering []domain.Role
}

// StepBlockedModel explains that an earlier registration step comes first.
type StepBlockedModel struct {
	Role      domain.Role
	Requested domain.Step
	Next      domain.Step
}
