package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// sendRelationshipNudge posts the DM of a relationship sweep's notice to
// its recipient, unless it no longer applies, and marks its nudge as sent.
// The message is built from the records as they are now.
func (a *App) sendRelationshipNudge(ctx context.Context, logger logrus.FieldLogger, notice domain.Notice, invitation domain.Invitation) (string, string, error) {
	party, ok := invitation.PartyOf(notice.Recipient.UserID)
	if !ok || invitation.TeamID != notice.Recipient.TeamID {
		// Only a notice built wrongly gets here. ErrNotFound drops it.
		return "", "", fmt.Errorf("notice %s: recipient %s is not a person of invitation %d: %w",
			notice.Key, notice.Recipient.UserID, invitation.ID, domain.ErrNotFound)
	}
	otherID := invitation.Mentor.UserID
	if party == domain.PartyMentor {
		otherID = invitation.Mentee.UserID
	}

	var message blocks.Message
	var reason string
	switch notice.Type {
	case domain.NoticeCheckIn:
		message, reason = a.checkInMessage(ctx, invitation, party, otherID)
	case domain.NoticeReviewPrompt:
		message, reason = a.reviewPromptMessage(ctx, invitation, party, otherID)
	case domain.NoticeInactive:
		var err error
		message, reason, err = a.inactiveMessage(ctx, notice, invitation, party, otherID)
		if err != nil {
			return "", "", err
		}
	case domain.NoticeFeedbackRequest:
		message, reason = a.feedbackRequestMessage(ctx, invitation, party, otherID)
	default:
		return "", "", fmt.Errorf("notice %s: %q is not a relationship nudge", notice.Key, notice.Type)
	}
	if reason != "" {
		logger.WithField("status", string(invitation.Status)).Info("Skipped a relationship nudge because " + reason)
		return "", "", nil
	}

	channel, ts, err := a.post(ctx, notice.Recipient.UserID, message)
	if err != nil {
		return "", "", err
	}
	a.markNudgeSent(ctx, logger, notice.Key)
	return channel, ts, nil
}

// checkInMessage returns the check-in DM, or the reason to skip it.
func (a *App) checkInMessage(ctx context.Context, invitation domain.Invitation, party domain.Party, otherID string) (blocks.Message, string) {
	if invitation.Status != domain.StatusOngoing {
		return blocks.Message{}, "the relationship is no longer ongoing"
	}
	return blocks.CheckInMessage(blocks.CheckInModel{
		Invitation: invitation, Recipient: party, Other: a.personCard(ctx, otherID),
	}), ""
}

// reviewPromptMessage returns the review prompt DM, or the reason to skip
// it.
func (a *App) reviewPromptMessage(ctx context.Context, invitation domain.Invitation, party domain.Party, otherID string) (blocks.Message, string) {
	if invitation.Status != domain.StatusOngoing {
		return blocks.Message{}, "the relationship is no longer ongoing"
	}
	return blocks.ReviewPromptMessage(blocks.ReviewPromptModel{
		Invitation: invitation, Recipient: party, Other: a.personCard(ctx, otherID),
		Months: a.policy.ReviewAfterMonths,
	}), ""
}

// inactiveMessage returns the DM that tells one person that no meeting
// has been recorded, or the reason to skip it. The quiet spell starts at
// the time that the notice's key names.
func (a *App) inactiveMessage(ctx context.Context, notice domain.Notice, invitation domain.Invitation, party domain.Party, otherID string) (blocks.Message, string, error) {
	if invitation.Status != domain.StatusOngoing {
		return blocks.Message{}, "the relationship is no longer ongoing", nil
	}
	model := blocks.InactiveModel{Invitation: invitation, Recipient: party}
	if since, ok := inactiveSince(notice.Key); ok {
		lastMet, err := a.store.LastMeeting(ctx, invitation.ID)
		if err != nil {
			return blocks.Message{}, "", err
		}
		// The key names the start in whole seconds, so the meeting that
		// started the quiet spell is truncated the same way to match it.
		if lastMet != nil && lastMet.Truncate(time.Second).After(since) {
			// The flag was queued for the recipient's working hours, and the
			// pair recorded a meeting meanwhile.
			return blocks.Message{}, "a meeting was recorded after the flag", nil
		}
		model.Days = int(a.now().Sub(since) / (24 * time.Hour))
	}
	model.Other = a.personCard(ctx, otherID)
	return blocks.InactiveMessage(model), "", nil
}

// inactiveSince returns the start of the quiet spell that an inactive
// flag's key names, as in "invitation:42:inactive:20260105T100000Z:mentor".
func inactiveSince(key string) (time.Time, bool) {
	parts := strings.Split(key, ":")
	if len(parts) != 5 || parts[2] != "inactive" {
		return time.Time{}, false
	}
	since, err := time.Parse(domain.InactiveSinceLayout, parts[3])
	if err != nil {
		return time.Time{}, false
	}
	return since, true
}

// feedbackRequestMessage returns the feedback request DM, or the reason to
// skip it.
func (a *App) feedbackRequestMessage(ctx context.Context, invitation domain.Invitation, party domain.Party, otherID string) (blocks.Message, string) {
	if invitation.Status != domain.StatusFinished {
		return blocks.Message{}, "the relationship has not finished"
	}
	return blocks.FeedbackRequestMessage(blocks.FeedbackRequestModel{
		Invitation: invitation, Recipient: party, Other: a.personCard(ctx, otherID),
	}), ""
}
