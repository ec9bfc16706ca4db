package bot

import (
	"context"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// conductView returns the current code of conduct, noting an older version
// the person agreed to.
func (a *App) conductView(registration domain.Registration, role domain.Role) slack.ModalViewRequest {
	model := blocks.ConductModel{Conduct: a.content().Conduct, Role: role}
	switch {
	case registration.ConsentVersion == a.content().Conduct.Version:
		model.AgreedAt = registration.ConsentAt
	case registration.ConsentVersion != "":
		model.PreviousVersion = registration.ConsentVersion
	}
	return blocks.ConductView(model)
}

// handleConductSubmission records agreement to the code of conduct shown,
// then moves on to the details of the role being registered.
func (a *App) handleConductSubmission(ctx context.Context, callback *slack.InteractionCallback) (Response, error) {
	var metadata blocks.ConductMetadata
	if err := blocks.DecodeMetadata(callback.View.PrivateMetadata, &metadata); err != nil {
		return Response{}, err
	}
	submission, err := a.checkStepSubmission(ctx, callback, metadata.Role, domain.StepConduct)
	if err != nil || submission.blocked != nil {
		return responseOf(submission.blocked), err
	}
	role, person, registration := submission.role, submission.person, submission.registration

	// Agreement counts only for the text the person read. When the
	// programme team published a new version meanwhile, show that one.
	if metadata.Version != a.content().Conduct.Version {
		view := a.conductView(registration, role)
		return Response{Body: slack.NewUpdateViewSubmissionResponse(&view)}, nil
	}
	now := a.now()
	if err := a.store.RecordConsent(ctx, person, metadata.Version, now); err != nil {
		return Response{}, err
	}
	registration.ConsentVersion, registration.ConsentAt = metadata.Version, &now

	next, err := a.stepView(ctx, registration, role, registration.NextStep(role, a.content().Conduct.Version))
	if err != nil {
		return Response{}, err
	}
	return Response{
		Body: slack.NewUpdateViewSubmissionResponse(&next),
		After: func(ctx context.Context) error {
			return a.publishHome(ctx, person)
		},
	}, nil
}

// handleReviewConduct opens the current code of conduct for a registered
// person who agreed to an older version.
func (a *App) handleReviewConduct(_ context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
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
		_, err = a.api.OpenViewContext(ctx, trigger, a.conductView(registration, role))
		return err
	}}, nil
}
