package blocks_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

func testFigures() domain.Figures {
	return domain.Figures{
		Steps: map[domain.Role]map[domain.Step]int{
			domain.RoleMentee: {domain.StepLearning: 12, domain.StepAssessment: 4, domain.StepDetails: 2, domain.StepDone: 40},
			domain.RoleMentor: {domain.StepLearning: 3, domain.StepConduct: 1, domain.StepDone: 21},
		},
		FinishedAttempts: 70, PassedAttempts: 61,
		Missed: []domain.MissedQuestion{
			{QuestionID: "listening", Missed: 14, Answered: 70},
			{QuestionID: "gone", Missed: 3, Answered: 9},
		},
		Invitations:   map[domain.Status]int{domain.StatusConsidering: 5, domain.StatusOngoing: 18, domain.StatusFinished: 7},
		MentorAnswers: 25, MedianAnswer: 31*time.Hour + 20*time.Minute,
		WaitingLong: 2, Inactive: 3,
		Feedback:        map[int]int{5: 6, 4: 3, 2: 1},
		FeedbackAverage: 4.3,
	}
}

func testPerson() blocks.PersonModel {
	at := time.Date(2026, time.March, 4, 9, 0, 0, 0, time.UTC)
	ended := at.Add(48 * time.Hour)
	return blocks.PersonModel{
		UserID:         "U0MENTOR1",
		ConductVersion: "2026-01",
		Notice:         "Hidden from search.",
		Overview: domain.PersonOverview{
			Registration: domain.Registration{
				Started:             map[domain.Role]time.Time{domain.RoleMentor: at},
				LearningCompletedAt: &at, AssessmentPassedAt: &at, ConsentVersion: "2025-01", ConsentAt: &at,
				Mentor: &domain.MentorProfile{
					JobRole: "Lecturer", OrgArea: "Finance", Areas: []string{"Research", "Networking"},
					Capacity: 2, Available: true, Searchable: true,
				},
			},
			AdminHidden: true,
			Attempts:    2,
			Relationships: []domain.Invitation{
				{
					ID: 41, TeamID: "T1", Status: domain.StatusOngoing, CreatedAt: at, AnsweredAt: &at,
					Mentor: domain.PersonKey{TeamID: "T1", UserID: "U0MENTOR1"}, Mentee: domain.PersonKey{TeamID: "T1", UserID: "U0MENTEE1"},
				},
				{
					ID: 40, TeamID: "T1", Status: domain.StatusFinished, CreatedAt: at, AnsweredAt: &at, EndedAt: &ended,
					Reason: "Moved to <another> team & role",
					Mentor: domain.PersonKey{TeamID: "T1", UserID: "U0MENTOR1"}, Mentee: domain.PersonKey{TeamID: "T1", UserID: "U0MENTEE2"},
				},
			},
		},
	}
}

func TestAdminViews_Golden(t *testing.T) {
	t.Parallel()
	home, _ := shippedModels(t)
	home.Admin = &blocks.AdminHomeModel{Figures: testFigures(), ReminderDays: 5, InactiveDays: 90}
	empty := blocks.PersonModel{UserID: "U0NOBODY1", ConductVersion: "2026-01"}
	ongoing := testPerson().Overview.Relationships[0]

	views := map[string]any{
		"home_admin.json": blocks.HomeView(home),
		"admin_figures.json": blocks.FiguresView(blocks.FiguresModel{
			Figures: testFigures(), QuestionTexts: map[string]string{"listening": "What does *active* listening involve?"},
			ReminderDays: 5, InactiveDays: 90,
		}),
		"admin_figures_empty.json": blocks.FiguresView(blocks.FiguresModel{ReminderDays: 1, InactiveDays: 1}),
		"admin_look_up.json":       blocks.LookUpView(),
		"admin_person.json":        blocks.PersonView(testPerson()),
		"admin_person_empty.json":  blocks.PersonView(empty),
		"admin_end_relationship.json": blocks.EndRelationshipView(blocks.EndRelationshipModel{
			Invitation: ongoing, PersonID: "U0MENTOR1",
		}),
	}
	for name, view := range views {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, blocks.CheckView(view))
			actual, err := json.MarshalIndent(view, "", "  ")
			require.NoError(t, err)
			actual = append(actual, '\n')

			path := filepath.Join("testdata", name)
			if *update {
				require.NoError(t, os.WriteFile(path, actual, 0o644))
			}
			expected, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./blocks -update to create the golden file")
			require.Equal(t, string(expected), string(actual), "run go test ./blocks -update after a deliberate change")
		})
	}
}

func TestAdminViews_LongestWithinLimits(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("🌱", 3000)
	person := testPerson()
	person.Notice = long
	person.Overview.Registration.Mentor.About = long
	person.Overview.Registration.Mentor.Areas = []string{long, long, long}
	person.Overview.Registration.Mentee = &domain.MenteeProfile{JobRole: long, OrgArea: long, Areas: []string{long}, Hopes: long}
	relationship := person.Overview.Relationships[1]
	relationship.Reason = long
	for i := range 200 {
		relationship.ID = int64(100 + i)
		person.Overview.Relationships = append(person.Overview.Relationships, relationship)
	}
	figures := testFigures()
	texts := map[string]string{}
	for i := range 50 {
		id := strings.Repeat("q", i+1)
		figures.Missed = append(figures.Missed, domain.MissedQuestion{QuestionID: id, Missed: 1, Answered: 1})
		texts[id] = long
	}

	require.NoError(t, blocks.CheckView(blocks.PersonView(person)))
	require.NoError(t, blocks.CheckView(blocks.FiguresView(blocks.FiguresModel{Figures: figures, QuestionTexts: texts})))
	home, _ := longModels()
	home.Admin = &blocks.AdminHomeModel{Figures: figures}
	require.NoError(t, blocks.CheckView(blocks.HomeView(home)))
}

func TestPersonView_ActionsByState(t *testing.T) {
	t.Parallel()
	person := testPerson()
	encoded := mustJSON(t, blocks.PersonView(person))
	assert.Contains(t, encoded, blocks.ActionAdminShowMentor)
	assert.NotContains(t, encoded, blocks.ActionAdminHideMentor)
	assert.Contains(t, encoded, blocks.ActionAdminResetAssessment)
	assert.Equal(t, 1, strings.Count(encoded, blocks.ActionAdminEndRelationship), "only the Ongoing relationship can end")
	assert.NotContains(t, encoded, "another", "reasons are left out")

	person.Overview.AdminHidden = false
	encoded = mustJSON(t, blocks.PersonView(person))
	assert.Contains(t, encoded, blocks.ActionAdminHideMentor)

	encoded = mustJSON(t, blocks.PersonView(blocks.PersonModel{UserID: "U0NOBODY1"}))
	for _, actionID := range []string{
		blocks.ActionAdminHideMentor, blocks.ActionAdminShowMentor,
		blocks.ActionAdminResetAssessment, blocks.ActionAdminEndRelationship,
	} {
		assert.NotContains(t, encoded, actionID, "nothing to act on")
	}
}

func TestAdminParsers(t *testing.T) {
	t.Parallel()
	values := map[string]map[string]slack.BlockAction{}
	require.NoError(t, json.Unmarshal([]byte(`{
		"admin_person": {"admin:person": {"type": "users_select", "selected_user": "W0PERSON1"}},
		"admin_end_reason": {"admin:end_reason": {"type": "plain_text_input", "value": "  Moved team.  "}}
	}`), &values))

	assert.Equal(t, "W0PERSON1", blocks.ParseLookUpPerson(values))
	assert.Equal(t, "Moved team.", blocks.ParseEndReason(values))
	assert.Empty(t, blocks.ParseLookUpPerson(nil))
	assert.Empty(t, blocks.ParseEndReason(nil))
}

func TestStatusChangedMessage_EndedByProgramme(t *testing.T) {
	t.Parallel()
	invitation := testInvitation(domain.StatusFinished)
	invitation.Reason = "The mentor has moved to another team."

	for _, recipient := range []domain.Party{domain.PartyMentor, domain.PartyMentee} {
		message := blocks.StatusChangedMessage(blocks.StatusChangedModel{
			Invitation: invitation, Recipient: recipient, Other: mentorPerson(), ByProgramme: true,
		})

		require.NoError(t, blocks.CheckMessage(message))
		encoded := mustJSON(t, message)
		assert.Contains(t, encoded, "The programme team has ended your mentoring", recipient)
		assert.Contains(t, encoded, "moved to another team", "the reason is shown to the %s", recipient)
		assert.Equal(t, recipient == domain.PartyMentee, strings.Contains(encoded, blocks.ActionFind),
			"only the mentee is offered another mentor")
	}
}

func TestPersonView_FitsSocketModeAck(t *testing.T) {
	t.Parallel()
	person := testPerson()
	person.Notice = strings.Repeat("n", 400)
	areas := make([]string, domain.MaxAreas)
	for i := range areas {
		areas[i] = strings.Repeat("a", 75)
	}
	mentor := person.Overview.Registration.Mentor
	mentor.JobRole, mentor.OrgArea, mentor.Areas = strings.Repeat("j", 75), strings.Repeat("o", 75), areas
	person.Overview.Registration.Mentee = &domain.MenteeProfile{JobRole: mentor.JobRole, OrgArea: mentor.OrgArea, Areas: areas}
	relationship := person.Overview.Relationships[0]
	relationship.Reason = strings.Repeat("<", 400)
	for i := range 30 {
		relationship.ID = int64(1_000_000_000 + i)
		person.Overview.Relationships = append(person.Overview.Relationships, relationship)
	}
	view := blocks.PersonView(person)

	response := slack.NewUpdateViewSubmissionResponse(&view)
	encoded, err := json.Marshal(response)

	require.NoError(t, err)
	assert.Less(t, len(encoded), 20_480, "Socket Mode drops an acknowledgement of 20,480 bytes or more")
}
