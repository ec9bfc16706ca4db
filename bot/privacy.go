package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// PrivacyStore exports and erases a person's data.
type PrivacyStore interface {
	// PersonalData returns everything stored about person, exported at at.
	PersonalData(ctx context.Context, person domain.PersonKey, at time.Time) (domain.PersonalData, error)
	// ErasePerson erases person's data in one transaction, closing their
	// open invitations as a departure does, and returns the changes made.
	// It returns domain.ErrNotFound when nothing is stored about person.
	ErasePerson(ctx context.Context, person domain.PersonKey, at time.Time) ([]domain.Change, error)
	// Erased reports whether the person with userID erased their data and
	// has not registered again.
	Erased(ctx context.Context, userID string) (bool, error)
}

// runMyData handles "/mentor my-data": it acknowledges at once and then
// sends the person a JSON file of their data in a DM.
func (a *App) runMyData(_ context.Context, command slack.SlashCommand, _ commandLine) (Response, error) {
	person := commandPerson(command)
	return Response{
		Body: blocks.NoticeMessage("I'm gathering everything Mentorbot stores about you. " +
			"I'll send it to you as a file in a DM in a moment."),
		After: func(ctx context.Context) error {
			return a.sendPersonalData(ctx, person)
		},
	}, nil
}

// sendPersonalData uploads person's data as indented JSON to their DM.
func (a *App) sendPersonalData(ctx context.Context, person domain.PersonKey) error {
	now := a.now()
	data, err := a.store.PersonalData(ctx, person, now)
	if err != nil {
		return err
	}
	encoded, err := json.MarshalIndent(data, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the personal data of %s: %w", person.UserID, err)
	}
	filename := "mentorbot-my-data-" + now.UTC().Format("2006-01-02") + ".json"
	comment := "Here's everything Mentorbot stores about you. Where you shared a request or " +
		"mentoring with someone, it includes what you wrote, and only their Slack user id."
	if err := a.sendFile(ctx, person.UserID, filename, "Your Mentorbot data", comment, encoded); err != nil {
		return err
	}
	a.logger.WithFields(logrus.Fields{"team_id": person.TeamID, "user_id": person.UserID, "bytes": len(encoded)}).
		Info("Sent a person their personal data")
	return nil
}

// runDeleteMe handles "/mentor delete-me" by opening the erasure
// confirmation. Only submitting it erases anything.
func (a *App) runDeleteMe(_ context.Context, command slack.SlashCommand, _ commandLine) (Response, error) {
	trigger := command.TriggerID
	return Response{After: func(ctx context.Context) error {
		if _, err := a.api.OpenViewContext(ctx, trigger, blocks.ErasureView(SlashCommand)); err != nil {
			return fmt.Errorf("open erasure confirmation: %w", err)
		}
		return nil
	}}, nil
}

// handleErasureSubmission erases the data of the person who submitted the
// confirmation. Slack sets the payload's user, and the view carries no
// metadata, so nobody can erase another person's data. The erasure runs
// before the acknowledgement, so the modal says it is done only once it
// is.
func (a *App) handleErasureSubmission(ctx context.Context, callback *slack.InteractionCallback) (Response, error) {
	person := personOf(callback)
	changes, err := a.store.ErasePerson(ctx, person, a.now())
	if errors.Is(err, domain.ErrNotFound) {
		// Nothing was stored, so there is nothing to erase: the outcome the
		// person asked for.
		a.logger.WithFields(logrus.Fields{"team_id": person.TeamID, "user_id": person.UserID}).
			Info("Skipped an erasure of a person with no stored data")
	} else if err != nil {
		return Response{}, err
	}

	ids := make([]int64, len(changes))
	for i, change := range changes {
		ids[i] = change.Invitation.ID
	}
	if err == nil {
		a.logger.WithFields(logrus.Fields{
			"team_id": person.TeamID, "user_id": person.UserID, "closed_invitations": ids,
		}).Info("Erased a person's data at their request")
	}

	done := blocks.ErasureDoneView()
	return Response{
		Body: slack.NewUpdateViewSubmissionResponse(&done),
		After: func(ctx context.Context) error {
			return a.publishHome(ctx, person)
		},
	}, nil
}

// erased reports whether userID erased their data. A failed check is
// logged and reported as not erased, because the callers build messages
// that should still go out.
func (a *App) erased(ctx context.Context, userID string) bool {
	erased, err := a.store.Erased(ctx, userID)
	if err != nil {
		a.logger.WithError(err).WithField("user_id", userID).Warn("Failed to check whether a person erased their data")
		return false
	}
	return erased
}
