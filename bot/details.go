package bot

import (
	"context"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// detailsView returns the details form of role, filled in with the
// person's profile when they have one.
// While registering, a draft that the person closed without saving fills
// the form instead.
func (a *App) detailsView(registration domain.Registration, role domain.Role, editing bool) slack.ModalViewRequest {
	model := blocks.DetailsModel{
		Role:    role,
		Lists:   a.content().Lists,
		Editing: editing,
		Mentor:  registration.Mentor,
		Mentee:  registration.Mentee,
	}
	if !editing && model.Mentor == nil && registration.MentorDraft != nil && role == domain.RoleMentor {
		model.Mentor = registration.MentorDraft
	}
	if !editing && model.Mentee == nil && registration.MenteeDraft != nil && role == domain.RoleMentee {
		model.Mentee = registration.MenteeDraft
	}
	return blocks.DetailsView(model)
}

// handleDetailsClosed keeps what the person typed into a details form that
// they closed while registering, so the form reopens with it. Slack sends
// view_closed because the form sets notify_on_close.
func (a *App) handleDetailsClosed(_ context.Context, callback *slack.InteractionCallback) (Response, error) {
	var metadata blocks.DetailsMetadata
	if err := blocks.DecodeMetadata(callback.View.PrivateMetadata, &metadata); err != nil {
		return Response{}, err
	}
	role, ok := domain.ParseRole(string(metadata.Role))
	if !ok || metadata.Editing {
		return Response{}, nil
	}
	person := personOf(callback)
	values := callback.View.State.Values

	return Response{After: func(ctx context.Context) error {
		var draft any = blocks.ParseMenteeDetails(values)
		if role == domain.RoleMentor {
			draft = blocks.ParseMentorDetails(values)
		}
		return a.store.SaveProfileDraft(ctx, person, role, draft, a.now())
	}}, nil
}

// handleDetailsSubmission validates and saves a role's details. Invalid
// fields are returned to the form with a message each, and nothing is
// saved.
func (a *App) handleDetailsSubmission(ctx context.Context, callback *slack.InteractionCallback) (Response, error) {
	var metadata blocks.DetailsMetadata
	if err := blocks.DecodeMetadata(callback.View.PrivateMetadata, &metadata); err != nil {
		return Response{}, err
	}
	submission, err := a.checkStepSubmission(ctx, callback, metadata.Role, domain.StepDetails)
	if err != nil || submission.blocked != nil {
		return responseOf(submission.blocked), err
	}
	role, person, registration := submission.role, submission.person, submission.registration

	errs, err := a.saveDetails(ctx, role, callback.View.State.Values, &registration)
	if err != nil {
		return Response{}, err
	}
	if len(errs) > 0 {
		return Response{Body: blocks.FieldErrorsResponse(errs)}, nil
	}

	view, err := a.profileView(ctx, registration)
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

// saveDetails parses, validates and saves the details of role from a
// form's values, and puts the saved profile into registration. It returns
// the field errors, and saves nothing, when a value is invalid.
func (a *App) saveDetails(ctx context.Context, role domain.Role, values map[string]map[string]slack.BlockAction, registration *domain.Registration) (domain.FieldErrors, error) {
	person := registration.Person
	if role == domain.RoleMentor {
		profile := blocks.ParseMentorDetails(values)
		profile.UpdatedAt = a.now()
		if errs := profile.Validate(a.choices()); len(errs) > 0 {
			return errs, nil
		}
		if err := a.store.SaveMentorProfile(ctx, person, profile); err != nil {
			return nil, err
		}
		registration.Mentor = &profile
		a.storeDisplayName(ctx, person)
		return nil, nil
	}

	profile := blocks.ParseMenteeDetails(values)
	profile.UpdatedAt = a.now()
	if errs := profile.Validate(a.choices()); len(errs) > 0 {
		return errs, nil
	}
	if err := a.store.SaveMenteeProfile(ctx, person, profile); err != nil {
		return nil, err
	}
	registration.Mentee = &profile
	a.storeDisplayName(ctx, person)
	return nil, nil
}

// storeDisplayName keeps the person's Slack name, for the programme
// team's exports and so that searches find mentors by name. A failed
// lookup is logged, and the name is stored next time.
func (a *App) storeDisplayName(ctx context.Context, person domain.PersonKey) {
	lookupCtx, cancel := context.WithTimeout(ctx, profileLookupTimeout)
	defer cancel()
	user, err := a.users.Lookup(lookupCtx, person.UserID)
	if err == nil {
		err = a.store.SetDisplayName(ctx, person, user.Name, a.now())
	}
	if err != nil {
		a.logger.WithError(err).WithField("user_id", person.UserID).Warn("Failed to store a person's Slack name")
	}
}
