package bot_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

const (
	helpChannelID = "C0HELPDESK"
	adminID       = "U0ADMIN01"
	secondAdminID = "U0ADMIN02"
)

// clickFooterHelp clicks the Help button at the foot of a registration
// step and returns the help guide that the bot pushes on top of it.
func (b *testBundle) clickFooterHelp(t *testing.T, userID string, step fakeslack.View) fakeslack.View {
	t.Helper()
	pushes := len(b.slack.Calls("views.push"))
	modals := b.slack.ModalCount()
	payload := fakeslack.ModalButtonAction(userID, step, blocks.ActionOpenHelp, blocks.BlockHelpFooter, "")
	status, _ := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)

	help := b.slack.WaitForModal(t, modals, waitTime)
	require.Len(t, b.slack.Calls("views.push"), pushes+1, "the guide is pushed, not opened")
	require.Equal(t, blocks.CallbackHelp, help.CallbackID())
	require.Equal(t, step.Hash, b.slack.CurrentView(t, step.ID).Hash, "the step stays as it was below the guide")
	return help
}

// blockValues returns the values of the buttons in view with actionID.
func blockValues(view fakeslack.View, actionID string) []string {
	var values []string
	var walk func(node any)
	walk = func(node any) {
		switch node := node.(type) {
		case map[string]any:
			if node["action_id"] == actionID {
				value, _ := node["value"].(string)
				values = append(values, value)
			}
			for _, child := range node {
				walk(child)
			}
		case []any:
			for _, child := range node {
				walk(child)
			}
		}
	}
	walk(view.JSON["blocks"])
	return values
}

func TestHelp_HomeOpensContentsAndPages(t *testing.T) {
	t.Parallel()
	b := setup(t)

	contents := b.clickHome(t, menteeID, blocks.ActionHomeHelp, "")
	require.Equal(t, blocks.CallbackHelp, contents.CallbackID())

	topics := blockValues(contents, blocks.ActionHelpTopic)
	require.Len(t, topics, len(b.content.Help.Topics)+1, "one entry per topic and one for the FAQ")
	view := contents
	for _, topicID := range topics {
		view = b.click(t, menteeID, view, blocks.ActionHelpTopic, topicID)
		title := content.FAQTitle
		if topic, ok := b.content.Help.Topic(topicID); ok {
			title = topic.Title
		}
		require.Contains(t, mustMarshal(t, view.JSON), title, "page %s", topicID)
		require.Equal(t, []string{""}, blockValues(view, blocks.ActionHelpContents), "page %s has Back to contents", topicID)

		view = b.click(t, menteeID, view, blocks.ActionHelpContents, "")
		require.Len(t, blockValues(view, blocks.ActionHelpTopic), len(topics), "back at the contents")
	}
	for _, question := range b.content.Help.FAQ {
		require.NotEmpty(t, question.Answer)
	}
}

func TestHelp_RegistrationStepsPushHelp(t *testing.T) {
	t.Parallel()
	b := setup(t)
	role := domain.RoleMentee

	view := b.clickHome(t, menteeID, blocks.ActionRegister, string(role))
	require.Equal(t, blocks.CallbackLearning, view.CallbackID())
	help := b.clickFooterHelp(t, menteeID, view)

	// The guide's pages work on top of the step, and the step carries on
	// afterwards.
	page := b.click(t, menteeID, help, blocks.ActionHelpTopic, "learning")
	require.Contains(t, mustMarshal(t, page.JSON), "Mentoring University")

	view = b.tourCampus(t, menteeID, view)
	view = b.click(t, menteeID, view, blocks.ActionLearningFinish, "")
	view = b.click(t, menteeID, view, blocks.ActionContinue, string(role))
	require.Equal(t, blocks.CallbackAssessment, view.CallbackID())
	b.clickFooterHelp(t, menteeID, view)

	view = b.answerAll(t, menteeID, view, true)
	b.clickFooterHelp(t, menteeID, view)
	view = b.click(t, menteeID, view, blocks.ActionContinue, string(role))
	require.Equal(t, blocks.CallbackConduct, view.CallbackID())
	b.clickFooterHelp(t, menteeID, view)

	answer, view := b.submit(t, menteeID, view, nil)
	require.Equal(t, "update", answer.ResponseAction)
	require.Equal(t, blocks.CallbackDetails, view.CallbackID())
	b.clickFooterHelp(t, menteeID, view)

	answer, view = b.submit(t, menteeID, view, b.menteeDetails())
	require.Equal(t, "update", answer.ResponseAction, "errors: %v", answer.Errors)
	require.Equal(t, blocks.CallbackProfile, view.CallbackID())
}

func TestHelp_FullStackReplacesStep(t *testing.T) {
	t.Parallel()
	b := setup(t)
	step := b.clickHome(t, menteeID, blocks.ActionRegister, string(domain.RoleMentee))
	b.slack.FailNext("views.push", "push_limit_reached")

	payload := fakeslack.ModalButtonAction(menteeID, step, blocks.ActionOpenHelp, blocks.BlockHelpFooter, "")
	status, _ := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)

	replaced := b.slack.WaitForViewChange(t, step.ID, step.Hash, waitTime)
	require.Equal(t, blocks.CallbackHelp, replaced.CallbackID())
	findLog(t, b, "Replaced a modal because its stack was full")
}

func TestHelp_CommandTopic(t *testing.T) {
	t.Parallel()
	b := setup(t)

	for typed, title := range map[string]string{
		"help nudges":                 "Reminders and how to stop them",
		"HELP Stop Reminders":         "Reminders and how to stop them",
		"help “your privacy”":         "Your privacy",
		"help faq":                    content.FAQTitle,
		"help frequently asked":       content.FAQTitle,
		"help getting-started":        "Getting started",
		"help step 4":                 "Step 4: your details",
		"help contacting the team":    "Contacting the programme team",
		"help answering invitations":  "Answering invitations",
		"help what the statuses mean": "What the statuses mean",
	} {
		status, body := b.postForm(t, fakeslackSlashCommand(menteeID, typed))
		require.Equal(t, http.StatusOK, status)
		require.NoError(t, blocks.CheckJSON(blocks.SurfaceMessage, body), typed)
		require.Contains(t, string(body), `"text":"`+title+`"`, typed)
		require.Contains(t, string(body), blocks.ActionOpenHelp, typed)
	}
}

func TestHelp_CommandUnknownTopic(t *testing.T) {
	t.Parallel()
	b := setup(t)

	status, body := b.postForm(t, fakeslackSlashCommand(menteeID, "help car &lt;parking&gt;"))

	require.Equal(t, http.StatusOK, status)
	require.NoError(t, blocks.CheckJSON(blocks.SurfaceMessage, body))
	text := string(body)
	require.Contains(t, text, "couldn't find a help topic called `car \\u0026lt;parking\\u0026gt;`")
	for _, topic := range b.content.Help.Topics {
		require.Contains(t, text, "/mentor help "+topic.ID)
	}
	require.Contains(t, text, "/mentor help faq")
}

func TestHelp_CommandListsAndOpensGuide(t *testing.T) {
	t.Parallel()
	b := setup(t)

	status, body := b.postForm(t, fakeslackSlashCommand(menteeID, "help"))
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, string(body), "/mentor resources")
	require.Contains(t, string(body), blocks.ActionOpenHelp)
	require.NotContains(t, string(body), blocks.ActionContactTeam, "no team is configured to ask")

	// The button in the ephemeral message opens the guide as a new modal.
	modals := b.slack.ModalCount()
	payload := fakeslack.MessageButtonAction(menteeID, "C0GENERAL1", "1700000000.000900", blocks.ActionOpenHelp, "", "")
	status, _ = b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)
	guide := b.slack.WaitForModal(t, modals, waitTime)
	require.Equal(t, blocks.CallbackHelp, guide.CallbackID())
	require.Len(t, b.slack.Calls("views.open"), 1)
}

// askQuestion opens the question form from the help guide on the App
// Home, submits text and returns the bot's answer.
func (b *testBundle) askQuestion(t *testing.T, userID, text string) submission {
	t.Helper()
	guide := b.clickHome(t, userID, blocks.ActionHomeHelp, "")
	require.Equal(t, []string{""}, blockValues(guide, blocks.ActionContactTeam))

	modals := b.slack.ModalCount()
	b.clickNoWait(t, userID, guide, blocks.ActionContactTeam, "")
	form := b.slack.WaitForModal(t, modals, waitTime)
	require.Equal(t, blocks.CallbackHelpQuestion, form.CallbackID())
	require.NotEmpty(t, b.slack.Calls("views.push"), "the form is pushed on the guide")

	answer, _ := b.submit(t, userID, form, map[string]map[string]any{domain.FieldHelpQuestion: typed(text)})
	return answer
}

// postText returns the blocks of a chat.postMessage call as JSON that
// keeps <, > and & as they are, as Slack reads them.
func postText(t *testing.T, call fakeslack.Call) string {
	t.Helper()
	var decoded any
	require.NoError(t, json.Unmarshal([]byte(call.Form.Get("blocks")), &decoded))
	return mustMarshal(t, decoded)
}

// postEvent posts a signed Events API callback and checks Slack gets 200.
func (b *testBundle) postEvent(t *testing.T, body []byte) {
	t.Helper()
	status, _ := b.postJSON(t, body)
	require.Equal(t, http.StatusOK, status)
}

func TestHelp_QuestionToChannelAndReply(t *testing.T) {
	t.Parallel()
	b := setupApp(t, func(config *bot.AppConfig) {
		config.HelpChannelID = helpChannelID
		config.AdminUserIDs = []string{adminID}
	})

	answer := b.askQuestion(t, menteeID, "How do I change my <b>area</b> & role?")
	require.Empty(t, answer.ResponseAction, "the form closes, back to the guide")
	require.Empty(t, answer.Errors)

	post := b.waitForPost(t, helpChannelID, "A question from")
	require.Contains(t, postText(t, post), "<@"+menteeID+">", "names the person")
	require.Contains(t, postText(t, post), "How do I change my &lt;b&gt;area&lt;/b&gt; &amp; role?")
	assert.Empty(t, b.postsTo(adminID), "with a channel, admins get no DMs")
	b.waitForPost(t, menteeID, "Your question has gone to the programme team")
	threadTS, _ := post.Answer["ts"].(string)
	require.NotEmpty(t, threadTS)

	// A team member replies in the question's thread.
	b.postEvent(t, fakeslack.ThreadReply("Ev0REPLY1", helpChannelID, "channel", adminID, threadTS,
		"1700000100.000100", "Open *My profile* &amp; press Edit &lt;here&gt;. <!channel>"))
	reply := b.waitForPost(t, menteeID, "replied to your question")
	replyBlocks := postText(t, reply)
	require.Contains(t, replyBlocks, "<@"+adminID+"> replied to your question")
	require.Contains(t, replyBlocks, "Open *My profile* &amp; press Edit &lt;here&gt;. &lt;!channel&gt;")
	require.NotContains(t, replyBlocks, "<!channel>")

	// Anyone in the help channel may answer: it is the team's channel.
	b.postEvent(t, fakeslack.ThreadReply("Ev0REPLY2", helpChannelID, "channel", "U0COLLEAGUE", threadTS,
		"1700000200.000100", "Also see the FAQ."))
	b.waitForPost(t, menteeID, "Also see the FAQ.")
}

func TestHelp_QuestionToEachAdminAndReply(t *testing.T) {
	t.Parallel()
	b := setupApp(t, func(config *bot.AppConfig) {
		config.AdminUserIDs = []string{adminID, secondAdminID}
	})

	answer := b.askQuestion(t, menteeID, "Can I have two mentors?")
	require.Empty(t, answer.Errors)

	first := b.waitForPost(t, adminID, "A question from")
	second := b.waitForPost(t, secondAdminID, "A question from")
	for _, post := range []string{postText(t, first), postText(t, second)} {
		require.Contains(t, post, "<@"+menteeID+">")
		require.Contains(t, post, "Can I have two mentors?")
	}
	b.waitForPost(t, menteeID, "Your question has gone to the programme team")

	// The second admin replies in the thread of their DM with the bot.
	dm, _ := second.Answer["channel"].(string)
	threadTS, _ := second.Answer["ts"].(string)
	require.Equal(t, "D0ADMIN02", dm)

	// Someone outside the team in that thread is not passed on.
	b.postEvent(t, fakeslack.ThreadReply("Ev0STRANGER", dm, "im", "U0STRANGER", threadTS,
		"1700000100.000100", "Not from the team"))
	findLog(t, b, "Ignored a reply to a help question from someone outside the programme team")

	b.postEvent(t, fakeslack.ThreadReply("Ev0ADMINREPLY", dm, "im", secondAdminID, threadTS,
		"1700000200.000100", "One at a time, please."))
	reply := b.waitForPost(t, menteeID, "One at a time, please.")
	require.Contains(t, postText(t, reply), "<@"+secondAdminID+">")
	for _, post := range b.postsTo(menteeID) {
		require.NotContains(t, postText(t, post), "Not from the team")
	}
}

func TestHelp_RepliesNotRelayed(t *testing.T) {
	t.Parallel()
	b := setupApp(t, func(config *bot.AppConfig) {
		config.HelpChannelID = helpChannelID
		config.AdminUserIDs = []string{adminID}
	})
	b.askQuestion(t, menteeID, "Where is the agreement template?")
	post := b.waitForPost(t, helpChannelID, "A question from")
	threadTS, _ := post.Answer["ts"].(string)
	b.waitForPost(t, menteeID, "Your question has gone to the programme team")
	dmsBefore := len(b.postsTo(menteeID))

	// The bot's own message, an edit and a top-level message are ignored
	// before any work is scheduled, so the 200 means they are done with.
	b.postEvent(t, fakeslack.BotThreadReply("Ev0BOT", helpChannelID, "channel", fakeslack.BotID, threadTS,
		"1700000100.000100", "A bot's message"))
	b.postEvent(t, fakeslack.BotThreadReply("Ev0OTHERBOT", helpChannelID, "channel", "B0OTHERBOT", threadTS,
		"1700000100.000200", "Another app's message"))
	b.postEvent(t, fakeslack.EditedThreadReply("Ev0EDIT", helpChannelID, "channel", adminID, threadTS,
		"1700000100.000300", "An edited reply"))
	b.postEvent(t, fakeslack.ThreadReply("Ev0TOP", helpChannelID, "channel", adminID, "",
		"1700000100.000400", "Not in a thread"))

	// A reply in another thread is looked up and found to answer nothing.
	b.postEvent(t, fakeslack.ThreadReply("Ev0UNRELATED", helpChannelID, "channel", adminID, "1600000000.000100",
		"1700000100.000500", "An unrelated thread"))
	findLog(t, b, "Ignored a thread reply that answers no help question")

	// The asker's own reply in the thread does not come back to them.
	b.postEvent(t, fakeslack.ThreadReply("Ev0ASKER", helpChannelID, "channel", menteeID, threadTS,
		"1700000100.000600", "Any news?"))
	findLog(t, b, "Ignored a reply by the person who asked the help question")

	require.Len(t, b.postsTo(menteeID), dmsBefore, "nothing was passed on")
}

func TestHelp_QuestionFieldErrors(t *testing.T) {
	t.Parallel()
	b := setupApp(t, func(config *bot.AppConfig) { config.AdminUserIDs = []string{adminID} })

	for name, test := range map[string]struct{ text, expected string }{
		"Empty":   {"   ", "Please write your question."},
		"TooLong": {strings.Repeat("é", domain.MaxHelpQuestionLength+1), "it has 2001"},
	} {
		answer := b.askQuestion(t, menteeID, test.text)
		require.Equal(t, "errors", answer.ResponseAction, name)
		require.Contains(t, answer.Errors[domain.FieldHelpQuestion], test.expected, name)
	}
	assert.Empty(t, b.postsTo(adminID), "nothing was sent")
}

func TestResources_HomeAndCommand(t *testing.T) {
	t.Parallel()
	b := setup(t)

	contents := b.clickHome(t, menteeID, blocks.ActionOpenResources, "")
	require.Equal(t, blocks.CallbackResources, contents.CallbackID())
	pages := blockValues(contents, blocks.ActionResourcePage)
	require.Len(t, pages, len(b.content.Resources.Pages))

	view := contents
	for _, pageID := range pages {
		page, ok := b.content.Resources.Page(pageID)
		require.True(t, ok, pageID)
		view = b.click(t, menteeID, view, blocks.ActionResourcePage, pageID)
		require.Contains(t, mustMarshal(t, view.JSON), page.Title)
		view = b.click(t, menteeID, view, blocks.ActionResourcesContents, "")
		require.Len(t, blockValues(view, blocks.ActionResourcePage), len(pages))
	}

	modals := b.slack.ModalCount()
	status, _ := b.postForm(t, fakeslackSlashCommand(menteeID, "resources agreement"))
	require.Equal(t, http.StatusOK, status)
	agreement := b.slack.WaitForModal(t, modals, waitTime)
	require.Contains(t, mustMarshal(t, agreement.JSON), "Mentoring agreement template")
}

func TestResources_FirstMeetingDMUsesContent(t *testing.T) {
	t.Parallel()
	const edited = "Edited by the programme team: bring your diary."
	b := setupWith(t, nil, func(loaded *content.Content) {
		for i, page := range loaded.Resources.Pages {
			if page.ID == content.FirstMeetingPageID {
				loaded.Resources.Pages[i].Sections[0].Body = edited
			}
		}
	})
	startNoticeJobs(t, b, b.store, b.app)
	registerDirect(t, b, menteeID, domain.RoleMentee)
	registerDirect(t, b, mentorID, domain.RoleMentor)
	invitation := invite(t, b, menteeID, mentorID)

	b.clickMessage(t, mentorID, blocks.ActionAccept, strconv.FormatInt(invitation.ID, 10), "accept")

	opened := b.slack.WaitForCalls(t, "conversations.open", 1, jobWaitTime)[0]
	group, _ := opened.Answer["channel"].(map[string]any)["id"].(string)
	guide := b.waitForPost(t, group, "Welcome")
	text := postText(t, guide)
	require.Contains(t, text, edited)
	for _, part := range b.content.Resources.FirstMeeting().Sections {
		require.Contains(t, text, strings.TrimSpace(part.Heading))
	}
}

func TestHelp_QuestionNotSentIsSaid(t *testing.T) {
	t.Parallel()
	b := setupApp(t, func(config *bot.AppConfig) {
		config.HelpChannelID = helpChannelID
		config.AdminUserIDs = []string{adminID}
	})
	// The bot was never invited to the help channel.
	b.slack.FailNext("chat.postMessage", "not_in_channel")

	answer := b.askQuestion(t, menteeID, "Can I have two mentors?")

	require.Empty(t, answer.Errors)
	require.Eventually(t, func() bool {
		return strings.Contains(strings.Join(b.notices(), "\n")+b.responses(), "hasn't been sent")
	}, waitTime, 10*time.Millisecond, "the person learns that the question did not go")
	assert.Zero(t, b.count(t, `SELECT count(*) FROM help_questions`), "nothing is stored, so a retry sends it once")
	assert.Empty(t, b.postsWith(menteeID, "Your question has gone"))
}

func TestHelp_DirectMessageAnsweredOnce(t *testing.T) {
	t.Parallel()
	b := setupApp(t, func(config *bot.AppConfig) { config.AdminUserIDs = []string{adminID} })
	channel := "D" + menteeID[1:]

	b.postEvent(t, fakeslack.DirectMessage("Ev0DM1", channel, menteeID, "1700000200.000100", "hello?"))
	b.waitForPost(t, menteeID, "can't read messages here")
	b.postEvent(t, fakeslack.DirectMessage("Ev0DM2", channel, menteeID, "1700000201.000100", "anyone there?"))
	b.postEvent(t, fakeslack.BotThreadReply("Ev0DM3", channel, "im", fakeslack.BotID, "", "1700000202.000100", "A bot"))
	time.Sleep(300 * time.Millisecond)

	assert.Len(t, b.postsWith(menteeID, "dm_answer"), 1, "one answer to a run of messages")
	assert.Empty(t, b.postsTo(fakeslack.BotUserID), "a bot's message gets no answer")
	assert.Contains(t, postText(t, b.postsWith(menteeID, "dm_answer")[0]), "Contact the programme team")
}
