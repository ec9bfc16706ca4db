package blocks

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"
)

// CommandHelp describes one /mentor subcommand.
type CommandHelp struct {
	// Usage is the text typed after the slash command's name, such as
	// "help".
	Usage string
	// Description is one short sentence on what the subcommand does.
	Description string
}

// HelpModel is the content of the help message and the help modal.
type HelpModel struct {
	ProgrammeName string
	Intro         string
	Contact       string
	// SlashCommand is the command's name with its slash, such as "/mentor".
	SlashCommand string
	Commands     []CommandHelp
}

// HelpMessage builds the ephemeral reply to "/mentor help".
func HelpMessage(model HelpModel) Message {
	text := fmt.Sprintf("%s: %s", model.ProgrammeName, commandSummary(model))
	return ephemeral(truncate(text, maxSectionText), helpBlocks(model)...)
}

// HelpModal builds the help modal that the App Home's Help button opens.
func HelpModal(model HelpModel) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackHelp,
		Title:      plain("Help"),
		Close:      plain("Close"),
		Blocks:     slack.Blocks{BlockSet: helpBlocks(model)},
	}
}

// UnknownCommandMessage builds the ephemeral reply to a subcommand that
// does not exist. name is the text the person typed, as Slack sent it.
func UnknownCommandMessage(slashCommand, name string, model HelpModel) Message {
	// The word is cut before it is escaped, so the cut never splits an
	// escape, and loses its backticks, which would end the code span.
	typed := Escape(truncate(strings.ReplaceAll(unescapeSlack(name), "`", "'"), 100))
	text := fmt.Sprintf("Sorry, I don't know `%s %s`. You can use: %s.",
		slashCommand, typed, commandList(model))
	return ephemeral(truncate(text, maxSectionText),
		section(text),
		slack.NewContextBlock("unknown_hint",
			mrkdwn(fmt.Sprintf("Type `%s help` to see what each one does.", slashCommand))),
	)
}

func helpBlocks(model HelpModel) []slack.Block {
	var lines []string
	for _, command := range model.Commands {
		lines = append(lines, fmt.Sprintf("• `%s %s`: %s", model.SlashCommand, command.Usage, command.Description))
	}
	return []slack.Block{
		section(model.Intro),
		section(strings.Join(lines, "\n")),
		slack.NewDividerBlock(),
		section(model.Contact),
	}
}

// commandList returns the subcommands' usages as "`/mentor help`, ...".
func commandList(model HelpModel) string {
	var usages []string
	for _, command := range model.Commands {
		usages = append(usages, fmt.Sprintf("`%s %s`", model.SlashCommand, command.Usage))
	}
	return strings.Join(usages, ", ")
}

func commandSummary(model HelpModel) string {
	return "commands you can use: " + commandList(model)
}
