package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// sweepBatchSize is how many invitations the sweep reads per query.
const sweepBatchSize = 100

// expiryReason is the reason recorded on an invitation that expired.
const expiryReason = "no response"

// InvitationExpirer ends invitations that the mentor left unanswered.
type InvitationExpirer interface {
	// ExpireInvitation moves an invitation still in Considering to
	// Declined on behalf of the programme, with reason, and enqueues the
	// notices that tell both people. It returns false and changes nothing
	// when the invitation is no longer in Considering. The expiry DM to a
	// person in sendAt waits until that time when it is after at.
	ExpireInvitation(ctx context.Context, id int64, reason string, at time.Time,
		sendAt map[domain.PersonKey]time.Time) (domain.Change, bool, error)
}

// SweepReport counts what one invitation sweep did.
type SweepReport struct {
	// Found is the number of invitations in Considering old enough for a
	// reminder or expiry.
	Found int
	// Reminded is the number of reminders planned, not counting ones an
	// earlier or concurrent sweep planned.
	Reminded int
	// Expired is the number of invitations moved to Declined.
	Expired int
}

// SweepInvitations plans the reminders due at now for invitations in
// Considering and expires the ones created policy.ExpireAfter or more ago.
// The reminders and the expiry DMs are queued as notices, so the notice
// workers send them. Running it again, or on two replicas at once, sends
// each reminder and expiry once, because PlanNudges skips nudge keys that
// were planned before and ExpireInvitation skips invitations that are no
// longer in Considering.
func (a *App) SweepInvitations(ctx context.Context, now time.Time) (SweepReport, error) {
	var report SweepReport
	createdBefore := now.Add(-a.policy.ReminderAfter)
	var afterID int64
	for {
		batch, err := a.store.ConsideringAfter(ctx, afterID, createdBefore, sweepBatchSize)
		if err != nil {
			return report, fmt.Errorf("sweep invitations: %w", err)
		}
		if err := a.sweepInvitationBatch(ctx, batch, now, &report); err != nil {
			return report, fmt.Errorf("sweep invitations: %w", err)
		}
		if len(batch) < sweepBatchSize {
			break
		}
		afterID = batch[len(batch)-1].ID
	}

	a.logger.WithFields(logrus.Fields{
		"found": report.Found, "reminded": report.Reminded, "expired": report.Expired,
	}).Info("Swept invitations in considering")
	return report, nil
}

// sweepInvitationBatch expires the invitations of batch that are due to
// expire, one transaction each, and plans the batch's reminders in one
// transaction, counting both in report.
func (a *App) sweepInvitationBatch(ctx context.Context, batch []domain.ConsideringInvitation, now time.Time,
	report *SweepReport,
) error {
	var reminders []domain.Nudge
	var notices []domain.Notice
	for _, item := range batch {
		report.Found++
		for _, nudge := range a.policy.InvitationNudges(now, item.Invitation, item.RemindersSent) {
			switch nudge.Kind {
			case domain.NudgeInvitationExpiry:
				if err := a.expireInvitation(ctx, item.Invitation, now, report); err != nil {
					return err
				}
			case domain.NudgeInvitationReminder:
				nudge, notice := a.reminder(ctx, nudge, now)
				reminders = append(reminders, nudge)
				notices = append(notices, notice)
			default:
				return fmt.Errorf("invitation %d: unexpected nudge kind %q", nudge.InvitationID, nudge.Kind)
			}
		}
	}

	planned, err := a.store.PlanNudges(ctx, reminders, notices, now)
	if err != nil {
		return err
	}
	report.Reminded += len(planned)
	return nil
}

// expireInvitation closes invitation as unanswered and counts it in report
// unless it left Considering meanwhile. The expiry DMs wait for each
// person's working hours.
func (a *App) expireInvitation(ctx context.Context, invitation domain.Invitation, now time.Time, report *SweepReport) error {
	sendAt := map[domain.PersonKey]time.Time{}
	for _, person := range []domain.PersonKey{invitation.Mentor, invitation.Mentee} {
		sendAt[person] = a.hours.NextWindow(now, a.timeZoneOf(ctx, person.UserID))
	}
	_, expired, err := a.store.ExpireInvitation(ctx, invitation.ID, expiryReason, now, sendAt)
	if err != nil {
		return err
	}
	if expired {
		report.Expired++
	}
	return nil
}

// reminder returns the reminder nudge with its notice, both due at the
// start of the mentor's next working hours, counted from now: the rule's
// due time may be long past when a sweep runs late.
func (a *App) reminder(ctx context.Context, nudge domain.Nudge, now time.Time) (domain.Nudge, domain.Notice) {
	nudge.DueAt = a.hours.NextWindow(now, a.timeZoneOf(ctx, nudge.Recipient.UserID))
	notice := domain.Notice{
		Type: domain.NoticeInvitationReminder, Key: nudge.Key,
		Recipient: nudge.Recipient, InvitationID: nudge.InvitationID,
	}
	if nudge.DueAt.After(now) {
		notice.SendAt = nudge.DueAt
	}
	return nudge, notice
}

// sendInvitationReminder posts the reminder of notice to the mentor and
// marks its nudge as sent.
func (a *App) sendInvitationReminder(ctx context.Context, notice domain.Notice, invitation domain.Invitation) (string, string, error) {
	registration, err := a.store.Registration(ctx, invitation.Mentee)
	if err != nil {
		return "", "", err
	}
	message := blocks.InvitationReminderMessage(blocks.InvitationReminderModel{
		Invitation: invitation,
		Mentee:     a.personCard(ctx, invitation.Mentee.UserID),
		Profile:    registration.Mentee,
		Sequence:   reminderSequence(notice.Key),
		ClosesAt:   invitation.CreatedAt.Add(a.policy.ExpireAfter),
	})
	channel, ts, err := a.post(ctx, invitation.Mentor.UserID, message)
	if err != nil {
		return "", "", err
	}
	a.markNudgeSent(ctx, a.logger.WithField("notice_key", notice.Key), notice.Key)
	return channel, ts, nil
}

// reminderSequence returns the reminder number at the end of a reminder
// key such as "invitation:42:reminder:2". It returns 0 when the key does
// not end in a number, and the message then reads as a first reminder.
func reminderSequence(key string) int {
	sequence, err := strconv.Atoi(key[strings.LastIndex(key, ":")+1:])
	if err != nil {
		return 0
	}
	return sequence
}

// timeZoneOf returns the time zone of userID's Slack profile, or the
// default zone when Slack has none or it is unknown.
func (a *App) timeZoneOf(ctx context.Context, userID string) *time.Location {
	user, err := a.users.Lookup(ctx, userID)
	if err != nil || user.TimeZone == "" {
		return a.defaultZone
	}
	zone, ok := domain.LoadLocationOrUTC(user.TimeZone)
	if !ok {
		a.logger.WithFields(logrus.Fields{"user_id": userID, "time_zone": user.TimeZone}).
			Warn("Slack gave a time zone this machine does not know; using the default")
		return a.defaultZone
	}
	return zone
}
