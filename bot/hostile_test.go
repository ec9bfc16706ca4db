package bot_test

// Hostile end-to-end tests of registration. Each test drives the bot
// through the signed HTTP receiver and the fakeslack stand-in, as the
// tests in registration_test.go do, but with forged, stale, concurrent or
// malformed requests, and checks that nothing breaks.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

// ---------------------------------------------------------------------------
// Helpers

func personKey(userID string) domain.PersonKey {
	return domain.PersonKey{TeamID: fakeslack.TeamID, UserID: userID}
}

// sendForm posts a signed form like postForm, but returns errors instead of
// failing the test, so goroutines can call it.
func (b *testBundle) sendForm(form url.Values) (int, []byte, error) {
	body := []byte(form.Encode())
	request, err := http.NewRequest(http.MethodPost, b.server.URL+"/slack/events", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	request.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for key, values := range fakeslack.Sign(signingSecret, time.Now(), body) {
		request.Header[key] = values
	}
	response, err := testClient.Do(request)
	if err != nil {
		return 0, nil, err
	}
	defer response.Body.Close()
	answer, err := io.ReadAll(response.Body)
	return response.StatusCode, answer, err
}

// concurrently posts every payload at the same moment and returns the
// answers in the order of payloads.
func (b *testBundle) concurrently(t *testing.T, payloads ...[]byte) []submission {
	t.Helper()
	answers := make([]submission, len(payloads))
	errs := make([]error, len(payloads))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, payload := range payloads {
		wg.Go(func() {
			<-start
			status, body, err := b.sendForm(fakeslack.InteractionForm(payload))
			switch {
			case err != nil:
				errs[i] = err
			case status != http.StatusOK:
				errs[i] = fmt.Errorf("status %d: %s", status, body)
			case len(body) > 0:
				errs[i] = json.Unmarshal(body, &answers[i])
			}
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "request %d", i)
	}
	return answers
}

// submissionPayload returns the view_submission payload that submit would
// send.
func submissionPayload(t *testing.T, userID string, view fakeslack.View, values map[string]map[string]any) []byte {
	t.Helper()
	return fakeslack.ViewSubmission(userID, view, withActionIDs(t, view, values))
}

// submitRaw submits view with values and returns the bot's answer without
// applying it to the stand-in, so a test can submit a page again.
func (b *testBundle) submitRaw(t *testing.T, payload []byte) submission {
	t.Helper()
	status, body := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status, string(body))
	var answer submission
	if len(body) > 0 {
		require.NoError(t, json.Unmarshal(body, &answer), string(body))
	}
	return answer
}

// editPayload decodes a payload, lets edit change it, and encodes it again.
func editPayload(t *testing.T, payload []byte, edit func(map[string]any)) []byte {
	t.Helper()
	var decoded map[string]any
	require.NoError(t, json.Unmarshal(payload, &decoded))
	edit(decoded)
	encoded, err := json.Marshal(decoded)
	require.NoError(t, err)
	return encoded
}

// gridPayload turns a payload into the shape of an Enterprise Grid
// org-wide install: "team" is null and only user.team_id names the
// workspace.
func gridPayload(userTeamID string) func(map[string]any) {
	return func(payload map[string]any) {
		payload["team"] = nil
		payload["enterprise"] = map[string]any{"id": "E0MENTOR1", "name": "Mentor Org"}
		payload["is_enterprise_install"] = true
		user := payload["user"].(map[string]any)
		if userTeamID == "" {
			delete(user, "team_id")
		} else {
			user["team_id"] = userTeamID
		}
	}
}

// viewOf decodes the view of a response_action update.
func viewOf(t *testing.T, answer submission) fakeslack.View {
	t.Helper()
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
	var decoded map[string]any
	require.NoError(t, json.Unmarshal(answer.View, &decoded))
	return fakeslack.View{JSON: decoded}
}

// metadataOf decodes a view's private_metadata into target.
func metadataOf(t *testing.T, view fakeslack.View, target any) {
	t.Helper()
	require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata(), target))
}

// blockElement returns the element of the input block blockID in view.
func blockElement(t *testing.T, view fakeslack.View, blockID string) map[string]any {
	t.Helper()
	viewBlocks, _ := view.JSON["blocks"].([]any)
	for _, raw := range viewBlocks {
		block, _ := raw.(map[string]any)
		if block["block_id"] == blockID {
			element, _ := block["element"].(map[string]any)
			return element
		}
	}
	t.Fatalf("view has no block %s", blockID)
	return nil
}

func (b *testBundle) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(t.Context(), query, args...).Scan(&n))
	return n
}

// notices returns the texts of the notices the bot posted with
// chat.postMessage.
func (b *testBundle) notices() []string {
	var texts []string
	for _, call := range b.slack.Calls("chat.postMessage") {
		texts = append(texts, call.Form.Get("text"))
	}
	return texts
}

// waitNotice waits for the bot's n-th notice and returns its text.
func (b *testBundle) waitNotice(t *testing.T, n int) string {
	t.Helper()
	calls := b.slack.WaitForCalls(t, "chat.postMessage", n, waitTime)
	return calls[n-1].Form.Get("text")
}

// requireNoRejectedViews fails when Slack rejected a view or message the
// bot sent, or the bot apologised to someone.
func (b *testBundle) requireNoRejectedViews(t *testing.T) {
	t.Helper()
	require.True(t, b.workers.Wait(t.Context()))
	for _, method := range []string{"views.open", "views.update", "views.push", "views.publish", "chat.postMessage"} {
		for _, call := range b.slack.Calls(method) {
			if call.Answer["ok"] == true {
				continue
			}
			code, _ := call.Answer["error"].(string)
			// A hash_conflict is Slack refusing a stale update, which the
			// bot expects and skips.
			assert.Equal(t, "hash_conflict", code, "%s was rejected: %v", method, call.Answer)
		}
	}
	for _, text := range b.notices() {
		assert.NotEqual(t, blocks.ApologyText, text, "the bot apologised")
	}
}

// openAssessment marks the learning package done and opens the first
// unanswered assessment page from the App Home.
func (b *testBundle) openAssessment(t *testing.T, userID string) fakeslack.View {
	t.Helper()
	completeLearning(t, b, personKey(userID))
	view := b.clickHome(t, userID, blocks.ActionContinue, string(domain.RoleMentee))
	require.Equal(t, blocks.CallbackAssessment, view.CallbackID())
	return view
}

// answerPage answers the page shown in view, correctly or not, and returns
// the bot's answer.
func (b *testBundle) answerPage(t *testing.T, userID string, view fakeslack.View, right bool) (submission, fakeslack.View) {
	t.Helper()
	var metadata blocks.AssessmentMetadata
	metadataOf(t, view, &metadata)
	question, ok := b.content.Assessment.Question(metadata.QuestionID)
	require.True(t, ok)
	choice := question.CorrectOption()
	if !right {
		choice = (choice + 1) % len(question.Options)
	}
	blockID := blocks.AnswerBlockID(metadata.AttemptID, question.ID)
	return b.submit(t, userID, view, map[string]map[string]any{blockID: radio(strconv.Itoa(choice))})
}

// answerValues returns the state.values of view's page with option chosen.
func answerValues(t *testing.T, view fakeslack.View, option int) map[string]map[string]any {
	t.Helper()
	var metadata blocks.AssessmentMetadata
	metadataOf(t, view, &metadata)
	blockID := blocks.AnswerBlockID(metadata.AttemptID, metadata.QuestionID)
	return map[string]map[string]any{blockID: radio(strconv.Itoa(option))}
}

// answerState returns state.values with one radio group under blockID,
// keyed by the assessment's action id, for blocks the view itself lacks.
func answerState(blockID string, state map[string]any) map[string]map[string]any {
	return map[string]map[string]any{blockID: {blocks.ActionAssessmentChoice: state}}
}

// sharedStepsDone completes the learning package, the assessment and the
// code of conduct for userID, straight in the database.
func (b *testBundle) sharedStepsDone(t *testing.T, userID string) {
	t.Helper()
	person := personKey(userID)
	completeLearning(t, b, person)
	passAssessment(t, b, person)
	require.NoError(t, b.store.RecordConsent(t.Context(), person, b.content.Conduct.Version, time.Now()))
}

// ---------------------------------------------------------------------------
// Assessment

// A page of a finished attempt, submitted again, shows that attempt's
// result and starts nothing: Slack may resend a slow submission, and a
// second modal may still show the last page.
func TestHostile_ResubmittedLastPageAfterFail(t *testing.T) {
	t.Parallel()
	b := setup(t)
	view := b.openAssessment(t, menteeID)
	total := len(b.content.Assessment.Questions)
	for range total - 1 {
		_, view = b.answerPage(t, menteeID, view, false)
	}
	lastPage := submissionPayload(t, menteeID, view, answerValues(t, view, 0))

	first := b.submitRaw(t, lastPage)
	require.Equal(t, blocks.CallbackAssessmentResult, viewOf(t, first).CallbackID())

	again := b.submitRaw(t, lastPage)
	assert.Equal(t, blocks.CallbackAssessmentResult, viewOf(t, again).CallbackID(),
		"the same last page again should show the result")
	assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM assessment_attempts`),
		"a resubmitted page must not start an attempt")
}

// After a pass, the last page submitted again shows the result and starts
// nothing.
func TestHostile_ResubmittedLastPageAfterPass(t *testing.T) {
	t.Parallel()
	b := setup(t)
	view := b.openAssessment(t, menteeID)
	total := len(b.content.Assessment.Questions)
	for range total - 1 {
		_, view = b.answerPage(t, menteeID, view, true)
	}
	var metadata blocks.AssessmentMetadata
	metadataOf(t, view, &metadata)
	question, _ := b.content.Assessment.Question(metadata.QuestionID)
	lastPage := submissionPayload(t, menteeID, view, answerValues(t, view, question.CorrectOption()))

	require.Equal(t, blocks.CallbackAssessmentResult, viewOf(t, b.submitRaw(t, lastPage)).CallbackID())
	require.Equal(t, blocks.CallbackAssessmentResult, viewOf(t, b.submitRaw(t, lastPage)).CallbackID())
	require.Equal(t, 1, b.count(t, `SELECT count(*) FROM assessment_attempts`))
}

// Two submissions of the last page with different options race. The
// stored score agrees with the stored answers, because the attempt is
// scored from the answers read back after recording.
func TestHostile_ConcurrentLastPageScore(t *testing.T) {
	t.Parallel()
	b := setup(t)
	questions := b.content.Assessment.Questions
	last := questions[len(questions)-1]
	const people = 32

	// Each person has answered every question but the last, with exactly
	// one fewer correct answer than the pass mark, so the last answer
	// decides the result.
	pages := make([]fakeslack.View, people)
	for i := range people {
		userID := fmt.Sprintf("U0RACE%03d", i)
		person := personKey(userID)
		completeLearning(t, b, person)
		attempt, err := b.store.StartAttempt(t.Context(), person, time.Now())
		require.NoError(t, err)
		for j, question := range questions[:len(questions)-1] {
			option := question.CorrectOption()
			if j >= domain.DefaultPassMark-1 {
				option = (option + 1) % len(question.Options)
			}
			_, err := b.store.RecordAnswer(t.Context(), attempt.ID, question.ID, option, time.Now())
			require.NoError(t, err)
		}
		pages[i] = b.clickHome(t, userID, blocks.ActionContinue, string(domain.RoleMentee))
		var metadata blocks.AssessmentMetadata
		metadataOf(t, pages[i], &metadata)
		require.Equal(t, last.ID, metadata.QuestionID)
	}

	// Every person's two submissions, right and wrong, go at once.
	var payloads [][]byte
	for i := range people {
		userID := fmt.Sprintf("U0RACE%03d", i)
		right := submissionPayload(t, userID, pages[i], answerValues(t, pages[i], last.CorrectOption()))
		wrong := submissionPayload(t, userID, pages[i], answerValues(t, pages[i], (last.CorrectOption()+1)%len(last.Options)))
		payloads = append(payloads, right, wrong)
	}
	b.concurrently(t, payloads...)

	rows, err := b.pool.Query(t.Context(), `
		SELECT a.user_id, a.passed, x.option_index
		FROM assessment_attempts a JOIN assessment_answers x ON x.attempt_id = a.id
		WHERE x.question_id = $1`, last.ID)
	require.NoError(t, err)
	defer rows.Close()
	mismatches := 0
	for rows.Next() {
		var userID string
		var passed *bool
		var option int
		require.NoError(t, rows.Scan(&userID, &passed, &option))
		if passed == nil {
			// On a loaded machine both of a person's submissions can run out
			// of the acknowledgement time after the answer was stored. Each
			// then shows an error, and the attempt is scored when the person
			// opens the assessment again, so only saved scores are checked.
			t.Logf("%s: stored last answer %d but no score yet", userID, option)
			continue
		}
		if *passed != (option == last.CorrectOption()) {
			mismatches++
			t.Logf("%s: stored last answer %d (correct is %d) but passed=%v", userID, option, last.CorrectOption(), *passed)
		}
	}
	require.NoError(t, rows.Err())
	assert.Zero(t, mismatches, "stored scores that disagree with the stored answers")
}

// After a failed attempt the person closes the result. "Continue" on the
// App Home brings back the result, with its places to revisit and the
// way to the campus, until the person chooses to retake.
func TestHostile_ContinueAfterFailShowsResult(t *testing.T) {
	t.Parallel()
	b := setup(t)
	view := b.openAssessment(t, menteeID)
	result := b.answerAll(t, menteeID, view, false)
	require.Contains(t, mustMarshal(t, result.JSON), blocks.ActionLearningMap)

	// The person closes the result modal and clicks Continue on the App Home.
	reopened := b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))

	t.Logf("Continue after a failed attempt opened %q", reopened.CallbackID())
	assert.Contains(t, mustMarshal(t, reopened.JSON), blocks.ActionLearningMap,
		"no way back to the campus after closing a failed result")
	assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM assessment_attempts`),
		"Continue started a new attempt without Retake")
}

// Answers with invalid options are rejected with a field error on the
// answer block, and nothing is stored.
func TestHostile_AnswerInvalidOptions(t *testing.T) {
	t.Parallel()
	b := setup(t)
	view := b.openAssessment(t, menteeID)
	var metadata blocks.AssessmentMetadata
	metadataOf(t, view, &metadata)
	blockID := blocks.AnswerBlockID(metadata.AttemptID, metadata.QuestionID)

	states := map[string]map[string]any{
		"OutOfRange":  radio("7"),
		"Negative":    radio("-1"),
		"NotNumber":   radio("two"),
		"Empty":       radio(""),
		"Huge":        radio(strings.Repeat("9", 100_000)),
		"NullOption":  {"type": "radio_buttons", "selected_option": nil},
		"NoOptionKey": {"type": "radio_buttons"},
	}
	for name, state := range states {
		answer := b.submitRaw(t, submissionPayload(t, menteeID, view, map[string]map[string]any{blockID: state}))
		assert.Equal(t, "errors", answer.ResponseAction, name)
		assert.Equal(t, "Please choose an answer.", answer.Errors[blockID], name)
	}

	// The answer sent under another block id, such as an old page's.
	stale := answerState(blocks.AnswerBlockID(metadata.AttemptID+1, metadata.QuestionID), radio("0"))
	answer := b.submitRaw(t, fakeslack.ViewSubmission(menteeID, view, stale))
	assert.Equal(t, "errors", answer.ResponseAction)

	assert.Zero(t, b.count(t, `SELECT count(*) FROM assessment_answers`))
}

// A page whose metadata names a question that does not exist, or another
// question than the next one.
func TestHostile_AnswerForgedQuestion(t *testing.T) {
	t.Parallel()
	b := setup(t)
	view := b.openAssessment(t, menteeID)
	var metadata blocks.AssessmentMetadata
	metadataOf(t, view, &metadata)

	t.Run("Unknown", func(t *testing.T) {
		forged := view
		forged.JSON = cloneJSON(view.JSON)
		forged.JSON["private_metadata"] = blocks.EncodeMetadata(blocks.AssessmentMetadata{
			Role: domain.RoleMentee, AttemptID: metadata.AttemptID, QuestionID: "q99",
		})
		answer := b.submitRaw(t, fakeslack.ViewSubmission(menteeID, forged,
			answerState(blocks.AnswerBlockID(metadata.AttemptID, "q99"), radio("0"))))
		// The person is shown their real next question.
		next := viewOf(t, answer)
		var shown blocks.AssessmentMetadata
		metadataOf(t, next, &shown)
		assert.Equal(t, b.content.Assessment.Questions[0].ID, shown.QuestionID)
		assert.Zero(t, b.count(t, `SELECT count(*) FROM assessment_answers`))
	})

	t.Run("OutOfOrder", func(t *testing.T) {
		// Answering question 10 while question 1 is next is accepted; the
		// next page shown is still question 1.
		later := b.content.Assessment.Questions[9]
		forged := view
		forged.JSON = cloneJSON(view.JSON)
		forged.JSON["private_metadata"] = blocks.EncodeMetadata(blocks.AssessmentMetadata{
			Role: domain.RoleMentee, AttemptID: metadata.AttemptID, QuestionID: later.ID,
		})
		answer := b.submitRaw(t, fakeslack.ViewSubmission(menteeID, forged,
			answerState(blocks.AnswerBlockID(metadata.AttemptID, later.ID), radio("0"))))
		next := viewOf(t, answer)
		var shown blocks.AssessmentMetadata
		metadataOf(t, next, &shown)
		assert.Equal(t, b.content.Assessment.Questions[0].ID, shown.QuestionID)
		assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM assessment_answers WHERE question_id = $1`, later.ID))
	})
}

// Two Retake clicks at once start one attempt.
func TestHostile_ConcurrentRetake(t *testing.T) {
	t.Parallel()
	b := setup(t)
	view := b.openAssessment(t, menteeID)
	result := b.answerAll(t, menteeID, view, false)

	click := fakeslack.ModalButtonAction(menteeID, result, blocks.ActionAssessmentRetake, "result_actions", string(domain.RoleMentee))
	updates := len(b.slack.Calls("views.update"))
	b.concurrently(t, click, click, click)
	b.slack.WaitForCalls(t, "views.update", updates+3, waitTime)

	require.Equal(t, 2, b.count(t, `SELECT count(*) FROM assessment_attempts`), "the failed attempt and one new one")
	b.requireNoRejectedViews(t)
}

// Two submissions of the same page at once store one answer, and both get
// the next page.
func TestHostile_ConcurrentSamePage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	view := b.openAssessment(t, menteeID)
	payload := submissionPayload(t, menteeID, view, answerValues(t, view, 1))

	answers := b.concurrently(t, payload, payload, payload, payload)

	for _, answer := range answers {
		next := viewOf(t, answer)
		var shown blocks.AssessmentMetadata
		metadataOf(t, next, &shown)
		assert.Equal(t, b.content.Assessment.Questions[1].ID, shown.QuestionID)
	}
	require.Equal(t, 1, b.count(t, `SELECT count(*) FROM assessment_answers`))
	require.Equal(t, 1, b.count(t, `SELECT count(*) FROM assessment_attempts`))
}

// ---------------------------------------------------------------------------
// Forged metadata and roles

func cloneJSON(view map[string]any) map[string]any {
	clone := make(map[string]any, len(view))
	for key, value := range view {
		clone[key] = value
	}
	return clone
}

// Every submission callback given private_metadata that is empty, not
// JSON, of the wrong shape, or 100 KB long must answer 200 with an error
// or a view, and store nothing.
func TestHostile_GarbageMetadata(t *testing.T) {
	t.Parallel()
	b := setup(t)
	person := personKey(mentorID)
	completeLearning(t, b, person)
	passAssessment(t, b, person)
	huge := strings.Repeat("x", 100_000)

	metadatas := map[string]string{
		"Empty":      "",
		"NotJSON":    "{role: mentor",
		"Array":      "[]",
		"Null":       "null",
		"WrongTypes": `{"role": 7, "attempt": "one", "version": false}`,
		"HugeRole":   `{"role":"` + huge + `"}`,
		"HugeFields": `{"role":"mentor","version":"` + huge + `","question":"` + huge + `","attempt":1}`,
		"NegativeID": `{"role":"mentor","attempt":-1,"question":"q01"}`,
	}
	for _, callbackID := range []string{blocks.CallbackAssessment, blocks.CallbackConduct, blocks.CallbackDetails} {
		for name, metadata := range metadatas {
			view := fakeslack.View{ID: "VFORGED" + name, Hash: "1700000000.forged", JSON: map[string]any{
				"type": "modal", "callback_id": callbackID, "private_metadata": metadata,
				"title": map[string]any{"type": "plain_text", "text": "Forged"}, "blocks": []any{},
			}}
			values := b.mentorDetails()
			values["answer-1-q01"] = radio("0")
			answer := b.submitRaw(t, submissionPayload(t, mentorID, view, values))
			assert.Contains(t, []string{"push", "update", "errors"}, answer.ResponseAction, "%s %s", callbackID, name)
			if len(answer.View) > 0 {
				assert.NoError(t, blocks.CheckJSON(blocks.SurfaceModal, answer.View),
					"%s %s: Slack would reject the view the bot answers with", callbackID, name)
			}
			t.Logf("%-10s %-10s -> %s %s", callbackID, name, answer.ResponseAction, summarise(answer))
		}
	}

	registration := b.registration(t, mentorID)
	assert.Nil(t, registration.Mentor)
	assert.Nil(t, registration.Mentee)
	assert.Zero(t, b.count(t, `SELECT count(*) FROM assessment_answers`))
	// "Null" metadata decodes to an empty role and the shipped version is
	// missing, so conduct shows the text again rather than agreeing.
	assert.Empty(t, registration.ConsentVersion)
}

// summarise returns the callback id and metadata of an answer's view, or
// its errors.
func summarise(answer submission) string {
	if len(answer.View) == 0 {
		return fmt.Sprint(answer.Errors)
	}
	var view struct {
		CallbackID      string `json:"callback_id"`
		PrivateMetadata string `json:"private_metadata"`
	}
	_ = json.Unmarshal(answer.View, &view)
	if len(view.PrivateMetadata) > 80 {
		view.PrivateMetadata = view.PrivateMetadata[:80] + "..."
	}
	return view.CallbackID + " " + view.PrivateMetadata
}

// A conduct submission whose metadata names a role that is neither mentee
// nor mentor is rejected, as the details form rejects it, and records
// nothing.
func TestHostile_ConductWithInvalidRole(t *testing.T) {
	t.Parallel()
	b := setup(t)
	person := personKey(mentorID)
	completeLearning(t, b, person)
	passAssessment(t, b, person)
	view := b.clickHome(t, mentorID, blocks.ActionContinue, string(domain.RoleMentor))
	require.Equal(t, blocks.CallbackConduct, view.CallbackID())

	view.JSON["private_metadata"] = blocks.EncodeMetadata(blocks.ConductMetadata{Role: "admin", Version: b.content.Conduct.Version})
	answer, _ := b.submit(t, mentorID, view, nil)

	// The form is reported out of date, over the form, and nothing is
	// recorded.
	require.Equal(t, "push", answer.ResponseAction)
	assert.Contains(t, string(answer.View), "out of date")
	assert.Empty(t, b.registration(t, mentorID).ConsentVersion)
}

// ---------------------------------------------------------------------------
// Learning package

// Forged learning actions: a place that does not exist, response indexes
// that do not fit, and huge values. Nothing moves and nothing completes.
func TestHostile_LearningForgedValues(t *testing.T) {
	t.Parallel()
	b := setup(t)
	place := b.content.Campus.Places[0]
	view := b.clickHome(t, menteeID, blocks.ActionRegister, string(domain.RoleMentee))

	b.clickNoWait(t, menteeID, view, blocks.ActionLearningVisit, "no-such-place")
	assert.Contains(t, b.waitNotice(t, 1), "no longer on the campus map")
	b.clickNoWait(t, menteeID, view, blocks.ActionLearningVisit, strings.Repeat("p", 100_000))
	assert.Contains(t, b.waitNotice(t, 2), "no longer on the campus map")

	// Open the place's first scenario.
	view = b.click(t, menteeID, view, blocks.ActionLearningVisit, place.ID)
	for range place.Pages {
		view = b.click(t, menteeID, view, blocks.ActionLearningNext, "")
	}
	before, err := b.store.LearningPosition(t.Context(), personKey(menteeID))
	require.NoError(t, err)

	notices := len(b.notices())
	for _, value := range []string{"-1", "99", "abc", "", "1.0", " 0"} {
		b.clickNoWait(t, menteeID, view, blocks.ActionLearningRespond, value)
		notices++
		b.waitNotice(t, notices)
	}
	after, err := b.store.LearningPosition(t.Context(), personKey(menteeID))
	require.NoError(t, err)
	assert.Equal(t, before, after)
	assert.Empty(t, b.registration(t, menteeID).PlacesDone)
}

// Forged learning metadata that names each place's last screen does not
// complete the tour: the saved position decides where a click moves from,
// so a place is done only after its screens were shown.
func TestHostile_LearningForgedMetadataSkipsNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	view := b.clickHome(t, menteeID, blocks.ActionRegister, string(domain.RoleMentee))

	for _, place := range b.content.Campus.Places {
		view.JSON["private_metadata"] = blocks.EncodeMetadata(blocks.LearningMetadata{
			Role: domain.RoleMentee, PlaceID: place.ID, Step: place.Steps() - 1,
		})
		view = b.click(t, menteeID, view, blocks.ActionLearningNext, "")
	}
	b.clickNoWait(t, menteeID, view, blocks.ActionLearningFinish, string(domain.RoleMentee))
	require.True(t, b.workers.Wait(t.Context()))

	assert.Nil(t, b.registration(t, menteeID).LearningCompletedAt,
		"%d forged clicks finished the learning package", len(b.content.Campus.Places)+1)
}

// A stale "Back" on a screen the bot already replaced moves nothing, so
// Continue resumes at the screen the person last saw.
func TestHostile_StaleLearningClickKeepsPosition(t *testing.T) {
	t.Parallel()
	b := setup(t)
	place := b.content.Campus.Places[0]
	view := b.clickHome(t, menteeID, blocks.ActionRegister, string(domain.RoleMentee))
	first := b.click(t, menteeID, view, blocks.ActionLearningVisit, place.ID)

	shown := b.click(t, menteeID, first, blocks.ActionLearningNext, "")
	updates := len(b.slack.Calls("views.update"))
	b.clickNoWait(t, menteeID, first, blocks.ActionLearningBack, "") // stale view
	b.slack.WaitForCalls(t, "views.update", updates+1, waitTime)
	require.True(t, b.workers.Wait(t.Context()))

	var shownMetadata blocks.LearningMetadata
	metadataOf(t, b.slack.CurrentView(t, shown.ID), &shownMetadata)
	require.Equal(t, 1, shownMetadata.Step, "Slack still shows page 2")

	resumed := b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))
	var resumedMetadata blocks.LearningMetadata
	metadataOf(t, resumed, &resumedMetadata)
	assert.Equal(t, shownMetadata, resumedMetadata, "Continue resumes elsewhere than the screen shown")
}

// A saved position whose place was removed from the campus, or whose step
// no longer exists, opens the map.
func TestHostile_SavedPositionOfRemovedPlace(t *testing.T) {
	t.Parallel()
	first := setup(t)
	person := personKey(menteeID)
	require.NoError(t, first.store.StartRole(t.Context(), person, domain.RoleMentee, time.Now()))
	removed := first.content.Campus.Places[len(first.content.Campus.Places)-1]
	require.NoError(t, first.store.SaveLearningPosition(t.Context(), person,
		domain.LearningPosition{PlaceID: removed.ID, Step: 2}, time.Now()))
	require.NoError(t, first.store.CompletePlace(t.Context(), person, removed.ID, time.Now()))

	b := setupWith(t, first.pool, func(loaded *content.Content) {
		loaded.Campus.Places = loaded.Campus.Places[:len(loaded.Campus.Places)-1]
		loaded.Campus.PlaceIDs = loaded.Campus.PlaceIDs[:len(loaded.Campus.PlaceIDs)-1]
	})
	view := b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))
	var metadata blocks.LearningMetadata
	metadataOf(t, view, &metadata)
	assert.Empty(t, metadata.PlaceID, "the map")
	assert.Contains(t, mustMarshal(t, view.JSON), fmt.Sprintf("0 of %d places finished", len(b.content.Campus.Places)))

	// A step past the place's screens also opens the map.
	kept := b.content.Campus.Places[0]
	require.NoError(t, b.store.SaveLearningPosition(t.Context(), person,
		domain.LearningPosition{PlaceID: kept.ID, Step: 99}, time.Now()))
	view = b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))
	metadataOf(t, view, &metadata)
	assert.Empty(t, metadata.PlaceID)
	b.requireNoRejectedViews(t)
}

// ---------------------------------------------------------------------------
// Details and profile

// Forged details submissions: values not in the lists, extra blocks,
// missing state, huge text. Each is rejected with field errors that name
// input blocks of the form, or, where harmless, saved cleanly.
func TestHostile_DetailsForgedValues(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("a", 100_000)

	tests := []struct {
		name   string
		change func(b *testBundle, values map[string]map[string]any) map[string]map[string]any
		errors []string // fields expected in the errors; none means saved
	}{
		{"OrgAreaNotInList", func(_ *testBundle, v map[string]map[string]any) map[string]map[string]any {
			v[domain.FieldOrgArea] = selected("Moon base")
			return v
		}, []string{domain.FieldOrgArea}},
		{"ElevenAreas", func(b *testBundle, v map[string]map[string]any) map[string]map[string]any {
			v[domain.FieldAreas] = multiSelected(b.content.Lists.MentoringAreas[:11]...)
			return v
		}, []string{domain.FieldAreas}},
		{"RepeatedAreaSavedOnce", func(b *testBundle, v map[string]map[string]any) map[string]map[string]any {
			area := b.content.Lists.MentoringAreas[0]
			v[domain.FieldAreas] = multiSelected(area, area, " "+area+" ")
			return v
		}, nil},
		{"UnknownBlocksIgnored", func(_ *testBundle, v map[string]map[string]any) map[string]map[string]any {
			v["admin"] = typed("true")
			v["team_id"] = typed("T0EVIL")
			return v
		}, nil},
		{"NullState", func(_ *testBundle, _ map[string]map[string]any) map[string]map[string]any {
			return nil
		}, []string{domain.FieldJobRole, domain.FieldOrgArea, domain.FieldAreas, domain.FieldAbout, domain.FieldCapacity}},
		{"HugeAbout", func(_ *testBundle, v map[string]map[string]any) map[string]map[string]any {
			v[domain.FieldAbout] = typed(huge)
			return v
		}, []string{domain.FieldAbout}},
		{"HugeJobRole", func(_ *testBundle, v map[string]map[string]any) map[string]map[string]any {
			v[domain.FieldJobRole] = selected(huge)
			return v
		}, []string{domain.FieldJobRole}},
		{"UnknownSettingIgnored", func(_ *testBundle, v map[string]map[string]any) map[string]map[string]any {
			v["settings"] = checked("admin", "available")
			return v
		}, nil},
		{"CapacityPlusSign", func(_ *testBundle, v map[string]map[string]any) map[string]map[string]any {
			v[domain.FieldCapacity] = number("+3")
			return v
		}, nil},
		{"CapacityDecimal", func(_ *testBundle, v map[string]map[string]any) map[string]map[string]any {
			v[domain.FieldCapacity] = number("3.0")
			return v
		}, []string{domain.FieldCapacity}},
		{"CapacityHuge", func(_ *testBundle, v map[string]map[string]any) map[string]map[string]any {
			v[domain.FieldCapacity] = number("99999999999999999999999")
			return v
		}, []string{domain.FieldCapacity}},
		{"MenteeFieldInMentorForm", func(_ *testBundle, v map[string]map[string]any) map[string]map[string]any {
			v[domain.FieldHopes] = typed("ignored")
			return v
		}, nil},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t)
			b.sharedStepsDone(t, mentorID)
			view := b.clickHome(t, mentorID, blocks.ActionRegister, string(domain.RoleMentor))
			require.Equal(t, blocks.CallbackDetails, view.CallbackID())

			answer, _ := b.submit(t, mentorID, view, test.change(b, b.mentorDetails()))

			if len(test.errors) == 0 {
				require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
				mentor := b.registration(t, mentorID).Mentor
				require.NotNil(t, mentor)
				for _, area := range mentor.Areas {
					assert.Contains(t, b.content.Lists.MentoringAreas, area)
				}
				return
			}
			require.Equal(t, "errors", answer.ResponseAction)
			for _, field := range test.errors {
				assert.NotEmpty(t, answer.Errors[field], "errors: %v", answer.Errors)
			}
			for field := range answer.Errors {
				assert.Contains(t, inputBlockIDs(view), field, "Slack rejects errors for blocks the form lacks")
			}
			assert.Nil(t, b.registration(t, mentorID).Mentor)
		})
	}
}

// Text a person types is escaped wherever it is shown: Slack must not
// turn it into a mention or a link with hidden address.
func TestHostile_InjectionEscaped(t *testing.T) {
	t.Parallel()
	b := setup(t)
	injection := "<!channel> <!here> <@U0ADMIN> <https://evil.example|click me> *bold* `code` &amp; > quote"
	b.sharedStepsDone(t, mentorID)

	view := b.clickHome(t, mentorID, blocks.ActionRegister, string(domain.RoleMentor))
	details := b.mentorDetails()
	details[domain.FieldAbout] = typed(injection)
	answer, profile := b.submit(t, mentorID, view, details)
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)

	view = b.clickHome(t, mentorID, blocks.ActionRegister, string(domain.RoleMentee))
	details = b.menteeDetails()
	details[domain.FieldHopes] = typed(injection)
	answer, profile = b.submit(t, mentorID, view, details)
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
	require.Equal(t, blocks.CallbackProfile, profile.CallbackID())
	require.True(t, b.workers.Wait(t.Context()))

	shown := []string{mustMarshal(t, profile.JSON)}
	for _, call := range b.slack.Calls("views.publish") {
		shown = append(shown, string(call.Body))
	}
	for i, text := range shown {
		for _, raw := range []string{"<!channel>", "<!here>", "<@U0ADMIN>", "<https://evil.example"} {
			assert.NotContains(t, text, raw, "surface %d", i)
		}
	}
	assert.Equal(t, 2, strings.Count(shown[0], "&lt;!channel&gt;"), "about and hopes, escaped")
	// Formatting is not neutralised: *bold* and `code` render as typed.
	assert.Contains(t, shown[0], "*bold*")
	b.requireNoRejectedViews(t)
}

// A valid "about" of 1,000 characters that each escape to five, such as
// "&", becomes 5,000 characters, more than one section holds; My profile
// still shows all of it.
func TestHostile_EscapedAboutTruncated(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.sharedStepsDone(t, mentorID)
	view := b.clickHome(t, mentorID, blocks.ActionRegister, string(domain.RoleMentor))
	details := b.mentorDetails()
	details[domain.FieldAbout] = typed(strings.Repeat("&", domain.MaxAboutLength))

	answer, profile := b.submit(t, mentorID, view, details)

	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
	assert.Equal(t, domain.MaxAboutLength, strings.Count(mustMarshal(t, profile.JSON), "&amp;"),
		"My profile shows only part of a valid about text")
}

// A saved job role, organisational area or mentoring area that the lists
// no longer have: the edit form still opens, without that choice, and
// saving needs a current one.
func TestHostile_EditProfileWithRemovedListEntries(t *testing.T) {
	t.Parallel()
	first := setup(t)
	first.registerFully(t, mentorID, domain.RoleMentor)
	saved := first.registration(t, mentorID).Mentor

	without := func(list []string, entry string) []string {
		var kept []string
		for _, item := range list {
			if item != entry {
				kept = append(kept, item)
			}
		}
		return kept
	}
	b := setupWith(t, first.pool, func(loaded *content.Content) {
		loaded.Lists.JobRoles = without(loaded.Lists.JobRoles, saved.JobRole)
		loaded.Lists.OrganisationalAreas = without(loaded.Lists.OrganisationalAreas, saved.OrgArea)
		loaded.Lists.MentoringAreas = without(loaded.Lists.MentoringAreas, saved.Areas[0])
	})

	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, fakeslackSlashCommand(mentorID, "profile"))
	require.Equal(t, http.StatusOK, status)
	profile := b.slack.WaitForModal(t, modals, waitTime)
	require.Equal(t, blocks.CallbackProfile, profile.CallbackID())
	assert.Contains(t, mustMarshal(t, profile.JSON), saved.JobRole, "the profile still shows the old job role")

	form := b.click(t, mentorID, profile, blocks.ActionEditProfile, string(domain.RoleMentor))
	require.Equal(t, blocks.CallbackDetails, form.CallbackID())
	for _, blockID := range []string{domain.FieldJobRole, domain.FieldOrgArea} {
		element := blockElement(t, form, blockID)
		assert.NotContains(t, element, "initial_option", "%s keeps a removed entry", blockID)
	}

	answer, _ := b.submit(t, mentorID, form, first.mentorDetails())
	require.Equal(t, "errors", answer.ResponseAction)
	assert.NotEmpty(t, answer.Errors[domain.FieldJobRole])
	assert.NotEmpty(t, answer.Errors[domain.FieldOrgArea])
	assert.NotEmpty(t, answer.Errors[domain.FieldAreas])
	b.requireNoRejectedViews(t)
}

// ---------------------------------------------------------------------------
// Enterprise Grid and identity

// An Enterprise Grid payload with "team": null and only user.team_id is
// read as the person of that workspace.
func TestHostile_GridPayloadTeamNull(t *testing.T) {
	t.Parallel()
	b := setup(t)
	// On an org-wide install every payload names the organisation, which
	// keys the person.
	person := domain.PersonKey{TeamID: "E0MENTOR1", UserID: mentorID}
	completeLearning(t, b, person)
	passAssessment(t, b, person)
	require.NoError(t, b.store.RecordConsent(t.Context(), person, b.content.Conduct.Version, time.Now()))

	modals := b.slack.ModalCount()
	click := editPayload(t, fakeslack.HomeButtonAction(mentorID, blocks.ActionRegister, "home", string(domain.RoleMentor)),
		gridPayload(fakeslack.TeamID))
	status, _ := b.postForm(t, fakeslack.InteractionForm(click))
	require.Equal(t, http.StatusOK, status)
	view := b.slack.WaitForModal(t, modals, waitTime)
	require.Equal(t, blocks.CallbackDetails, view.CallbackID(), "the shared steps were found under user.team_id")

	payload := editPayload(t, submissionPayload(t, mentorID, view, b.mentorDetails()), gridPayload(fakeslack.TeamID))
	answer := b.submitRaw(t, payload)
	require.Equal(t, blocks.CallbackProfile, viewOf(t, answer).CallbackID())
	registration, err := b.store.Registration(t.Context(), person)
	require.NoError(t, err)
	assert.True(t, registration.Registered(domain.RoleMentor))
	assert.Zero(t, b.count(t, `SELECT count(*) FROM people WHERE team_id = ''`))
	b.requireNoRejectedViews(t)
}

// On an org-wide install one person uses the bot from several workspaces
// of the organisation with one user id, and each workspace sends its own
// team_id. The organisation's id keys the person, so they are one person
// in every workspace.
func TestHostile_GridSecondWorkspaceSamePerson(t *testing.T) {
	t.Parallel()
	b := setup(t)

	start := fakeslackSlashCommand(mentorID, "register mentor")
	start.Set("team_id", "T0WORKSPA")
	start.Set("enterprise_id", "E0MENTOR1")
	start.Set("is_enterprise_install", "true")
	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, start)
	require.Equal(t, http.StatusOK, status)
	b.slack.WaitForModal(t, modals, waitTime)

	profile := fakeslackSlashCommand(mentorID, "profile")
	profile.Set("team_id", "T0WORKSPB")
	profile.Set("enterprise_id", "E0MENTOR1")
	profile.Set("is_enterprise_install", "true")
	modals = b.slack.ModalCount()
	status, _ = b.postForm(t, profile)
	require.Equal(t, http.StatusOK, status)
	view := b.slack.WaitForModal(t, modals, waitTime)

	assert.Contains(t, mustMarshal(t, view.JSON), "You haven't finished registering as a mentor",
		"the registration started in another workspace of the organisation")
	assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM people WHERE team_id = 'E0MENTOR1'`))
}

// Interaction payloads with no user id, or with neither "team" nor
// user.team_id, must not create records for an empty id.
func TestHostile_PayloadWithoutIdentity(t *testing.T) {
	t.Parallel()
	b := setup(t)

	noUser := fakeslack.HomeButtonAction("", blocks.ActionRegister, "home", string(domain.RoleMentee))
	status, _ := b.postForm(t, fakeslack.InteractionForm(noUser))
	require.Equal(t, http.StatusOK, status)

	noTeam := editPayload(t, fakeslack.HomeButtonAction(menteeID, blocks.ActionRegister, "home", string(domain.RoleMentee)),
		gridPayload(""))
	status, _ = b.postForm(t, fakeslack.InteractionForm(noTeam))
	require.Equal(t, http.StatusOK, status)
	require.True(t, b.workers.Wait(t.Context()))

	assert.Zero(t, b.count(t, `SELECT count(*) FROM people WHERE user_id = ''`), "a person with no user id")
	assert.Zero(t, b.count(t, `SELECT count(*) FROM people WHERE team_id = ''`), "a person with no team id")
}

// ---------------------------------------------------------------------------
// Races between roles and steps

// Registering as both roles at once, twice each, starts both roles, opens
// a learning modal per click and fails nothing.
func TestHostile_ConcurrentRegisterBothRoles(t *testing.T) {
	t.Parallel()
	b := setup(t)
	mentee := fakeslack.HomeButtonAction(menteeID, blocks.ActionRegister, "home", string(domain.RoleMentee))
	mentor := fakeslack.HomeButtonAction(menteeID, blocks.ActionRegister, "home", string(domain.RoleMentor))

	b.concurrently(t, mentee, mentor, mentee, mentor)
	b.slack.WaitForCalls(t, "views.open", 4, waitTime)

	registration := b.registration(t, menteeID)
	assert.True(t, registration.HasStarted(domain.RoleMentee))
	assert.True(t, registration.HasStarted(domain.RoleMentor))
	assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM people`))
	b.requireNoRejectedViews(t)
}

// Two submissions of the code of conduct, and then of the details, at
// once: one consent, one profile, and both answers move on.
func TestHostile_ConcurrentConductAndDetails(t *testing.T) {
	t.Parallel()
	b := setup(t)
	person := personKey(menteeID)
	completeLearning(t, b, person)
	passAssessment(t, b, person)
	conduct := b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))
	require.Equal(t, blocks.CallbackConduct, conduct.CallbackID())

	payload := submissionPayload(t, menteeID, conduct, nil)
	answers := b.concurrently(t, payload, payload, payload)
	for _, answer := range answers {
		assert.Equal(t, blocks.CallbackDetails, viewOf(t, answer).CallbackID())
	}
	assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM conduct_consents`))

	details := b.slack.ReplaceView(t, conduct.ID, answers[0].View)
	payload = submissionPayload(t, menteeID, details, b.menteeDetails())
	answers = b.concurrently(t, payload, payload, payload)
	for _, answer := range answers {
		assert.Equal(t, blocks.CallbackProfile, viewOf(t, answer).CallbackID())
	}
	assert.Equal(t, 1, b.count(t, `SELECT count(*) FROM mentee_profiles`))
	b.requireNoRejectedViews(t)
}

// ---------------------------------------------------------------------------
// Code of conduct versions

// The programme team publishes version "2027-01", a person agrees to it,
// and the team then reverts to "2026-12", which the person agreed to
// earlier. Agreeing to "2026-12" again makes it the current consent, so the
// person is not asked again.
func TestHostile_RevertedConductVersion(t *testing.T) {
	t.Parallel()
	b := setup(t)
	person := personKey(menteeID)
	completeLearning(t, b, person)
	passAssessment(t, b, person)
	require.NoError(t, b.store.RecordConsent(t.Context(), person, b.content.Conduct.Version, time.Now().Add(-2*time.Hour)))
	require.NoError(t, b.store.RecordConsent(t.Context(), person, "2027-01", time.Now().Add(-time.Hour)))

	view := b.clickHome(t, menteeID, blocks.ActionContinue, string(domain.RoleMentee))
	require.Equal(t, blocks.CallbackConduct, view.CallbackID())
	answer, details := b.submit(t, menteeID, view, nil)
	require.Equal(t, "update", answer.ResponseAction)
	assert.True(t, b.registration(t, menteeID).ConsentCurrent(b.content.Conduct.Version),
		"agreeing to the current version does not make it current")

	require.Equal(t, blocks.CallbackDetails, details.CallbackID())
	answer, next := b.submit(t, menteeID, details, b.menteeDetails())
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
	assert.Equal(t, blocks.CallbackProfile, next.CallbackID(),
		"the details form shown after agreeing is blocked: %s", answer.View)
}

// ---------------------------------------------------------------------------
// Surfaces

// "Register as a mentor" clicked in My profile replaces the modal with
// views.update instead of opening another with views.open.
func TestHostile_RegisterFromProfileModal(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.registerFully(t, menteeID, domain.RoleMentee)
	profile := b.slack.LatestModal(t)
	require.Equal(t, blocks.CallbackProfile, profile.CallbackID())
	require.Contains(t, mustMarshal(t, profile.JSON), blocks.ActionRegister)

	opens, pushes, updates := len(b.slack.Calls("views.open")), len(b.slack.Calls("views.push")), len(b.slack.Calls("views.update"))
	b.clickNoWait(t, menteeID, profile, blocks.ActionRegister, string(domain.RoleMentor))
	require.True(t, b.workers.Wait(t.Context()))

	t.Logf("views.open %d, views.push %d, views.update %d",
		len(b.slack.Calls("views.open"))-opens, len(b.slack.Calls("views.push"))-pushes, len(b.slack.Calls("views.update"))-updates)
	assert.Equal(t, opens, len(b.slack.Calls("views.open")), "views.open called for a click inside a modal")
}

// The campus map's introduction gives the tour's length, and the progress
// line under it adds up the places' minutes: the two agree.
func TestHostile_MapMinutesAgree(t *testing.T) {
	t.Parallel()
	b := setup(t)
	view := b.clickHome(t, menteeID, blocks.ActionRegister, string(domain.RoleMentee))
	encoded := mustMarshal(t, view.JSON)

	total := fmt.Sprintf("about %d minutes in all", b.content.Campus.Minutes())
	require.Contains(t, encoded, total)
	assert.Contains(t, encoded, fmt.Sprintf("about %d minutes in all.", b.content.Campus.Minutes()),
		"the introduction's estimate differs from the progress line %q", total)
}

// Every view and message of a full registration, through a failed attempt
// and a retake, as a mentee and then as a mentor, is accepted by the
// stand-in's limit checks, and nobody gets an apology.
func TestHostile_FullFlowViewsAccepted(t *testing.T) {
	t.Parallel()
	b := setup(t)
	view := b.clickHome(t, menteeID, blocks.ActionRegister, string(domain.RoleMentee))
	view = b.tourCampus(t, menteeID, view)
	view = b.click(t, menteeID, view, blocks.ActionLearningFinish, string(domain.RoleMentee))
	view = b.click(t, menteeID, view, blocks.ActionContinue, string(domain.RoleMentee))
	view = b.answerAll(t, menteeID, view, false)
	view = b.click(t, menteeID, view, blocks.ActionLearningMap, string(domain.RoleMentee))
	view = b.click(t, menteeID, view, blocks.ActionContinue, string(domain.RoleMentee))
	require.Equal(t, blocks.CallbackAssessmentResult, view.CallbackID(), "a failed result stays until a retake")
	view = b.click(t, menteeID, view, blocks.ActionAssessmentRetake, string(domain.RoleMentee))
	view = b.answerAll(t, menteeID, view, true)
	view = b.click(t, menteeID, view, blocks.ActionContinue, string(domain.RoleMentee))
	_, view = b.submit(t, menteeID, view, nil)
	answer, _ := b.submit(t, menteeID, view, b.menteeDetails())
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)

	view = b.clickHome(t, menteeID, blocks.ActionRegister, string(domain.RoleMentor))
	answer, _ = b.submit(t, menteeID, view, b.mentorDetails())
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
	require.True(t, b.registration(t, menteeID).Registered(domain.RoleMentor))
	b.requireNoRejectedViews(t)
}
