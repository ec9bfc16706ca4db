package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/domain"
)

// RelationshipSweepReport counts what one relationship sweep did.
type RelationshipSweepReport struct {
	// Ongoing is the number of ongoing relationships read.
	Ongoing int
	// Finished is the number of finished relationships read that had no
	// feedback request planned.
	Finished int
	// CheckIns, ReviewPrompts, Inactive and FeedbackRequests count the
	// nudges planned to people, not counting ones that an earlier or
	// concurrent sweep planned.
	CheckIns         int
	ReviewPrompts    int
	Inactive         int
	FeedbackRequests int
	// Flagged is the number of relationships newly counted as inactive in
	// the programme team's figures.
	Flagged int
	// Deactivated is the number of nudges not planned because Slack reports
	// their recipient as deactivated.
	Deactivated int
	// LookupFailures is the number of nudges planned without knowing
	// whether their recipient is deactivated, because users.info failed.
	LookupFailures int
}

// relationshipNotices maps each nudge kind of the relationship sweep to
// the notice that sends it to a person.
var relationshipNotices = map[domain.NudgeKind]domain.NoticeKind{
	domain.NudgeCheckIn:         domain.NoticeCheckIn,
	domain.NudgeReviewPrompt:    domain.NoticeReviewPrompt,
	domain.NudgeInactiveFlag:    domain.NoticeInactive,
	domain.NudgeFeedbackRequest: domain.NoticeFeedbackRequest,
}

// SweepRelationships plans the nudges due at now for ongoing and finished
// relationships: check-ins, review prompts and inactive flags to both
// people of an ongoing one, and a feedback request to both people of a
// finished one. Their DMs are queued as notices, each in its recipient's
// working hours, so the notice workers send them. Running it again, or on
// two replicas at once, sends each nudge once, because PlanNudges skips
// nudge keys that were planned before.
func (a *App) SweepRelationships(ctx context.Context, now time.Time) (RelationshipSweepReport, error) {
	var report RelationshipSweepReport
	if err := a.sweepOngoing(ctx, now, &report); err != nil {
		return report, fmt.Errorf("sweep relationships: %w", err)
	}
	if err := a.sweepFinished(ctx, now, &report); err != nil {
		return report, fmt.Errorf("sweep relationships: %w", err)
	}

	logger := a.logger.WithFields(logrus.Fields{
		"ongoing": report.Ongoing, "finished": report.Finished,
		"check_ins": report.CheckIns, "review_prompts": report.ReviewPrompts,
		"inactive": report.Inactive, "flagged": report.Flagged,
		"feedback_requests": report.FeedbackRequests, "deactivated": report.Deactivated,
		"lookup_failures": report.LookupFailures,
	})
	if report.LookupFailures > 0 {
		// SendNotice looks each recipient up again before it posts.
		logger.Warn("Swept relationships, but users.info failed for some recipients, so their nudges skipped the deactivation check")
		return report, nil
	}
	logger.Info("Swept relationships")
	return report, nil
}

// sweepOngoing plans the check-ins, review prompts and inactive flags due
// at now, reading the ongoing relationships in batches.
func (a *App) sweepOngoing(ctx context.Context, now time.Time, report *RelationshipSweepReport) error {
	var afterID int64
	for {
		batch, err := a.store.OngoingAfter(ctx, afterID, sweepBatchSize)
		if err != nil {
			return err
		}
		for _, item := range batch {
			report.Ongoing++
			nudges := a.policy.RelationshipNudges(now, item.Invitation, item.LastMet,
				item.CheckInsSent, item.ReviewSent, item.InactiveFlagged)
			if err := a.planRelationshipNudges(ctx, nudges, now, report); err != nil {
				return err
			}
		}
		if len(batch) < sweepBatchSize {
			return nil
		}
		afterID = batch[len(batch)-1].ID
	}
}

// sweepFinished plans a feedback request to both people of each finished
// relationship that has none, reading them in batches.
//
// NOTE: every finished relationship without a request gets one, however
// long ago it ended, so the first sweep after an upgrade also asks about
// relationships that ended before feedback requests existed.
func (a *App) sweepFinished(ctx context.Context, now time.Time, report *RelationshipSweepReport) error {
	var afterID int64
	for {
		batch, err := a.store.FinishedWithoutFeedbackRequest(ctx, afterID, sweepBatchSize)
		if err != nil {
			return err
		}
		for _, invitation := range batch {
			report.Finished++
			if err := a.planRelationshipNudges(ctx, domain.FeedbackNudges(invitation, false), now, report); err != nil {
				return err
			}
		}
		if len(batch) < sweepBatchSize {
			return nil
		}
		afterID = batch[len(batch)-1].ID
	}
}

// planRelationshipNudges plans the nudges of one relationship in one
// transaction, with a notice for each nudge to a person, and counts them
// in report. A nudge to a person whom Slack reports as deactivated is
// neither planned nor sent, and their departure is recorded, which
// finishes an ongoing relationship instead of nudging it.
func (a *App) planRelationshipNudges(ctx context.Context, nudges []domain.Nudge, now time.Time, report *RelationshipSweepReport) error {
	if len(nudges) == 0 {
		return nil
	}
	var toPlan []domain.Nudge
	var notices []domain.Notice
	// unsent holds the keys of nudges planned without a message, which the
	// report does not count.
	unsent := map[string]bool{}
	departed := false
	for _, nudge := range nudges {
		if nudge.Recipient.UserID == "" {
			// The row that counts a flag in the programme team's figures has
			// no message.
			toPlan = append(toPlan, nudge)
			continue
		}
		user, err := a.users.Lookup(ctx, nudge.Recipient.UserID)
		if err != nil {
			report.LookupFailures++
		}
		if err == nil && user.Deleted {
			// The report counts these, and a deactivated person is skipped
			// on every sweep, so each one logs at Debug only.
			a.logger.WithFields(logrus.Fields{
				"nudge_key": nudge.Key, "invitation_id": nudge.InvitationID, "user_id": nudge.Recipient.UserID,
			}).Debug("Skipped a nudge to a deactivated person")
			report.Deactivated++
			// The bot missed the user_change event, so the person's open
			// relationships, this one among them, finish now.
			if err := a.recordDeparture(ctx, nudge.Recipient); err != nil {
				return err
			}
			departed = true
			if nudge.Kind == domain.NudgeFeedbackRequest {
				// The request is planned without a message, so the relationship
				// is not found again by every later sweep.
				toPlan = append(toPlan, nudge)
				unsent[nudge.Key] = true
			}
			continue
		}

		// The nudge waits for the recipient's working hours, counted from
		// now: the rule's due time may be long past when a sweep runs late.
		nudge.DueAt = a.hours.NextWindow(now, a.timeZoneOf(ctx, nudge.Recipient.UserID))
		notice := domain.Notice{
			Type: relationshipNotices[nudge.Kind], Key: nudge.Key,
			Recipient: nudge.Recipient, InvitationID: nudge.InvitationID,
		}
		if nudge.DueAt.After(now) {
			notice.SendAt = nudge.DueAt
		}
		toPlan = append(toPlan, nudge)
		notices = append(notices, notice)
	}

	if departed && nudges[0].Kind != domain.NudgeFeedbackRequest {
		// The relationship has just finished, and the other person is
		// told why instead of being nudged.
		return nil
	}
	planned, err := a.store.PlanNudges(ctx, toPlan, notices, now)
	if err != nil {
		return err
	}
	for _, nudge := range planned {
		if !unsent[nudge.Key] {
			countPlanned(report, nudge)
		}
	}
	return nil
}

// countPlanned adds one planned nudge to report.
func countPlanned(report *RelationshipSweepReport, nudge domain.Nudge) {
	switch {
	case nudge.Kind == domain.NudgeInactiveFlag && nudge.Recipient.UserID == "":
		report.Flagged++
	case nudge.Kind == domain.NudgeInactiveFlag:
		report.Inactive++
	case nudge.Kind == domain.NudgeCheckIn:
		report.CheckIns++
	case nudge.Kind == domain.NudgeReviewPrompt:
		report.ReviewPrompts++
	case nudge.Kind == domain.NudgeFeedbackRequest:
		report.FeedbackRequests++
	}
}
