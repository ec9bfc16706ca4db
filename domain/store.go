package domain

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned when a record that a request names does not
// exist.
var ErrNotFound = errors.New("not found")

// RegistrationStore keeps each person's registration: the roles they
// started, their progress through the steps, and their profiles.
type RegistrationStore interface {
	// Registration returns what person has done; a person never seen has
	// an empty Registration.
	Registration(ctx context.Context, person PersonKey) (Registration, error)
	// StartRole records that person asked to register as role. Asking
	// again keeps the first time.
	StartRole(ctx context.Context, person PersonKey, role Role, at time.Time) error

	// LearningPosition returns where person is in the learning package.
	LearningPosition(ctx context.Context, person PersonKey) (LearningPosition, error)
	// SaveLearningPosition stores where person is in the learning package.
	SaveLearningPosition(ctx context.Context, person PersonKey, position LearningPosition, at time.Time) error
	// CompletePlace records that person finished a place. Completing it
	// again keeps the first time.
	CompletePlace(ctx context.Context, person PersonKey, placeID string, at time.Time) error
	// CompleteLearning records that person finished the learning package.
	CompleteLearning(ctx context.Context, person PersonKey, at time.Time) error

	// LatestAttempt returns person's latest assessment attempt, with its
	// answers, or ErrNotFound when they have none.
	LatestAttempt(ctx context.Context, person PersonKey) (Attempt, error)
	// StartAttempt starts a new attempt unless the latest one is
	// unfinished, and returns the attempt to continue.
	StartAttempt(ctx context.Context, person PersonKey, at time.Time) (Attempt, error)
	// RecordAnswer stores the answer to one question of an unfinished
	// attempt. It returns false, and changes nothing, when the question
	// already has an answer, as when the same page is submitted twice.
	RecordAnswer(ctx context.Context, attemptID int64, questionID string, option int, at time.Time) (bool, error)
	// FinishAttempt stores an attempt's score; a passing score completes
	// the assessment step. Finishing a finished attempt changes nothing.
	FinishAttempt(ctx context.Context, attemptID int64, score Score, at time.Time) error

	// RecordConsent stores that person agreed to the code of conduct's
	// version at the given time.
	RecordConsent(ctx context.Context, person PersonKey, version string, at time.Time) error

	// SaveMentorProfile creates or replaces person's mentor profile.
	SaveMentorProfile(ctx context.Context, person PersonKey, profile MentorProfile) error
	// SaveMenteeProfile creates or replaces person's mentee profile.
	SaveMenteeProfile(ctx context.Context, person PersonKey, profile MenteeProfile) error
	// SaveProfileDraft stores what person typed into the details form of
	// role without saving it; draft is a *MentorProfile or *MenteeProfile.
	// Saving the role's profile deletes the draft.
	SaveProfileDraft(ctx context.Context, person PersonKey, role Role, draft any, at time.Time) error
	// SetMentorAvailability changes the two settings of person's mentor
	// profile. It returns ErrNotFound when they have none.
	SetMentorAvailability(ctx context.Context, person PersonKey, available, searchable bool, at time.Time) error
}
