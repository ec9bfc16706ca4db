package bot

import (
	"context"
	"fmt"

	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// sendPersonNotice sends a notice that is about a person, not an
// invitation. A notice of another type without an invitation wraps
// domain.ErrNotFound, so the worker drops it as it drops a notice whose
// invitation is gone.
func (a *App) sendPersonNotice(ctx context.Context, notice domain.Notice) (string, string, error) {
	switch notice.Type {
	case domain.NoticeRegistrationReminder:
		return a.sendRegistrationReminder(ctx, notice)
	default:
		return "", "", fmt.Errorf("notice %s of type %q has no invitation id: %w", notice.Key, notice.Type, domain.ErrNotFound)
	}
}

// sendRegistrationReminder posts a registration reminder and marks its
// nudge sent. It skips the reminder when Slack reports the person as
// deactivated, or when their next step as notice.Role is no longer
// notice.Step, because they moved on or finished after the sweep planned
// it.
func (a *App) sendRegistrationReminder(ctx context.Context, notice domain.Notice) (string, string, error) {
	person := notice.Recipient
	logger := a.logger.WithFields(logrus.Fields{
		"notice_key": notice.Key, "user_id": person.UserID, "role": string(notice.Role), "step": notice.Step.String(),
	})
	if user, err := a.users.Lookup(ctx, person.UserID); err == nil && user.Deleted {
		logger.Info("Skipped a registration reminder to a deactivated person")
		return "", "", nil
	}

	registration, err := a.store.Registration(ctx, person)
	if err != nil {
		return "", "", err
	}
	next := registration.NextStep(notice.Role, a.content().Conduct.Version)
	if !registration.HasStarted(notice.Role) || next != notice.Step {
		logger.WithField("next_step", next.String()).
			Info("Skipped a registration reminder of a step the person is no longer on")
		return "", "", nil
	}

	message := blocks.RegistrationReminderMessage(blocks.RegistrationReminderModel{Role: notice.Role, Step: notice.Step})
	channel, ts, err := a.post(ctx, person.UserID, message)
	if err != nil {
		return "", "", err
	}

	a.markNudgeSent(ctx, logger, notice.Key)
	logger.Info("Sent a registration reminder")
	return channel, ts, nil
}
