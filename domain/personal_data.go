package domain

import (
	"encoding/json"
	"time"
)

// PersonalData is everything the bot stores about one person, as
// "/mentor my-data" exports it. Of a record that two people share, such as
// an invitation, it holds what the person wrote and the other person's
// Slack user id, never the other person's own text.
type PersonalData struct {
	ExportedAt time.Time `json:"exported_at"`
	TeamID     string    `json:"team_id"`
	UserID     string    `json:"user_id"`
	// Person is nil when the bot has no row for the person.
	Person              *PersonRecord           `json:"person"`
	LearningPlaces      []LearningPlaceRecord   `json:"learning_places"`
	AssessmentAttempts  []AttemptRecord         `json:"assessment_attempts"`
	ConductConsents     []ConsentRecord         `json:"conduct_consents"`
	MentorProfile       *MentorProfileRecord    `json:"mentor_profile"`
	MenteeProfile       *MenteeProfileRecord    `json:"mentee_profile"`
	ProfileDrafts       []ProfileDraftRecord    `json:"profile_drafts"`
	Invitations         []InvitationRecord      `json:"invitations"`
	InvitationEvents    []InvitationEventRecord `json:"invitation_events"`
	Nudges              []NudgeRecord           `json:"nudges"`
	Meetings            []MeetingRecord         `json:"meetings"`
	Feedback            []FeedbackRecord        `json:"feedback"`
	ReviewContinuations []ContinuationRecord    `json:"review_continuations"`
	SentNotices         []SentNoticeRecord      `json:"sent_notices"`
	HelpQuestions       []HelpQuestionRecord    `json:"help_questions"`
	AuditLog            []AuditRecord           `json:"audit_log"`
}

// PersonRecord is the person's row: registration progress and account
// state.
type PersonRecord struct {
	CreatedAt           time.Time  `json:"created_at"`
	DisplayName         string     `json:"display_name"`
	MenteeStartedAt     *time.Time `json:"mentee_started_at"`
	MentorStartedAt     *time.Time `json:"mentor_started_at"`
	LearningPlaceID     string     `json:"learning_place_id"`
	LearningStep        int        `json:"learning_step"`
	LearningCompletedAt *time.Time `json:"learning_completed_at"`
	AssessmentPassedAt  *time.Time `json:"assessment_passed_at"`
	DeactivatedAt       *time.Time `json:"deactivated_at"`
	ErasedAt            *time.Time `json:"erased_at"`
}

// LearningPlaceRecord is a place of the learning package that the person
// finished.
type LearningPlaceRecord struct {
	PlaceID     string    `json:"place_id"`
	CompletedAt time.Time `json:"completed_at"`
}

// AttemptRecord is one attempt at the assessment with its answers.
type AttemptRecord struct {
	Number     int            `json:"number"`
	StartedAt  time.Time      `json:"started_at"`
	FinishedAt *time.Time     `json:"finished_at"`
	Correct    *int           `json:"correct"`
	Total      *int           `json:"total"`
	Passed     *bool          `json:"passed"`
	Answers    []AnswerRecord `json:"answers"`
}

// AnswerRecord is the option, counted from 0, chosen for one question.
type AnswerRecord struct {
	QuestionID  string    `json:"question_id"`
	OptionIndex int       `json:"option_index"`
	AnsweredAt  time.Time `json:"answered_at"`
}

// ConsentRecord is an agreement to one version of the code of conduct.
type ConsentRecord struct {
	Version  string    `json:"version"`
	AgreedAt time.Time `json:"agreed_at"`
}

// MentorProfileRecord is the person's mentor profile.
type MentorProfileRecord struct {
	JobRole    string    `json:"job_role"`
	OrgArea    string    `json:"org_area"`
	Areas      []string  `json:"areas"`
	About      string    `json:"about"`
	Capacity   int       `json:"capacity"`
	Available  bool      `json:"available"`
	Searchable bool      `json:"searchable"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// MenteeProfileRecord is the person's mentee profile.
type MenteeProfileRecord struct {
	JobRole   string    `json:"job_role"`
	OrgArea   string    `json:"org_area"`
	Areas     []string  `json:"areas"`
	Hopes     string    `json:"hopes"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ProfileDraftRecord is a details form that the person closed without
// saving, as they typed it.
type ProfileDraftRecord struct {
	Role      Role            `json:"role"`
	Draft     json.RawMessage `json:"draft"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// InvitationRecord is an invitation that the person sent as a mentee or
// received as a mentor. Note, the mentee's text, is included only when the
// person is the mentee, and the DM's channel and timestamp only when the
// person is the mentor who received it.
type InvitationRecord struct {
	ID   int64 `json:"id"`
	Role Party `json:"role"`
	// OtherUserID is the other person's Slack user id, or "" when they
	// erased their data, which FormerMember then reports.
	OtherUserID   string     `json:"other_user_id"`
	FormerMember  bool       `json:"other_is_former_member,omitempty"`
	Status        Status     `json:"status"`
	Note          string     `json:"note,omitempty"`
	Reason        string     `json:"reason"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	AnsweredAt    *time.Time `json:"answered_at"`
	EndedAt       *time.Time `json:"ended_at"`
	MentorChannel string     `json:"mentor_channel,omitempty"`
	MentorTS      string     `json:"mentor_ts,omitempty"`
}

// InvitationEventRecord is a status change that the person made.
type InvitationEventRecord struct {
	InvitationID int64     `json:"invitation_id"`
	FromStatus   string    `json:"from_status"`
	ToStatus     string    `json:"to_status"`
	Reason       string    `json:"reason"`
	At           time.Time `json:"at"`
}

// NudgeRecord is a scheduled reminder to the person.
type NudgeRecord struct {
	Key          string     `json:"key"`
	Kind         string     `json:"kind"`
	InvitationID *int64     `json:"invitation_id"`
	Sequence     int        `json:"sequence"`
	PlannedAt    time.Time  `json:"planned_at"`
	DueAt        time.Time  `json:"due_at"`
	SentAt       *time.Time `json:"sent_at"`
}

// MeetingRecord is a meeting that the person recorded, with their note.
type MeetingRecord struct {
	InvitationID int64     `json:"invitation_id"`
	MetAt        time.Time `json:"met_at"`
	Note         string    `json:"note"`
}

// FeedbackRecord is feedback that the person gave on a relationship.
type FeedbackRecord struct {
	InvitationID int64     `json:"invitation_id"`
	Rating       int       `json:"rating"`
	Comment      string    `json:"comment"`
	GivenAt      time.Time `json:"given_at"`
}

// ContinuationRecord is the person's choice to carry on a relationship
// when asked to review it.
type ContinuationRecord struct {
	InvitationID int64     `json:"invitation_id"`
	DecidedAt    time.Time `json:"decided_at"`
}

// SentNoticeRecord is a DM that the bot sent to the person, or to them and
// the other person of a relationship: where it went, not what it said.
type SentNoticeRecord struct {
	Key     string    `json:"key"`
	Channel string    `json:"channel"`
	TS      string    `json:"ts"`
	SentAt  time.Time `json:"sent_at"`
}

// HelpQuestionRecord is a question that the person sent to the programme
// team.
type HelpQuestionRecord struct {
	Question string    `json:"question"`
	AskedAt  time.Time `json:"asked_at"`
}

// AuditRecord is an audit log entry in which the person acted or was
// acted on.
type AuditRecord struct {
	Action        string    `json:"action"`
	ActorUserID   string    `json:"actor_user_id"`
	SubjectUserID string    `json:"subject_user_id"`
	InvitationID  *int64    `json:"invitation_id"`
	Detail        string    `json:"detail"`
	At            time.Time `json:"at"`
}
