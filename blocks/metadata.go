package blocks

import (
	"encoding/json"
	"fmt"

	"github.com/mentorbot/mentorbot/domain"
)

// Each modal carries its context in private_metadata as JSON, because the
// modal's payloads name only the view. Handlers must still check it against
// the database: a client can send any metadata it likes.

// LearningMetadata is the learning modal's context.
type LearningMetadata struct {
	Role    domain.Role `json:"role"`
	PlaceID string      `json:"place,omitempty"`
	Step    int         `json:"step,omitempty"`
}

// AssessmentMetadata is an assessment page's context.
type AssessmentMetadata struct {
	Role       domain.Role `json:"role"`
	AttemptID  int64       `json:"attempt"`
	QuestionID string      `json:"question,omitempty"`
}

// ConductMetadata is the code of conduct modal's context.
type ConductMetadata struct {
	Role    domain.Role `json:"role"`
	Version string      `json:"version"`
}

// DetailsMetadata is the details form's context.
type DetailsMetadata struct {
	Role    domain.Role `json:"role"`
	Editing bool        `json:"editing,omitempty"`
}

// EncodeMetadata returns value as a private_metadata string.
func EncodeMetadata(value any) string {
	encoded, err := json.Marshal(value)
	if err != nil {
		// The metadata types contain only strings, numbers and booleans.
		panic(fmt.Sprintf("encode private_metadata: %v", err))
	}
	return string(encoded)
}

// DecodeMetadata reads private_metadata into target, which must be a
// pointer to one of the metadata types.
func DecodeMetadata(raw string, target any) error {
	if raw == "" {
		return fmt.Errorf("decode private_metadata: it is empty")
	}
	if err := json.Unmarshal([]byte(raw), target); err != nil {
		return fmt.Errorf("decode private_metadata: %w", err)
	}
	return nil
}
