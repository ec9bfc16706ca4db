package bot_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/domain"
)

// A person clicks and submits through Slack's real payload shapes. These
// helpers play Slack's part: they send what Slack would send for a click
// or a submission, and apply the bot's answers to the views the stand-in
// holds.

// clickHome clicks a button on the App Home and returns the modal it opens.
func (b *testBundle) clickHome(t *testing.T, userID, actionID, value string) fakeslack.View {
	t.Helper()
	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, fakeslack.InteractionForm(fakeslack.HomeButtonAction(userID, actionID, "home", value)))
	require.Equal(t, http.StatusOK, status)
	return b.slack.WaitForModal(t, modals, waitTime)
}

// click clicks a button in a modal and returns the modal once the bot has
// updated it.
func (b *testBundle) click(t *testing.T, userID string, view fakeslack.View, actionID, value string) fakeslack.View {
	t.Helper()
	b.clickNoWait(t, userID, view, actionID, value)
	return b.slack.WaitForViewChange(t, view.ID, view.Hash, waitTime)
}

func (b *testBundle) clickNoWait(t *testing.T, userID string, view fakeslack.View, actionID, value string) {
	t.Helper()
	payload := fakeslack.ModalButtonAction(userID, view, actionID, "actions", value)
	status, _ := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)
}

// submission is the bot's answer to a view_submission.
type submission struct {
	ResponseAction string            `json:"response_action"`
	View           json.RawMessage   `json:"view"`
	Errors         map[string]string `json:"errors"`
}

// submit submits a modal with values keyed by block id, each the state of
// the block's one element without its action id, which is taken from the
// view. It returns the bot's answer and, after an update, the new view.
func (b *testBundle) submit(t *testing.T, userID string, view fakeslack.View, values map[string]map[string]any) (submission, fakeslack.View) {
	t.Helper()
	payload := fakeslack.ViewSubmission(userID, view, withActionIDs(t, view, values))
	status, body := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)

	var answer submission
	if len(body) > 0 {
		require.NoError(t, json.Unmarshal(body, &answer), string(body))
	}
	if answer.ResponseAction == "update" {
		return answer, b.slack.ReplaceView(t, view.ID, answer.View)
	}
	return answer, view
}

// withActionIDs keys each value by the action id of its block's element.
func withActionIDs(t *testing.T, view fakeslack.View, values map[string]map[string]any) map[string]map[string]any {
	t.Helper()
	keyed := map[string]map[string]any{}
	for blockID, state := range values {
		actionID := elementActionID(view, blockID)
		if actionID == "" {
			// A forged or stale submission may name blocks the view lacks.
			actionID = "unknown"
		}
		keyed[blockID] = map[string]any{actionID: state}
	}
	return keyed
}

func elementActionID(view fakeslack.View, blockID string) string {
	viewBlocks, _ := view.JSON["blocks"].([]any)
	for _, raw := range viewBlocks {
		block, _ := raw.(map[string]any)
		if block["block_id"] != blockID {
			continue
		}
		element, _ := block["element"].(map[string]any)
		actionID, _ := element["action_id"].(string)
		return actionID
	}
	return ""
}

// inputBlockIDs returns the block ids of the view's input blocks.
func inputBlockIDs(view fakeslack.View) []string {
	var ids []string
	viewBlocks, _ := view.JSON["blocks"].([]any)
	for _, raw := range viewBlocks {
		block, _ := raw.(map[string]any)
		if block["type"] == "input" {
			id, _ := block["block_id"].(string)
			ids = append(ids, id)
		}
	}
	return ids
}

// Element states in the shapes Slack sends them.

func selected(value string) map[string]any {
	return map[string]any{"type": "static_select", "selected_option": option(value)}
}

func multiSelected(values ...string) map[string]any {
	options := []any{}
	for _, value := range values {
		options = append(options, option(value))
	}
	return map[string]any{"type": "multi_static_select", "selected_options": options}
}

func radio(value string) map[string]any {
	return map[string]any{"type": "radio_buttons", "selected_option": option(value)}
}

func typed(text string) map[string]any {
	return map[string]any{"type": "plain_text_input", "value": text}
}

func number(text string) map[string]any {
	return map[string]any{"type": "number_input", "value": text}
}

func checked(values ...string) map[string]any {
	options := []any{}
	for _, value := range values {
		options = append(options, option(value))
	}
	return map[string]any{"type": "checkboxes", "selected_options": options}
}

func option(value string) map[string]any {
	return map[string]any{"text": map[string]any{"type": "plain_text", "text": value, "emoji": true}, "value": value}
}

// tourCampus visits every place of the learning modal from the map, reading
// each page and picking the first response of each scenario, and returns
// the map.
func (b *testBundle) tourCampus(t *testing.T, userID string, view fakeslack.View) fakeslack.View {
	t.Helper()
	for _, place := range b.content.Campus.Places {
		view = b.click(t, userID, view, blocks.ActionLearningVisit, place.ID)
		for range place.Pages {
			view = b.click(t, userID, view, blocks.ActionLearningNext, "")
		}
		for range place.Scenarios {
			view = b.click(t, userID, view, blocks.ActionLearningRespond, "0")
			view = b.click(t, userID, view, blocks.ActionLearningNext, "")
		}
	}
	require.Equal(t, blocks.CallbackLearning, view.CallbackID())
	return view
}

// answerAll answers every remaining question of the assessment, correctly
// when right is true, and returns the result view.
func (b *testBundle) answerAll(t *testing.T, userID string, view fakeslack.View, right bool) fakeslack.View {
	t.Helper()
	for view.CallbackID() == blocks.CallbackAssessment {
		var metadata blocks.AssessmentMetadata
		require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata(), &metadata))
		question, ok := b.content.Assessment.Question(metadata.QuestionID)
		require.True(t, ok)
		choice := question.CorrectOption()
		if !right {
			choice = (choice + 1) % len(question.Options)
		}
		blockID := blocks.AnswerBlockID(metadata.AttemptID, question.ID)
		answer, next := b.submit(t, userID, view, map[string]map[string]any{blockID: radio(strconv.Itoa(choice))})
		require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
		view = next
	}
	require.Equal(t, blocks.CallbackAssessmentResult, view.CallbackID())
	return view
}

// mentorDetails returns valid mentor details from the shipped lists.
func (b *testBundle) mentorDetails() map[string]map[string]any {
	lists := b.content.Lists
	return map[string]map[string]any{
		domain.FieldJobRole:  selected(lists.JobRoles[0]),
		domain.FieldOrgArea:  selected(lists.OrganisationalAreas[0]),
		domain.FieldAreas:    multiSelected(lists.MentoringAreas[0], lists.MentoringAreas[1]),
		domain.FieldAbout:    typed("I have led research teams for ten years & enjoy helping <new> leaders."),
		domain.FieldCapacity: number("2"),
		"settings":           checked("available", "searchable"),
	}
}

// menteeDetails returns valid mentee details from the shipped lists.
func (b *testBundle) menteeDetails() map[string]map[string]any {
	lists := b.content.Lists
	return map[string]map[string]any{
		domain.FieldJobRole: selected(lists.JobRoles[1]),
		domain.FieldOrgArea: selected(lists.OrganisationalAreas[1]),
		domain.FieldAreas:   multiSelected(lists.MentoringAreas[2]),
		domain.FieldHopes:   typed("Confidence to lead my first project."),
	}
}

// registration returns what the database holds for userID.
func (b *testBundle) registration(t *testing.T, userID string) domain.Registration {
	t.Helper()
	registration, err := b.store.Registration(t.Context(), domain.PersonKey{TeamID: fakeslack.TeamID, UserID: userID})
	require.NoError(t, err)
	return registration
}

func mustMarshal(t *testing.T, value any) string {
	t.Helper()
	return string(mustJSONBytes(t, value))
}

// mustJSONBytes encodes value without escaping <, > and &, so tests can
// look for the text as Slack would receive it.
func mustJSONBytes(t *testing.T, value any) []byte {
	t.Helper()
	var buffer bytes.Buffer
	encoder := json.NewEncoder(&buffer)
	encoder.SetEscapeHTML(false)
	require.NoError(t, encoder.Encode(value))
	return bytes.TrimSpace(buffer.Bytes())
}

func fakeslackAppHomeOpened(eventID, userID string) []byte {
	return fakeslack.AppHomeOpened(eventID, userID)
}

func fakeslackSlashCommand(userID, text string) url.Values {
	return fakeslack.SlashCommand(userID, "/mentor", text, "")
}
