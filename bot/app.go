package bot

import (
	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/content"
)

// SlashCommand is the bot's slash command, as manifest.yml declares it.
const SlashCommand = "/mentor"

// App holds the bot's features and registers their handlers on a Router.
type App struct {
	logger  logrus.FieldLogger
	api     *slack.Client
	content *content.Content

	// subcommands are the /mentor subcommands, in the order help lists them.
	subcommands []subcommand
}

// AppConfig is what an App needs.
type AppConfig struct {
	Logger  logrus.FieldLogger
	API     *slack.Client
	Content *content.Content
}

// NewApp returns an App with every feature of the bot.
func NewApp(config AppConfig) *App {
	app := &App{
		logger:  config.Logger,
		api:     config.API,
		content: config.Content,
	}
	app.subcommands = []subcommand{
		{name: "help", usage: "help", description: "Show this list of commands.", run: app.runHelp},
	}
	return app
}

// Register adds the App's handlers to router.
func (a *App) Register(router *Router) {
	router.Command(SlashCommand, a.handleMentorCommand)
	router.Event("app_home_opened", a.handleAppHomeOpened)
	router.Action(blocks.ActionHomeHelp, a.handleHomeHelp)
}

// helpModel returns what the help message and modal show.
func (a *App) helpModel() blocks.HelpModel {
	model := blocks.HelpModel{
		ProgrammeName: a.content.Programme.Name,
		Intro:         a.content.Programme.HelpIntro,
		Contact:       a.content.Programme.Contact,
		SlashCommand:  SlashCommand,
	}
	for _, command := range a.subcommands {
		model.Commands = append(model.Commands, blocks.CommandHelp{
			Usage:       command.usage,
			Description: command.description,
		})
	}
	return model
}
