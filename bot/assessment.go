package bot

import (
	"context"
	"errors"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

// assessmentView returns the assessment page to show: the result of the
// latest attempt once it is finished, so a failed result and its places to
// revisit stay until the person chooses to retake; otherwise the first
// unanswered question of the current attempt, which it starts if there is
// none.
func (a *App) assessmentView(ctx context.Context, registration domain.Registration, role domain.Role) (slack.ModalViewRequest, error) {
	latest, err := a.store.LatestAttempt(ctx, registration.Person)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return a.startAttempt(ctx, registration.Person, role)
	case err != nil:
		return slack.ModalViewRequest{}, err
	case latest.FinishedAt != nil:
		return a.resultView(latest, role), nil
	default:
		return a.continueAttempt(ctx, latest, role)
	}
}

// startAttempt starts a new attempt, or continues the unfinished one, and
// returns its first unanswered question.
func (a *App) startAttempt(ctx context.Context, person domain.PersonKey, role domain.Role) (slack.ModalViewRequest, error) {
	attempt, err := a.store.StartAttempt(ctx, person, a.now())
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	return a.continueAttempt(ctx, attempt, role)
}

// continueAttempt returns the first unanswered question of attempt, or
// scores it when every question is answered. attempt's answers must be the
// stored ones, so that two submissions racing to finish it score alike.
func (a *App) continueAttempt(ctx context.Context, attempt domain.Attempt, role domain.Role) (slack.ModalViewRequest, error) {
	questions := a.questionKeys()
	index := domain.NextQuestion(questions, attempt.Answers)
	if index < len(questions) {
		return blocks.QuestionView(blocks.QuestionModel{
			AttemptID:     attempt.ID,
			AttemptNumber: attempt.Number,
			Question:      a.content().Assessment.Questions[index],
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
		if place, ok := a.content().Campus.Place(placeID); ok {
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
	submission, err := a.checkStepSubmission(ctx, callback, metadata.Role, domain.StepAssessment)
	if err != nil || submission.blocked != nil {
		return responseOf(submission.blocked), err
	}
	role, person, registration := submission.role, submission.person, submission.registration

	attempt, err := a.store.LatestAttempt(ctx, person)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return Response{}, err
	}
	question, known := a.content().Assessment.Question(metadata.QuestionID)
	if err != nil || attempt.ID != metadata.AttemptID || attempt.FinishedAt != nil || !known {
		// A page of another person's attempt, of an attempt already
		// finished, or of a question no longer asked: show where this
		// person really is instead, starting nothing new.
		if attempt.ID != metadata.AttemptID {
			a.logger.WithFields(map[string]any{"user_id": person.UserID, "attempt_id": metadata.AttemptID}).
				Warn("Rejected an answer to an attempt that is not the person's current one")
		}
		view, err := a.assessmentView(ctx, registration, role)
		if err != nil {
			return Response{}, err
		}
		return updateResponse(view), nil
	}

	option, ok := blocks.ParseAnswer(callback.View.State.Values, attempt.ID, question.ID, len(question.Options))
	if !ok {
		blockID := blocks.AnswerBlockID(attempt.ID, question.ID)
		return Response{Body: slack.NewErrorsViewSubmissionResponse(map[string]string{blockID: "Please choose an answer."})}, nil
	}
	if _, err := a.store.RecordAnswer(ctx, attempt.ID, question.ID, option, a.now()); err != nil {
		return Response{}, err
	}
	// Read the answers back: when the page was submitted twice, the first
	// answer is the one stored and scored.
	if attempt, err = a.store.LatestAttempt(ctx, person); err != nil {
		return Response{}, err
	}

	view, err := a.continueAttempt(ctx, attempt, role)
	if err != nil {
		return Response{}, err
	}
	return Response{
		Body: updateResponse(view).Body,
		After: func(ctx context.Context) error {
			return a.publishHome(ctx, person)
		},
	}, nil
}

// updateResponse returns a view submission's response that replaces the
// modal with view.
func updateResponse(view slack.ModalViewRequest) Response {
	return Response{Body: slack.NewUpdateViewSubmissionResponse(&view)}
}

// responseOf returns *response, or an empty Response when it is nil.
func responseOf(response *Response) Response {
	if response == nil {
		return Response{}
	}
	return *response
}

// metadataRole checks the role that a modal's metadata carries. Slack
// keeps the metadata, so a bad role means a forged or very old request.
func metadataRole(role domain.Role) (domain.Role, error) {
	if parsed, ok := domain.ParseRole(string(role)); ok {
		return parsed, nil
	}
	return "", domain.NewUserError("This form is out of date. Please close it and open it again from Mentorbot's App Home.")
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
		if registration.AssessmentPassedAt != nil {
			next, err := a.assessmentView(ctx, registration, role)
			if err != nil {
				return err
			}
			return a.updateView(ctx, view, next)
		}
		next, err := a.startAttempt(ctx, person, role)
		if err != nil {
			return err
		}
		return a.updateView(ctx, view, next)
	}}, nil
}
