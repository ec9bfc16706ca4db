package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
)

const mentorID = "U0MENTOR1"

// registerFully drives userID through every step as role, from the App
// Home's Register button to a saved profile, and returns the final view.
func (b *testBundle) registerFully(t *testing.T, userID string, role domain.Role) {
	t.Helper()
	view := b.clickHome(t, userID, blocks.ActionRegister, string(role))
	require.Equal(t, blocks.CallbackLearning, view.CallbackID())

	view = b.tourCampus(t, userID, view)
	view = b.click(t, userID, view, blocks.ActionLearningFinish, "")
	view = b.click(t, userID, view, blocks.ActionContinue, string(role))
	require.Equal(t, blocks.CallbackAssessment, view.CallbackID())

	view = b.answerAll(t, userID, view, true)
	view = b.click(t, userID, view, blocks.ActionContinue, string(role))
	require.Equal(t, blocks.CallbackConduct, view.CallbackID())

	answer, view := b.submit(t, userID, view, nil)
	require.Equal(t, "update", answer.ResponseAction)
	require.Equal(t, blocks.CallbackDetails, view.CallbackID())

	details := b.menteeDetails()
	if role == domain.RoleMentor {
		details = b.mentorDetails()
	}
	answer, view = b.submit(t, userID, view, details)
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
	require.Equal(t, blocks.CallbackProfile, view.CallbackID())
}

func TestRegistration_MenteeFromHome(t *testing.T) {
	t.Parallel()
	b := setup(t)

	b.registerFully(t, menteeID, domain.RoleMentee)

	registration := b.registration(t, menteeID)
	require.True(t, registration.Registered(domain.RoleMentee))
	require.False(t, registration.Registered(domain.RoleMentor))
	require.Len(t, registration.PlacesDone, len(b.content.Campus.Places))
	require.Equal(t, b.content.Conduct.Version, registration.ConsentVersion)
	require.Equal(t, b.content.Lists.JobRoles[1], registration.Mentee.JobRole)
	require.Equal(t, "Confidence to lead my first project.", registration.Mentee.Hopes)

	// The App Home follows each step; the last one shows the profile.
	publishes := b.slack.WaitForCalls(t, "views.publish", 4, waitTime)
	require.Eventually(t, func() bool {
		last := b.slack.Calls("views.publish")
		return strings.Contains(string(last[len(last)-1].Body), blocks.ActionOpenProfile)
	}, waitTime, 10*time.Millisecond, "home after %d publishes lacks My profile", len(publishes))
}

func TestRegistration_MentorAndEscapedProfile(t *testing.T) {
	t.Parallel()
	b := setup(t)

	b.registerFully(t, mentorID, domain.RoleMentor)

	registration := b.registration(t, mentorID)
	require.True(t, registration.Registered(domain.RoleMentor))
	require.Equal(t, 2, registration.Mentor.Capacity)
	require.True(t, registration.Mentor.Available)
	require.True(t, registration.Mentor.Searchable)
	require.Len(t, registration.Mentor.Areas, 2)

	// The about text is stored as typed and escaped where it is shown.
	require.Contains(t, registration.Mentor.About, "<new>")
	profile := b.slack.LatestModal(t)
	view := b.slack.CurrentView(t, profile.ID)
	encoded := mustMarshal(t, view.JSON)
	require.Contains(t, encoded, "&amp; enjoy helping &lt;new&gt; leaders")
	require.NotContains(t, encoded, "<new>")
}

func TestRegistration_MenteeAddsMentorSkipsSharedSteps(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.registerFully(t, menteeID, domain.RoleMentee)

	view := b.clickHome(t, menteeID, blocks.ActionRegister, string(domain.RoleMentor))

	require.Equal(t, blocks.CallbackDetails, view.CallbackID())
	require.ElementsMatch(t, []string{
		domain.FieldJobRole, domain.FieldOrgArea, domain.FieldAreas, domain.FieldAbout, domain.FieldCapacity, "settings",
	}, inputBlockIDs(view))
	answer, _ := b.submit(t, menteeID, view, b.mentorDetails())
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)

	registration := b.registration(t, menteeID)
	require.True(t, registration.Registered(domain.RoleMentee))
	require.True(t, registration.Registered(domain.RoleMentor))
}

func TestRegistration_ClosedModalResumes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	place := b.content.Campus.Places[3]

	// Part-way through a place, the person closes the modal.
	view := b.clickHome(t, menteeID, blocks.ActionRegister, string(domain.RoleMentee))
	view = b.click(t, menteeID, view, blocks.ActionLearningVisit, place.ID)
	b.click(t, menteeID, view, blocks.ActionLearningNext, "")

	view = b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))
	var metadata blocks.LearningMetadata
	require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata(), &metadata))
	require.Equal(t, place.ID, metadata.PlaceID)
	require.Equal(t, 1, metadata.Step)
}

func TestRegistration_AssessmentResumesAtFirstUnanswered(t *testing.T) {
	t.Parallel()
	b := setup(t)
	person := domain.PersonKey{TeamID: "T0MENTOR1", UserID: menteeID}
	completeLearning(t, b, person)

	view := b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))
	for range 5 {
		var metadata blocks.AssessmentMetadata
		require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata(), &metadata))
		blockID := blocks.AnswerBlockID(metadata.AttemptID, metadata.QuestionID)
		_, view = b.submit(t, menteeID, view, map[string]map[string]any{blockID: radio("0")})
	}

	view = b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))
	var metadata blocks.AssessmentMetadata
	require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata(), &metadata))
	require.Equal(t, b.content.Assessment.Questions[5].ID, metadata.QuestionID)
}

func TestRegistration_AnswerRequired(t *testing.T) {
	t.Parallel()
	b := setup(t)
	completeLearning(t, b, domain.PersonKey{TeamID: "T0MENTOR1", UserID: menteeID})
	view := b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))

	answer, _ := b.submit(t, menteeID, view, nil)

	require.Equal(t, "errors", answer.ResponseAction)
	require.Len(t, answer.Errors, 1)
	for blockID, message := range answer.Errors {
		require.Contains(t, inputBlockIDs(view), blockID, "errors must name an input block")
		require.Equal(t, "Please choose an answer.", message)
	}
}

func TestRegistration_SameAnswerTwiceStoredOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	completeLearning(t, b, domain.PersonKey{TeamID: "T0MENTOR1", UserID: menteeID})
	view := b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))
	var metadata blocks.AssessmentMetadata
	require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata(), &metadata))
	blockID := blocks.AnswerBlockID(metadata.AttemptID, metadata.QuestionID)

	// Slack resends a submission when the first answer was slow.
	first, _ := b.submit(t, menteeID, view, map[string]map[string]any{blockID: radio("1")})
	second, _ := b.submit(t, menteeID, view, map[string]map[string]any{blockID: radio("2")})

	require.Equal(t, "update", first.ResponseAction)
	require.Equal(t, "update", second.ResponseAction)
	var answers, attempts int
	require.NoError(t, b.pool.QueryRow(t.Context(), `SELECT count(*) FROM assessment_answers`).Scan(&answers))
	require.NoError(t, b.pool.QueryRow(t.Context(), `SELECT count(*) FROM assessment_attempts`).Scan(&attempts))
	require.Equal(t, 1, answers)
	require.Equal(t, 1, attempts)
	var option int
	require.NoError(t, b.pool.QueryRow(t.Context(), `SELECT option_index FROM assessment_answers`).Scan(&option))
	require.Equal(t, 1, option, "the first answer stands")
}

func TestRegistration_FailedAssessmentAndRetake(t *testing.T) {
	t.Parallel()
	b := setup(t)
	completeLearning(t, b, domain.PersonKey{TeamID: "T0MENTOR1", UserID: menteeID})
	view := b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))

	result := b.answerAll(t, menteeID, view, false)

	encoded := mustMarshal(t, result.JSON)
	require.Contains(t, encoded, blocks.ActionAssessmentRetake)
	require.Contains(t, encoded, b.content.Campus.Places[0].Name, "a failed result names places to revisit")
	require.Nil(t, b.registration(t, menteeID).AssessmentPassedAt)

	view = b.click(t, menteeID, result, blocks.ActionAssessmentRetake, string(domain.RoleMentee))
	require.Equal(t, blocks.CallbackAssessment, view.CallbackID())
	result = b.answerAll(t, menteeID, view, true)
	require.Contains(t, mustMarshal(t, result.JSON), blocks.ActionContinue)

	var attempts, passed int
	require.NoError(t, b.pool.QueryRow(t.Context(),
		`SELECT count(*), count(*) FILTER (WHERE passed) FROM assessment_attempts`).Scan(&attempts, &passed))
	require.Equal(t, 2, attempts, "every attempt is kept")
	require.Equal(t, 1, passed)
	require.NotNil(t, b.registration(t, menteeID).AssessmentPassedAt)
}

func TestRegistration_NewConductVersionAsksAgain(t *testing.T) {
	t.Parallel()
	first := setup(t)
	first.registerFully(t, menteeID, domain.RoleMentee)

	// The programme team publishes a new version; the bot restarts with it.
	b := setupWith(t, first.pool, func(loaded *content.Content) {
		loaded.Conduct.Version = "2027-01"
	})
	status, _ := b.postJSON(t, fakeslackAppHomeOpened("Ev0NEWCONDUCT", menteeID))
	require.Equal(t, 200, status)
	home := b.slack.WaitForCalls(t, "views.publish", 1, waitTime)[0]
	require.Contains(t, string(home.Body), blocks.ActionReviewConduct)
	require.True(t, b.registration(t, menteeID).Registered(domain.RoleMentee), "an old consent keeps the registration")
	require.False(t, b.registration(t, menteeID).ConsentCurrent("2027-01"))

	view := b.clickHome(t, menteeID, blocks.ActionReviewConduct, "")
	require.Equal(t, blocks.CallbackConduct, view.CallbackID())
	answer, _ := b.submit(t, menteeID, view, nil)
	require.Equal(t, "update", answer.ResponseAction)
	require.True(t, b.registration(t, menteeID).ConsentCurrent("2027-01"))
}

func TestRegistration_StaleConductVersionShowsNewText(t *testing.T) {
	t.Parallel()
	b := setup(t)
	person := domain.PersonKey{TeamID: "T0MENTOR1", UserID: menteeID}
	completeLearning(t, b, person)
	passAssessment(t, b, person)
	view := b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))
	require.Equal(t, blocks.CallbackConduct, view.CallbackID())

	// The person read an older text than the bot now has.
	view.JSON["private_metadata"] = blocks.EncodeMetadata(blocks.ConductMetadata{Role: domain.RoleMentee, Version: "2020-01"})
	answer, next := b.submit(t, menteeID, view, nil)

	require.Equal(t, "update", answer.ResponseAction)
	require.Equal(t, blocks.CallbackConduct, next.CallbackID())
	require.Empty(t, b.registration(t, menteeID).ConsentVersion)
}

func TestRegistration_InvalidDetailsRejected(t *testing.T) {
	t.Parallel()

	long := strings.Repeat("é", domain.MaxAboutLength+1)
	tests := []struct {
		name  string
		field string
		value map[string]any
		drop  bool
	}{
		{name: "JobRoleMissing", field: domain.FieldJobRole, drop: true},
		{name: "JobRoleNotInList", field: domain.FieldJobRole, value: selected("Astronaut")},
		{name: "OrgAreaMissing", field: domain.FieldOrgArea, value: map[string]any{"type": "static_select", "selected_option": nil}},
		{name: "AreasEmpty", field: domain.FieldAreas, value: multiSelected()},
		{name: "AreaNotInList", field: domain.FieldAreas, value: multiSelected("Juggling")},
		{name: "AboutBlank", field: domain.FieldAbout, value: typed("   ")},
		{name: "AboutTooLong", field: domain.FieldAbout, value: typed(long)},
		{name: "CapacityZero", field: domain.FieldCapacity, value: number("0")},
		{name: "CapacityEleven", field: domain.FieldCapacity, value: number("11")},
		{name: "CapacityNotNumber", field: domain.FieldCapacity, value: number("three")},
		{name: "CapacityMissing", field: domain.FieldCapacity, drop: true},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t)
			person := domain.PersonKey{TeamID: "T0MENTOR1", UserID: mentorID}
			completeLearning(t, b, person)
			passAssessment(t, b, person)
			require.NoError(t, b.store.RecordConsent(t.Context(), person, b.content.Conduct.Version, time.Now()))
			view := b.clickHome(t, mentorID, blocks.ActionRegister, string(domain.RoleMentor))
			require.Equal(t, blocks.CallbackDetails, view.CallbackID())

			details := b.mentorDetails()
			if test.drop {
				delete(details, test.field)
			} else {
				details[test.field] = test.value
			}
			answer, _ := b.submit(t, mentorID, view, details)

			require.Equal(t, "errors", answer.ResponseAction)
			require.Len(t, answer.Errors, 1, "errors: %v", answer.Errors)
			require.NotEmpty(t, answer.Errors[test.field], "errors: %v", answer.Errors)
			require.Nil(t, b.registration(t, mentorID).Mentor, "nothing is saved")
		})
	}
}

func TestRegistration_ForgedJumpsRejected(t *testing.T) {
	t.Parallel()
	b := setup(t)
	// A view the person never opened, built by hand with a role's metadata,
	// as a forged request or a stale client would send.
	forged := func(callbackID string, metadata any) map[string]any {
		return map[string]any{
			"type": "modal", "callback_id": callbackID, "private_metadata": blocks.EncodeMetadata(metadata),
			"title": map[string]any{"type": "plain_text", "text": "Forged"}, "blocks": []any{},
		}
	}
	views := map[string]map[string]any{
		"details": forged(blocks.CallbackDetails, blocks.DetailsMetadata{Role: domain.RoleMentor}),
		"conduct": forged(blocks.CallbackConduct, blocks.ConductMetadata{Role: domain.RoleMentor, Version: b.content.Conduct.Version}),
		"answer":  forged(blocks.CallbackAssessment, blocks.AssessmentMetadata{Role: domain.RoleMentor, AttemptID: 1, QuestionID: "q01"}),
	}
	for name, json := range views {
		t.Run(name, func(t *testing.T) {
			view := b.slack.ReplaceView(t, "VFORGED"+name, mustJSONBytes(t, json))
			answer, next := b.submit(t, mentorID, view, b.mentorDetails())

			require.Equal(t, "update", answer.ResponseAction)
			require.Equal(t, blocks.CallbackStepBlocked, next.CallbackID())
			require.Contains(t, mustMarshal(t, next.JSON), "learning package")
		})
	}
	registration := b.registration(t, mentorID)
	require.Nil(t, registration.Mentor)
	require.Empty(t, registration.ConsentVersion)
	var answers int
	require.NoError(t, b.pool.QueryRow(t.Context(), `SELECT count(*) FROM assessment_answers`).Scan(&answers))
	require.Zero(t, answers)

	// Finishing the tour without visiting the places is refused too.
	view := b.clickHome(t, mentorID, blocks.ActionRegister, string(domain.RoleMentor))
	b.clickNoWait(t, mentorID, view, blocks.ActionLearningFinish, "")
	notice := b.slack.WaitForCalls(t, "chat.postMessage", 1, waitTime)[0]
	require.Contains(t, notice.Form.Get("text"), "Visit every place")
	require.Nil(t, b.registration(t, mentorID).LearningCompletedAt)
}

func TestRegistration_AnotherPersonsAttemptRejected(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for _, userID := range []string{menteeID, mentorID} {
		completeLearning(t, b, domain.PersonKey{TeamID: "T0MENTOR1", UserID: userID})
	}
	victim := b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))
	var metadata blocks.AssessmentMetadata
	require.NoError(t, blocks.DecodeMetadata(victim.PrivateMetadata(), &metadata))

	// The attacker submits the victim's page: identity comes from the
	// payload's user, so the answer is refused.
	blockID := blocks.AnswerBlockID(metadata.AttemptID, metadata.QuestionID)
	answer, next := b.submit(t, mentorID, victim, map[string]map[string]any{blockID: radio("0")})

	require.Equal(t, "update", answer.ResponseAction)
	var shown blocks.AssessmentMetadata
	require.NoError(t, blocks.DecodeMetadata(next.PrivateMetadata(), &shown))
	require.NotEqual(t, metadata.AttemptID, shown.AttemptID, "the attacker sees their own attempt")
	var answers int
	require.NoError(t, b.pool.QueryRow(t.Context(), `SELECT count(*) FROM assessment_answers`).Scan(&answers))
	require.Zero(t, answers)
}

func TestRegistration_DoubleClickAppliesOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	place := b.content.Campus.Places[0]
	view := b.clickHome(t, menteeID, blocks.ActionRegister, string(domain.RoleMentee))
	view = b.click(t, menteeID, view, blocks.ActionLearningVisit, place.ID)

	// Two clicks carry the same view hash; Slack applies the first update
	// and rejects the second with hash_conflict.
	updates := len(b.slack.Calls("views.update"))
	b.clickNoWait(t, menteeID, view, blocks.ActionLearningNext, "")
	b.clickNoWait(t, menteeID, view, blocks.ActionLearningNext, "")
	b.slack.WaitForCalls(t, "views.update", updates+2, waitTime)

	shown := b.slack.CurrentView(t, view.ID)
	var metadata blocks.LearningMetadata
	require.NoError(t, blocks.DecodeMetadata(shown.PrivateMetadata(), &metadata))
	require.Equal(t, 1, metadata.Step)
}

func TestRegistration_CommandRegister(t *testing.T) {
	t.Parallel()
	b := setup(t)

	for _, text := range []string{"register", "register astronaut", "register mentee mentor"} {
		status, body := b.postForm(t, fakeslackSlashCommand(menteeID, text))
		require.Equal(t, 200, status)
		require.Contains(t, string(body), "register mentee")
	}
	require.Empty(t, b.slack.Calls("views.open"))

	status, _ := b.postForm(t, fakeslackSlashCommand(menteeID, "REGISTER Mentor"))
	require.Equal(t, 200, status)
	opened := b.slack.WaitForCalls(t, "views.open", 1, waitTime)
	require.Contains(t, string(opened[0].Body), blocks.CallbackLearning)
	require.True(t, b.registration(t, menteeID).HasStarted(domain.RoleMentor))
}

func TestRegistration_ProfileSettings(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.registerFully(t, mentorID, domain.RoleMentor)

	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, fakeslackSlashCommand(mentorID, "profile"))
	require.Equal(t, 200, status)
	view := b.slack.WaitForModal(t, modals, waitTime)
	require.Equal(t, blocks.CallbackProfile, view.CallbackID())
	require.Contains(t, mustMarshal(t, view.JSON), "Person "+mentorID, "the Slack name from users.info")

	view = b.click(t, mentorID, view, blocks.ActionSetSearchable, "false")
	require.False(t, b.registration(t, mentorID).Mentor.Searchable)
	view = b.click(t, mentorID, view, blocks.ActionSetAvailable, "false")
	require.False(t, b.registration(t, mentorID).Mentor.Available)
	view = b.click(t, mentorID, view, blocks.ActionSetAvailable, "true")
	require.True(t, b.registration(t, mentorID).Mentor.Available)

	view = b.click(t, mentorID, view, blocks.ActionEditProfile, string(domain.RoleMentor))
	require.Equal(t, blocks.CallbackDetails, view.CallbackID())
	details := b.mentorDetails()
	details[domain.FieldCapacity] = number("5")
	answer, _ := b.submit(t, mentorID, view, details)
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
	require.Equal(t, 5, b.registration(t, mentorID).Mentor.Capacity)
}

// completeLearning marks every place and the learning package as done.
func completeLearning(t *testing.T, b *testBundle, person domain.PersonKey) {
	t.Helper()
	var store *storage.Store = b.store
	for _, place := range b.content.Campus.Places {
		require.NoError(t, store.CompletePlace(t.Context(), person, place.ID, time.Now()))
	}
	require.NoError(t, store.CompleteLearning(t.Context(), person, time.Now()))
}

// passAssessment records a passing attempt.
func passAssessment(t *testing.T, b *testBundle, person domain.PersonKey) {
	t.Helper()
	attempt, err := b.store.StartAttempt(t.Context(), person, time.Now())
	require.NoError(t, err)
	score := domain.Score{Correct: 22, Total: 22, Passed: true}
	require.NoError(t, b.store.FinishAttempt(t.Context(), attempt.ID, score, time.Now()))
}

func TestRegistration_ClosedDetailsFormKeepsDraft(t *testing.T) {
	t.Parallel()
	b := setup(t)
	person := domain.PersonKey{TeamID: "T0MENTOR1", UserID: menteeID}
	completeLearning(t, b, person)
	passAssessment(t, b, person)
	require.NoError(t, b.store.RecordConsent(t.Context(), person, b.content.Conduct.Version, time.Now()))
	view := b.clickHome(t, menteeID, blocks.ActionRegister, string(domain.RoleMentee))
	require.Equal(t, blocks.CallbackDetails, view.CallbackID())
	require.Equal(t, true, view.JSON["notify_on_close"])

	// The person types, then closes the form without saving.
	values := map[string]map[string]any{
		domain.FieldJobRole: selected(b.content.Lists.JobRoles[2]),
		domain.FieldHopes:   typed("Half-written hopes"),
	}
	payload := fakeslack.ViewClosed(menteeID, view, withActionIDs(t, view, values))
	status, _ := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, 200, status)
	require.Eventually(t, func() bool {
		return b.registration(t, menteeID).MenteeDraft != nil
	}, waitTime, 10*time.Millisecond)

	reopened := b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))
	encoded := mustMarshal(t, reopened.JSON)
	require.Contains(t, encoded, "Half-written hopes")
	require.Contains(t, encoded, b.content.Lists.JobRoles[2])

	answer, _ := b.submit(t, menteeID, reopened, b.menteeDetails())
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
	require.Nil(t, b.registration(t, menteeID).MenteeDraft, "saving deletes the draft")
}

func TestRegistration_MenteeNameStored(t *testing.T) {
	t.Parallel()
	b := setup(t)

	b.registerFully(t, menteeID, domain.RoleMentee)

	require.Equal(t, 1, b.count(t, `SELECT count(*) FROM people WHERE user_id = $1 AND display_name = $2`,
		menteeID, "Person "+menteeID), "the programme team's exports name mentees too")
}
