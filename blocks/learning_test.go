package blocks_test

import (
	"encoding/json"
	"testing"

	"github.com/slack-go/slack"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

func learningMetadata(t *testing.T, view slack.ModalViewRequest) blocks.LearningMetadata {
	t.Helper()
	var metadata blocks.LearningMetadata
	require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata, &metadata))
	return metadata
}

func TestLearningView_Position(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		position domain.LearningPosition
		want     blocks.LearningMetadata
	}{
		"Map": {
			position: domain.LearningPosition{},
			want:     blocks.LearningMetadata{Role: domain.RoleMentee},
		},
		"FirstPage": {
			position: domain.LearningPosition{PlaceID: "garden"},
			want:     blocks.LearningMetadata{Role: domain.RoleMentee, PlaceID: "garden"},
		},
		"Scenario": {
			position: domain.LearningPosition{PlaceID: "garden", Step: 3},
			want:     blocks.LearningMetadata{Role: domain.RoleMentee, PlaceID: "garden", Step: 3},
		},
		"UnknownPlace": {
			position: domain.LearningPosition{PlaceID: "moat", Step: 2},
			want:     blocks.LearningMetadata{Role: domain.RoleMentee},
		},
		"StepPastEnd": {
			position: domain.LearningPosition{PlaceID: "garden", Step: 9},
			want:     blocks.LearningMetadata{Role: domain.RoleMentee, PlaceID: "garden", Step: 3},
		},
		"NegativeStep": {
			position: domain.LearningPosition{PlaceID: "garden", Step: -2},
			want:     blocks.LearningMetadata{Role: domain.RoleMentee, PlaceID: "garden"},
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			view := blocks.LearningView(blocks.LearningModel{
				Campus: testCampus(), Role: domain.RoleMentee, Position: tc.position, Chosen: -1,
			})

			require.Equal(t, tc.want, learningMetadata(t, view))
			require.Equal(t, blocks.CallbackLearning, view.CallbackID)
			require.NoError(t, blocks.CheckView(view))
		})
	}
}

func TestLearningView_ChosenOutOfRange(t *testing.T) {
	t.Parallel()
	position := domain.LearningPosition{PlaceID: "garden", Step: 2}

	unchosen := blocks.LearningView(blocks.LearningModel{Campus: testCampus(), Position: position, Chosen: -1})
	outOfRange := blocks.LearningView(blocks.LearningModel{Campus: testCampus(), Position: position, Chosen: 3})

	require.Equal(t, mustJSON(t, unchosen), mustJSON(t, outOfRange))
}

func TestLearningView_RespondButtons(t *testing.T) {
	t.Parallel()
	position := domain.LearningPosition{PlaceID: "garden", Step: 2}

	view := blocks.LearningView(blocks.LearningModel{Campus: testCampus(), Position: position, Chosen: -1})

	require.Equal(t, []buttonSummary{
		{blocks.ActionLearningRespond, "Choose A", "0"},
		{blocks.ActionLearningRespond, "Choose B", "1"},
		{blocks.ActionLearningRespond, "Choose C", "2"},
		{blocks.ActionLearningBack, "Back", ""},
		{blocks.ActionLearningMap, "Campus map", ""},
		{blocks.ActionOpenHelp, "Help", ""},
	}, viewButtons(view.Blocks.BlockSet))
}

func TestLearningView_NoFinishUntilEveryPlaceDone(t *testing.T) {
	t.Parallel()
	done := map[string]bool{"welcome-hall": true, "library": true, "moat": true}

	view := blocks.LearningView(blocks.LearningModel{Campus: testCampus(), Done: done, Chosen: -1})

	require.NotContains(t, mustJSON(t, view), blocks.ActionLearningFinish)
	require.Contains(t, mustJSON(t, view), "2 of 3 places finished")
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	encoded, err := json.Marshal(v)
	require.NoError(t, err)
	return string(encoded)
}

func TestLearningView_FeedbackButtons(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		step      int
		nextLabel string
	}{
		"FirstScenario": {step: 2, nextLabel: "Next"},
		"LastScenario":  {step: 3, nextLabel: "Finish this place"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			position := domain.LearningPosition{PlaceID: "garden", Step: tc.step}

			view := blocks.LearningView(blocks.LearningModel{Campus: testCampus(), Position: position, Chosen: 1})

			require.Equal(t, []buttonSummary{
				{blocks.ActionLearningRetry, "Try another", ""},
				{blocks.ActionLearningNext, tc.nextLabel, ""},
				{blocks.ActionLearningMap, "Campus map", ""},
				{blocks.ActionOpenHelp, "Help", ""},
			}, viewButtons(view.Blocks.BlockSet))
			require.Contains(t, mustJSON(t, view), "✅ *This helps.*")
		})
	}
}
