package bot

import (
	"context"
	"fmt"

	"github.com/slack-go/slack/slackevents"

	"github.com/mentorbot/mentorbot/domain"
)

// handleUserChange keeps the bot's view of a person's account in step
// with Slack: a deactivated account leaves search results and its open
// requests and relationships close, and a reactivated one returns to
// search results.
func (a *App) handleUserChange(_ context.Context, event slackevents.EventsAPIEvent) (Response, error) {
	change, ok := event.InnerEvent.Data.(*slackevents.UserChangeEvent)
	if !ok || change.User.ID == "" {
		return Response{}, fmt.Errorf("user_change event without a user")
	}
	team := event.TeamID
	if event.EnterpriseID != "" {
		team = event.EnterpriseID
	}
	person := domain.PersonKey{TeamID: team, UserID: change.User.ID}
	deleted := change.User.Deleted

	return Response{After: func(ctx context.Context) error {
		a.users.Forget(person.UserID)
		if deleted {
			return a.recordDeparture(ctx, person)
		}
		return a.store.SetDeactivated(ctx, person, nil)
	}}, nil
}
