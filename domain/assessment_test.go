package domain

import (
	"testing"

	"github.com/stretchr/testify/require"
)

var questions = []QuestionKey{
	{ID: "q1", Place: "hall", Correct: 0},
	{ID: "q2", Place: "library", Correct: 2},
	{ID: "q3", Place: "hall", Correct: 1},
	{ID: "q4", Place: "garden", Correct: 3},
}

func TestScoreAnswers(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name     string
		answers  map[string]int
		passMark int
		expected Score
	}{
		{
			name:     "AllRight",
			answers:  map[string]int{"q1": 0, "q2": 2, "q3": 1, "q4": 3},
			passMark: 3,
			expected: Score{Correct: 4, Total: 4, Passed: true},
		},
		{
			name:     "AtPassMark",
			answers:  map[string]int{"q1": 0, "q2": 2, "q3": 1, "q4": 0},
			passMark: 3,
			expected: Score{Correct: 3, Total: 4, Passed: true, Missed: []string{"q4"}, Revisit: []string{"garden"}},
		},
		{
			name:     "BelowPassMarkPlacesOnce",
			answers:  map[string]int{"q1": 1, "q2": 2, "q3": 0},
			passMark: 3,
			expected: Score{
				Correct: 1, Total: 4, Passed: false,
				Missed: []string{"q1", "q3", "q4"}, Revisit: []string{"hall", "garden"},
			},
		},
		{
			name:     "NoAnswers",
			answers:  map[string]int{},
			passMark: 1,
			expected: Score{
				Total: 4, Missed: []string{"q1", "q2", "q3", "q4"}, Revisit: []string{"hall", "library", "garden"},
			},
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			require.Equal(t, test.expected, ScoreAnswers(questions, test.answers, test.passMark))
		})
	}
}

func TestNextQuestion(t *testing.T) {
	t.Parallel()

	require.Equal(t, 0, NextQuestion(questions, map[string]int{}))
	require.Equal(t, 1, NextQuestion(questions, map[string]int{"q1": 0, "q3": 1}))
	require.Equal(t, 4, NextQuestion(questions, map[string]int{"q1": 0, "q2": 0, "q3": 0, "q4": 0}))
	require.Equal(t, 0, NextQuestion(questions, map[string]int{"retired": 1}), "answers to removed questions are ignored")
}
