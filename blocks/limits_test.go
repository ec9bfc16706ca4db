package blocks_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/slack-go/slack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
)

// TestCheckJSON_Limits builds each payload with its field exactly at the
// limit, which must pass, and one over, which must fail with one violation
// that names the field's path, the limit and the actual size.
func TestCheckJSON_Limits(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name    string
		surface blocks.Surface
		limit   int
		build   func(t *testing.T, n int) any
		path    string
	}{
		{
			name: "ModalTitle", surface: blocks.SurfaceModal, limit: 24, path: "title.text",
			build: func(t *testing.T, n int) any {
				view := modalJSON(sectionJSON("a"))
				view["title"] = plainTextJSON(strings.Repeat("t", n))
				return view
			},
		},
		{
			name: "ModalSubmit", surface: blocks.SurfaceModal, limit: 24, path: "submit.text",
			build: func(t *testing.T, n int) any {
				view := modalJSON(sectionJSON("a"))
				view["submit"] = plainTextJSON(strings.Repeat("s", n))
				return view
			},
		},
		{
			name: "ModalClose", surface: blocks.SurfaceModal, limit: 24, path: "close.text",
			build: func(t *testing.T, n int) any {
				view := modalJSON(sectionJSON("a"))
				view["close"] = plainTextJSON(strings.Repeat("c", n))
				return view
			},
		},
		{
			name: "ModalBlocks", surface: blocks.SurfaceModal, limit: 100, path: "blocks",
			build: func(t *testing.T, n int) any { return modalJSON(sections(n)...) },
		},
		{
			name: "HomeBlocks", surface: blocks.SurfaceHome, limit: 100, path: "blocks",
			build: func(t *testing.T, n int) any { return homeJSON(sections(n)...) },
		},
		{
			name: "MessageBlocks", surface: blocks.SurfaceMessage, limit: 50, path: "blocks",
			build: func(t *testing.T, n int) any { return messageJSON(sections(n)...) },
		},
		{
			name: "MessageBlockArray", surface: blocks.SurfaceMessage, limit: 50, path: "blocks",
			build: func(t *testing.T, n int) any { return sections(n) },
		},
		{
			name: "PrivateMetadata", surface: blocks.SurfaceModal, limit: 3000,
			path: "private_metadata",
			build: func(t *testing.T, n int) any {
				view := modalJSON(sectionJSON("a"))
				view["private_metadata"] = strings.Repeat("m", n)
				return view
			},
		},
		{
			name: "HomePrivateMetadata", surface: blocks.SurfaceHome, limit: 3000,
			path: "private_metadata",
			build: func(t *testing.T, n int) any {
				view := homeJSON(sectionJSON("a"))
				view["private_metadata"] = strings.Repeat("m", n)
				return view
			},
		},
		{
			name: "CallbackID", surface: blocks.SurfaceModal, limit: 255, path: "callback_id",
			build: func(t *testing.T, n int) any {
				view := modalJSON(sectionJSON("a"))
				view["callback_id"] = strings.Repeat("c", n)
				return view
			},
		},
		{
			name: "BlockID", surface: blocks.SurfaceModal, limit: 255, path: "blocks[0].block_id",
			build: func(t *testing.T, n int) any {
				section := sectionJSON("a")
				section["block_id"] = strings.Repeat("b", n)
				return modalJSON(section)
			},
		},
		{
			name: "ActionID", surface: blocks.SurfaceMessage, limit: 255,
			path: "blocks[0].elements[0].action_id",
			build: func(t *testing.T, n int) any {
				return messageJSON(actionsJSON(buttonJSON(strings.Repeat("a", n))))
			},
		},
		{
			name: "ViewSize", surface: blocks.SurfaceModal, limit: 250_000, path: "view",
			build: modalOfSize,
		},
		{
			name: "SectionText", surface: blocks.SurfaceModal, limit: 3000,
			path:  "blocks[0].text.text",
			build: func(t *testing.T, n int) any { return modalJSON(sectionJSON(strings.Repeat("x", n))) },
		},
		{
			name: "SectionFieldCount", surface: blocks.SurfaceMessage, limit: 10,
			path: "blocks[0].fields",
			build: func(t *testing.T, n int) any {
				fields := make([]any, n)
				for i := range fields {
					fields[i] = mrkdwnJSON("field")
				}
				return messageJSON(map[string]any{"type": "section", "fields": fields})
			},
		},
		{
			name: "SectionFieldText", surface: blocks.SurfaceMessage, limit: 2000,
			path: "blocks[0].fields[0].text",
			build: func(t *testing.T, n int) any {
				fields := []any{mrkdwnJSON(strings.Repeat("f", n))}
				return messageJSON(map[string]any{"type": "section", "fields": fields})
			},
		},
		{
			name: "HeaderText", surface: blocks.SurfaceHome, limit: 150,
			path: "blocks[0].text.text",
			build: func(t *testing.T, n int) any {
				return homeJSON(map[string]any{"type": "header", "text": plainTextJSON(strings.Repeat("h", n))})
			},
		},
		{
			name: "ButtonText", surface: blocks.SurfaceMessage, limit: 75,
			path: "blocks[0].elements[0].text.text",
			build: func(t *testing.T, n int) any {
				button := buttonJSON("invitation:accept")
				button["text"] = plainTextJSON(strings.Repeat("b", n))
				return messageJSON(actionsJSON(button))
			},
		},
		{
			name: "ButtonValue", surface: blocks.SurfaceMessage, limit: 2000,
			path: "blocks[0].elements[0].value",
			build: func(t *testing.T, n int) any {
				button := buttonJSON("invitation:accept")
				button["value"] = strings.Repeat("v", n)
				return messageJSON(actionsJSON(button))
			},
		},
		{
			name: "ButtonURL", surface: blocks.SurfaceMessage, limit: 3000,
			path: "blocks[0].accessory.url",
			build: func(t *testing.T, n int) any {
				button := buttonJSON("resources:open")
				button["url"] = "https://example.com/" + strings.Repeat("u", n-len("https://example.com/"))
				section := sectionJSON("Resources")
				section["accessory"] = button
				return messageJSON(section)
			},
		},
		{
			name: "SelectOptions", surface: blocks.SurfaceModal, limit: 100,
			path: "blocks[0].element.options",
			build: func(t *testing.T, n int) any {
				return modalJSON(inputJSON(selectJSON("options", options(n))))
			},
		},
		{
			name: "OptionGroups", surface: blocks.SurfaceModal, limit: 100,
			path: "blocks[0].element.option_groups",
			build: func(t *testing.T, n int) any {
				groups := make([]any, n)
				for i := range groups {
					groups[i] = optionGroupJSON(options(1))
				}
				return modalJSON(inputJSON(selectJSON("option_groups", groups)))
			},
		},
		{
			name: "OptionGroupOptions", surface: blocks.SurfaceModal, limit: 100,
			path: "blocks[0].element.option_groups[1].options",
			build: func(t *testing.T, n int) any {
				groups := []any{optionGroupJSON(options(1)), optionGroupJSON(options(n))}
				return modalJSON(inputJSON(selectJSON("option_groups", groups)))
			},
		},
		{
			name: "OptionText", surface: blocks.SurfaceModal, limit: 75,
			path: "blocks[0].element.options[0].text.text",
			build: func(t *testing.T, n int) any {
				option := optionJSON(strings.Repeat("o", n), "area-1")
				return modalJSON(inputJSON(selectJSON("options", []any{option})))
			},
		},
		{
			name: "OptionValue", surface: blocks.SurfaceModal, limit: 150,
			path: "blocks[0].element.options[0].value",
			build: func(t *testing.T, n int) any {
				option := optionJSON("Career development", strings.Repeat("v", n))
				return modalJSON(inputJSON(selectJSON("options", []any{option})))
			},
		},
		{
			name: "CheckboxOptionText", surface: blocks.SurfaceModal, limit: 75,
			path: "blocks[0].element.options[0].text.text",
			build: func(t *testing.T, n int) any {
				checkboxes := map[string]any{
					"type":      "checkboxes",
					"action_id": "profile:areas",
					"options":   []any{optionJSON(strings.Repeat("o", n), "area-1")},
				}
				return modalJSON(inputJSON(checkboxes))
			},
		},
		{
			name: "InputLabel", surface: blocks.SurfaceModal, limit: 2000,
			path: "blocks[0].label.text",
			build: func(t *testing.T, n int) any {
				input := inputJSON(plainTextInputJSON())
				input["label"] = plainTextJSON(strings.Repeat("l", n))
				return modalJSON(input)
			},
		},
		{
			name: "PlainTextInputMaxLength", surface: blocks.SurfaceModal, limit: 3000,
			path: "blocks[0].element.max_length",
			build: func(t *testing.T, n int) any {
				element := plainTextInputJSON()
				element["max_length"] = n
				return modalJSON(inputJSON(element))
			},
		},
		{
			name: "ContextElements", surface: blocks.SurfaceMessage, limit: 10,
			path: "blocks[0].elements",
			build: func(t *testing.T, n int) any {
				elements := make([]any, n)
				for i := range elements {
					elements[i] = mrkdwnJSON("note")
				}
				return messageJSON(map[string]any{"type": "context", "elements": elements})
			},
		},
		{
			name: "ActionsElements", surface: blocks.SurfaceMessage, limit: 25,
			path: "blocks[0].elements",
			build: func(t *testing.T, n int) any {
				buttons := make([]any, n)
				for i := range buttons {
					buttons[i] = buttonJSON(fmt.Sprintf("review:page_%d", i))
				}
				return messageJSON(actionsJSON(buttons...))
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			err := blocks.CheckJSON(tt.surface, mustMarshal(t, tt.build(t, tt.limit)))
			require.NoError(t, err, "at the limit")

			err = blocks.CheckJSON(tt.surface, mustMarshal(t, tt.build(t, tt.limit+1)))
			violations := unwrapJoined(t, err)
			require.Len(t, violations, 1, "one over the limit")
			message := violations[0].Error()
			assert.True(t, strings.HasPrefix(message, tt.path+": "), "path in %q", message)
			assert.Contains(t, message, fmt.Sprintf("max %d", tt.limit))
			assert.Contains(t, message, strconv.Itoa(tt.limit+1))
		})
	}
}

// TestCheckJSON_Rules covers the rules that are not a maximum: required
// fields, minimums, white space and unique ids. An empty path means the
// payload must pass.
func TestCheckJSON_Rules(t *testing.T) {
	t.Parallel()

	inputWithMaxLength := func(n int) map[string]any {
		element := plainTextInputJSON()
		element["max_length"] = n
		return inputJSON(element)
	}
	withoutKey := func(view map[string]any, key string) map[string]any {
		delete(view, key)
		return view
	}

	tests := []struct {
		name    string
		surface blocks.Surface
		payload any
		path    string
	}{
		{"SectionTextOneCharacter", blocks.SurfaceModal, modalJSON(sectionJSON("a")), ""},
		{"SectionTextEmpty", blocks.SurfaceModal, modalJSON(sectionJSON("")), "blocks[0].text.text"},
		{"SectionTextWhiteSpace", blocks.SurfaceModal,
			modalJSON(sectionJSON(" \n\t ")), "blocks[0].text.text"},
		{"SectionWithoutTextOrFields", blocks.SurfaceMessage,
			messageJSON(map[string]any{"type": "section"}), "blocks[0]"},
		{"SectionFieldsOnly", blocks.SurfaceMessage,
			messageJSON(map[string]any{"type": "section", "fields": []any{mrkdwnJSON("*Role*\nEngineer")}}),
			""},
		{"TextObjectWithoutText", blocks.SurfaceHome,
			homeJSON(map[string]any{"type": "header", "text": map[string]any{"type": "plain_text"}}),
			"blocks[0].text.text"},
		{"ContextEmptyText", blocks.SurfaceMessage,
			messageJSON(map[string]any{"type": "context", "elements": []any{mrkdwnJSON("")}}),
			"blocks[0].elements[0].text"},
		{"HeaderWithoutText", blocks.SurfaceHome,
			homeJSON(map[string]any{"type": "header"}), "blocks[0].text"},
		{"InputWithoutLabel", blocks.SurfaceModal,
			modalJSON(withoutKey(inputJSON(plainTextInputJSON()), "label")), "blocks[0].label"},
		{"ButtonWithoutText", blocks.SurfaceMessage,
			messageJSON(actionsJSON(withoutKey(buttonJSON("help:open"), "text"))),
			"blocks[0].elements[0].text"},
		{"MaxLengthOne", blocks.SurfaceModal, modalJSON(inputWithMaxLength(1)), ""},
		{"MaxLengthZero", blocks.SurfaceModal,
			modalJSON(inputWithMaxLength(0)), "blocks[0].element.max_length"},
		{"MaxLengthNotInteger", blocks.SurfaceModal,
			modalJSON(inputJSON(map[string]any{"type": "plain_text_input", "max_length": 1.5})),
			"blocks[0].element.max_length"},
		{"SubmitMissingWithInput", blocks.SurfaceModal,
			withoutKey(modalJSON(inputJSON(plainTextInputJSON())), "submit"), "submit"},
		{"SubmitMissingWithoutInput", blocks.SurfaceModal,
			withoutKey(modalJSON(sectionJSON("a")), "submit"), ""},
		{"TitleMissing", blocks.SurfaceModal, withoutKey(modalJSON(sectionJSON("a")), "title"), "title"},
		{"ViewBlocksMissing", blocks.SurfaceHome, homeJSON(), "blocks"},
		{"HomeOnModalSurface", blocks.SurfaceModal, homeJSON(sectionJSON("a")), "type"},
		{"ModalOnHomeSurface", blocks.SurfaceHome, modalJSON(sectionJSON("a")), "type"},
		{"BlockOnMessageSurface", blocks.SurfaceMessage, sectionJSON("a"), "type"},
		{"DuplicateBlockID", blocks.SurfaceMessage,
			messageJSON(sectionWithBlockID("intro"), sectionJSON("b"), sectionWithBlockID("intro")),
			"blocks[2].block_id"},
		{"DistinctBlockIDs", blocks.SurfaceMessage,
			messageJSON(sectionWithBlockID("intro"), sectionWithBlockID("details")), ""},
		{"BlockIDNotString", blocks.SurfaceMessage,
			messageJSON(sectionWithBlockID(7)), "blocks[0].block_id"},
		{"DuplicateActionIDInBlock", blocks.SurfaceMessage,
			messageJSON(actionsJSON(buttonJSON("invitation:accept"), buttonJSON("invitation:accept"))),
			"blocks[0].elements[1].action_id"},
		{"SameActionIDInTwoBlocks", blocks.SurfaceMessage,
			messageJSON(
				actionsJSON(buttonJSON("invitation:accept")),
				actionsJSON(buttonJSON("invitation:accept")),
			),
			""},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			err := blocks.CheckJSON(tt.surface, mustMarshal(t, tt.payload))
			if tt.path == "" {
				require.NoError(t, err)
				return
			}
			violations := unwrapJoined(t, err)
			require.Len(t, violations, 1)
			message := violations[0].Error()
			assert.True(t, strings.HasPrefix(message, tt.path+": "), "path in %q", message)
		})
	}
}

func TestCheckJSON_EmojiAtLimit(t *testing.T) {
	t.Parallel()

	// Each seedling is one rune of 4 bytes in UTF-8.
	text := strings.Repeat("🌱", 3000)
	require.Greater(t, len(text), 3000)

	err := blocks.CheckJSON(blocks.SurfaceModal, mustMarshal(t, modalJSON(sectionJSON(text))))
	assert.NoError(t, err)

	err = blocks.CheckJSON(blocks.SurfaceModal, mustMarshal(t, modalJSON(sectionJSON(text+"🌱"))))
	assert.EqualError(t, err, "blocks[0].text.text: 3001 characters, max 3000")
}

func TestCheckJSON_JoinsViolations(t *testing.T) {
	t.Parallel()

	section := sectionJSON(strings.Repeat("x", 3001))
	section["block_id"] = "intro"
	view := modalJSON(section, sectionJSON(""), map[string]any{"type": "divider", "block_id": "intro"})
	view["title"] = plainTextJSON(strings.Repeat("t", 25))

	err := blocks.CheckJSON(blocks.SurfaceModal, mustMarshal(t, view))

	want := []string{
		"title.text: 25 characters, max 24",
		"blocks[0].text.text: 3001 characters, max 3000",
		"blocks[1].text.text: empty, a text object needs at least 1 character",
		`blocks[2].block_id: "intro" is already the block_id of blocks[0]`,
	}
	var got []string
	for _, violation := range unwrapJoined(t, err) {
		got = append(got, violation.Error())
	}
	assert.Equal(t, want, got)
}

func TestCheckJSON_InvalidJSON(t *testing.T) {
	t.Parallel()

	err := blocks.CheckJSON(blocks.SurfaceMessage, []byte(`{"blocks": [`))
	assert.ErrorContains(t, err, "decode blocks JSON")

	err = blocks.CheckJSON(blocks.SurfaceMessage, []byte(`{"blocks": []} {}`))
	assert.ErrorContains(t, err, "data after the top-level value")
}

func TestCheckJSON_UnknownSurface(t *testing.T) {
	t.Parallel()

	err := blocks.CheckJSON(blocks.Surface(7), mustMarshal(t, messageJSON(sectionJSON("a"))))
	assert.EqualError(t, err, "check blocks: unknown surface 7")
}

func TestCheckView_SlackModal(t *testing.T) {
	t.Parallel()

	view := findMentorModal()

	assert.NoError(t, blocks.CheckView(view))
	assert.NoError(t, blocks.CheckView(&view), "pointer to the view")
}

func TestCheckView_SlackHomeTab(t *testing.T) {
	t.Parallel()

	home := slack.HomeTabViewRequest{
		Type: slack.VTHomeTab,
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewHeaderBlock(slackPlainText("Mentoring")),
			slack.NewSectionBlock(slackMrkdwn("Next step: *Learning package*"), nil, nil),
			slack.NewActionBlock("home_actions",
				slack.NewButtonBlockElement("home:find_mentor", "", slackPlainText("Find a mentor")),
				slack.NewButtonBlockElement("home:help", "", slackPlainText("Help")),
			),
		}},
		PrivateMetadata: "step=learning",
	}

	assert.NoError(t, blocks.CheckView(home))
}

func TestCheckView_DuplicateBlockID(t *testing.T) {
	t.Parallel()

	view := findMentorModal()
	view.Blocks.BlockSet = append(view.Blocks.BlockSet,
		slack.NewSectionBlock(slackMrkdwn("Repeated"), nil, nil,
			slack.SectionBlockOptionBlockID("find_intro")))

	err := blocks.CheckView(view)

	last := len(view.Blocks.BlockSet) - 1
	want := fmt.Sprintf(`blocks[%d].block_id: "find_intro" is already the block_id of blocks[1]`, last)
	assert.EqualError(t, err, want)
}

func TestCheckView_TooManyBlocks(t *testing.T) {
	t.Parallel()

	view := findMentorModal()
	for len(view.Blocks.BlockSet) <= 100 {
		view.Blocks.BlockSet = append(view.Blocks.BlockSet, slack.NewDividerBlock())
	}

	assert.EqualError(t, blocks.CheckView(view), "blocks: 101 blocks, max 100 per modal")
}

func TestCheckView_NotAView(t *testing.T) {
	t.Parallel()

	message := slack.NewBlockMessage(slack.NewDividerBlock())

	err := blocks.CheckView(message)

	assert.EqualError(t, err, `type: "" is not a view type, want "modal" or "home"`)
}

func TestCheckMessage_SlackTypes(t *testing.T) {
	t.Parallel()

	list := []slack.Block{
		slack.NewSectionBlock(slackMrkdwn("*Sam* asked you to be their mentor."), nil, nil),
		slack.NewActionBlock("invitation_actions",
			slack.NewButtonBlockElement("invitation:accept", "7f9c", slackPlainText("Accept")),
			slack.NewButtonBlockElement("invitation:decline", "7f9c", slackPlainText("Decline")),
		),
		slack.NewContextBlock("invitation_context", slackMrkdwn("Reply within two weeks.")),
	}
	blockSet := slack.Blocks{BlockSet: list}
	message := slack.NewBlockMessage(list...)
	message.Text = "Sam asked you to be their mentor."
	webhook := slack.WebhookMessage{Text: message.Text, Blocks: &blockSet, ReplaceOriginal: true}

	assert.NoError(t, blocks.CheckMessage(list), "[]slack.Block")
	assert.NoError(t, blocks.CheckMessage(blockSet), "slack.Blocks")
	assert.NoError(t, blocks.CheckMessage(message), "slack.Message")
	assert.NoError(t, blocks.CheckMessage(message.Msg), "slack.Msg")
	assert.NoError(t, blocks.CheckMessage(webhook), "slack.WebhookMessage")
	assert.NoError(t, blocks.CheckMessage(mustMarshal(t, message)), "[]byte")
}

func TestCheckMessage_TooManyBlocks(t *testing.T) {
	t.Parallel()

	list := make([]slack.Block, 51)
	for i := range list {
		list[i] = slack.NewDividerBlock()
	}

	assert.EqualError(t, blocks.CheckMessage(list), "blocks: 51 blocks, max 50 per message")
}

func TestCheckMessage_SingleBlock(t *testing.T) {
	t.Parallel()

	block := slack.NewSectionBlock(slackMrkdwn("Hello"), nil, nil)

	err := blocks.CheckMessage(block)

	assert.EqualError(t, err, `type: "section", want a message or an array of blocks`)
}

func TestCheckFallbackText(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name    string
		raw     string
		wantErr string
	}{
		{"TextAndBlocks", `{"text": "Sam invited you.", "blocks": [{"type": "divider"}]}`, ""},
		{"TextOnly", `{"text": "Your profile is saved."}`, ""},
		{"MissingText", `{"blocks": [{"type": "divider"}]}`, "text: missing or blank"},
		{"BlankText", `{"text": " \n", "blocks": [{"type": "divider"}]}`, "text: missing or blank"},
		{"TextNotString", `{"text": 5}`, "text: missing or blank"},
		{"BlockArray", `[{"type": "divider"}]`, "message: not a JSON object"},
		{"InvalidJSON", `{"text": `, "decode blocks JSON"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			err := blocks.CheckFallbackText([]byte(tt.raw))
			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func TestSurface_String(t *testing.T) {
	t.Parallel()

	assert.Equal(t, "modal", blocks.SurfaceModal.String())
	assert.Equal(t, "App Home", blocks.SurfaceHome.String())
	assert.Equal(t, "message", blocks.SurfaceMessage.String())
	assert.Equal(t, "Surface(7)", blocks.Surface(7).String())
}

// findMentorModal returns a modal like the one a mentee fills in to search
// for mentors, built with slack-go's constructors.
func findMentorModal() slack.ModalViewRequest {
	area := slack.NewOptionsSelectBlockElement(
		slack.OptTypeStatic, slackPlainText("Choose an area"), "find:area",
		slack.NewOptionBlockObject("career", slackPlainText("Career development"), nil),
		slack.NewOptionBlockObject("leadership", slackPlainText("Leadership"),
			slackPlainText("Leading a team")),
		slack.NewOptionBlockObject("wellbeing", slackPlainText("Wellbeing 🌱"), nil),
	)
	about := slack.NewPlainTextInputBlockElement(slackPlainText("A sentence or two"), "find:about").
		WithMultiline(true).
		WithMaxLength(500)
	aboutLabel := slackPlainText("What would you like from a mentor?")
	aboutInput := slack.NewInputBlock("find_about", aboutLabel, nil, about)
	aboutInput.Optional = true
	reset := slack.NewButtonBlockElement("find:reset", "", slackPlainText("Reset filters"))

	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		Title:           slackPlainText("Find a mentor"),
		Submit:          slackPlainText("Search"),
		Close:           slackPlainText("Cancel"),
		CallbackID:      "find:submit",
		PrivateMetadata: `{"page":1}`,
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewHeaderBlock(slackPlainText("Find a mentor")),
			slack.NewSectionBlock(
				slackMrkdwn("Choose what you want help with. The best matches are shown first."),
				nil, nil, slack.SectionBlockOptionBlockID("find_intro")),
			slack.NewDividerBlock(),
			slack.NewInputBlock("find_area", slackPlainText("Mentoring area"), nil, area),
			aboutInput,
			slack.NewSectionBlock(nil,
				[]*slack.TextBlockObject{
					slackMrkdwn("*Job role*\nAny"),
					slackMrkdwn("*Organisational area*\nAny"),
				},
				slack.NewAccessory(reset)),
			slack.NewContextBlock("find_context", slackMrkdwn("You can change your answers later.")),
		}},
	}
}

func slackPlainText(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, text, false, false)
}

func slackMrkdwn(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, text, false, false)
}

// The helpers below build payloads as generic JSON, so a test can set a
// field to any value, including ones slack-go's types would never produce.

func plainTextJSON(text string) map[string]any {
	return map[string]any{"type": "plain_text", "text": text}
}

func mrkdwnJSON(text string) map[string]any {
	return map[string]any{"type": "mrkdwn", "text": text}
}

func sectionJSON(text string) map[string]any {
	return map[string]any{"type": "section", "text": mrkdwnJSON(text)}
}

func sectionWithBlockID(id any) map[string]any {
	section := sectionJSON("a")
	section["block_id"] = id
	return section
}

func sections(n int) []any {
	list := make([]any, n)
	for i := range list {
		list[i] = sectionJSON("a")
	}
	return list
}

func modalJSON(blockList ...any) map[string]any {
	return map[string]any{
		"type":   "modal",
		"title":  plainTextJSON("Find a mentor"),
		"submit": plainTextJSON("Search"),
		"close":  plainTextJSON("Cancel"),
		"blocks": blockList,
	}
}

func homeJSON(blockList ...any) map[string]any {
	return map[string]any{"type": "home", "blocks": blockList}
}

func messageJSON(blockList ...any) map[string]any {
	return map[string]any{"text": "Fallback for notifications", "blocks": blockList}
}

func actionsJSON(elements ...any) map[string]any {
	return map[string]any{"type": "actions", "elements": elements}
}

func buttonJSON(actionID string) map[string]any {
	return map[string]any{
		"type":      "button",
		"action_id": actionID,
		"text":      plainTextJSON("Accept"),
		"value":     "7f9c",
	}
}

func inputJSON(element map[string]any) map[string]any {
	return map[string]any{
		"type":    "input",
		"label":   plainTextJSON("Mentoring area"),
		"element": element,
	}
}

func plainTextInputJSON() map[string]any {
	return map[string]any{"type": "plain_text_input", "action_id": "profile:about"}
}

// selectJSON returns a static select whose options are under key, either
// "options" or "option_groups".
func selectJSON(key string, list []any) map[string]any {
	return map[string]any{"type": "static_select", "action_id": "find:area", key: list}
}

func optionJSON(text, value string) map[string]any {
	return map[string]any{"text": plainTextJSON(text), "value": value}
}

func options(n int) []any {
	list := make([]any, n)
	for i := range list {
		list[i] = optionJSON(fmt.Sprintf("Area %d", i), fmt.Sprintf("area-%d", i))
	}
	return list
}

func optionGroupJSON(list []any) map[string]any {
	return map[string]any{"label": plainTextJSON("Areas"), "options": list}
}

// modalOfSize returns a valid modal whose JSON is exactly size bytes. It
// fills sections of up to 3,000 characters and sizes the last one to fit.
func modalOfSize(t *testing.T, size int) any {
	t.Helper()

	view := modalJSON()
	var full []any
	for {
		view["blocks"] = append(full, sectionJSON(""))
		free := size - len(mustMarshal(t, view))
		if free <= 3000 {
			require.Positive(t, free, "no room for a last section")
			view["blocks"] = append(full, sectionJSON(strings.Repeat("a", free)))
			break
		}
		full = append(full, sectionJSON(strings.Repeat("a", 3000)))
	}

	require.Len(t, mustMarshal(t, view), size)
	return view
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	return raw
}

// unwrapJoined returns the violations that errors.Join put in err.
func unwrapJoined(t *testing.T, err error) []error {
	t.Helper()
	require.Error(t, err)
	joined, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "not a joined error: %v", err)
	return joined.Unwrap()
}
