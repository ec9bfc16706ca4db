package blocks

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/content"
)

// CommandHelp describes one /mentor subcommand.
type CommandHelp struct {
	// Usage is the text typed after the slash command's name, such as
	// "help".
	Usage string
	// Description is one short sentence on what the subcommand does.
	Description string
}

// HelpModel is the content of the help messages and the help guide's
// modal.
type HelpModel struct {
	ProgrammeName string
	Intro         string
	Contact       string
	// SlashCommand is the command's name with its slash, such as "/mentor".
	SlashCommand string
	Commands     []CommandHelp
	// Guide is the help guide's table of contents, topics and FAQ.
	Guide content.Help
	// CanContact is true when a question to the programme team has
	// somewhere to go, so the Contact the programme team button shows.
	CanContact bool
}

// HelpMessage builds the ephemeral reply to "/mentor help": the commands,
// and buttons that open the help guide and the question form.
func HelpMessage(model HelpModel) Message {
	text := fmt.Sprintf("%s: %s", model.ProgrammeName, commandSummary(model))
	blocks := append(commandBlocks(model), actionsBlock("help_actions",
		primaryButton(ActionOpenHelp, "", "Open the help guide"),
		contactButton(model),
	))
	return ephemeral(truncate(text, maxSectionText), blocks...)
}

// HelpContentsView builds the help guide's modal at its table of contents:
// one entry per topic, then the FAQ, each with a button that opens its
// page in place.
func HelpContentsView(model HelpModel) slack.ModalViewRequest {
	blocks := []slack.Block{section(model.Guide.Introduction)}
	for _, topic := range model.Guide.Topics {
		blocks = append(blocks, contentsEntry("help_topic_"+topic.ID, ActionHelpTopic, topic.ID, topic.Title, topic.Summary))
	}
	blocks = append(blocks,
		contentsEntry("help_topic_"+content.FAQTopicID, ActionHelpTopic, content.FAQTopicID,
			content.FAQTitle, "Quick answers to the questions people ask most."),
		slack.NewDividerBlock(),
		sectionWithID("help_contact", model.Contact),
	)
	if actions := actionsBlock("help_actions", contactButton(model)); len(actions.Elements.ElementSet) > 0 {
		blocks = append(blocks, actions)
	}
	return helpModal(blocks)
}

// HelpTopicView builds the help guide's modal at the page of topicID, or
// of the FAQ for content.FAQTopicID. An id that is not in the guide, such
// as one from before the content changed, shows the table of contents.
func HelpTopicView(model HelpModel, topicID string) slack.ModalViewRequest {
	page, ok := helpPageBlocks(model.Guide, topicID)
	if !ok {
		return HelpContentsView(model)
	}
	return helpModal(append(page, actionsBlock("help_actions",
		button(ActionHelpContents, "", "Back to contents"),
		contactButton(model),
	)))
}

// HelpTopicMessage builds the ephemeral reply to "/mentor help TOPIC" with
// the page of topicID, which must be in the guide, and a button that opens
// the whole guide.
func HelpTopicMessage(model HelpModel, topicID string) Message {
	page, _ := helpPageBlocks(model.Guide, topicID)
	title := content.FAQTitle
	if topic, ok := model.Guide.Topic(topicID); ok {
		title = topic.Title
	}
	return ephemeral(title, append(page, actionsBlock("help_actions",
		button(ActionOpenHelp, "", "Open the help guide"),
		contactButton(model),
	))...)
}

// UnknownHelpTopicMessage builds the ephemeral reply to "/mentor help
// TOPIC" when no topic matches. typed is the text after "help", as Slack
// sent it.
func UnknownHelpTopicMessage(model HelpModel, typed string) Message {
	// The words are cut before they are escaped, so the cut never splits
	// an escape, and lose their backticks, which would end the code span.
	shown := Escape(truncate(strings.ReplaceAll(unescapeSlack(typed), "`", "'"), 100))
	text := fmt.Sprintf("Sorry, I couldn't find a help topic called `%s`. These are the topics:", shown)

	lines := make([]string, 0, len(model.Guide.Topics)+1)
	for _, topic := range model.Guide.Topics {
		lines = append(lines, fmt.Sprintf("• `%s help %s`: %s", model.SlashCommand, topic.ID, topic.Title))
	}
	lines = append(lines, fmt.Sprintf("• `%s help %s`: %s", model.SlashCommand, content.FAQTopicID, content.FAQTitle))

	blocks := []slack.Block{sectionWithID("help_unknown", text)}
	for i, chunk := range joinLines(lines, maxSectionText) {
		blocks = append(blocks, sectionWithID(fmt.Sprintf("help_topics_%d", i), chunk))
	}
	blocks = append(blocks, actionsBlock("help_actions", button(ActionOpenHelp, "", "Open the help guide")))
	return ephemeral(truncate(text, maxSectionText), blocks...)
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

// HelpFooter returns the actions block at the foot of each registration
// step, whose button opens the help guide on top of the step.
func HelpFooter() slack.Block {
	return actionsBlock(BlockHelpFooter, button(ActionOpenHelp, "", "Help"))
}

func helpModal(blocks []slack.Block) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackHelp,
		Title:      plain("Help"),
		Close:      plain("Close"),
		Blocks:     slack.Blocks{BlockSet: blocks},
	}
}

// helpPageBlocks returns the heading and text of the page of topicID, or
// false when the guide has no such page.
func helpPageBlocks(guide content.Help, topicID string) ([]slack.Block, bool) {
	if topicID == content.FAQTopicID {
		blocks := []slack.Block{slack.NewHeaderBlock(plain(content.FAQTitle))}
		for i, entry := range guide.FAQ {
			blocks = append(blocks, sectionWithID(fmt.Sprintf("faq_%d", i),
				"*"+strings.TrimSpace(entry.Question)+"*\n"+entry.Answer))
		}
		return blocks, true
	}
	topic, ok := guide.Topic(topicID)
	if !ok {
		return nil, false
	}
	return []slack.Block{
		slack.NewHeaderBlock(plain(truncate(topic.Title, maxHeaderText))),
		sectionWithID("help_body", topic.Body),
	}, true
}

// contentsEntry returns one line of a table of contents: the title in
// bold over the summary, with a button whose value is the page's id.
func contentsEntry(blockID, actionID, pageID, title, summary string) slack.Block {
	text := "*" + strings.TrimSpace(title) + "*\n" + strings.TrimSpace(summary)
	return slack.NewSectionBlock(mrkdwn(truncate(text, maxSectionText)), nil,
		slack.NewAccessory(button(actionID, pageID, "Read")),
		slack.SectionBlockOptionBlockID(blockID))
}

// contactButton returns the button that opens the question form, or nil
// when questions have nowhere to go.
func contactButton(model HelpModel) *slack.ButtonBlockElement {
	if !model.CanContact {
		return nil
	}
	return button(ActionContactTeam, "", "Contact the programme team")
}

func commandBlocks(model HelpModel) []slack.Block {
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

// joinLines joins lines with line breaks into texts of at most max
// characters each, cutting a single line that is longer on its own.
func joinLines(lines []string, max int) []string {
	var texts []string
	current := ""
	for _, line := range lines {
		line = truncate(line, max)
		switch {
		case current == "":
			current = line
		case len([]rune(current))+1+len([]rune(line)) <= max:
			current += "\n" + line
		default:
			texts = append(texts, current)
			current = line
		}
	}
	if current != "" {
		texts = append(texts, current)
	}
	return texts
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
