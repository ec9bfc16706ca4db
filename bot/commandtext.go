package bot

import (
	"strings"
	"unicode"
)

// slackTextUnescaper decodes the three characters that Slack encodes in the
// text it sends.
var slackTextUnescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// commandLine is the text after a slash command, split into words.
type commandLine struct {
	// Name is the subcommand, lower-cased, such as "help"; empty when the
	// person typed only the slash command.
	Name string
	// Args are the remaining words with their case kept. A quoted phrase
	// is one word without its quotes.
	Args []string
}

// parseCommandLine splits text into words at white space, keeping quoted
// phrases together. Slack clients turn straight quotes into curly ones, so
// “…”, ‘…’, "…" and '…' all quote. An unclosed quote runs to the end.
func parseCommandLine(text string) commandLine {
	words := splitWords(text)
	if len(words) == 0 {
		return commandLine{}
	}
	line := commandLine{Name: strings.ToLower(words[0])}
	if len(words) > 1 {
		line.Args = words[1:]
	}
	return line
}

func splitWords(text string) []string {
	var (
		words    []string
		current  strings.Builder
		inWord   bool
		closing  rune // the quote that ends the open phrase; 0 outside one
		previous rune
	)
	for _, r := range text {
		atValue := previous == ':'
		previous = r
		switch {
		case closing != 0 && r == closing:
			closing = 0
		case closing != 0:
			current.WriteRune(r)
		case opensPhrase(r, inWord && !atValue):
			closing = closingQuote(r)
			inWord = true
		case unicode.IsSpace(r):
			if inWord {
				words = append(words, current.String())
				current.Reset()
				inWord = false
			}
		default:
			current.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, current.String())
	}
	return words
}

// opensPhrase reports whether r starts a quoted phrase. Single quotes do
// so only at the start of a word or of a field's value, as in
// area:'Career development', so that apostrophes, as in O'Brien or don't,
// stay part of their word.
func opensPhrase(r rune, inWord bool) bool {
	if r == '\'' || r == '‘' {
		return !inWord
	}
	return closingQuote(r) != 0
}

// closingQuote returns the quote that closes a phrase opened by r, or 0
// when r opens none.
func closingQuote(r rune) rune {
	switch r {
	case '"':
		return '"'
	case '\'':
		return '\''
	case '“':
		return '”'
	case '‘':
		return '’'
	case '”': // some keyboards produce a closing quote to open a phrase
		return '”'
	default:
		return 0
	}
}
