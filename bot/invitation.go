package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// handleInviteSubmission sends the invitation: it records it in
// Considering, which queues the mentor's DM and the mentee's note of what
// happens next, and closes the modals.
func (a *App) handleInviteSubmission(ctx context.Context, callback *slack.InteractionCallback) (Response, error) {
	var metadata blocks.InviteMetadata
	if err := blocks.DecodeMetadata(callback.View.PrivateMetadata, &metadata); err != nil {
		return Response{}, err
	}
	person := personOf(callback)
	mentor := domain.PersonKey{TeamID: person.TeamID, UserID: metadata.MentorID}

	registration, err := a.store.Registration(ctx, person)
	if err != nil {
		return Response{}, err
	}
	if err := a.checkCanSearch(registration); err != nil {
		return noteError(err), nil
	}
	note := blocks.ParseInviteNote(callback.View.State.Values)
	if len([]rune(note)) > domain.MaxNoteLength {
		return Response{Body: slack.NewErrorsViewSubmissionResponse(map[string]string{
			blocks.BlockInviteNote: fmt.Sprintf("Please keep the note to %d characters.", domain.MaxNoteLength),
		})}, nil
	}

	invitation, err := a.store.CreateInvitation(ctx, person, mentor, note, a.maxConsidering, a.now())
	var pendingErr *domain.TooManyPendingError
	if errors.As(err, &pendingErr) {
		return Response{Body: slack.NewErrorsViewSubmissionResponse(map[string]string{
			blocks.BlockInviteNote: a.pendingMessage(ctx, pendingErr),
		})}, nil
	}
	if _, ok := domain.UserMessage(err); ok {
		return noteError(err), nil
	}
	if err != nil {
		return Response{}, err
	}
	a.logger.WithFields(logrus.Fields{
		"invitation_id": invitation.ID, "mentee_user_id": person.UserID, "mentor_user_id": mentor.UserID,
	}).Info("Sent an invitation")
	return Response{
		Body: slack.NewClearViewSubmissionResponse(),
		After: func(ctx context.Context) error {
			return a.publishHome(ctx, person)
		},
	}, nil
}

// pendingMessage lists the mentors a mentee is waiting for by name: an
// error under a form field is plain text, where mentions would show as
// raw ids.
func (a *App) pendingMessage(ctx context.Context, err *domain.TooManyPendingError) string {
	named := *err
	named.MentorNames = make([]string, len(err.Pending))
	for i, invitation := range err.Pending {
		named.MentorNames[i] = a.personCard(ctx, invitation.Mentor.UserID).Name
		if named.MentorNames[i] == "" {
			named.MentorNames[i] = "a mentor"
		}
	}
	return named.Error()
}

// noteError shows a rule's message on the invitation modal's note.
func noteError(err error) Response {
	message, _ := domain.UserMessage(err)
	return Response{Body: slack.NewErrorsViewSubmissionResponse(map[string]string{blocks.BlockInviteNote: message})}
}

// invitationTransitions maps each invitation button to the status it
// moves to.
var invitationTransitions = map[string]domain.Status{
	blocks.ActionAccept:       domain.StatusOngoing,
	blocks.ActionDecline:      domain.StatusDeclined,
	blocks.ActionDeclinePause: domain.StatusDeclined,
	blocks.ActionWithdraw:     domain.StatusWithdrawn,
	blocks.ActionFinish:       domain.StatusFinished,
}

// handleInvitationButton makes the change of an invitation button on
// behalf of the person who clicked it, and sends them a confirmation.
func (a *App) handleInvitationButton(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	id, err := strconv.ParseInt(action.Value, 10, 64)
	if err != nil {
		return Response{}, fmt.Errorf("button value %q is not an invitation id", action.Value)
	}
	to := invitationTransitions[action.ActionID]
	options := domain.TransitionOptions{PauseMentor: action.ActionID == blocks.ActionDeclinePause}
	actor := personOf(callback)
	target := target{userID: actor.UserID, responseURL: callback.ResponseURL}

	// Finishing from a review prompt answers the prompt, so its buttons go.
	fromReviewPrompt := action.BlockID == blocks.BlockReviewPromptActions

	return Response{After: func(ctx context.Context) error {
		change, err := a.transition(ctx, id, actor, to, options)
		if err != nil {
			return err
		}
		if fromReviewPrompt {
			a.replaceQuietly(ctx, target.responseURL, actor.UserID, confirmation(change))
		} else {
			a.notifyQuietly(ctx, target, confirmation(change))
		}
		return a.publishHome(ctx, actor)
	}}, nil
}

// transition makes a status change and logs it. A change on someone else's
// invitation is logged as a warning, because only a forged request makes
// one.
func (a *App) transition(ctx context.Context, id int64, actor domain.PersonKey, to domain.Status, options domain.TransitionOptions) (domain.Change, error) {
	logger := a.logger.WithFields(logrus.Fields{"invitation_id": id, "user_id": actor.UserID, "to_status": string(to)})
	if to == domain.StatusOngoing {
		// Accepting a mentee needs agreement to the current code of conduct.
		registration, err := a.store.Registration(ctx, actor)
		if err != nil {
			return domain.Change{}, err
		}
		if registration.ConsentVersion != "" && !registration.ConsentCurrent(a.content().Conduct.Version) {
			return domain.Change{}, domain.NewUserError("The code of conduct has changed. Please read it and agree " +
				"to the new version from Mentorbot's App Home, then you can accept mentees.")
		}
	}
	change, err := a.store.TransitionInvitation(ctx, id, actor, to, options, a.now())
	switch {
	case errors.Is(err, domain.ErrNotParty), errors.Is(err, domain.ErrNotFound):
		logger.Warn("Rejected a change to an invitation that is not the person's")
		return domain.Change{}, domain.ErrNotParty
	case err != nil:
		return domain.Change{}, err
	}
	logger.WithField("from_status", string(change.From)).Info("Changed an invitation's status")
	return change, nil
}

// confirmation returns the message for the person who made change.
func confirmation(change domain.Change) string {
	other := "<@" + change.Invitation.Mentee.UserID + ">"
	if change.By == domain.PartyMentee {
		other = "<@" + change.Invitation.Mentor.UserID + ">"
	}
	switch change.Invitation.Status {
	case domain.StatusOngoing:
		return fmt.Sprintf("✅ You've accepted %s's request. I've started a group conversation for you both with a guide to your first meeting.", other)
	case domain.StatusDeclined:
		return fmt.Sprintf("You've declined %s's request. I've let them know, kindly.", other)
	case domain.StatusWithdrawn:
		return fmt.Sprintf("You've withdrawn your request to %s. I've let them know.", other)
	case domain.StatusFinished:
		return fmt.Sprintf("Your mentoring with %s is now finished. Thank you for taking part.", other)
	default:
		return "Done."
	}
}

// notifyQuietly sends a notice and logs a failure instead of returning it:
// the change it reports has already been made.
func (a *App) notifyQuietly(ctx context.Context, target target, text string) {
	if err := a.notifier.Notify(ctx, target, text); err != nil {
		a.logger.WithError(err).WithField("user_id", target.userID).Warn("Failed to send a confirmation")
	}
}

// handleWithdrawOthers withdraws the mentee's requests that were still
// waiting when one was accepted, and replaces the question with the
// outcome, so its button can't be used twice. A request that changed
// meanwhile is skipped.
func (a *App) handleWithdrawOthers(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	acceptedID, err := strconv.ParseInt(action.Value, 10, 64)
	if err != nil {
		return Response{}, fmt.Errorf("button value %q is not an invitation id", action.Value)
	}
	mentee := personOf(callback)
	responseURL := callback.ResponseURL

	return Response{After: func(ctx context.Context) error {
		accepted, err := a.store.Invitation(ctx, acceptedID)
		if err != nil || accepted.Mentee != mentee || accepted.AnsweredAt == nil {
			a.logger.WithFields(logrus.Fields{"invitation_id": acceptedID, "user_id": mentee.UserID}).
				Warn("Rejected withdrawing the others of an invitation that is not the person's accepted one")
			return domain.ErrNotParty
		}
		invitations, err := a.store.MenteeInvitations(ctx, mentee, maxListedInvitations)
		if err != nil {
			return err
		}
		withdrawn := 0
		for _, invitation := range invitations {
			// Only the requests waiting when this one was accepted: newer
			// ones were not in the question.
			if invitation.ID == acceptedID || invitation.Status != domain.StatusConsidering ||
				invitation.CreatedAt.After(*accepted.AnsweredAt) {
				continue
			}
			_, err := a.transition(ctx, invitation.ID, mentee, domain.StatusWithdrawn, domain.TransitionOptions{})
			if _, isRule := domain.UserMessage(err); isRule {
				continue
			}
			if err != nil {
				return err
			}
			withdrawn++
		}
		a.replaceQuietly(ctx, responseURL, mentee.UserID, withdrawnText(withdrawn))
		return a.publishHome(ctx, mentee)
	}}, nil
}

func withdrawnText(count int) string {
	switch count {
	case 0:
		return "Your other requests had already closed, so there was nothing left to withdraw."
	case 1:
		return "Done: I've withdrawn your other request and let that mentor know."
	default:
		return fmt.Sprintf("Done: I've withdrawn your %d other requests and let those mentors know.", count)
	}
}

// replaceQuietly replaces the message whose button was clicked with text,
// or sends text as a notice when there is no response URL, and logs a
// failure: the change it reports has already been made.
func (a *App) replaceQuietly(ctx context.Context, responseURL, userID, text string) {
	if err := a.notifier.Replace(ctx, target{userID: userID, responseURL: responseURL}, text); err != nil {
		a.logger.WithError(err).WithField("user_id", userID).Warn("Failed to send a confirmation")
	}
}

// maxListedInvitations bounds the invitations read for one person.
const maxListedInvitations = 50

// handleAvailableAgain answers the prompt after a relationship finished.
func (a *App) handleAvailableAgain(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	available := action.Value == "true"
	mentor := personOf(callback)
	target := target{userID: mentor.UserID, responseURL: callback.ResponseURL}

	return Response{After: func(ctx context.Context) error {
		registration, err := a.store.Registration(ctx, mentor)
		if err != nil {
			return err
		}
		if registration.Mentor == nil {
			return domain.NewUserError("You don't have a mentor profile, so there is nothing to change.")
		}
		if err := a.store.SetMentorAvailability(ctx, mentor, available, registration.Mentor.Searchable, a.now()); err != nil {
			return err
		}
		text := "Thank you. You won't get new requests for now; you can change this under *My profile*."
		if available {
			text = "Thank you! Mentees can find you and ask you again."
		}
		a.notifyQuietly(ctx, target, text)
		return a.publishHome(ctx, mentor)
	}}, nil
}

// handleInvitationDetails shows the other person of an invitation.
func (a *App) handleInvitationDetails(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	id, err := strconv.ParseInt(action.Value, 10, 64)
	if err != nil {
		return Response{}, fmt.Errorf("button value %q is not an invitation id", action.Value)
	}
	person := personOf(callback)
	trigger := callback.TriggerID
	fromModal := callback.View.Type == slack.VTModal

	return Response{After: func(ctx context.Context) error {
		view, err := a.personCardView(ctx, id, person)
		if err != nil {
			return err
		}
		if fromModal {
			_, err = a.api.PushViewContext(ctx, trigger, view)
		} else {
			_, err = a.api.OpenViewContext(ctx, trigger, view)
		}
		if err != nil {
			return fmt.Errorf("open invitation details: %w", err)
		}
		return nil
	}}, nil
}

// personCardView returns the Details modal of invitation id's other person,
// or domain.ErrNotParty when person is not one of its people.
func (a *App) personCardView(ctx context.Context, id int64, person domain.PersonKey) (slack.ModalViewRequest, error) {
	invitation, err := a.store.Invitation(ctx, id)
	if err != nil || invitation.TeamID != person.TeamID {
		return slack.ModalViewRequest{}, domain.ErrNotParty
	}
	party, ok := invitation.PartyOf(person.UserID)
	if !ok {
		a.logger.WithFields(logrus.Fields{"invitation_id": id, "user_id": person.UserID}).
			Warn("Rejected a request for the details of an invitation that is not the person's")
		return slack.ModalViewRequest{}, domain.ErrNotParty
	}

	other := invitation.Mentor
	if party == domain.PartyMentor {
		other = invitation.Mentee
	}
	registration, err := a.store.Registration(ctx, other)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	model := blocks.PersonCardModel{Card: a.personCard(ctx, other.UserID), Invitation: invitation}
	if party == domain.PartyMentor {
		model.Mentee = registration.Mentee
	} else {
		model.Mentor = registration.Mentor
	}
	return blocks.PersonCardView(model), nil
}
