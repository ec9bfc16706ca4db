package content

import (
	"errors"
	"fmt"
	"io/fs"
)

const assessmentFile = "assessment.yaml"

// Limits of the assessment, from content/README.md.
const (
	minQuestions    = 5
	maxQuestions    = 50
	maxQuestionText = 500
	minOptions      = 3
	maxOptions      = 4
	maxExplanation  = 600
)

// Assessment is the multiple-choice test taken after the learning package.
type Assessment struct {
	Questions []Question `yaml:"questions"`
}

// Question is one multiple-choice question with exactly one correct option.
type Question struct {
	ID          string   `yaml:"id"`
	Place       string   `yaml:"place"`
	Text        string   `yaml:"text"`
	Options     []Option `yaml:"options"`
	Explanation string   `yaml:"explanation"`
}

// Option is one choice of a question.
type Option struct {
	Text    string `yaml:"text"`
	Correct bool   `yaml:"correct"`
}

// CorrectOption returns the index of the question's correct option.
func (q Question) CorrectOption() int {
	for i, option := range q.Options {
		if option.Correct {
			return i
		}
	}
	return -1
}

// Question returns the question with id.
func (a Assessment) Question(id string) (Question, bool) {
	for _, question := range a.Questions {
		if question.ID == id {
			return question, true
		}
	}
	return Question{}, false
}

func loadAssessment(fsys fs.FS, assessment *Assessment) error {
	check, err := readFile(fsys, assessmentFile, assessment)
	if err != nil {
		return err
	}
	check.count(fieldPath{"questions"}, len(assessment.Questions), minQuestions, maxQuestions)

	ids := map[string]bool{}
	for i, question := range assessment.Questions {
		at := fieldPath{"questions", i}
		question.check(check, at)
		if ids[question.ID] {
			check.report(append(at, "id"), "%q is the id of another question", question.ID)
		}
		ids[question.ID] = true
	}
	return check.err()
}

func (q Question) check(check *checker, at fieldPath) {
	check.id(append(at, "id"), q.ID)
	check.id(append(at, "place"), q.Place)
	check.text(append(at, "text"), q.Text, maxQuestionText)
	check.text(append(at, "explanation"), q.Explanation, maxExplanation)
	check.count(append(at, "options"), len(q.Options), minOptions, maxOptions)

	correct := 0
	seen := map[string]bool{}
	for i, option := range q.Options {
		check.text(append(at, "options", i, "text"), option.Text, maxOptionText)
		if seen[option.Text] {
			check.report(append(at, "options", i, "text"), "%q is offered twice", option.Text)
		}
		seen[option.Text] = true
		if option.Correct {
			correct++
		}
	}
	if len(q.Options) > 0 && correct != 1 {
		check.report(append(at, "options"), "%d options are marked correct: true, but exactly one must be", correct)
	}
}

// checkPlaces reports questions whose place is not on the campus. label
// returns how a message names a file.
func (a Assessment) checkPlaces(campus Campus, label func(name string) string) error {
	var problems []error
	for _, question := range a.Questions {
		if _, ok := campus.Place(question.Place); !ok {
			problems = append(problems, fmt.Errorf("%s: question %q: place %q is not in %s",
				label(assessmentFile), question.ID, question.Place, label(campusFile)))
		}
	}
	return errors.Join(problems...)
}
