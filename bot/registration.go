package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// personOf returns the person who sent an interaction. Identity always
// comes from Slack's payload, never from a button's value or metadata.
func personOf(callback *slack.InteractionCallback) domain.PersonKey {
	return domain.PersonKey{TeamID: teamOf(callback), UserID: callback.User.ID}
}

// teamOf returns the organisation of an interaction's user: the Enterprise
// Grid organisation when there is one, because a person keeps one user id
// across its workspaces; otherwise the workspace. Slack puts the workspace
// under "team" for most payloads and under "user" for some enterprise ones.
func teamOf(callback *slack.InteractionCallback) string {
	switch {
	case callback.Enterprise.ID != "":
		return callback.Enterprise.ID
	case callback.Team.ID != "":
		return callback.Team.ID
	default:
		return callback.User.TeamID
	}
}

// commandPerson returns the person who typed a slash command, keyed as
// teamOf keys interactions.
func commandPerson(command slack.SlashCommand) domain.PersonKey {
	team := command.TeamID
	if command.EnterpriseID != "" {
		team = command.EnterpriseID
	}
	return domain.PersonKey{TeamID: team, UserID: command.UserID}
}

// roleValue reads a role from a button's value.
func roleValue(value string) (domain.Role, error) {
	role, ok := domain.ParseRole(value)
	if !ok {
		return "", fmt.Errorf("button value %q is not a role", value)
	}
	return role, nil
}

// nextStepView returns the modal of person's next registration step as
// role.
func (a *App) nextStepView(ctx context.Context, person domain.PersonKey, role domain.Role) (slack.ModalViewRequest, error) {
	registration, err := a.store.Registration(ctx, person)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	return a.stepView(ctx, registration, role, registration.NextStep(role, a.content().Conduct.Version))
}

// stepView returns the modal of step as role.
func (a *App) stepView(ctx context.Context, registration domain.Registration, role domain.Role, step domain.Step) (slack.ModalViewRequest, error) {
	switch step {
	case domain.StepLearning:
		position, err := a.store.LearningPosition(ctx, registration.Person)
		if err != nil {
			return slack.ModalViewRequest{}, err
		}
		return a.learningView(registration, role, position, -1), nil
	case domain.StepAssessment:
		return a.assessmentView(ctx, registration, role)
	case domain.StepConduct:
		return a.conductView(registration, role), nil
	case domain.StepDetails:
		return a.detailsView(registration, role, false), nil
	default:
		return a.profileView(ctx, registration)
	}
}

// blockedView returns the modal that names the step that comes first, or
// false when step may open.
func (a *App) blockedView(registration domain.Registration, role domain.Role, step domain.Step) (slack.ModalViewRequest, bool) {
	var orderErr *domain.StepOrderError
	if err := registration.CheckStep(role, step, a.content().Conduct.Version); errors.As(err, &orderErr) {
		return blocks.StepBlockedView(blocks.StepBlockedModel{Role: role, Requested: orderErr.Requested, Next: orderErr.Next}), true
	}
	return slack.ModalViewRequest{}, false
}

// handleRegister starts registering for the role in the button's value and
// opens its next step: from the App Home as a new modal, from inside a
// modal, such as My profile, in its place.
func (a *App) handleRegister(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	role, err := roleValue(action.Value)
	if err != nil {
		return Response{}, err
	}
	person := personOf(callback)
	trigger := callback.TriggerID
	view := callback.View
	return Response{After: func(ctx context.Context) error {
		if err := a.store.StartRole(ctx, person, role, a.now()); err != nil {
			return err
		}
		if view.Type == slack.VTModal {
			next, err := a.nextStepView(ctx, person, role)
			if err != nil {
				return err
			}
			if err := a.updateView(ctx, view, next); err != nil {
				return err
			}
		} else if err := a.openNextStep(ctx, trigger, person, role); err != nil {
			return err
		}
		return a.publishHome(ctx, person)
	}}, nil
}

// handleContinue opens the next step of the role in the button's value:
// from the App Home or a DM, such as a registration reminder, as a new
// modal, and from inside a modal in its place.
func (a *App) handleContinue(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	role, err := roleValue(action.Value)
	if err != nil {
		return Response{}, err
	}
	person := personOf(callback)
	if callback.View.Type == slack.VTModal {
		view := callback.View
		return Response{After: func(ctx context.Context) error {
			next, err := a.nextStepView(ctx, person, role)
			if err != nil {
				return err
			}
			return a.updateView(ctx, view, next)
		}}, nil
	}

	trigger := callback.TriggerID
	return Response{After: func(ctx context.Context) error {
		return a.openNextStep(ctx, trigger, person, role)
	}}, nil
}

// openNextStep opens the modal of person's next step as role.
func (a *App) openNextStep(ctx context.Context, triggerID string, person domain.PersonKey, role domain.Role) error {
	view, err := a.nextStepView(ctx, person, role)
	if err != nil {
		return err
	}
	if _, err := a.api.OpenViewContext(ctx, triggerID, view); err != nil {
		return fmt.Errorf("open %s step modal: %w", role, err)
	}
	return nil
}

// updateView replaces the modal that an action came from. The view's hash
// makes Slack reject the update when the modal changed in the meantime, as
// when a second quick click arrives, so only the first click applies.
func (a *App) updateView(ctx context.Context, current slack.View, next slack.ModalViewRequest) error {
	_, err := a.tryUpdateView(ctx, current, next)
	return err
}

// tryUpdateView is updateView that also reports whether Slack applied the
// update, so a handler can store a change only when the person sees it.
func (a *App) tryUpdateView(ctx context.Context, current slack.View, next slack.ModalViewRequest) (bool, error) {
	_, err := a.api.UpdateViewContext(ctx, next, "", current.Hash, current.ID)
	if err != nil && strings.Contains(err.Error(), "hash_conflict") {
		a.logger.WithField("view_id", current.ID).Debug("Skipped a view update after a newer one")
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("update view %s: %w", current.ID, err)
	}
	return true, nil
}

// runRegister handles "/mentor register mentee|mentor".
func (a *App) runRegister(_ context.Context, command slack.SlashCommand, line commandLine) (Response, error) {
	usage := fmt.Sprintf("Say which role: `%s register mentee` or `%s register mentor`.", SlashCommand, SlashCommand)
	if len(line.Args) != 1 {
		return Response{Body: blocks.NoticeMessage(usage)}, nil
	}
	role, ok := domain.ParseRole(strings.ToLower(line.Args[0]))
	if !ok {
		text := fmt.Sprintf("I don't know the role `%s`. %s", blocks.EscapeSlackText(line.Args[0]), usage)
		return Response{Body: blocks.NoticeMessage(text)}, nil
	}

	person := commandPerson(command)
	trigger := command.TriggerID
	return Response{After: func(ctx context.Context) error {
		if err := a.store.StartRole(ctx, person, role, a.now()); err != nil {
			return err
		}
		if err := a.openNextStep(ctx, trigger, person, role); err != nil {
			return err
		}
		return a.publishHome(ctx, person)
	}}, nil
}

// stepSubmission is a registration step's view submission, checked.
type stepSubmission struct {
	role         domain.Role
	person       domain.PersonKey
	registration domain.Registration
	// blocked, when set, is the response that names the step that comes
	// first; the handler returns it and does nothing else.
	blocked *Response
}

// checkStepSubmission reads the person's registration for a submission of
// step as the role in the modal's metadata, and checks that the step may
// open: a stale or forged submission of a later step gets the view that
// names the step that comes first.
func (a *App) checkStepSubmission(ctx context.Context, callback *slack.InteractionCallback, metadataRoleValue domain.Role, step domain.Step) (stepSubmission, error) {
	role, err := metadataRole(metadataRoleValue)
	if err != nil {
		return stepSubmission{}, err
	}
	person := personOf(callback)
	registration, err := a.store.Registration(ctx, person)
	if err != nil {
		return stepSubmission{}, err
	}
	submission := stepSubmission{role: role, person: person, registration: registration}
	if blocked, ok := a.blockedView(registration, role, step); ok {
		a.logger.WithFields(logrus.Fields{"user_id": person.UserID, "step": step.String()}).
			Warn("Rejected a registration step submitted before the steps that come first")
		response := updateResponse(blocked)
		submission.blocked = &response
	}
	return submission, nil
}
