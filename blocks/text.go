package blocks

import "github.com/slack-go/slack"

// Slack counts text limits in characters, so these helpers cut by rune.

// truncate shortens text to at most max characters, ending with an ellipsis
// when it had to cut.
func truncate(text string, max int) string {
	runes := []rune(text)
	if len(runes) <= max {
		return text
	}
	return string(runes[:max-1]) + "…"
}

func plain(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, text, true, false)
}

func mrkdwn(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, text, false, false)
}

// section returns a mrkdwn section cut to Slack's 3,000-character limit.
func section(text string) *slack.SectionBlock {
	return slack.NewSectionBlock(mrkdwn(truncate(text, maxSectionText)), nil, nil)
}

// capitalised returns name with a capital letter when it is FormerMember,
// for a name that starts a sentence. Any other name is returned as it is,
// because people choose how their Slack names are written.
func capitalised(name string) string {
	if name == FormerMember {
		return "A former member"
	}
	return name
}
