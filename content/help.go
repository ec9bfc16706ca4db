package content

import (
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"
)

const helpFile = "help.yaml"

// FAQTopicID is the topic id of the page of frequently asked questions, as
// `/mentor help faq` and the help guide's buttons name it. No topic in
// help.yaml may use it.
const FAQTopicID = "faq"

// FAQTitle is the title of the page of frequently asked questions.
const FAQTitle = "Frequently asked questions"

// Limits of the help guide, from content/README.md.
const (
	// maxHelpTopics leaves room on the contents page, one section per
	// topic, within Slack's 100 blocks.
	maxHelpTopics = 30
	// maxPageTitle fits a button's 75 characters, so a title can label
	// one.
	maxPageTitle   = 75
	maxPageSummary = 300
	minFAQEntries  = 12
	// maxFAQEntries keeps the FAQ within the 50 blocks of a message, for
	// `/mentor help faq`, with room for a heading and buttons.
	maxFAQEntries  = 40
	maxFAQQuestion = 300
	maxFAQAnswer   = 2000
	// maxFAQCharacters keeps the FAQ page under Slack's 250 kB view limit
	// even when every character takes four bytes in UTF-8.
	maxFAQCharacters = 40_000
)

// Help is the help guide: a table of contents that leads to topic pages
// and to a page of frequently asked questions.
type Help struct {
	// Introduction opens the table of contents.
	Introduction string      `yaml:"introduction"`
	Topics       []HelpTopic `yaml:"topics"`
	FAQ          []FAQEntry  `yaml:"faq"`
}

// HelpTopic is one page of the help guide.
type HelpTopic struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	// Summary is the line under the title in the table of contents.
	Summary string `yaml:"summary"`
	Body    string `yaml:"body"`
}

// FAQEntry is one question of the FAQ page and its answer.
type FAQEntry struct {
	Question string `yaml:"question"`
	Answer   string `yaml:"answer"`
}

// Topic returns the topic with id.
func (h Help) Topic(id string) (HelpTopic, bool) {
	for _, topic := range h.Topics {
		if topic.ID == id {
			return topic, true
		}
	}
	return HelpTopic{}, false
}

// Match returns the id of the topic that query names, or of the FAQ page
// as FAQTopicID, or false. It tries, ignoring case, the id, then the whole
// title, then the title's words: a topic matches when each word of query,
// other than short linking words such as "the" or "how", starts a word of
// its title or id. The first such topic in the guide's order wins.
func (h Help) Match(query string) (string, bool) {
	query = strings.ToLower(strings.TrimSpace(query))
	if query == "" {
		return "", false
	}
	type page struct{ id, title string }
	pages := make([]page, 0, len(h.Topics)+1)
	for _, topic := range h.Topics {
		pages = append(pages, page{topic.ID, topic.Title})
	}
	pages = append(pages, page{FAQTopicID, FAQTitle})

	for _, p := range pages {
		if query == p.id {
			return p.id, true
		}
	}
	for _, p := range pages {
		if query == strings.ToLower(p.title) {
			return p.id, true
		}
	}
	wanted := searchWords(query)
	if len(wanted) == 0 {
		return "", false
	}
	for _, p := range pages {
		if allWordsStart(wanted, searchWords(p.id+" "+p.title)) {
			return p.id, true
		}
	}
	return "", false
}

// linkingWords are left out of a help query, so "how do I stop the
// reminders" needs only "stop" and "reminders" to match.
var linkingWords = map[string]bool{
	"a": true, "an": true, "and": true, "the": true, "to": true, "of": true, "on": true,
	"in": true, "for": true, "my": true, "i": true, "me": true, "how": true, "do": true,
	"what": true, "is": true, "are": true, "about": true, "can": true,
}

// searchWords returns the lower-case words of text, split at anything
// that is not a letter or a digit, without linking words.
func searchWords(text string) []string {
	fields := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	words := fields[:0]
	for _, field := range fields {
		if !linkingWords[field] {
			words = append(words, field)
		}
	}
	return words
}

// allWordsStart reports whether each of wanted starts one of words.
func allWordsStart(wanted, words []string) bool {
	for _, w := range wanted {
		found := false
		for _, word := range words {
			if strings.HasPrefix(word, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func loadHelp(fsys fs.FS, help *Help) error {
	check, err := readFile(fsys, helpFile, help)
	if err != nil {
		return err
	}
	check.text(fieldPath{"introduction"}, help.Introduction, maxSectionText)
	check.count(fieldPath{"topics"}, len(help.Topics), 1, maxHelpTopics)
	seen := map[string]bool{}
	for i, topic := range help.Topics {
		check.id(fieldPath{"topics", i, "id"}, topic.ID)
		switch {
		case topic.ID == FAQTopicID:
			check.report(fieldPath{"topics", i, "id"}, "%q is the FAQ page's id; choose another", topic.ID)
		case seen[topic.ID]:
			check.report(fieldPath{"topics", i, "id"}, "%q is used by an earlier topic; ids must be unique", topic.ID)
		}
		seen[topic.ID] = true
		check.text(fieldPath{"topics", i, "title"}, topic.Title, maxPageTitle)
		check.text(fieldPath{"topics", i, "summary"}, topic.Summary, maxPageSummary)
		check.text(fieldPath{"topics", i, "body"}, topic.Body, maxSectionText)
	}

	check.count(fieldPath{"faq"}, len(help.FAQ), minFAQEntries, maxFAQEntries)
	total := 0
	for i, entry := range help.FAQ {
		check.text(fieldPath{"faq", i, "question"}, entry.Question, maxFAQQuestion)
		check.text(fieldPath{"faq", i, "answer"}, entry.Answer, maxFAQAnswer)
		total += utf8.RuneCountInString(entry.Question) + utf8.RuneCountInString(entry.Answer)
	}
	if total > maxFAQCharacters {
		check.report(fieldPath{"faq"}, "the questions and answers take %d characters, more than the maximum of %d; "+
			"shorten them or move some to a topic", total, maxFAQCharacters)
	}
	return check.err()
}
