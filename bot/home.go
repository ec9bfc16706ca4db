package bot

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/mentorbot/mentorbot/blocks"
)

// handleAppHomeOpened publishes the App Home for the person who opened it.
// Slack sends the event for the Messages tab too; only the Home tab needs a
// view.
func (a *App) handleAppHomeOpened(_ context.Context, event slackevents.EventsAPIEvent) (Response, error) {
	opened, ok := event.InnerEvent.Data.(*slackevents.AppHomeOpenedEvent)
	if !ok || opened.User == "" {
		return Response{}, fmt.Errorf("app_home_opened event without a user")
	}
	if opened.Tab != "" && opened.Tab != "home" {
		return Response{}, nil
	}

	userID := opened.User
	return Response{After: func(ctx context.Context) error {
		return a.publishHome(ctx, userID)
	}}, nil
}

func (a *App) publishHome(ctx context.Context, userID string) error {
	view := blocks.HomeView(blocks.HomeModel{
		ProgrammeName: a.content.Programme.Name,
		Welcome:       a.content.Programme.Welcome,
		About:         a.content.Programme.About,
		Contact:       a.content.Programme.Contact,
	})
	if _, err := a.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: userID, View: view}); err != nil {
		return fmt.Errorf("publish app home for user %s: %w", userID, err)
	}
	return nil
}

// handleHomeHelp opens the help modal. The trigger id expires about three
// seconds after the click, so the modal opens straight after the
// acknowledgement.
func (a *App) handleHomeHelp(_ context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	triggerID := callback.TriggerID
	return Response{After: func(ctx context.Context) error {
		if _, err := a.api.OpenViewContext(ctx, triggerID, blocks.HelpModal(a.helpModel())); err != nil {
			return fmt.Errorf("open help modal: %w", err)
		}
		return nil
	}}, nil
}
