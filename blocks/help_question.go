package blocks

import (
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// actionHelpQuestionText is the question form's text input.
const actionHelpQuestionText = "help:question_text"

// maxReplySections bounds the sections of a relayed reply, which keeps the
// DM within a message's 50 blocks. A reply that needs more sections is cut,
// and the DM states that it was.
const maxReplySections = 15

// HelpQuestionView builds the form in which a person writes a question to
// the programme team. ParseHelpQuestion reads its submission.
func HelpQuestionView() slack.ModalViewRequest {
	input := slack.NewPlainTextInputBlockElement(
		plain("What would you like to ask?"), actionHelpQuestionText)
	input.Multiline = true
	input.MaxLength = domain.MaxHelpQuestionLength
	question := slack.NewInputBlock(domain.FieldHelpQuestion, plain("Your question"), nil, input)

	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackHelpQuestion,
		Title:      plain("Ask the programme team"),
		Submit:     plain("Send"),
		Close:      plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			sectionWithID("question_intro", "I'll send your question to the programme team with your name on it. "+
				"When someone replies, I'll pass their reply on to you in a direct message."),
			question,
		}},
	}
}

// ParseHelpQuestion returns the question typed into HelpQuestionView,
// trimmed, from a view submission's state.values.
func ParseHelpQuestion(values map[string]map[string]slack.BlockAction) string {
	return textValue(values, domain.FieldHelpQuestion, actionHelpQuestionText)
}

// HelpQuestionPostMessage builds the post that carries a question to the
// programme team, in their channel or a DM, naming the person who asked.
// question is the text as the person typed it.
func HelpQuestionPostMessage(askerID, question string) Message {
	asker := "someone"
	if mention, ok := mentionOf(askerID); ok {
		asker = mention
	}
	blocks := []slack.Block{sectionWithID("question_from", "❓ *A question from "+asker+"*")}
	blocks = append(blocks, quotedSections("question_text", question, maxSectionText)...)
	blocks = append(blocks, slack.NewContextBlock("question_hint", mrkdwn(
		"Reply in this thread and I'll send your reply to "+asker+" as a direct message.")))
	return Message{
		Text:   "A question from " + asker + ": " + EscapeWithin(oneLine(question), 200),
		Blocks: blocks,
	}
}

// HelpQuestionSentMessage builds the DM that confirms to a person that
// their question reached the programme team.
func HelpQuestionSentMessage(question string) Message {
	text := "✅ Your question has gone to the programme team. When someone replies, I'll send their reply to you here."
	return Message{
		Text: text,
		Blocks: []slack.Block{
			sectionWithID("question_sent", text),
			slack.NewContextBlock("question_copy", mrkdwn("You asked: "+EscapeWithin(oneLine(question), 500))),
		},
	}
}

// HelpReplyMessage builds the DM that passes a reply in the thread of a
// question on to the person who asked. question is the text as the person
// typed it, and reply is the reply's text as Slack sent it, with &, < and >
// already encoded.
func HelpReplyMessage(responderID, question, reply string) Message {
	// Anyone in the help channel may reply, so the reply is not said to
	// come from the programme team.
	responder := "Someone"
	if mention, ok := mentionOf(responderID); ok {
		responder = mention
	}
	heading := "💬 " + responder + " replied to your question:"
	blocks := []slack.Block{
		sectionWithID("reply_from", heading),
		slack.NewContextBlock("reply_question", mrkdwn("You asked: "+EscapeWithin(oneLine(question), 500))),
	}
	sections := quotedSections("reply_text", unescapeSlack(reply), maxSectionText)
	if len(sections) > maxReplySections {
		sections = append(sections[:maxReplySections],
			slack.NewContextBlock("reply_cut", mrkdwn("_The reply was too long to show in full, so it ends here._")))
	}
	blocks = append(blocks, sections...)
	return Message{
		Text:   strings.TrimPrefix(heading, "💬 ") + " " + EscapeWithin(oneLine(unescapeSlack(reply)), 200),
		Blocks: blocks,
	}
}

// quotedSections returns text, escaped for mrkdwn, as sections of at most
// max characters each, with block ids prefix_0, prefix_1 and so on.
func quotedSections(prefix, text string, max int) []slack.Block {
	var blocks []slack.Block
	for i, chunk := range EscapeChunks(strings.TrimSpace(text), max) {
		if strings.TrimSpace(chunk) == "" {
			continue
		}
		blocks = append(blocks, sectionWithID(prefix+"_"+strconv.Itoa(i), chunk))
	}
	return blocks
}

// DirectMessageAnswer builds the answer to a message typed in the bot's
// DM, which the bot does not read. canContact reports whether questions to
// the programme team are set up.
func DirectMessageAnswer(slashCommand string, canContact bool) Message {
	text := "Hello! I can't read messages here, I'm afraid. Open my *Home* tab to see where you are and what's next, " +
		"or type `" + slashCommand + " help` for the help guide."
	if canContact {
		text += " To ask the programme team something, press *Contact the programme team* in the help guide."
	}
	return Message{Text: text, Blocks: []slack.Block{sectionWithID("dm_answer", text)}}
}
