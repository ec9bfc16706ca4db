package blocks

import (
	"strings"
	"unicode/utf8"
)

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

// EscapeWithin is Escape for text whose escaped form must fit in max
// characters, such as a section's 3,000. It cuts the text before escaping,
// so the cut never splits an escape, and ends a cut text with "…".
func EscapeWithin(text string, max int) string {
	escaped := Escape(text)
	if utf8.RuneCountInString(escaped) <= max {
		return escaped
	}
	var out strings.Builder
	used := 0
	for _, r := range text {
		piece := Escape(string(r))
		length := utf8.RuneCountInString(piece)
		if used+length > max-1 {
			break
		}
		out.WriteString(piece)
		used += length
	}
	return out.String() + "…"
}

// EscapeChunks escapes text and splits it into pieces of at most max
// characters each, never inside an escape.
func EscapeChunks(text string, max int) []string {
	var chunks []string
	var current strings.Builder
	used := 0
	for _, r := range text {
		piece := Escape(string(r))
		length := utf8.RuneCountInString(piece)
		if used+length > max {
			chunks = append(chunks, current.String())
			current.Reset()
			used = 0
		}
		current.WriteString(piece)
		used += length
	}
	return append(chunks, current.String())
}
