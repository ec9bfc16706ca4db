package blocks

import "github.com/slack-go/slack"

// Message is a message body as a slash command's acknowledgement or a post
// to a response URL takes it. slack-go's Msg would also send an empty
// metadata object, which is not part of these bodies.
type Message struct {
	// ResponseType is "ephemeral", shown only to the person who made the
	// request, or "in_channel".
	ResponseType string `json:"response_type,omitempty"`
	// ReplaceOriginal is always sent, so a post to a message button's
	// response URL adds a message instead of replacing the one clicked.
	ReplaceOriginal bool `json:"replace_original"`
	// Text is the fallback that notifications and screen readers show.
	Text   string        `json:"text"`
	Blocks []slack.Block `json:"blocks,omitempty"`
}

func ephemeral(text string, blocks ...slack.Block) Message {
	return Message{ResponseType: slack.ResponseTypeEphemeral, Text: text, Blocks: blocks}
}
