package content

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDefault_HelpAndResources(t *testing.T) {
	t.Parallel()

	loaded, err := Default()
	require.NoError(t, err)

	topics := map[string]bool{}
	for _, topic := range loaded.Help.Topics {
		topics[topic.ID] = true
	}
	for _, id := range []string{
		"getting-started", "learning", "assessment", "conduct", "details", "finding",
		"invitations", "statuses", "availability", "nudges", "privacy", "contact",
	} {
		require.True(t, topics[id], "help topic %s", id)
	}
	require.GreaterOrEqual(t, len(loaded.Help.FAQ), 12)

	for _, id := range []string{"first-meeting", "ground-rules", "contracting", "ending-well", "agreement"} {
		_, ok := loaded.Resources.Page(id)
		require.True(t, ok, "resources page %s", id)
	}
	require.Equal(t, FirstMeetingPageID, loaded.Resources.FirstMeeting().ID)
}

func TestHelpMatch(t *testing.T) {
	t.Parallel()

	loaded, err := Default()
	require.NoError(t, err)
	help := loaded.Help

	tests := []struct {
		query    string
		expected string
	}{
		{"nudges", "nudges"},
		{"NUDGES", "nudges"},
		{"Getting started", "getting-started"},
		{"your privacy", "privacy"},
		{"how do I stop the reminders", "nudges"},
		{"step 2", "assessment"},
		{"faq", FAQTopicID},
		{"frequently asked questions", FAQTopicID},
		{"contact", "contact"},
		{"invitation", "invitations"},
	}
	for _, test := range tests {
		id, ok := help.Match(test.query)
		require.True(t, ok, "query %q", test.query)
		require.Equal(t, test.expected, id, "query %q", test.query)
	}

	for _, query := range []string{"", "  ", "the", "parking", "nudges parking"} {
		_, ok := help.Match(query)
		require.False(t, ok, "query %q", query)
	}
}

func TestLoad_HelpErrors(t *testing.T) {
	t.Parallel()

	manyQuestions := func(count int) string {
		var text strings.Builder
		text.WriteString("introduction: Hello\ntopics:\n  - id: one\n    title: One\n    summary: S\n    body: B\nfaq:\n")
		for i := range count {
			fmt.Fprintf(&text, "  - question: Q%d?\n    answer: A\n", i)
		}
		return text.String()
	}

	tests := []struct {
		name     string
		changes  func(t *testing.T) map[string]*string
		expected []string
	}{
		{
			name:     "MissingHelp",
			changes:  func(*testing.T) map[string]*string { return map[string]*string{"help.yaml": nil} },
			expected: []string{"help.yaml", "file does not exist"},
		},
		{
			name: "TopicIDFAQ",
			changes: func(t *testing.T) map[string]*string {
				return map[string]*string{"help.yaml": replaced(t, "help.yaml", "id: privacy", "id: faq")}
			},
			expected: []string{"help.yaml:", `.id: "faq" is the FAQ page's id`},
		},
		{
			name: "DuplicateTopicID",
			changes: func(t *testing.T) map[string]*string {
				return map[string]*string{"help.yaml": replaced(t, "help.yaml", "id: privacy", "id: nudges")}
			},
			expected: []string{"help.yaml:", `"nudges" is used by an earlier topic`},
		},
		{
			name: "TopicBodyTooLong",
			changes: func(t *testing.T) map[string]*string {
				return map[string]*string{"help.yaml": replaced(t, "help.yaml",
					"  - id: privacy\n    title: Your privacy\n    summary: What is stored about you and who can see it.\n    body: |\n",
					"  - id: privacy\n    title: Your privacy\n    summary: What is stored about you and who can see it.\n    body: |\n      "+
						strings.Repeat("é", 2901)+"\n")}
			},
			expected: []string{"help.yaml:", "body: ", "more than the maximum of 2900"},
		},
		{
			name: "TooFewQuestions",
			changes: func(*testing.T) map[string]*string {
				text := manyQuestions(11)
				return map[string]*string{"help.yaml": &text}
			},
			expected: []string{"help.yaml:8: faq: 11 entries, fewer than the minimum of 12"},
		},
		{
			name: "TooManyQuestions",
			changes: func(*testing.T) map[string]*string {
				text := manyQuestions(41)
				return map[string]*string{"help.yaml": &text}
			},
			expected: []string{"help.yaml:8: faq: 41 entries, more than the maximum of 40"},
		},
		{
			name: "AnswerTooLong",
			changes: func(t *testing.T) map[string]*string {
				return map[string]*string{"help.yaml": replaced(t, "help.yaml",
					"answer: Open the Home tab and press *My profile*, then *Edit*.",
					"answer: "+strings.Repeat("x", 2001))}
			},
			expected: []string{"help.yaml:", "answer: 2001 characters, more than the maximum of 2000"},
		},
		{
			name: "NoFirstMeeting",
			changes: func(t *testing.T) map[string]*string {
				return map[string]*string{"resources.yaml": replaced(t, "resources.yaml", "id: first-meeting", "id: welcome")}
			},
			expected: []string{"resources.yaml:", `no page has the id "first-meeting"`},
		},
		{
			name: "ResourceSectionMissingBody",
			changes: func(t *testing.T) map[string]*string {
				return map[string]*string{"resources.yaml": replaced(t, "resources.yaml",
					"        body: Turn up when you said you would, and give as much notice as you can if you need to move a meeting. Keep to the time you agreed.\n",
					"")}
			},
			expected: []string{"resources.yaml:", "pages[1].sections[0].body: missing or empty"},
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			_, err := Load(shippedWith(t, test.changes(t)))

			require.Error(t, err)
			for _, fragment := range test.expected {
				require.Contains(t, err.Error(), fragment)
			}
		})
	}
}
