package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// The buttons of the relationship sweep's DMs and the two modals they
// open. Each handler takes the person from the payload's user and team,
// and the relationship from the button's value or the modal's metadata,
// and acts only when that person is one of the relationship's two people.

// errNotFinished is returned when someone asks to give feedback on a
// relationship that has not finished.
var errNotFinished = domain.NewUserError("You can give feedback once your mentoring has finished.")

// relationshipOf returns the invitation whose id is value and actor's
// party in it. It returns domain.ErrNotParty, and logs a warning, when
// value is not an id or names an invitation that does not exist, belongs
// to another team or is not actor's, because only a forged or stale
// request makes one.
func (a *App) relationshipOf(ctx context.Context, value string, actor domain.PersonKey) (domain.Invitation, domain.Party, error) {
	id, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		a.logger.WithFields(logrus.Fields{"value": value, "user_id": actor.UserID}).
			Warn("Rejected a relationship button whose value is not an invitation id")
		return domain.Invitation{}, "", domain.ErrNotParty
	}
	return a.relationshipByID(ctx, id, actor)
}

// relationshipByID is relationshipOf for an id that is already a number.
func (a *App) relationshipByID(ctx context.Context, id int64, actor domain.PersonKey) (domain.Invitation, domain.Party, error) {
	logger := a.logger.WithFields(logrus.Fields{"invitation_id": id, "user_id": actor.UserID})
	invitation, err := a.store.Invitation(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		logger.Warn("Rejected a relationship action on an invitation that does not exist")
		return domain.Invitation{}, "", domain.ErrNotParty
	}
	if err != nil {
		return domain.Invitation{}, "", err
	}
	party, ok := invitation.PartyOf(actor.UserID)
	if !ok || invitation.TeamID != actor.TeamID {
		logger.Warn("Rejected a relationship action on an invitation that is not the person's")
		return domain.Invitation{}, "", domain.ErrNotParty
	}
	return invitation, party, nil
}

// otherOf returns the user id of the person on the other side of the
// invitation from party.
func otherOf(invitation domain.Invitation, party domain.Party) string {
	if party == domain.PartyMentor {
		return invitation.Mentee.UserID
	}
	return invitation.Mentor.UserID
}

// recordMeeting stores a "We met" by actor now. A store rejection that
// names no party is reported as domain.ErrNotParty, as relationshipOf does.
func (a *App) recordMeeting(ctx context.Context, invitation domain.Invitation, actor domain.PersonKey, note string) error {
	err := a.store.RecordMeeting(ctx, invitation.ID, actor.UserID, note, a.now())
	if errors.Is(err, domain.ErrNotFound) {
		return domain.ErrNotParty
	}
	if err != nil {
		return err
	}
	a.logger.WithFields(logrus.Fields{
		"invitation_id": invitation.ID, "user_id": actor.UserID, "with_note": note != "",
	}).Info("Recorded a meeting")
	return nil
}

// handleWeMet records a meeting from a check-in or inactive DM, and
// replaces the DM with a confirmation, so the button can't be pressed
// twice.
func (a *App) handleWeMet(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	actor := personOf(callback)
	value := action.Value
	responseURL := callback.ResponseURL

	return Response{After: func(ctx context.Context) error {
		invitation, party, err := a.relationshipOf(ctx, value, actor)
		if err != nil {
			return err
		}
		if err := a.recordMeeting(ctx, invitation, actor, ""); err != nil {
			return err
		}
		other := otherOf(invitation, party)
		a.replaceQuietly(ctx, responseURL, actor.UserID,
			fmt.Sprintf("✅ Thanks! I've recorded that you met <@%s>.", other))
		return nil
	}}, nil
}

// handleWeMetNote opens the modal that records a meeting with a note.
func (a *App) handleWeMetNote(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	return a.openRelationshipForm(callback, action, domain.StatusOngoing, domain.ErrNotOngoing,
		func(invitation domain.Invitation, other blocks.PersonCard) slack.ModalViewRequest {
			return blocks.WeMetNoteView(blocks.WeMetNoteModel{Invitation: invitation, Other: other})
		})
}

// openRelationshipForm opens the form that build returns for the
// relationship in the button's value, when the actor is one of its people
// and it has status. Otherwise the actor gets wrongStatus, or the reason
// they may not act on it.
func (a *App) openRelationshipForm(callback *slack.InteractionCallback, action *slack.BlockAction, status domain.Status,
	wrongStatus error, build func(domain.Invitation, blocks.PersonCard) slack.ModalViewRequest,
) (Response, error) {
	actor := personOf(callback)
	value := action.Value
	trigger := callback.TriggerID

	return Response{After: func(ctx context.Context) error {
		invitation, party, err := a.relationshipOf(ctx, value, actor)
		if err != nil {
			return err
		}
		if invitation.Status != status {
			return wrongStatus
		}
		view := build(invitation, a.personCard(ctx, otherOf(invitation, party)))
		if _, err := a.api.OpenViewContext(ctx, trigger, view); err != nil {
			return fmt.Errorf("open form %s of invitation %d: %w", view.CallbackID, invitation.ID, err)
		}
		return nil
	}}, nil
}

// handleWeMetSubmission records the meeting of a submitted note modal and
// closes it. A note that is too long is shown as an error under the field.
func (a *App) handleWeMetSubmission(ctx context.Context, callback *slack.InteractionCallback) (Response, error) {
	actor := personOf(callback)
	var metadata blocks.WeMetMetadata
	if err := blocks.DecodeMetadata(callback.View.PrivateMetadata, &metadata); err != nil {
		a.logger.WithError(err).WithField("user_id", actor.UserID).Warn("Rejected a meeting note with invalid metadata")
		return Response{}, domain.ErrNotParty
	}
	invitation, party, err := a.relationshipByID(ctx, metadata.InvitationID, actor)
	if err != nil {
		return Response{}, err
	}

	note := blocks.ParseWeMetNote(callback.View.State.Values)
	if len([]rune(note)) > blocks.MaxMeetingNoteLength {
		return Response{Body: slack.NewErrorsViewSubmissionResponse(map[string]string{
			blocks.BlockWeMetNote: fmt.Sprintf("Please keep the note to %d characters.", blocks.MaxMeetingNoteLength),
		})}, nil
	}
	if err := a.recordMeeting(ctx, invitation, actor, note); err != nil {
		return Response{}, err
	}

	text := fmt.Sprintf("✅ Thanks! I've recorded that you met <@%s>.", otherOf(invitation, party))
	if note != "" {
		text = fmt.Sprintf("✅ Thanks! I've recorded that you met <@%s>, with your note.", otherOf(invitation, party))
	}
	return Response{
		Body: slack.NewClearViewSubmissionResponse(),
		After: func(ctx context.Context) error {
			a.notifyQuietly(ctx, target{userID: actor.UserID}, text)
			return nil
		},
	}, nil
}

// handleContinueMentoring records a "Carry on" answer to a review prompt
// and replaces the prompt with a confirmation. The status stays Ongoing.
func (a *App) handleContinueMentoring(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	actor := personOf(callback)
	value := action.Value
	responseURL := callback.ResponseURL

	return Response{After: func(ctx context.Context) error {
		invitation, party, err := a.relationshipOf(ctx, value, actor)
		if err != nil {
			return err
		}
		recorded, err := a.store.RecordContinuation(ctx, invitation.ID, actor.UserID, a.now())
		if errors.Is(err, domain.ErrNotFound) {
			return domain.ErrNotParty
		}
		if err != nil {
			return err
		}
		other := otherOf(invitation, party)
		a.replaceQuietly(ctx, responseURL, actor.UserID, fmt.Sprintf(
			"Lovely. Your mentoring with <@%s> carries on, and I'll keep checking in now and then.", other))
		if !recorded {
			// A second tap within the minute: the other person heard already.
			return nil
		}
		a.logger.WithFields(logrus.Fields{"invitation_id": invitation.ID, "user_id": actor.UserID}).
			Info("Recorded a choice to carry on after a review")
		message := blocks.CarryOnMessage(a.personCard(ctx, actor.UserID))
		if _, _, err := a.post(ctx, other, message); err != nil {
			a.logger.WithError(err).WithFields(logrus.Fields{"invitation_id": invitation.ID, "user_id": other}).
				Warn("Failed to tell the other person of a choice to carry on")
		}
		return nil
	}}, nil
}

// handleGiveFeedback opens the feedback form about a finished
// relationship.
func (a *App) handleGiveFeedback(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	return a.openRelationshipForm(callback, action, domain.StatusFinished, errNotFinished,
		func(invitation domain.Invitation, other blocks.PersonCard) slack.ModalViewRequest {
			return blocks.FeedbackView(blocks.FeedbackModel{Invitation: invitation, Other: other})
		})
}

// handleFeedbackSubmission stores a submitted feedback form and closes it.
// A missing rating or a comment that is too long is shown as an error
// under its field.
func (a *App) handleFeedbackSubmission(ctx context.Context, callback *slack.InteractionCallback) (Response, error) {
	actor := personOf(callback)
	var metadata blocks.FeedbackMetadata
	if err := blocks.DecodeMetadata(callback.View.PrivateMetadata, &metadata); err != nil {
		a.logger.WithError(err).WithField("user_id", actor.UserID).Warn("Rejected feedback with invalid metadata")
		return Response{}, domain.ErrNotParty
	}
	invitation, party, err := a.relationshipByID(ctx, metadata.InvitationID, actor)
	if err != nil {
		return Response{}, err
	}
	if invitation.Status != domain.StatusFinished {
		return Response{}, errNotFinished
	}

	rating, comment, ok := blocks.ParseFeedback(callback.View.State.Values)
	if errs := feedbackErrors(callback.View.State.Values, ok); len(errs) > 0 {
		return Response{Body: slack.NewErrorsViewSubmissionResponse(errs)}, nil
	}
	err = a.store.RecordFeedback(ctx, invitation.ID, actor.UserID, rating, comment, a.now())
	if errors.Is(err, domain.ErrInvalidRating) {
		return Response{Body: slack.NewErrorsViewSubmissionResponse(map[string]string{
			blocks.BlockFeedbackRating: domain.ErrInvalidRating.Message,
		})}, nil
	}
	if errors.Is(err, domain.ErrNotFound) {
		return Response{}, domain.ErrNotParty
	}
	if err != nil {
		return Response{}, err
	}
	a.logger.WithFields(logrus.Fields{
		"invitation_id": invitation.ID, "user_id": actor.UserID, "rating": rating, "with_comment": comment != "",
	}).Info("Recorded feedback on a relationship")

	text := fmt.Sprintf("Thank you for your feedback on your mentoring with <@%s>.", otherOf(invitation, party))
	return Response{
		Body: slack.NewClearViewSubmissionResponse(),
		After: func(ctx context.Context) error {
			a.notifyQuietly(ctx, target{userID: actor.UserID}, text)
			return nil
		},
	}, nil
}

// feedbackErrors returns the field errors of a feedback form: a missing or
// invalid rating, as ParseFeedback reports with ratingOK, and a comment
// longer than blocks.MaxFeedbackCommentLength.
func feedbackErrors(values map[string]map[string]slack.BlockAction, ratingOK bool) map[string]string {
	errs := map[string]string{}
	if !ratingOK {
		errs[blocks.BlockFeedbackRating] = domain.ErrInvalidRating.Message
	}
	// ParseFeedback drops the comment when the rating is invalid, so the
	// comment is read from its block here, where its one element is.
	for _, element := range values[blocks.BlockFeedbackComment] {
		if len([]rune(strings.TrimSpace(element.Value))) > blocks.MaxFeedbackCommentLength {
			errs[blocks.BlockFeedbackComment] = fmt.Sprintf("Please keep your comment to %d characters.",
				blocks.MaxFeedbackCommentLength)
		}
	}
	return errs
}
