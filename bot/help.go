package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// helpModel returns what the help messages and the help guide show.
func (a *App) helpModel() blocks.HelpModel {
	model := blocks.HelpModel{
		ProgrammeName: a.content().Programme.Name,
		Intro:         a.content().Programme.HelpIntro,
		Contact:       a.contactText(),
		SlashCommand:  SlashCommand,
		Guide:         a.content().Help,
		CanContact:    a.canContact(),
	}
	for _, command := range a.subcommands {
		model.Commands = append(model.Commands, blocks.CommandHelp{
			Usage:       command.usage,
			Description: command.description,
		})
	}
	return model
}

// canContact reports whether a question to the programme team has
// somewhere to go: the help channel, or the DMs of the team's members.
func (a *App) canContact() bool {
	return a.helpChannel != "" || len(a.team) > 0
}

// runHelp replies to "/mentor help" with the commands, and to "/mentor
// help TOPIC" with the page of the topic that TOPIC names.
func (a *App) runHelp(_ context.Context, _ slack.SlashCommand, line commandLine) (Response, error) {
	model := a.helpModel()
	if len(line.Args) == 0 {
		return Response{Body: blocks.HelpMessage(model)}, nil
	}
	typed := strings.Join(line.Args, " ")
	if topicID, ok := model.Guide.Match(slackTextUnescaper.Replace(typed)); ok {
		return Response{Body: blocks.HelpTopicMessage(model, topicID)}, nil
	}
	return Response{Body: blocks.UnknownHelpTopicMessage(model, typed)}, nil
}

// handleOpenHelp opens the help guide at its contents: from the App Home or
// a message as a new modal, and from a registration step on top of it, so
// the step is still there when the guide closes.
func (a *App) handleOpenHelp(_ context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	view := blocks.HelpContentsView(a.helpModel())
	return Response{After: func(ctx context.Context) error {
		return a.showView(ctx, callback, view)
	}}, nil
}

// handleHelpTopic shows the help page whose topic id is the button's
// value, in place of the guide's current page.
func (a *App) handleHelpTopic(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	view := blocks.HelpTopicView(a.helpModel(), action.Value)
	current := callback.View
	return Response{After: func(ctx context.Context) error {
		return a.updateView(ctx, current, view)
	}}, nil
}

// handleHelpContents returns the help guide to its contents.
func (a *App) handleHelpContents(_ context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	view := blocks.HelpContentsView(a.helpModel())
	current := callback.View
	return Response{After: func(ctx context.Context) error {
		return a.updateView(ctx, current, view)
	}}, nil
}

// runResources opens the resources at their contents, or at the page
// whose id follows the command, such as "/mentor resources agreement".
func (a *App) runResources(_ context.Context, command slack.SlashCommand, line commandLine) (Response, error) {
	resources := a.content().Resources
	view := blocks.ResourcesContentsView(resources)
	if len(line.Args) > 0 {
		view = blocks.ResourcePageView(resources, strings.ToLower(strings.Join(line.Args, "-")))
	}
	trigger := command.TriggerID
	return Response{After: func(ctx context.Context) error {
		if _, err := a.api.OpenViewContext(ctx, trigger, view); err != nil {
			return fmt.Errorf("open resources modal: %w", err)
		}
		return nil
	}}, nil
}

// handleOpenResources opens the resources at their contents.
func (a *App) handleOpenResources(_ context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	view := blocks.ResourcesContentsView(a.content().Resources)
	return Response{After: func(ctx context.Context) error {
		return a.showView(ctx, callback, view)
	}}, nil
}

// handleResourcePage shows the resources page whose id is the button's
// value, in place of the current page.
func (a *App) handleResourcePage(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	view := blocks.ResourcePageView(a.content().Resources, action.Value)
	current := callback.View
	return Response{After: func(ctx context.Context) error {
		return a.updateView(ctx, current, view)
	}}, nil
}

// handleResourcesContents returns the resources to their contents.
func (a *App) handleResourcesContents(_ context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	view := blocks.ResourcesContentsView(a.content().Resources)
	current := callback.View
	return Response{After: func(ctx context.Context) error {
		return a.updateView(ctx, current, view)
	}}, nil
}

// showView opens view for an action: on top of the modal that the action
// came from, or as a new modal from the App Home or a message.
func (a *App) showView(ctx context.Context, callback *slack.InteractionCallback, view slack.ModalViewRequest) error {
	if callback.View.Type == slack.VTModal {
		return a.pushView(ctx, callback, view)
	}
	if _, err := a.api.OpenViewContext(ctx, callback.TriggerID, view); err != nil {
		return fmt.Errorf("open %s modal: %w", view.CallbackID, err)
	}
	return nil
}

// pushView shows view on top of the modal that an action came from. Slack
// keeps at most three modals in a stack and rejects a fourth with
// push_limit_reached (Slack's views.push reference), so on a full stack
// view replaces the current modal.
func (a *App) pushView(ctx context.Context, callback *slack.InteractionCallback, view slack.ModalViewRequest) error {
	_, err := a.api.PushViewContext(ctx, callback.TriggerID, view)
	if err == nil {
		return nil
	}
	if !strings.Contains(err.Error(), "push_limit_reached") {
		return fmt.Errorf("push %s modal: %w", view.CallbackID, err)
	}
	a.logger.WithFields(map[string]any{"view_id": callback.View.ID, "callback_id": view.CallbackID}).
		Info("Replaced a modal because its stack was full")
	return a.updateView(ctx, callback.View, view)
}

// handleContactTeam opens the form for a question to the programme team.
func (a *App) handleContactTeam(_ context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	if !a.canContact() {
		return Response{}, domain.NewUserError("Sorry, questions to the programme team aren't set up yet. " +
			"Please ask your learning and development team to set them up.")
	}
	return Response{After: func(ctx context.Context) error {
		return a.showView(ctx, callback, blocks.HelpQuestionView())
	}}, nil
}

// handleHelpQuestionSubmission checks the question and, once the form has
// closed, sends it to the programme team.
func (a *App) handleHelpQuestionSubmission(_ context.Context, callback *slack.InteractionCallback) (Response, error) {
	text := blocks.ParseHelpQuestion(callback.View.State.Values)
	if errs := domain.ValidateHelpQuestion(text); len(errs) > 0 {
		return Response{Body: blocks.FieldErrorsResponse(errs)}, nil
	}
	if !a.canContact() {
		return Response{Body: blocks.FieldErrorsResponse(domain.FieldErrors{
			domain.FieldHelpQuestion: "Sorry, questions to the programme team aren't set up yet, so this can't be sent.",
		})}, nil
	}

	asker := personOf(callback)
	return Response{After: func(ctx context.Context) error {
		return a.sendHelpQuestion(ctx, asker, text)
	}}, nil
}

// errQuestionNotSent is returned when no post of a question reached the
// programme team.
var errQuestionNotSent = domain.NewUserError("Sorry, I couldn't pass your question to the programme team just now, " +
	"so it hasn't been sent. Please try again in a little while.")

// sendHelpQuestion posts a question to the help channel or, with none
// configured, by DM to each member of the programme team, stores it with
// the posts that reached the team, and confirms to the person who asked.
// A post that fails is logged, and the question counts as sent when at
// least one post reached the team. When none did, nothing is stored and
// the person gets errQuestionNotSent, so a retry sends the question once.
func (a *App) sendHelpQuestion(ctx context.Context, asker domain.PersonKey, text string) error {
	destinations := a.team
	if a.helpChannel != "" {
		destinations = []string{a.helpChannel}
	}
	logger := a.logger.WithField("user_id", asker.UserID)

	message := blocks.HelpQuestionPostMessage(asker.UserID, text)
	var posts []domain.HelpQuestionPost
	for _, destination := range destinations {
		channel, ts, err := a.post(ctx, destination, message)
		if err != nil {
			logger.WithError(err).WithField("destination", destination).
				Error("Failed to send a help question to the programme team")
			continue
		}
		posts = append(posts, domain.HelpQuestionPost{ChannelID: channel, TS: ts})
	}
	if len(posts) == 0 {
		return errQuestionNotSent
	}

	id, err := a.store.RecordHelpQuestion(ctx, domain.HelpQuestion{Asker: asker, Text: text, AskedAt: a.now()})
	if err != nil {
		return err
	}
	for _, post := range posts {
		post.QuestionID = id
		if err := a.store.RecordHelpQuestionPost(ctx, asker.TeamID, post); err != nil {
			logger.WithError(err).WithField("help_question_id", id).
				Error("Failed to record a help question's post; replies in its thread will not be passed on")
		}
	}

	if _, _, err := a.post(ctx, asker.UserID, blocks.HelpQuestionSentMessage(text)); err != nil {
		return fmt.Errorf("confirm help question %d: %w", id, err)
	}
	return nil
}
