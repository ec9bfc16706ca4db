package bot

import (
	"context"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
)

// subcommand is one word after /mentor and what it does.
type subcommand struct {
	name        string
	usage       string
	description string
	run         func(ctx context.Context, command slack.SlashCommand, line commandLine) (Response, error)
}

// handleMentorCommand routes /mentor to its subcommand. With no subcommand
// it shows help.
func (a *App) handleMentorCommand(ctx context.Context, command slack.SlashCommand) (Response, error) {
	line := parseCommandLine(command.Text)
	if line.Name == "" {
		return a.runHelp(ctx, command, line)
	}
	for _, sub := range a.subcommands {
		if sub.name == line.Name {
			return sub.run(ctx, command, line)
		}
	}

	// Echo the word as typed, not lower-cased, so the person recognises it.
	typed := splitWords(command.Text)[0]
	return Response{Body: blocks.UnknownCommandMessage(SlashCommand, typed, a.helpModel())}, nil
}
