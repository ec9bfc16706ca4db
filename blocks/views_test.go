package blocks_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/content"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// shippedModels returns the view models built from the shipped content.
func shippedModels(t *testing.T) (blocks.HomeModel, blocks.HelpModel) {
	t.Helper()
	loaded, err := content.Default()
	require.NoError(t, err)
	programme := loaded.Programme
	home := blocks.HomeModel{
		ProgrammeName: programme.Name,
		Welcome:       programme.Welcome,
		About:         programme.About,
		Contact:       programme.Contact,
	}
	help := blocks.HelpModel{
		ProgrammeName: programme.Name,
		Intro:         programme.HelpIntro,
		Contact:       programme.Contact,
		SlashCommand:  "/mentor",
		Commands:      []blocks.CommandHelp{{Usage: "help", Description: "Show this list of commands."}},
		Guide:         loaded.Help,
		CanContact:    true,
	}
	home.CanContact = true
	return home, help
}

// longModels returns view models whose every text is at its maximum, as
// the content loader allows, plus emoji that take four bytes each.
func longModels() (blocks.HomeModel, blocks.HelpModel) {
	long := strings.Repeat("🌱", 3000)
	home := blocks.HomeModel{ProgrammeName: strings.Repeat("é", 60), Welcome: long, About: long, Contact: long}
	commands := make([]blocks.CommandHelp, 40)
	for i := range commands {
		commands[i] = blocks.CommandHelp{Usage: strings.Repeat("x", 40), Description: strings.Repeat("y", 100)}
	}
	help := blocks.HelpModel{
		ProgrammeName: home.ProgrammeName, Intro: long, Contact: long,
		SlashCommand: "/mentor", Commands: commands, Guide: longestHelp(), CanContact: true,
	}
	return home, help
}

func TestViews_WithinSlackLimits(t *testing.T) {
	t.Parallel()

	for name, models := range map[string]func() (blocks.HomeModel, blocks.HelpModel){
		"Shipped": func() (blocks.HomeModel, blocks.HelpModel) { return shippedModels(t) },
		"Longest": longModels,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			home, help := models()

			require.NoError(t, blocks.CheckView(blocks.HomeView(home)))
			require.NoError(t, blocks.CheckView(blocks.HelpContentsView(help)))
			for _, topic := range help.Guide.Topics {
				require.NoError(t, blocks.CheckView(blocks.HelpTopicView(help, topic.ID)), "topic %s", topic.ID)
				require.NoError(t, blocks.CheckMessage(blocks.HelpTopicMessage(help, topic.ID)), "topic %s", topic.ID)
			}
			require.NoError(t, blocks.CheckView(blocks.HelpTopicView(help, content.FAQTopicID)))
			require.NoError(t, blocks.CheckMessage(blocks.HelpTopicMessage(help, content.FAQTopicID)))
			require.NoError(t, blocks.CheckMessage(blocks.UnknownHelpTopicMessage(help, strings.Repeat("`<q>", 500))))
			require.NoError(t, blocks.CheckView(blocks.ErrorModal(strings.Repeat("z", 5000))))
			require.NoError(t, blocks.CheckMessage(blocks.HelpMessage(help)))
			require.NoError(t, blocks.CheckMessage(blocks.UnknownCommandMessage("/mentor", strings.Repeat("w", 5000), help)))
			require.NoError(t, blocks.CheckMessage(blocks.NoticeMessage(strings.Repeat("n", 5000))))
			require.NoError(t, blocks.CheckMessage(blocks.NoticeMessage("")))
		})
	}
}

func TestViews_Golden(t *testing.T) {
	t.Parallel()
	home, help := shippedModels(t)

	views := map[string]any{
		"home.json":               blocks.HomeView(home),
		"help_modal.json":         blocks.HelpContentsView(help),
		"help_topic.json":         blocks.HelpTopicView(help, "nudges"),
		"help_faq.json":           blocks.HelpTopicView(help, content.FAQTopicID),
		"help_topic_message.json": blocks.HelpTopicMessage(help, "privacy"),
		"help_unknown_topic.json": blocks.UnknownHelpTopicMessage(help, "parking"),
		"help_message.json":       blocks.HelpMessage(help),
		"unknown_command.json":    blocks.UnknownCommandMessage("/mentor", "fnid", help),
		"notice.json":             blocks.NoticeMessage(blocks.ApologyText),
		"error_modal.json":        blocks.ErrorModal(blocks.ApologyText),
	}
	for name, view := range views {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
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

func TestUnknownCommandMessage_EscapesTypedText(t *testing.T) {
	t.Parallel()
	_, help := shippedModels(t)

	for _, typed := range []string{"<!channel>", "&lt;!channel&gt;", "<https://evil.example|Payroll>", "a&b"} {
		message := blocks.UnknownCommandMessage("/mentor", typed, help)
		encoded, err := json.Marshal(message)
		require.NoError(t, err)

		require.NotContains(t, string(encoded), "<!channel>")
		require.NotContains(t, string(encoded), `\u003c!channel`)
		require.NotContains(t, string(encoded), `\u003chttps`)
	}
}

func TestEscape(t *testing.T) {
	t.Parallel()

	require.Equal(t, "&lt;!channel&gt; &amp; more", blocks.Escape("<!channel> & more"))
	require.Equal(t, "&lt;!here&gt;", blocks.EscapeSlackText("&lt;!here&gt;"))
	require.Equal(t, "&lt;!here&gt;", blocks.EscapeSlackText("<!here>"))
	require.Equal(t, "&amp;amp;", blocks.EscapeSlackText("&amp;amp;"))
}

func TestUnknownCommandMessage_CutsAndBackticks(t *testing.T) {
	t.Parallel()
	_, help := shippedModels(t)

	message := blocks.UnknownCommandMessage("/mentor", "x`*bold*`"+strings.Repeat("&amp;", 200), help)

	require.Contains(t, message.Text, "`/mentor x'*bold*'&amp;")
	require.NotContains(t, message.Text, "&amp…", "a cut must not split an escape")
}

func TestEscapeWithin(t *testing.T) {
	t.Parallel()

	require.Equal(t, "a &amp; b", blocks.EscapeWithin("a & b", 100))
	cut := blocks.EscapeWithin(strings.Repeat("&", 1000), 3000)
	require.True(t, strings.HasSuffix(cut, "&amp;…"), "the cut keeps whole escapes")
	require.LessOrEqual(t, len([]rune(cut)), 3000)
	require.Equal(t, 599, strings.Count(cut, "&amp;"))
}
