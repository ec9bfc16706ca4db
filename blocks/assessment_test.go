package blocks_test

import (
	"encoding/json"
	"testing"

	"github.com/slack-go/slack"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// stateValues decodes the state.values of a view submission as Slack
// sends it.
func stateValues(t *testing.T, raw string) map[string]map[string]slack.BlockAction {
	t.Helper()
	var values map[string]map[string]slack.BlockAction
	require.NoError(t, json.Unmarshal([]byte(raw), &values))
	return values
}

func TestParseAnswer(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		values    string
		wantIndex int
		wantOK    bool
	}{
		"Chosen": {
			values:    `{"answer-41-q03": {"assessment:choice": {"type": "radio_buttons", "selected_option": {"value": "2"}}}}`,
			wantIndex: 2, wantOK: true,
		},
		"FirstOption": {
			values:    `{"answer-41-q03": {"assessment:choice": {"type": "radio_buttons", "selected_option": {"value": "0"}}}}`,
			wantIndex: 0, wantOK: true,
		},
		"NullValues":   {values: `null`},
		"EmptyValues":  {values: `{}`},
		"OtherPage":    {values: `{"answer-41-q02": {"assessment:choice": {"selected_option": {"value": "1"}}}}`},
		"OtherAttempt": {values: `{"answer-40-q03": {"assessment:choice": {"selected_option": {"value": "1"}}}}`},
		"OtherAction":  {values: `{"answer-41-q03": {"something:else": {"selected_option": {"value": "1"}}}}`},
		"NullOption":   {values: `{"answer-41-q03": {"assessment:choice": {"type": "radio_buttons", "selected_option": null}}}`},
		"EmptyValue":   {values: `{"answer-41-q03": {"assessment:choice": {"selected_option": {"value": ""}}}}`},
		"NotNumber":    {values: `{"answer-41-q03": {"assessment:choice": {"selected_option": {"value": "B"}}}}`},
		"Fraction":     {values: `{"answer-41-q03": {"assessment:choice": {"selected_option": {"value": "1.0"}}}}`},
		"Negative":     {values: `{"answer-41-q03": {"assessment:choice": {"selected_option": {"value": "-1"}}}}`},
		"PastLast":     {values: `{"answer-41-q03": {"assessment:choice": {"selected_option": {"value": "4"}}}}`},
		"Huge": {
			values: `{"answer-41-q03": {"assessment:choice": {"selected_option": {"value": "99999999999999999999"}}}}`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			index, ok := blocks.ParseAnswer(stateValues(t, tc.values), 41, "q03", 4)

			require.Equal(t, tc.wantOK, ok)
			require.Equal(t, tc.wantIndex, index)
		})
	}
}

func TestParseAnswer_NilValues(t *testing.T) {
	t.Parallel()

	_, ok := blocks.ParseAnswer(nil, 41, "q03", 4)

	require.False(t, ok)
}

func TestQuestionView_AnswerBlockPerPage(t *testing.T) {
	t.Parallel()
	model := blocks.QuestionModel{AttemptID: 41, Question: testQuestion(), Index: 2, Total: 22, PassMark: 18}

	view := blocks.QuestionView(model, domain.RoleMentee)

	input := findInput(t, view, blocks.AnswerBlockID(41, "q03"))
	require.False(t, input.Optional, "the answer must be required")
	require.NotEqual(t, blocks.AnswerBlockID(41, "q03"), blocks.AnswerBlockID(42, "q03"))
	require.NotEqual(t, blocks.AnswerBlockID(41, "q03"), blocks.AnswerBlockID(41, "q04"))
}

func TestQuestionView_SubmitLabel(t *testing.T) {
	t.Parallel()
	model := blocks.QuestionModel{AttemptID: 1, Question: testQuestion(), Total: 22, PassMark: 18}

	model.Index = 20
	require.Equal(t, "Next", blocks.QuestionView(model, domain.RoleMentor).Submit.Text)
	model.Index = 21
	require.Equal(t, "Finish", blocks.QuestionView(model, domain.RoleMentor).Submit.Text)
}

func TestQuestionView_Metadata(t *testing.T) {
	t.Parallel()
	model := blocks.QuestionModel{AttemptID: 41, Question: testQuestion(), Index: 2, Total: 22, PassMark: 18}

	view := blocks.QuestionView(model, domain.RoleMentor)

	var metadata blocks.AssessmentMetadata
	require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata, &metadata))
	require.Equal(t, blocks.AssessmentMetadata{Role: domain.RoleMentor, AttemptID: 41, QuestionID: "q03"}, metadata)
}

// findInput returns the input block of view with blockID.
func findInput(t *testing.T, view slack.ModalViewRequest, blockID string) *slack.InputBlock {
	t.Helper()
	for _, block := range view.Blocks.BlockSet {
		if input, ok := block.(*slack.InputBlock); ok && input.BlockID == blockID {
			return input
		}
	}
	require.Failf(t, "input block not found", "no input block has block_id %q", blockID)
	return nil
}
