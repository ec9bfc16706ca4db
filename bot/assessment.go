package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

// assessmentView returns the assessment page to show: the result once the
// person has passed, otherwise the first unanswered question of their
// current attempt, which it starts if there is none.
func (a *App) assessmentView(ctx context.Context, registration domain.Registration, role domain.Role) (slack.ModalViewRequest, error) {
	person := registration.Person
	if registration.AssessmentPassedAt != nil {
		latest, err := a.store.LatestAttempt(ctx, person)
		if err != nil {
			return slack.ModalViewRequest{}, err
		}
		return a.resultView(latest, role), nil
	}

	attempt, err := a.store.StartAttempt(ctx, person, a.now())
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	return a.continueAttempt(ctx, attempt, role)
}

// continueAttempt returns the first unanswered question of attempt, or
// scores it when every question is answered.
func (a *App) continueAttempt(ctx context.Context, attempt domain.Attempt, role domain.Role) (slack.ModalViewRequest, error) {
	questions := a.questionKeys()
	index := domain.NextQuestion(questions, attempt.Answers)
	if index < len(questions) {
		return blocks.QuestionView(blocks.QuestionModel{
			AttemptID:     attempt.ID,
			AttemptNumber: attempt.Number,
			Question:      a.content.Assessment.Questions[index],
			Index:         index,
			Total:         len(questions),
			PassMark:      a.passMark,
		}, role), nil
	}

	score := domain.ScoreAnswers(questions, attempt.Answers, a.passMark)
	if err := a.store.FinishAttempt(ctx, attempt.ID, score, a.now()); err != nil {
		return slack.ModalViewRequest{}, err
	}
	attempt.Score = &score
	return a.resultView(attempt, role), nil
}

// resultView returns an attempt's result, scored against the current
// questions so the places to revisit are named.
func (a *App) resultView(attempt domain.Attempt, role domain.Role) slack.ModalViewRequest {
	score := domain.ScoreAnswers(a.questionKeys(), attempt.Answers, a.passMark)
	if attempt.Score != nil {
		// The stored result stands even if the pass mark changed since.
		score.Correct, score.Total, score.Passed = attempt.Score.Correct, attempt.Score.Total, attempt.Score.Passed
	}
	var revisit []content.Place
	for _, placeID := range score.Revisit {
		if place, ok := a.content.Campus.Place(placeID); ok {
			revisit = append(revisit, place)
		}
	}
	return blocks.ResultView(blocks.ResultModel{Score: score, PassMark: a.passMark, Role: role, Revisit: revisit})
}

// handleAnswer stores the answer of an assessment page and shows the next
// page, or the result after the last question.
func (a *App) handleAnswer(ctx context.Context, callback *slack.InteractionCallback) (Response, error) {
	var metadata blocks.AssessmentMetadata
	if err := blocks.DecodeMetadata(callback.View.PrivateMetadata, &metadata); err != nil {
		return Response{}, err
	}
	person := personOf(callback)
	registration, err := a.store.Registration(ctx, person)
	if err != nil {
		return Response{}, err
	}
	if blocked, ok := a.blockedView(registration, metadata.Role, domain.StepAssessment); ok {
		a.logger.WithField("user_id", person.UserID).Warn("Rejected an assessment answer before the learning package was done")
		return Response{Body: slack.NewUpdateViewSubmissionResponse(&blocked)}, nil
	}

	attempt, err := a.store.LatestAttempt(ctx, person)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return Response{}, err
	}
	if err != nil || attempt.ID != metadata.AttemptID || attempt.FinishedAt != nil {
		// A page of another person's or an old attempt: show where this
		// person really is instead.
		a.logger.WithFields(map[string]any{"user_id": person.UserID, "attempt_id": metadata.AttemptID}).
			Warn("Rejected an answer to an attempt that is not the person's current one")
		view, err := a.assessmentView(ctx, registration, metadata.Role)
		if err != nil {
			return Response{}, err
		}
		return Response{Body: slack.NewUpdateViewSubmissionResponse(&view)}, nil
	}

	question, ok := a.content.Assessment.Question(metadata.QuestionID)
	if !ok {
		return Response{}, fmt.Errorf("answer to unknown question %q", metadata.QuestionID)
	}
	option, ok := blocks.ParseAnswer(callback.View.State.Values, attempt.ID, question.ID, len(question.Options))
	if !ok {
		blockID := blocks.AnswerBlockID(attempt.ID, question.ID)
		return Response{Body: slack.NewErrorsViewSubmissionResponse(map[string]string{blockID: "Please choose an answer."})}, nil
	}
	if _, err := a.store.RecordAnswer(ctx, attempt.ID, question.ID, option, a.now()); err != nil {
		return Response{}, err
	}
	if _, answered := attempt.Answers[question.ID]; !answered {
		attempt.Answers[question.ID] = option
	}

	view, err := a.continueAttempt(ctx, attempt, metadata.Role)
	if err != nil {
		return Response{}, err
	}
	return Response{
		Body: slack.NewUpdateViewSubmissionResponse(&view),
		After: func(ctx context.Context) error {
			return a.publishHome(ctx, person)
		},
	}, nil
}

// handleRetake starts a new attempt after a failed one.
func (a *App) handleRetake(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	role, err := roleValue(action.Value)
	if err != nil {
		return Response{}, err
	}
	person := personOf(callback)
	view := callback.View

	return Response{After: func(ctx context.Context) error {
		registration, err := a.store.Registration(ctx, person)
		if err != nil {
			return err
		}
		if blocked, ok := a.blockedView(registration, role, domain.StepAssessment); ok {
			return a.updateView(ctx, view, blocked)
		}
		next, err := a.assessmentView(ctx, registration, role)
		if err != nil {
			return err
		}
		return a.updateView(ctx, view, next)
	}}, nil
}
