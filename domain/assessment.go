package domain

import "time"

// DefaultPassMark is the number of correct answers that passes the
// assessment unless the programme team sets another.
const DefaultPassMark = 18

// QuestionKey is what scoring needs to know of a question.
type QuestionKey struct {
	ID string
	// Place is the id of the learning package's place that teaches the
	// answer.
	Place string
	// Correct is the index of the correct option.
	Correct int
}

// Attempt is one go at the assessment. Every attempt is kept.
type Attempt struct {
	ID     int64
	Person PersonKey
	// Number counts the person's attempts from 1.
	Number     int
	StartedAt  time.Time
	FinishedAt *time.Time
	// Answers maps question ids to the chosen option's index.
	Answers map[string]int
	// Score is set when the attempt is finished.
	Score *Score
}

// Score is the result of a finished attempt.
type Score struct {
	Correct int
	Total   int
	Passed  bool
	// Missed lists the ids of the questions answered wrongly, in order.
	Missed []string
	// Revisit lists the places that teach the missed questions, each once,
	// in the order of the questions.
	Revisit []string
}

// NextQuestion returns the index of the first question that answers lacks,
// or len(questions) when every question is answered.
func NextQuestion(questions []QuestionKey, answers map[string]int) int {
	for i, question := range questions {
		if _, ok := answers[question.ID]; !ok {
			return i
		}
	}
	return len(questions)
}

// ScoreAnswers scores answers against questions. An unanswered question
// counts as wrong. passMark is the number of correct answers needed.
func ScoreAnswers(questions []QuestionKey, answers map[string]int, passMark int) Score {
	score := Score{Total: len(questions)}
	revisit := map[string]bool{}
	for _, question := range questions {
		chosen, ok := answers[question.ID]
		if ok && chosen == question.Correct {
			score.Correct++
			continue
		}
		score.Missed = append(score.Missed, question.ID)
		if !revisit[question.Place] {
			revisit[question.Place] = true
			score.Revisit = append(score.Revisit, question.Place)
		}
	}
	score.Passed = score.Correct >= passMark
	return score
}
