package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// SendNotice builds and sends one queued notice, from the records as they
// are now, and returns where the message went. A notice to a person whom
// Slack reports as deactivated, or who erased their data, is skipped: it
// returns no channel and no error, so the job ends.
func (a *App) SendNotice(ctx context.Context, notice domain.Notice) (string, string, error) {
	logger := a.logger.WithFields(logrus.Fields{
		"notice": string(notice.Type), "notice_key": notice.Key, "invitation_id": notice.InvitationID,
	})
	if a.erased(ctx, notice.Recipient.UserID) {
		logger.WithField("user_id", notice.Recipient.UserID).Info("Skipped a notice to a person who erased their data")
		return "", "", nil
	}
	if notice.InvitationID == 0 {
		return a.sendPersonNotice(ctx, notice)
	}
	invitation, err := a.store.Invitation(ctx, notice.InvitationID)
	if err != nil {
		return "", "", err
	}
	// NOTE: Lookup caches a profile for ten minutes, so a deactivation that
	// reached the bot by no user_change event may go unseen for that long.
	if user, err := a.users.Lookup(ctx, notice.Recipient.UserID); err == nil && user.Deleted {
		logger.WithField("user_id", notice.Recipient.UserID).Info("Skipped a notice to a deactivated person")
		// The bot may have missed the user_change event, such as while it
		// was stopped, so the person's open invitations close now.
		if err := a.recordDeparture(ctx, notice.Recipient); err != nil {
			logger.WithError(err).WithField("user_id", notice.Recipient.UserID).
				Error("Failed to close the open invitations of a deactivated person")
		}
		return "", "", nil
	}

	switch notice.Type {
	case domain.NoticeInvitation:
		if invitation.Status != domain.StatusConsidering {
			// The request closed before its DM went out, so the mentor
			// never needs to hear of it.
			logger.Info("Skipped the DM of an invitation that closed before it was sent")
			return "", "", nil
		}
		return a.sendInvitation(ctx, invitation)
	case domain.NoticeInvitationUpdate:
		return a.updateInvitation(ctx, invitation)
	case domain.NoticeInvitationSentUpdate:
		return a.updateInvitationSent(ctx, invitation)
	case domain.NoticeStatusChanged:
		if notice.Recipient == invitation.Mentor && invitation.MentorTS == "" {
			// Nor about a change to a request they never saw.
			logger.Info("Skipped a status DM about an invitation the mentor never received")
			return "", "", nil
		}
		return a.sendDefault(ctx, notice, invitation)
	case domain.NoticeFirstMeeting:
		return a.sendFirstMeeting(ctx, invitation)
	case domain.NoticeInvitationReminder:
		if invitation.Status != domain.StatusConsidering {
			// The mentor answered, or the mentee withdrew, after the sweep
			// planned the reminder.
			logger.Info("Skipped a reminder of an invitation that closed before it was sent")
			return "", "", nil
		}
		return a.sendInvitationReminder(ctx, notice, invitation)
	case domain.NoticeInvitationExpired:
		return a.sendInvitationExpired(ctx, notice, invitation)
	case domain.NoticePartyLeft:
		return a.sendPartyLeft(ctx, notice, invitation)
	case domain.NoticeCheckIn, domain.NoticeReviewPrompt, domain.NoticeInactive, domain.NoticeFeedbackRequest:
		return a.sendRelationshipNudge(ctx, logger, notice, invitation)
	default:
		return a.sendDefault(ctx, notice, invitation)
	}
}

// sendDefault posts the notices that need no more than a post.
func (a *App) sendDefault(ctx context.Context, notice domain.Notice, invitation domain.Invitation) (string, string, error) {
	message, skip, err := a.noticeMessage(ctx, notice, invitation)
	if err != nil || skip {
		return "", "", err
	}
	return a.post(ctx, notice.Recipient.UserID, message)
}

// updateInvitationSent rewrites the mentee's "I've asked" DM, so its
// Withdraw button goes once the request has closed.
func (a *App) updateInvitationSent(ctx context.Context, invitation domain.Invitation) (string, string, error) {
	channel, ts, ok, err := a.store.SentNotice(ctx, domain.NewInvitationKey(invitation.ID, "mentee"))
	if err != nil {
		return "", "", err
	}
	if !ok {
		// The DM is still queued; a retry finds it once it is sent.
		return "", "", fmt.Errorf("update the mentee's DM of invitation %d: it has not been sent yet", invitation.ID)
	}
	if channel == "" {
		// The DM was skipped or rejected for good: there is nothing to
		// update.
		a.logger.WithField("invitation_id", invitation.ID).Info("Skipped updating a request DM that was never sent")
		return "", "", nil
	}
	message := blocks.InvitationSentMessage(blocks.InvitationSentModel{
		Invitation: invitation, Mentor: a.personCard(ctx, invitation.Mentor.UserID), AnswerDays: a.reminderDays(),
	})
	updated, updatedTS, _, err := a.api.UpdateMessageContext(ctx, channel, ts,
		slack.MsgOptionText(message.Text, false), slack.MsgOptionBlocks(message.Blocks...))
	if err != nil {
		return "", "", fmt.Errorf("update the mentee's DM of invitation %d: %w", invitation.ID, err)
	}
	return updated, updatedTS, nil
}

// noticeMessage builds the DMs that need no more than a post; skip is true
// when the message no longer applies.
func (a *App) noticeMessage(ctx context.Context, notice domain.Notice, invitation domain.Invitation) (blocks.Message, bool, error) {
	switch notice.Type {
	case domain.NoticeInvitationSent:
		return blocks.InvitationSentMessage(blocks.InvitationSentModel{
			Invitation: invitation, Mentor: a.personCard(ctx, invitation.Mentor.UserID), AnswerDays: a.reminderDays(),
		}), false, nil
	case domain.NoticeStatusChanged:
		recipient, other := domain.PartyMentee, invitation.Mentor
		if notice.Recipient == invitation.Mentor {
			recipient, other = domain.PartyMentor, invitation.Mentee
		}
		// Only the programme team acts on a relationship that is not
		// theirs.
		byProgramme := notice.Actor != "" && notice.Actor != invitation.Mentor.UserID &&
			notice.Actor != invitation.Mentee.UserID
		return blocks.StatusChangedMessage(blocks.StatusChangedModel{
			Invitation: invitation, Recipient: recipient, Other: a.personCard(ctx, other.UserID),
			ByProgramme: byProgramme,
		}), false, nil
	case domain.NoticeWithdrawOthers:
		return a.withdrawOthersMessage(ctx, invitation)
	case domain.NoticeAvailabilityPrompt:
		return blocks.AvailabilityPromptMessage(blocks.AvailabilityPromptModel{
			Mentee: a.personCard(ctx, invitation.Mentee.UserID),
		}), false, nil
	default:
		return blocks.Message{}, false, fmt.Errorf("notice %s: unknown type %q", notice.Key, notice.Type)
	}
}

func (a *App) withdrawOthersMessage(ctx context.Context, accepted domain.Invitation) (blocks.Message, bool, error) {
	invitations, err := a.store.MenteeInvitations(ctx, accepted.Mentee, maxListedInvitations)
	if err != nil {
		return blocks.Message{}, false, err
	}
	var pending []blocks.PersonCard
	for _, invitation := range invitations {
		if invitation.ID != accepted.ID && invitation.Status == domain.StatusConsidering {
			pending = append(pending, a.personCard(ctx, invitation.Mentor.UserID))
		}
	}
	if len(pending) == 0 {
		// The mentee withdrew them, or the mentors replied, meanwhile.
		return blocks.Message{}, true, nil
	}
	return blocks.WithdrawOthersMessage(blocks.WithdrawOthersModel{
		Accepted: accepted, Mentor: a.personCard(ctx, accepted.Mentor.UserID), Pending: pending,
	}), false, nil
}

// invitationMessage returns the mentor's invitation DM for the
// invitation's current status.
func (a *App) invitationMessage(ctx context.Context, invitation domain.Invitation) (blocks.Message, error) {
	registration, err := a.store.Registration(ctx, invitation.Mentee)
	if err != nil {
		return blocks.Message{}, err
	}
	return blocks.InvitationMessage(blocks.InvitationMessageModel{
		Invitation: invitation,
		Mentee:     a.personCard(ctx, invitation.Mentee.UserID),
		Profile:    registration.Mentee,
	}), nil
}

// sendInvitation posts the mentor's invitation DM and keeps where it went,
// so later changes can update it in place.
func (a *App) sendInvitation(ctx context.Context, invitation domain.Invitation) (string, string, error) {
	message, err := a.invitationMessage(ctx, invitation)
	if err != nil {
		return "", "", err
	}
	channel, ts, err := a.post(ctx, invitation.Mentor.UserID, message)
	if err != nil {
		return "", "", err
	}
	if err := a.store.SetInvitationMessage(ctx, invitation.ID, channel, ts); err != nil {
		// The DM went out, so the notice is done: an error here would send
		// it again. Only the in-place updates of this DM are lost.
		a.logger.WithError(err).WithField("invitation_id", invitation.ID).Error("Failed to store where an invitation DM went")
	}
	return channel, ts, nil
}

// updateInvitation rewrites the mentor's invitation DM to show the
// invitation's status without stale buttons.
func (a *App) updateInvitation(ctx context.Context, invitation domain.Invitation) (string, string, error) {
	if invitation.MentorTS == "" {
		_, _, givenUp, err := a.store.SentNotice(ctx, domain.NewInvitationKey(invitation.ID, "mentor"))
		if err != nil {
			return "", "", err
		}
		if givenUp {
			// The DM was skipped, because the request closed first, or
			// rejected for good by Slack: there is nothing to update.
			a.logger.WithField("invitation_id", invitation.ID).Info("Skipped updating an invitation DM that was never sent")
			return "", "", nil
		}
		// The DM is still queued; a retry finds it once it is sent.
		return "", "", fmt.Errorf("update invitation %d: its DM has not been sent yet", invitation.ID)
	}
	message, err := a.invitationMessage(ctx, invitation)
	if err != nil {
		return "", "", err
	}
	channel, ts, _, err := a.api.UpdateMessageContext(ctx, invitation.MentorChannel, invitation.MentorTS,
		slack.MsgOptionText(message.Text, false), slack.MsgOptionBlocks(message.Blocks...))
	if err != nil {
		return "", "", fmt.Errorf("update invitation %d DM: %w", invitation.ID, err)
	}
	return channel, ts, nil
}

// sendFirstMeeting opens a group DM with the mentor and mentee and posts
// the first-meeting guide from the resources there.
func (a *App) sendFirstMeeting(ctx context.Context, invitation domain.Invitation) (string, string, error) {
	channel, _, _, err := a.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{
		Users: []string{invitation.Mentor.UserID, invitation.Mentee.UserID},
	})
	if err != nil {
		return "", "", fmt.Errorf("open group DM for invitation %d: %w", invitation.ID, err)
	}
	message := blocks.FirstMeetingMessage(blocks.FirstMeetingModel{
		Mentor: a.personCard(ctx, invitation.Mentor.UserID),
		Mentee: a.personCard(ctx, invitation.Mentee.UserID),
		Guide:  a.content().Resources.FirstMeeting(),
	})
	return a.post(ctx, channel.ID, message)
}

// post sends message to channel, which may be a user id for the app's DM
// with that person.
func (a *App) post(ctx context.Context, channel string, message blocks.Message) (string, string, error) {
	posted, ts, err := a.api.PostMessageContext(ctx, channel,
		slack.MsgOptionText(message.Text, false), slack.MsgOptionBlocks(message.Blocks...))
	if err != nil {
		return "", "", fmt.Errorf("post to %s: %w", channel, err)
	}
	return posted, ts, nil
}

// reminderDays returns the days a mentor has before the first reminder,
// as the mentee's DM states them, at least 1.
func (a *App) reminderDays() int {
	return max(int(a.policy.ReminderAfter.Round(24*time.Hour)/(24*time.Hour)), 1)
}

// markNudgeSent records that the nudge key reached Slack, for the
// programme team's figures. A failure is logged and not returned, because
// the message went out and an error would send it again. The record uses a
// context of its own, as the NoticeWorker's does, so a job cancelled now
// still stores it.
func (a *App) markNudgeSent(ctx context.Context, logger logrus.FieldLogger, key string) {
	recordCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	if err := a.store.MarkNudgeSent(recordCtx, key, a.now()); err != nil {
		logger.WithError(err).Error("Sent a nudge but failed to mark it as sent")
	}
}
