package bot

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/mentorbot/mentorbot/domain"
)

// RegistrationSweepReport counts what one registration sweep did.
type RegistrationSweepReport struct {
	// Found is the number of people who started a role, have not finished
	// it, and made no progress for the policy's RegistrationIdle.
	Found int
	// Reminded is the number of reminders planned, not counting ones an
	// earlier or concurrent sweep planned.
	Reminded int
	// Deactivated is the number of people with a reminder due whom Slack
	// reports as deactivated, so they were not reminded.
	Deactivated int
}

// SweepRegistrations plans a reminder for each person who stopped
// registering. Each step gets one reminder, due policy.RegistrationIdle
// after the person's last progress and sent in their working hours. The
// reminders are queued as notices, so the notice workers send them. Running it again, or on two
// replicas at once, sends each reminder once, because PlanNudges skips
// nudge keys that were planned before.
func (a *App) SweepRegistrations(ctx context.Context, now time.Time) (RegistrationSweepReport, error) {
	var report RegistrationSweepReport
	idleSince := now.Add(-a.policy.RegistrationIdle)
	var after domain.PersonKey
	for {
		batch, err := a.store.IdleRegistrationsAfter(ctx, after, idleSince, sweepBatchSize)
		if err != nil {
			return report, fmt.Errorf("sweep registrations: %w", err)
		}
		report.Found += len(batch)
		if err := a.remindIdle(ctx, batch, now, &report); err != nil {
			return report, fmt.Errorf("sweep registrations: %w", err)
		}
		if len(batch) < sweepBatchSize {
			break
		}
		after = batch[len(batch)-1].Person
	}

	a.logger.WithFields(logrus.Fields{
		"found": report.Found, "reminded": report.Reminded, "deactivated": report.Deactivated,
	}).Info("Swept unfinished registrations")
	return report, nil
}

// remindIdle plans the reminders due at now for one batch of idle
// registrations, in one transaction, and counts them in report.
func (a *App) remindIdle(ctx context.Context, batch []domain.IdleRegistration, now time.Time, report *RegistrationSweepReport) error {
	var nudges []domain.Nudge
	var notices []domain.Notice
	for _, idle := range batch {
		due := a.registrationReminders(idle, now)
		if len(due) == 0 {
			continue
		}

		person := idle.Person
		user, err := a.users.Lookup(ctx, person.UserID)
		if err != nil {
			// The notice worker looks the person up again before it sends.
			a.logger.WithError(err).WithField("user_id", person.UserID).
				Warn("Failed to look up a person in Slack; planning their registration reminder all the same")
		}
		if err == nil && user.Deleted {
			report.Deactivated++
			a.recordDeactivated(ctx, person)
			continue
		}
		// The reminders wait for the person's working hours, counted from
		// now, because the rule's due time may be long past when a sweep
		// runs late.
		sendAt := a.hours.NextWindow(now, a.timeZoneOf(ctx, person.UserID))
		for _, reminder := range due {
			reminder.nudge.DueAt = sendAt
			notice := domain.Notice{
				Type: domain.NoticeRegistrationReminder, Key: reminder.nudge.Key, Recipient: person,
				Role: reminder.role, Step: reminder.nudge.Step,
			}
			if sendAt.After(now) {
				notice.SendAt = sendAt
			}
			nudges = append(nudges, reminder.nudge)
			notices = append(notices, notice)
		}
	}

	planned, err := a.store.PlanNudges(ctx, nudges, notices, now)
	if err != nil {
		return err
	}
	report.Reminded += len(planned)
	return nil
}

// registrationReminder is a due reminder with the role whose next step it
// names.
type registrationReminder struct {
	nudge domain.Nudge
	role  domain.Role
}

// registrationReminders returns the reminders due at now for each role
// that idle started. A shared step due for both roles is returned once,
// with the role started first.
func (a *App) registrationReminders(idle domain.IdleRegistration, now time.Time) []registrationReminder {
	var roles []domain.Role
	for _, role := range []domain.Role{domain.RoleMentee, domain.RoleMentor} {
		if idle.HasStarted(role) {
			roles = append(roles, role)
		}
	}
	slices.SortStableFunc(roles, func(a, b domain.Role) int { return idle.Started[a].Compare(idle.Started[b]) })

	var due []registrationReminder
	seen := map[string]bool{}
	for _, role := range roles {
		reminded := func(step domain.Step) bool { return idle.Reminded(role, step) }
		nudge, ok := a.policy.RegistrationNudge(now, idle.Registration, role, idle.LastActivity,
			a.content().Conduct.Version, reminded)
		if !ok || seen[nudge.Key] {
			continue
		}
		seen[nudge.Key] = true
		due = append(due, registrationReminder{nudge: nudge, role: role})
	}
	return due
}

// recordDeactivated records the departure of person, whom Slack reports
// as deactivated, so later sweeps leave them out and their open
// invitations close. A failure is logged only, because the person is
// skipped all the same.
func (a *App) recordDeactivated(ctx context.Context, person domain.PersonKey) {
	if err := a.recordDeparture(ctx, person); err != nil {
		a.logger.WithError(err).WithField("user_id", person.UserID).
			Error("Failed to record a deactivated Slack account found by the registration sweep")
	}
}
