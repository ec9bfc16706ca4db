package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// profileLookupTimeout bounds users.info while a view submission waits, so
// the response still reaches Slack within its 3-second deadline.
const profileLookupTimeout = 1200 * time.Millisecond

// profileView returns My profile for the person. Their Slack name and
// picture are left out when users.info fails or is slow.
func (a *App) profileView(ctx context.Context, registration domain.Registration) (slack.ModalViewRequest, error) {
	model := blocks.ProfileModel{Mentee: registration.Mentee, Mentor: registration.Mentor}
	for _, role := range []domain.Role{domain.RoleMentee, domain.RoleMentor} {
		if registration.HasStarted(role) && !registration.HasProfile(role) {
			model.Registering = append(model.Registering, role)
		}
	}

	lookupCtx, cancel := context.WithTimeout(ctx, profileLookupTimeout)
	defer cancel()
	user, err := a.users.Lookup(lookupCtx, registration.Person.UserID)
	if err != nil {
		a.logger.WithError(err).WithField("user_id", registration.Person.UserID).
			Warn("Failed to look up a Slack profile; showing the profile without name and picture")
	} else {
		model.Name, model.ImageURL = user.Name, user.ImageURL
	}
	return blocks.ProfileView(model), nil
}

// runProfile handles "/mentor profile".
func (a *App) runProfile(_ context.Context, command slack.SlashCommand, _ commandLine) (Response, error) {
	person := commandPerson(command)
	trigger := command.TriggerID
	return Response{After: func(ctx context.Context) error {
		return a.openProfile(ctx, trigger, person)
	}}, nil
}

// handleOpenProfile opens My profile from the App Home.
func (a *App) handleOpenProfile(_ context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	person := personOf(callback)
	trigger := callback.TriggerID
	return Response{After: func(ctx context.Context) error {
		return a.openProfile(ctx, trigger, person)
	}}, nil
}

func (a *App) openProfile(ctx context.Context, triggerID string, person domain.PersonKey) error {
	registration, err := a.store.Registration(ctx, person)
	if err != nil {
		return err
	}
	view, err := a.profileView(ctx, registration)
	if err != nil {
		return err
	}
	if _, err := a.api.OpenViewContext(ctx, triggerID, view); err != nil {
		return fmt.Errorf("open profile modal: %w", err)
	}
	return nil
}

// handleEditProfile replaces My profile with the details form of the role
// in the button's value.
func (a *App) handleEditProfile(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
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
		if !registration.HasProfile(role) {
			next, err := a.stepView(ctx, registration, role, registration.NextStep(role, a.content().Conduct.Version))
			if err != nil {
				return err
			}
			return a.updateView(ctx, view, next)
		}
		return a.updateView(ctx, view, a.detailsView(registration, role, true))
	}}, nil
}

// handleMentorSetting changes "included in search results" or "available
// to mentor" to the button's value and shows the profile again.
func (a *App) handleMentorSetting(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	var setting bool
	switch action.Value {
	case "true":
		setting = true
	case "false":
	default:
		return Response{}, fmt.Errorf("button value %q is not true or false", action.Value)
	}
	person := personOf(callback)
	view := callback.View
	actionID := action.ActionID

	return Response{After: func(ctx context.Context) error {
		registration, err := a.store.Registration(ctx, person)
		if err != nil {
			return err
		}
		if registration.Mentor == nil {
			return domain.NewUserError("You haven't registered as a mentor yet, so there is nothing to change.")
		}
		available, searchable := registration.Mentor.Available, registration.Mentor.Searchable
		if actionID == blocks.ActionSetAvailable {
			available = setting
		} else {
			searchable = setting
		}
		err = a.store.SetMentorAvailability(ctx, person, available, searchable, a.now())
		if errors.Is(err, domain.ErrNotFound) {
			return domain.NewUserError("You haven't registered as a mentor yet, so there is nothing to change.")
		}
		if err != nil {
			return err
		}
		registration.Mentor.Available, registration.Mentor.Searchable = available, searchable

		updated, err := a.profileView(ctx, registration)
		if err != nil {
			return err
		}
		if err := a.updateView(ctx, view, updated); err != nil {
			return err
		}
		return a.publishHome(ctx, person)
	}}, nil
}
