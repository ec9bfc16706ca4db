package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// maxReviewPage bounds the page a button may ask for, far beyond any
// mentor's list, so its offset cannot overflow.
const maxReviewPage = 10_000

// runMentees handles "/mentor mentees".
func (a *App) runMentees(_ context.Context, command slack.SlashCommand, _ commandLine) (Response, error) {
	mentor := commandPerson(command)
	trigger := command.TriggerID
	return Response{After: func(ctx context.Context) error {
		return a.openReview(ctx, trigger, mentor)
	}}, nil
}

// handleReviewOpen opens Review my mentees from the App Home.
func (a *App) handleReviewOpen(_ context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	mentor := personOf(callback)
	trigger := callback.TriggerID
	return Response{After: func(ctx context.Context) error {
		return a.openReview(ctx, trigger, mentor)
	}}, nil
}

func (a *App) openReview(ctx context.Context, trigger string, mentor domain.PersonKey) error {
	registration, err := a.store.Registration(ctx, mentor)
	if err != nil {
		return err
	}
	if registration.Mentor == nil {
		return domain.NewUserError("Review my mentees is for mentors. Register as a mentor from Mentorbot's App Home first.")
	}
	view, err := a.reviewView(ctx, mentor, 0)
	if err != nil {
		return err
	}
	if _, err := a.api.OpenViewContext(ctx, trigger, view); err != nil {
		return fmt.Errorf("open review modal: %w", err)
	}
	return nil
}

// reviewView returns page of the mentor's mentees, three a page.
func (a *App) reviewView(ctx context.Context, mentor domain.PersonKey, page int) (slack.ModalViewRequest, error) {
	model, err := a.reviewModel(ctx, mentor, page)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	return blocks.ReviewView(model), nil
}

// reviewModel returns page of the mentor's mentees, three a page, as the
// review modal and the App Home show them.
func (a *App) reviewModel(ctx context.Context, mentor domain.PersonKey, page int) (blocks.ReviewModel, error) {
	invitations, total, err := a.store.MentorInvitations(ctx, mentor, max(page, 0)*blocks.PageSize, blocks.PageSize)
	if err != nil {
		return blocks.ReviewModel{}, err
	}
	if len(invitations) == 0 && page > 0 && total > 0 {
		// The list shrank since the page was shown; show the last page.
		return a.reviewModel(ctx, mentor, (total-1)/blocks.PageSize)
	}
	model := blocks.ReviewModel{Page: max(page, 0), Total: total}
	for _, invitation := range invitations {
		registration, err := a.store.Registration(ctx, invitation.Mentee)
		if err != nil {
			return blocks.ReviewModel{}, err
		}
		model.Entries = append(model.Entries, blocks.ReviewEntry{
			Invitation: invitation,
			Mentee:     a.personCard(ctx, invitation.Mentee.UserID),
			Profile:    registration.Mentee,
		})
	}
	return model, nil
}

// handleReviewPage moves to another page of mentees.
func (a *App) handleReviewPage(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	// Slack sends the page the view offered; anything else is forged, and
	// is brought into range instead of failing.
	page, err := strconv.Atoi(action.Value)
	if err != nil || page < 0 {
		page = 0
	}
	page = min(page, maxReviewPage)
	mentor := personOf(callback)
	view := callback.View
	return Response{After: func(ctx context.Context) error {
		if view.Type == slack.VTHomeTab {
			return a.publishHomeAt(ctx, mentor, page)
		}
		next, err := a.reviewView(ctx, mentor, page)
		if err != nil {
			return err
		}
		return a.updateView(ctx, view, next)
	}}, nil
}

// handleReviewStatus makes the change chosen in a mentee card's drop-down,
// with the same checks and DMs as the buttons. The page is redrawn either
// way, so a refused change shows the real status again.
func (a *App) handleReviewStatus(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	id, to, ok := blocks.ParseReviewStatus(action.SelectedOption.Value)
	if !ok {
		return Response{}, fmt.Errorf("status option %q is not an invitation and a status", action.SelectedOption.Value)
	}
	var metadata blocks.ReviewMetadata
	_ = blocks.DecodeMetadata(callback.View.PrivateMetadata, &metadata)
	mentor := personOf(callback)
	view := callback.View
	target := target{userID: mentor.UserID}

	return Response{After: func(ctx context.Context) error {
		var text string
		change, changeErr := a.transition(ctx, id, mentor, to, domain.TransitionOptions{})
		if message, isRule := domain.UserMessage(changeErr); isRule {
			text = message
		} else if changeErr == nil {
			text = confirmation(change)
		}

		if view.Type == slack.VTHomeTab {
			// The App Home is redrawn either way, as the modal is below.
			if err := a.publishHomeAt(ctx, mentor, metadata.Page); err != nil {
				return errors.Join(changeErr, err)
			}
			if text == "" {
				return changeErr
			}
			a.notifyQuietly(ctx, target, text)
			return nil
		}

		next, err := a.reviewView(ctx, mentor, metadata.Page)
		if err != nil {
			return errors.Join(changeErr, err)
		}
		if err := a.updateView(ctx, view, next); err != nil {
			return errors.Join(changeErr, err)
		}
		if text == "" {
			return changeErr
		}
		a.notifyQuietly(ctx, target, text)
		return a.publishHome(ctx, mentor)
	}}, nil
}
