package blocks

import (
	"strings"

	"github.com/slack-go/slack"
)

// ApologyText is shown when handling a request failed for a reason that the
// person cannot fix. The details go to the log, never to the person.
const ApologyText = "Sorry, something went wrong on our side and I couldn't finish that. " +
	"Please try again in a minute. If it keeps happening, let the programme team know."

// NoticeMessage builds an ephemeral message with text, such as an apology or
// the reason a request was not allowed. text is mrkdwn written by the bot.
func NoticeMessage(text string) Message {
	if strings.TrimSpace(text) == "" {
		text = ApologyText
	}
	return ephemeral(truncate(text, maxSectionText), section(text))
}

// ErrorModal builds the modal pushed over a form whose submission failed.
// Pushing it, instead of closing the form, keeps what the person typed.
func ErrorModal(text string) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackError,
		Title:      plain("Something went wrong"),
		Close:      plain("Back"),
		Blocks:     slack.Blocks{BlockSet: []slack.Block{section(text)}},
	}
}
