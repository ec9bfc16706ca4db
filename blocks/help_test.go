package blocks_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/slack-go/slack"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/content"
)

// firstMeetingGuide returns the shipped first-meeting page.
func firstMeetingGuide(t *testing.T) content.ResourcePage {
	t.Helper()
	loaded, err := content.Default()
	require.NoError(t, err)
	return loaded.Resources.FirstMeeting()
}

// longestHelp returns a help guide whose every list and text is at the
// maximum that content/README.md allows.
func longestHelp() content.Help {
	help := content.Help{Introduction: longText(2900)}
	for i := range 30 {
		help.Topics = append(help.Topics, content.HelpTopic{
			ID:    fmt.Sprintf("topic-%02d-%s", i, strings.Repeat("x", 31)),
			Title: longText(75), Summary: longText(300), Body: longText(2900),
		})
	}
	// 40 questions at the maximum lengths would pass the 40,000 characters
	// that the FAQ may have in all, so the answers share what is left.
	for range 40 {
		help.FAQ = append(help.FAQ, content.FAQEntry{Question: longText(300), Answer: longText(700)})
	}
	return help
}

// longestResources returns resources whose every list and text is at the
// maximum that content/README.md allows.
func longestResources() content.Resources {
	resources := content.Resources{Introduction: longText(2900)}
	for i := range 20 {
		page := content.ResourcePage{
			ID:    fmt.Sprintf("page-%02d-%s", i, strings.Repeat("x", 32)),
			Title: longText(75), Summary: longText(300),
		}
		if i == 0 {
			page.ID = content.FirstMeetingPageID
		}
		for range 12 {
			page.Sections = append(page.Sections, content.ResourceSection{Heading: longText(150), Body: longText(2800)})
		}
		resources.Pages = append(resources.Pages, page)
	}
	return resources
}

func TestResourceViews_WithinSlackLimits(t *testing.T) {
	t.Parallel()
	shipped, err := content.Default()
	require.NoError(t, err)

	for name, resources := range map[string]content.Resources{"Shipped": shipped.Resources, "Longest": longestResources()} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, blocks.CheckView(blocks.ResourcesContentsView(resources)))
			for _, page := range resources.Pages {
				require.NoError(t, blocks.CheckView(blocks.ResourcePageView(resources, page.ID)), "page %s", page.ID)
			}
			message := blocks.FirstMeetingMessage(blocks.FirstMeetingModel{
				Mentor: blocks.PersonCard{UserID: "U0MENTOR"}, Mentee: blocks.PersonCard{Name: longText(500)},
				Guide: resources.FirstMeeting(),
			})
			require.NoError(t, blocks.CheckMessage(message))
		})
	}
}

func TestHelpQuestionViews_WithinSlackLimits(t *testing.T) {
	t.Parallel()
	longest := longText(2000)
	// A long reply, as Slack sends it with &, < and > encoded.
	longestReply := blocks.Escape(longText(40_000))

	views := map[string]any{
		"question form":       blocks.HelpQuestionView(),
		"post":                blocks.HelpQuestionPostMessage("U0ASKER", longest),
		"post without a user": blocks.HelpQuestionPostMessage("", longest),
		"sent":                blocks.HelpQuestionSentMessage(longest),
		"reply":               blocks.HelpReplyMessage("U0TEAM", longest, longestReply),
		"short reply":         blocks.HelpReplyMessage("W0TEAM", "Why?", "Because."),
	}
	checkViews(t, views)
}

func TestViews_HelpAndResourcesGolden(t *testing.T) {
	t.Parallel()
	shipped, err := content.Default()
	require.NoError(t, err)

	views := map[string]any{
		"resources.json":             blocks.ResourcesContentsView(shipped.Resources),
		"resources_contracting.json": blocks.ResourcePageView(shipped.Resources, "contracting"),
		"help_question.json":         blocks.HelpQuestionView(),
		"help_question_post.json":    blocks.HelpQuestionPostMessage("U0ASKER", "How do I <change> my area & role?"),
		"help_question_sent.json":    blocks.HelpQuestionSentMessage("How do I <change> my area & role?"),
		"help_reply.json":            blocks.HelpReplyMessage("U0TEAM", "How do I change my area?", "Open *My profile* &amp; press Edit."),
		"help_modal_no_contact.json": blocks.HelpContentsView(blocks.HelpModel{Guide: shipped.Help, Contact: "Ask us."}),
	}
	for name, view := range views {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			requireGolden(t, name, view)
		})
	}
}

func TestHelpTopicView_UnknownShowsContents(t *testing.T) {
	t.Parallel()
	_, help := shippedModels(t)

	view := blocks.HelpTopicView(help, "no-such-topic")

	require.Equal(t, blocks.HelpContentsView(help), view)
}

func TestHelpContentsView_ListsEveryPage(t *testing.T) {
	t.Parallel()
	_, help := shippedModels(t)

	encoded := mustEncode(t, blocks.HelpContentsView(help))

	for _, topic := range help.Guide.Topics {
		require.Contains(t, encoded, `"value":"`+topic.ID+`"`)
	}
	require.Contains(t, encoded, `"value":"`+content.FAQTopicID+`"`)
	require.Contains(t, encoded, blocks.ActionContactTeam)
}

func TestHelpContentsView_NoContactButton(t *testing.T) {
	t.Parallel()
	_, help := shippedModels(t)
	help.CanContact = false

	for name, view := range map[string]any{
		"contents": blocks.HelpContentsView(help),
		"topic":    blocks.HelpTopicView(help, "contact"),
		"message":  blocks.HelpMessage(help),
	} {
		require.NotContains(t, mustEncode(t, view), blocks.ActionContactTeam, name)
	}
}

func TestHelpTopicView_FAQHasEveryQuestion(t *testing.T) {
	t.Parallel()
	_, help := shippedModels(t)

	encoded := mustEncode(t, blocks.HelpTopicView(help, content.FAQTopicID))

	require.GreaterOrEqual(t, len(help.Guide.FAQ), 12)
	for _, entry := range help.Guide.FAQ {
		require.Contains(t, encoded, mustEncode(t, strings.TrimSpace(entry.Question)))
	}
	require.Contains(t, encoded, blocks.ActionHelpContents, "a Back to contents button")
}

func TestUnknownHelpTopicMessage_EscapesTyped(t *testing.T) {
	t.Parallel()
	_, help := shippedModels(t)

	message := blocks.UnknownHelpTopicMessage(help, "&lt;!channel&gt; `x`")
	encoded := mustEncode(t, message)

	require.NotContains(t, encoded, "<!channel>")
	require.Contains(t, encoded, "&lt;!channel&gt; 'x'")
	require.Contains(t, encoded, "/mentor help nudges")
	require.Contains(t, encoded, "/mentor help faq")
}

func TestRegistrationViews_HaveHelpFooter(t *testing.T) {
	t.Parallel()
	shipped, err := content.Default()
	require.NoError(t, err)

	views := registrationViews(shipped, testMentor(), testMentee(), "Alex", "")
	checked := 0
	for name, view := range views {
		step, _, _ := strings.Cut(name, "/")
		switch step {
		case "learning", "question", "result", "conduct", "details":
		default:
			continue
		}
		modal, ok := view.(slack.ModalViewRequest)
		require.True(t, ok, name)
		viewBlocks := modal.Blocks.BlockSet
		last, ok := viewBlocks[len(viewBlocks)-1].(*slack.ActionBlock)
		require.True(t, ok, "%s ends with an actions block", name)
		require.Equal(t, blocks.BlockHelpFooter, last.BlockID, name)
		button, ok := last.Elements.ElementSet[0].(*slack.ButtonBlockElement)
		require.True(t, ok, name)
		require.Equal(t, blocks.ActionOpenHelp, button.ActionID, name)
		checked++
	}
	require.Greater(t, checked, 10)
}

func TestFirstMeetingMessage_UsesResourcesText(t *testing.T) {
	t.Parallel()
	guide := firstMeetingGuide(t)

	message := blocks.FirstMeetingMessage(blocks.FirstMeetingModel{
		Mentor: blocks.PersonCard{UserID: "U0MENTOR"}, Mentee: blocks.PersonCard{UserID: "U0MENTEE"}, Guide: guide,
	})
	encoded := mustEncode(t, message)

	require.Len(t, message.Blocks, 1+len(guide.Sections))
	for _, part := range guide.Sections {
		require.Contains(t, encoded, mustEncode(t, strings.TrimSpace(part.Heading)))
		require.Contains(t, encoded, mustEncode(t, strings.TrimSpace(part.Body)))
	}
}

func TestHelpQuestionPostMessage_EscapesQuestion(t *testing.T) {
	t.Parallel()

	message := blocks.HelpQuestionPostMessage("U0ASKER", "<!channel> see <https://evil.example|payroll> & more")
	encoded := mustEncode(t, message)

	require.Contains(t, encoded, "<@U0ASKER>", "names the person")
	require.NotContains(t, encoded, "<!channel>")
	require.NotContains(t, encoded, "<https://evil")
	require.Contains(t, encoded, "&lt;!channel&gt; see &lt;https://evil.example|payroll&gt; &amp; more")
}

func TestHelpReplyMessage_EscapesReply(t *testing.T) {
	t.Parallel()

	// Slack sends message text with &, < and > already encoded, and
	// mentions and links as <...>.
	message := blocks.HelpReplyMessage("U0TEAM", "Q", "&lt;!here&gt; and <!channel> &amp; <https://evil.example|here>")
	encoded := mustEncode(t, message)

	require.Contains(t, encoded, "<@U0TEAM>", "names who replied")
	require.NotContains(t, encoded, "<!here>")
	require.NotContains(t, encoded, "<!channel>")
	require.NotContains(t, encoded, "<https://evil")
	require.Contains(t, encoded, "&lt;!here&gt; and &lt;!channel&gt; &amp; &lt;https://evil.example|here&gt;")
}

func TestHelpReplyMessage_CutsLongReply(t *testing.T) {
	t.Parallel()

	message := blocks.HelpReplyMessage("U0TEAM", "Q", strings.Repeat("&amp;", 40_000))

	require.NoError(t, blocks.CheckMessage(message))
	require.Contains(t, mustEncode(t, message), "too long to show in full")
}

func TestParseHelpQuestion(t *testing.T) {
	t.Parallel()

	values := map[string]map[string]slack.BlockAction{
		"help_question": {"help:question_text": {Value: "  Where is the guide?  "}},
	}

	require.Equal(t, "Where is the guide?", blocks.ParseHelpQuestion(values))
	require.Empty(t, blocks.ParseHelpQuestion(nil))
}

// mustEncode returns value as JSON without escaping <, > and &, as Slack
// receives it.
func mustEncode(t *testing.T, value any) string {
	t.Helper()
	var encoded strings.Builder
	encoder := json.NewEncoder(&encoded)
	encoder.SetEscapeHTML(false)
	require.NoError(t, encoder.Encode(value))
	text := strings.TrimSpace(encoded.String())
	if _, ok := value.(string); ok {
		// A string's JSON without its quotes, to look for inside a bigger
		// document.
		text = strings.TrimSuffix(strings.TrimPrefix(text, `"`), `"`)
	}
	return text
}
