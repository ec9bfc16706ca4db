package domain

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxHelpQuestionLength is the maximum length, in characters, of a
// question to the programme team.
const MaxHelpQuestionLength = 2000

// FieldHelpQuestion is the FieldErrors key of a help question's text.
const FieldHelpQuestion = "help_question"

// HelpQuestion is a question that a person sent to the programme team.
type HelpQuestion struct {
	ID    int64
	Asker PersonKey
	// Text is the question as the person typed it, trimmed.
	Text    string
	AskedAt time.Time
}

// HelpQuestionPost is one message that carries a help question to the
// programme team: a post in the team's channel, or a DM to one member of
// the team. A reply in its thread goes to the person who asked.
type HelpQuestionPost struct {
	QuestionID int64
	ChannelID  string
	// TS is the message's timestamp, which Slack uses as its id and as the
	// thread_ts of the replies in its thread.
	TS string
}

// ValidateHelpQuestion checks a question's text, which must be present
// and at most MaxHelpQuestionLength characters once trimmed.
func ValidateHelpQuestion(text string) FieldErrors {
	errs := FieldErrors{}
	length := utf8.RuneCountInString(strings.TrimSpace(text))
	switch {
	case length == 0:
		errs[FieldHelpQuestion] = "Please write your question."
	case length > MaxHelpQuestionLength:
		errs[FieldHelpQuestion] = fmt.Sprintf("Please keep your question to %d characters; it has %d.",
			MaxHelpQuestionLength, length)
	}
	return errs
}
