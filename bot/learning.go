package bot

import (
	"context"
	"fmt"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

// learningView returns the learning modal at position. chosen is the
// picked response of a scenario screen, or -1.
func (a *App) learningView(registration domain.Registration, role domain.Role, position domain.LearningPosition, chosen int) slack.ModalViewRequest {
	done := map[string]bool{}
	for placeID := range registration.PlacesDone {
		done[placeID] = true
	}
	position = a.clampPosition(position)
	if _, ok := a.scenarioAt(position); !ok {
		chosen = -1
	}
	return blocks.LearningView(blocks.LearningModel{
		Campus:    a.content().Campus,
		Done:      done,
		Completed: registration.LearningCompletedAt != nil,
		Role:      role,
		Position:  position,
		Chosen:    chosen,
	})
}

// clampPosition returns position, or the map when it names a place or
// screen that the content no longer has.
func (a *App) clampPosition(position domain.LearningPosition) domain.LearningPosition {
	if position.PlaceID == "" {
		return domain.LearningPosition{}
	}
	place, ok := a.content().Campus.Place(position.PlaceID)
	if !ok || position.Step < 0 || position.Step >= place.Steps() {
		return domain.LearningPosition{}
	}
	return position
}

// scenarioAt returns the scenario shown at position, if it is one.
func (a *App) scenarioAt(position domain.LearningPosition) (content.Scenario, bool) {
	place, ok := a.content().Campus.Place(position.PlaceID)
	if !ok {
		return content.Scenario{}, false
	}
	index := position.Step - len(place.Pages)
	if index < 0 || index >= len(place.Scenarios) {
		return content.Scenario{}, false
	}
	return place.Scenarios[index], true
}

// handleLearningAction moves through the learning modal: visiting a place,
// paging, picking a scenario response, or returning to the map.
func (a *App) handleLearningAction(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	var metadata blocks.LearningMetadata
	if err := blocks.DecodeMetadata(callback.View.PrivateMetadata, &metadata); err != nil {
		return Response{}, err
	}
	role, err := metadataRole(metadata.Role)
	if err != nil {
		return Response{}, err
	}
	person := personOf(callback)
	view := callback.View
	actionID, value := action.ActionID, action.Value
	shown := domain.LearningPosition{PlaceID: metadata.PlaceID, Step: metadata.Step}

	return Response{After: func(ctx context.Context) error {
		registration, err := a.store.Registration(ctx, person)
		if err != nil {
			return err
		}
		// The stored position is the one the person last saw. A modal
		// that shows another one, an old copy or a forged one, is brought
		// up to date instead of moved, so a screen can't be skipped.
		current, err := a.store.LearningPosition(ctx, person)
		if err != nil {
			return err
		}
		if a.clampPosition(current) != a.clampPosition(shown) {
			return a.updateView(ctx, view, a.learningView(registration, role, current, -1))
		}

		next, chosen, err := a.moveLearning(ctx, person, current, actionID, value)
		if err != nil {
			return err
		}
		if err := a.store.SaveLearningPosition(ctx, person, next, a.now()); err != nil {
			return err
		}
		if next.PlaceID == "" && current.PlaceID != "" {
			// Finishing a place is recorded in moveLearning; show its tick.
			if registration, err = a.store.Registration(ctx, person); err != nil {
				return err
			}
		}
		return a.updateView(ctx, view, a.learningView(registration, role, next, chosen))
	}}, nil
}

// moveLearning returns the position that an action leads to from current,
// and the response it picks. Finishing a place's last screen records the
// place as done.
func (a *App) moveLearning(ctx context.Context, person domain.PersonKey, current domain.LearningPosition, actionID, value string) (domain.LearningPosition, int, error) {
	current = a.clampPosition(current)
	place, inPlace := a.content().Campus.Place(current.PlaceID)

	switch actionID {
	case blocks.ActionLearningVisit:
		if _, ok := a.content().Campus.Place(value); !ok {
			return current, -1, domain.NewUserError("That place is no longer on the campus map. Please pick another.")
		}
		return domain.LearningPosition{PlaceID: value}, -1, nil
	case blocks.ActionLearningBack:
		if !inPlace || current.Step == 0 {
			return domain.LearningPosition{}, -1, nil
		}
		return domain.LearningPosition{PlaceID: place.ID, Step: current.Step - 1}, -1, nil
	case blocks.ActionLearningNext:
		if !inPlace {
			return domain.LearningPosition{}, -1, nil
		}
		if current.Step+1 < place.Steps() {
			return domain.LearningPosition{PlaceID: place.ID, Step: current.Step + 1}, -1, nil
		}
		if err := a.store.CompletePlace(ctx, person, place.ID, a.now()); err != nil {
			return current, -1, err
		}
		return domain.LearningPosition{}, -1, nil
	case blocks.ActionLearningRespond:
		scenario, ok := a.scenarioAt(current)
		chosen, err := strconv.Atoi(value)
		if !ok || err != nil || chosen < 0 || chosen >= len(scenario.Responses) {
			return current, -1, fmt.Errorf("response %q does not fit the screen at %+v", value, current)
		}
		return current, chosen, nil
	case blocks.ActionLearningRetry:
		return current, -1, nil
	default:
		return domain.LearningPosition{}, -1, nil
	}
}

// handleLearningFinish completes the learning package once every place is
// done, and shows the map with the way on to the assessment.
func (a *App) handleLearningFinish(_ context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	var metadata blocks.LearningMetadata
	if err := blocks.DecodeMetadata(callback.View.PrivateMetadata, &metadata); err != nil {
		return Response{}, err
	}
	role, err := metadataRole(metadata.Role)
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
		done := map[string]bool{}
		for placeID := range registration.PlacesDone {
			done[placeID] = true
		}
		if !domain.LearningComplete(a.content().Campus.PlaceIDs, done) {
			return domain.NewUserError("Visit every place on the campus map first: the ones without a tick are still to do.")
		}
		if err := a.store.CompleteLearning(ctx, person, a.now()); err != nil {
			return err
		}
		registration.LearningCompletedAt = new(a.now())
		if err := a.updateView(ctx, view, a.learningView(registration, role, domain.LearningPosition{}, -1)); err != nil {
			return err
		}
		return a.publishHome(ctx, person)
	}}, nil
}

// handleOpenCampus opens the learning package at the campus map, so a
// registered person can reread it.
func (a *App) handleOpenCampus(_ context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	person := personOf(callback)
	trigger := callback.TriggerID
	return Response{After: func(ctx context.Context) error {
		registration, err := a.store.Registration(ctx, person)
		if err != nil {
			return err
		}
		role := domain.RoleMentee
		if registration.HasProfile(domain.RoleMentor) {
			role = domain.RoleMentor
		}
		if err := a.store.SaveLearningPosition(ctx, person, domain.LearningPosition{}, a.now()); err != nil {
			return err
		}
		view := a.learningView(registration, role, domain.LearningPosition{}, -1)
		if _, err := a.api.OpenViewContext(ctx, trigger, view); err != nil {
			return fmt.Errorf("open campus map: %w", err)
		}
		return nil
	}}, nil
}
