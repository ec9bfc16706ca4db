package blocks

import "strings"

var (
	mrkdwnEscaper   = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	mrkdwnUnescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")
)

// Escape makes text that a person typed safe to show in mrkdwn: it encodes
// &, < and >, so nobody can make the bot post a mention such as <!channel>
// or a link whose text hides its address.
func Escape(text string) string {
	return mrkdwnEscaper.Replace(text)
}

// EscapeSlackText is Escape for text that arrived from Slack in a message or
// command, where Slack has already encoded &, < and >. It decodes those three
// first, so the person sees what they typed instead of "&lt;".
func EscapeSlackText(text string) string {
	return Escape(unescapeSlack(text))
}

// unescapeSlack decodes the three characters that Slack encodes in text it
// sends, so the text can be cut or changed before it is escaped again.
func unescapeSlack(text string) string {
	return mrkdwnUnescaper.Replace(text)
}
