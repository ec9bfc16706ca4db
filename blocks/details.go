package blocks

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

// Action ids of the details form's elements. The form's input blocks are
// identified by their block ids, which are the domain.Field names and
// detailsSettingsBlock.
const (
	actionJobRole  = "details:job_role"
	actionOrgArea  = "details:org_area"
	actionAreas    = "details:areas"
	actionAbout    = "details:about"
	actionHopes    = "details:hopes"
	actionCapacity = "details:capacity"
	actionSettings = "details:settings"
)

// The mentor's settings checkboxes: their block id and option values.
const (
	detailsSettingsBlock = "settings"
	settingAvailable     = "available"
	settingSearchable    = "searchable"
)

// DetailsView builds the details form of model.Role, filled in from the
// role's profile when it has one. A new profile takes the job role and
// organisational area of the person's other profile, if any. A saved value
// that is no longer in the lists is left out of the form, so the person
// chooses again. Submitting the form sends values that ParseMentorDetails
// or ParseMenteeDetails read.
func DetailsView(model DetailsModel) slack.ModalViewRequest {
	lists := model.Lists
	prefill := detailsPrefill(model)

	var blocks []slack.Block
	if !model.Editing {
		blocks = append(blocks, section(detailsIntroduction(model.Role)))
	}
	blocks = append(blocks,
		selectInput(domain.FieldJobRole, actionJobRole, "Job role",
			"Choose your job role", lists.JobRoles, prefill.jobRole),
		selectInput(domain.FieldOrgArea, actionOrgArea, "Organisational area",
			"Choose your organisational area", lists.OrganisationalAreas, prefill.orgArea),
		areasInput(model.Role, lists, prefill.areas),
	)

	if model.Role == domain.RoleMentor {
		blocks = append(blocks,
			textInput(domain.FieldAbout, actionAbout, "About you",
				"What you can offer a mentee: your experience, how you got where you are, "+
					"and what you enjoy helping with.",
				prefill.text),
			capacityInput(prefill.capacity),
			settingsInput(prefill.available, prefill.searchable),
		)
	} else {
		blocks = append(blocks,
			textInput(domain.FieldHopes, actionHopes, "What you hope to get from mentoring",
				"What you would like to work on, and what would make mentoring worthwhile for you.",
				prefill.text))
	}
	blocks = append(blocks, HelpFooter())

	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      CallbackDetails,
		Title:           plain("Your " + roleNoun(model.Role) + " details"),
		Submit:          plain("Save"),
		Close:           plain("Cancel"),
		Blocks:          slack.Blocks{BlockSet: blocks},
		PrivateMetadata: EncodeMetadata(DetailsMetadata{Role: model.Role, Editing: model.Editing}),
		// While registering, the bot keeps what was typed when the form is
		// closed, so closing it loses nothing.
		NotifyOnClose: !model.Editing,
	}
}

// detailsValues contains the initial values of the details form's inputs.
type detailsValues struct {
	jobRole, orgArea string
	areas            []string
	// text is "about you" for a mentor, "what you hope to get" for a
	// mentee.
	text                  string
	capacity              int
	available, searchable bool
}

func detailsPrefill(model DetailsModel) detailsValues {
	// A new mentor starts available and listed in search results.
	values := detailsValues{capacity: domain.DefaultCapacity, available: true, searchable: true}

	switch {
	case model.Role == domain.RoleMentor && model.Mentor != nil:
		mentor := model.Mentor
		values.jobRole, values.orgArea, values.areas = mentor.JobRole, mentor.OrgArea, mentor.Areas
		values.text = mentor.About
		values.available, values.searchable = mentor.Available, mentor.Searchable
		if mentor.Capacity >= domain.MinCapacity && mentor.Capacity <= domain.MaxCapacity {
			values.capacity = mentor.Capacity
		}
	case model.Role == domain.RoleMentee && model.Mentee != nil:
		mentee := model.Mentee
		values.jobRole, values.orgArea, values.areas = mentee.JobRole, mentee.OrgArea, mentee.Areas
		values.text = mentee.Hopes
	case model.Mentor != nil:
		values.jobRole, values.orgArea = model.Mentor.JobRole, model.Mentor.OrgArea
	case model.Mentee != nil:
		values.jobRole, values.orgArea = model.Mentee.JobRole, model.Mentee.OrgArea
	}
	return values
}

func detailsIntroduction(role domain.Role) string {
	if role == domain.RoleMentor {
		return "*Last step:* tell mentees about yourself, so they can find you. " +
			"You can change these details later under *My profile*."
	}
	return "*Last step:* tell mentors what you are looking for. " +
		"You can change these details later under *My profile*."
}

// selectInput returns a required drop-down of entries, with initial chosen
// when it is one of them.
func selectInput(blockID, actionID, label, placeholder string, entries []string,
	initial string,
) slack.Block {
	menu := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(placeholder), actionID,
		listOptions(entries)...)
	if slices.Contains(entries, initial) {
		menu.InitialOption = listOption(initial)
	}
	return slack.NewInputBlock(blockID, plain(label), nil, menu)
}

// areasInput returns the multi-select of mentoring areas.
func areasInput(role domain.Role, lists content.Lists, initial []string) slack.Block {
	label := "Areas you would like help with"
	if role == domain.RoleMentor {
		label = "Areas you can offer"
	}
	placeholder := plain("Choose up to " + strconv.Itoa(domain.MaxAreas))
	menu := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeStatic, placeholder,
		actionAreas, listOptions(lists.MentoringAreas)...)
	maxAreas := domain.MaxAreas
	menu.MaxSelectedItems = &maxAreas

	for _, area := range initial {
		if len(menu.InitialOptions) == domain.MaxAreas {
			break
		}
		if slices.Contains(lists.MentoringAreas, area) && !hasOption(menu.InitialOptions, area) {
			menu.InitialOptions = append(menu.InitialOptions, listOption(area))
		}
	}
	return slack.NewInputBlock(domain.FieldAreas, plain(label), nil, menu)
}

// textInput returns a required multi-line text input of at most
// domain.MaxAboutLength characters.
func textInput(blockID, actionID, label, hint, initial string) slack.Block {
	hint += fmt.Sprintf(" Up to %d characters.", domain.MaxAboutLength)
	input := slack.NewPlainTextInputBlockElement(nil, actionID)
	input.Multiline = true
	input.MaxLength = domain.MaxAboutLength
	// Slack rejects an initial value longer than max_length.
	input.InitialValue = truncate(initial, domain.MaxAboutLength)
	return slack.NewInputBlock(blockID, plain(label), plain(hint), input)
}

func capacityInput(initial int) slack.Block {
	input := slack.NewNumberInputBlockElement(nil, actionCapacity, false)
	input.MinValue = strconv.Itoa(domain.MinCapacity)
	input.MaxValue = strconv.Itoa(domain.MaxCapacity)
	input.InitialValue = strconv.Itoa(initial)
	label := plain("How many mentees you can take at once")
	return slack.NewInputBlock(domain.FieldCapacity, label, nil, input)
}

// settingsInput returns the mentor's optional availability checkboxes.
func settingsInput(available, searchable bool) slack.Block {
	availableOption := slack.NewOptionBlockObject(settingAvailable,
		plain("Yes, I am available to mentor"), nil)
	searchableOption := slack.NewOptionBlockObject(settingSearchable,
		plain("Include me in search results"), nil)
	boxes := slack.NewCheckboxGroupsBlockElement(actionSettings, availableOption, searchableOption)
	if available {
		boxes.InitialOptions = append(boxes.InitialOptions, availableOption)
	}
	if searchable {
		boxes.InitialOptions = append(boxes.InitialOptions, searchableOption)
	}

	input := slack.NewInputBlock(detailsSettingsBlock, plain("Availability"),
		plain("You can change these at any time under My profile."), boxes)
	input.Optional = true
	return input
}

// listOptions returns an option per list entry. Content limits entries to
// 75 characters, so the value, whose limit is 150, is the entry itself.
func listOptions(entries []string) []*slack.OptionBlockObject {
	options := make([]*slack.OptionBlockObject, len(entries))
	for i, entry := range entries {
		options[i] = listOption(entry)
	}
	return options
}

func listOption(entry string) *slack.OptionBlockObject {
	return slack.NewOptionBlockObject(entry, plain(truncate(entry, maxOptionText)), nil)
}

func hasOption(options []*slack.OptionBlockObject, value string) bool {
	return slices.ContainsFunc(options, func(option *slack.OptionBlockObject) bool {
		return option.Value == value
	})
}

// ParseMentorDetails reads a submitted mentor details form. A missing
// block or empty selection gives an empty value, and a capacity that is
// not a whole number gives 0, so that MentorProfile.Validate reports the
// field. Missing settings mean both boxes are unchecked, because Slack
// may leave out an optional input with nothing chosen.
func ParseMentorDetails(values map[string]map[string]slack.BlockAction) domain.MentorProfile {
	settings := selectedValues(values, detailsSettingsBlock, actionSettings)
	capacity, err := strconv.Atoi(textValue(values, domain.FieldCapacity, actionCapacity))
	if err != nil {
		capacity = 0
	}
	return domain.MentorProfile{
		JobRole:    selectedValue(values, domain.FieldJobRole, actionJobRole),
		OrgArea:    selectedValue(values, domain.FieldOrgArea, actionOrgArea),
		Areas:      selectedValues(values, domain.FieldAreas, actionAreas),
		About:      textValue(values, domain.FieldAbout, actionAbout),
		Capacity:   capacity,
		Available:  slices.Contains(settings, settingAvailable),
		Searchable: slices.Contains(settings, settingSearchable),
	}
}

// ParseMenteeDetails reads a submitted mentee details form. A missing
// block or empty selection gives an empty value, so that
// MenteeProfile.Validate reports the field.
func ParseMenteeDetails(values map[string]map[string]slack.BlockAction) domain.MenteeProfile {
	return domain.MenteeProfile{
		JobRole: selectedValue(values, domain.FieldJobRole, actionJobRole),
		OrgArea: selectedValue(values, domain.FieldOrgArea, actionOrgArea),
		Areas:   selectedValues(values, domain.FieldAreas, actionAreas),
		Hopes:   textValue(values, domain.FieldHopes, actionHopes),
	}
}

// FieldErrorsResponse builds the response to a details form submission
// whose fields are invalid. Slack shows each message under the input whose
// block id is its key, so errs must be non-empty and name only fields of
// the submitted form, as the Validate methods of the profiles do.
func FieldErrorsResponse(errs domain.FieldErrors) *slack.ViewSubmissionResponse {
	messages := make(map[string]string, len(errs))
	for field, message := range errs {
		messages[field] = message
	}
	return slack.NewErrorsViewSubmissionResponse(messages)
}

// formValues is a view submission's state.values: block id, then action
// id, then the element's state.
type formValues = map[string]map[string]slack.BlockAction

// textValue returns the trimmed text of a text or number input.
func textValue(values formValues, blockID, actionID string) string {
	return cleanInput(values[blockID][actionID].Value)
}

// cleanInput returns value trimmed, without invalid UTF-8 and without NUL
// characters, which PostgreSQL cannot store in a text column.
func cleanInput(value string) string {
	value = strings.ToValidUTF8(value, "")
	value = strings.ReplaceAll(value, "\x00", "")
	return strings.TrimSpace(value)
}

// selectedValue returns the trimmed value of a drop-down's selected
// option, or "" when none is selected.
func selectedValue(values formValues, blockID, actionID string) string {
	return strings.TrimSpace(values[blockID][actionID].SelectedOption.Value)
}

// selectedValues returns the trimmed values of a multi-select's or
// checkbox group's selected options, in order, without blanks or repeats.
func selectedValues(values formValues, blockID, actionID string) []string {
	var selected []string
	for _, option := range values[blockID][actionID].SelectedOptions {
		value := strings.TrimSpace(option.Value)
		if value != "" && !slices.Contains(selected, value) {
			selected = append(selected, value)
		}
	}
	return selected
}
