package blocks_test

import (
	"testing"

	"github.com/slack-go/slack"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// fullMentorValues is a complete mentor form as Slack submits it.
const fullMentorValues = `{
	"job_role": {"details:job_role": {"type": "static_select", "selected_option": {"value": "Manager"}}},
	"org_area": {"details:org_area": {"type": "static_select", "selected_option": {"value": "Finance"}}},
	"areas": {"details:areas": {"type": "multi_static_select",
		"selected_options": [{"value": "Managing people"}, {"value": "Networking"}]}},
	"about": {"details:about": {"type": "plain_text_input", "value": "Twelve years in finance."}},
	"capacity": {"details:capacity": {"type": "number_input", "value": "2"}},
	"settings": {"details:settings": {"type": "checkboxes",
		"selected_options": [{"value": "available"}, {"value": "searchable"}]}}
}`

func TestParseMentorDetails(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		values string
		want   domain.MentorProfile
	}{
		"Full": {
			values: fullMentorValues,
			want: domain.MentorProfile{
				JobRole: "Manager", OrgArea: "Finance", Areas: []string{"Managing people", "Networking"},
				About: "Twelve years in finance.", Capacity: 2, Available: true, Searchable: true,
			},
		},
		"NullValues":  {values: `null`},
		"EmptyValues": {values: `{}`},
		"NullSelections": {
			values: `{
				"job_role": {"details:job_role": {"type": "static_select", "selected_option": null}},
				"org_area": {"details:org_area": {"type": "static_select", "selected_option": null}},
				"areas": {"details:areas": {"type": "multi_static_select", "selected_options": null}},
				"about": {"details:about": {"type": "plain_text_input", "value": null}},
				"capacity": {"details:capacity": {"type": "number_input", "value": null}},
				"settings": {"details:settings": {"type": "checkboxes", "selected_options": null}}
			}`,
		},
		"EmptySelections": {
			values: `{
				"job_role": {"details:job_role": {"selected_option": {"value": ""}}},
				"areas": {"details:areas": {"selected_options": []}},
				"about": {"details:about": {"value": ""}},
				"capacity": {"details:capacity": {"value": ""}},
				"settings": {"details:settings": {"selected_options": []}}
			}`,
		},
		"WhiteSpace": {
			values: `{
				"job_role": {"details:job_role": {"selected_option": {"value": " Manager "}}},
				"areas": {"details:areas": {"selected_options": [{"value": " Networking"}, {"value": "  "}]}},
				"about": {"details:about": {"value": "\n  Twelve years.  \n"}},
				"capacity": {"details:capacity": {"value": " 4 "}}
			}`,
			want: domain.MentorProfile{JobRole: "Manager", Areas: []string{"Networking"}, About: "Twelve years.", Capacity: 4},
		},
		"RepeatedAreas": {
			values: `{"areas": {"details:areas": {"selected_options": [{"value": "Networking"}, {"value": "Networking"}]}}}`,
			want:   domain.MentorProfile{Areas: []string{"Networking"}},
		},
		"CapacityNotNumber": {
			values: `{"capacity": {"details:capacity": {"value": "three"}}}`,
		},
		"CapacityFraction": {
			values: `{"capacity": {"details:capacity": {"value": "2.5"}}}`,
		},
		"CapacityTooLarge": {
			values: `{"capacity": {"details:capacity": {"value": "99999999999999999999"}}}`,
		},
		"CapacityOutOfRange": {
			// Validate rejects it, but the parser keeps the number.
			values: `{"capacity": {"details:capacity": {"value": "11"}}}`,
			want:   domain.MentorProfile{Capacity: 11},
		},
		"OnlySearchable": {
			values: `{"settings": {"details:settings": {"selected_options": [{"value": "searchable"}]}}}`,
			want:   domain.MentorProfile{Searchable: true},
		},
		"UnknownSetting": {
			values: `{"settings": {"details:settings": {"selected_options": [{"value": "yes"}, {"value": "true"}]}}}`,
		},
		"WrongActionIDs": {
			values: `{
				"job_role": {"other": {"selected_option": {"value": "Manager"}}},
				"settings": {"other": {"selected_options": [{"value": "available"}]}}
			}`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			profile := blocks.ParseMentorDetails(stateValues(t, tc.values))

			require.Equal(t, tc.want, profile)
		})
	}
}

func TestParseMenteeDetails(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		values string
		want   domain.MenteeProfile
	}{
		"Full": {
			values: `{
				"job_role": {"details:job_role": {"selected_option": {"value": "Researcher"}}},
				"org_area": {"details:org_area": {"selected_option": {"value": "Library and Archives"}}},
				"areas": {"details:areas": {"selected_options": [{"value": "Career development"}]}},
				"hopes": {"details:hopes": {"value": "To plan my next step."}}
			}`,
			want: domain.MenteeProfile{
				JobRole: "Researcher", OrgArea: "Library and Archives",
				Areas: []string{"Career development"}, Hopes: "To plan my next step.",
			},
		},
		"NullValues":  {values: `null`},
		"EmptyValues": {values: `{}`},
		"NullSelections": {
			values: `{
				"job_role": {"details:job_role": {"selected_option": null}},
				"org_area": {"details:org_area": {"selected_option": null}},
				"areas": {"details:areas": {"selected_options": null}},
				"hopes": {"details:hopes": {"value": null}}
			}`,
		},
		"EmptySelections": {
			values: `{
				"org_area": {"details:org_area": {"selected_option": {"value": ""}}},
				"areas": {"details:areas": {"selected_options": []}},
				"hopes": {"details:hopes": {"value": "   "}}
			}`,
		},
		"WhiteSpace": {
			values: `{
				"org_area": {"details:org_area": {"selected_option": {"value": "Finance\n"}}},
				"hopes": {"details:hopes": {"value": "  Confidence.\n"}}
			}`,
			want: domain.MenteeProfile{OrgArea: "Finance", Hopes: "Confidence."},
		},
		"MentorFieldsIgnored": {
			values: fullMentorValues,
			want: domain.MenteeProfile{
				JobRole: "Manager", OrgArea: "Finance", Areas: []string{"Managing people", "Networking"},
			},
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			profile := blocks.ParseMenteeDetails(stateValues(t, tc.values))

			require.Equal(t, tc.want, profile)
		})
	}
}

func TestParseDetails_NilValues(t *testing.T) {
	t.Parallel()

	require.Equal(t, domain.MentorProfile{}, blocks.ParseMentorDetails(nil))
	require.Equal(t, domain.MenteeProfile{}, blocks.ParseMenteeDetails(nil))
}

func TestDetailsView_RoundTrip(t *testing.T) {
	t.Parallel()
	mentor := testMentor()
	mentee := testMentee()

	mentorView := blocks.DetailsView(blocks.DetailsModel{Role: domain.RoleMentor, Lists: testLists(), Mentor: mentor})
	menteeView := blocks.DetailsView(blocks.DetailsModel{Role: domain.RoleMentee, Lists: testLists(), Mentee: mentee})

	require.Equal(t, *mentor, blocks.ParseMentorDetails(initialState(mentorView)))
	require.Equal(t, *mentee, blocks.ParseMenteeDetails(initialState(menteeView)))
}

func TestDetailsView_NewMentorDefaults(t *testing.T) {
	t.Parallel()

	view := blocks.DetailsView(blocks.DetailsModel{Role: domain.RoleMentor, Lists: testLists()})
	profile := blocks.ParseMentorDetails(initialState(view))

	require.Equal(t, domain.DefaultCapacity, profile.Capacity)
	require.True(t, profile.Available)
	require.True(t, profile.Searchable)
	require.Empty(t, profile.JobRole)
	require.Empty(t, profile.Areas)
}

func TestDetailsView_SecondRoleTakesJob(t *testing.T) {
	t.Parallel()

	view := blocks.DetailsView(blocks.DetailsModel{Role: domain.RoleMentee, Lists: testLists(), Mentor: testMentor()})
	profile := blocks.ParseMenteeDetails(initialState(view))

	require.Equal(t, domain.MenteeProfile{JobRole: "Manager", OrgArea: "Finance"}, profile)
}

func TestDetailsView_StaleValuesLeftOut(t *testing.T) {
	t.Parallel()
	mentor := testMentor()
	mentor.JobRole = "Bursar"
	mentor.OrgArea = ""
	mentor.Areas = []string{"Retired area", "Networking"}
	mentor.Capacity = 40

	view := blocks.DetailsView(blocks.DetailsModel{Role: domain.RoleMentor, Lists: testLists(), Mentor: mentor})
	profile := blocks.ParseMentorDetails(initialState(view))

	require.NoError(t, blocks.CheckView(view))
	require.Empty(t, profile.JobRole)
	require.Empty(t, profile.OrgArea)
	require.Equal(t, []string{"Networking"}, profile.Areas)
	require.Equal(t, domain.DefaultCapacity, profile.Capacity)
}

func TestDetailsView_BlockIDsAreFieldNames(t *testing.T) {
	t.Parallel()

	for role, fields := range map[domain.Role][]string{
		domain.RoleMentor: {domain.FieldJobRole, domain.FieldOrgArea, domain.FieldAreas, domain.FieldAbout, domain.FieldCapacity},
		domain.RoleMentee: {domain.FieldJobRole, domain.FieldOrgArea, domain.FieldAreas, domain.FieldHopes},
	} {
		view := blocks.DetailsView(blocks.DetailsModel{Role: role, Lists: testLists()})
		for _, field := range fields {
			require.False(t, findInput(t, view, field).Optional, "%s %s", role, field)
		}
	}
}

func TestDetailsView_Title(t *testing.T) {
	t.Parallel()

	for _, role := range []domain.Role{domain.RoleMentee, domain.RoleMentor} {
		view := blocks.DetailsView(blocks.DetailsModel{Role: role, Lists: testLists()})
		require.LessOrEqual(t, len([]rune(view.Title.Text)), 24, role)
		require.Contains(t, view.Title.Text, string(role))
	}
}

func TestFieldErrorsResponse(t *testing.T) {
	t.Parallel()
	errs := domain.MentorProfile{}.Validate(domain.Choices{})

	response := blocks.FieldErrorsResponse(errs)

	require.Equal(t, slack.RAErrors, response.ResponseAction)
	require.Equal(t, map[string]string(errs), response.Errors)
	view := blocks.DetailsView(blocks.DetailsModel{Role: domain.RoleMentor, Lists: testLists()})
	for field := range response.Errors {
		findInput(t, view, field)
	}
}

// initialState returns the state.values that Slack would submit for view if
// the person changed nothing.
func initialState(view slack.ModalViewRequest) map[string]map[string]slack.BlockAction {
	values := map[string]map[string]slack.BlockAction{}
	for _, block := range view.Blocks.BlockSet {
		input, ok := block.(*slack.InputBlock)
		if !ok {
			continue
		}
		var action slack.BlockAction
		switch element := input.Element.(type) {
		case *slack.SelectBlockElement:
			action.ActionID = element.ActionID
			if element.InitialOption != nil {
				action.SelectedOption = *element.InitialOption
			}
		case *slack.MultiSelectBlockElement:
			action.ActionID = element.ActionID
			for _, option := range element.InitialOptions {
				action.SelectedOptions = append(action.SelectedOptions, *option)
			}
		case *slack.CheckboxGroupsBlockElement:
			action.ActionID = element.ActionID
			for _, option := range element.InitialOptions {
				action.SelectedOptions = append(action.SelectedOptions, *option)
			}
		case *slack.PlainTextInputBlockElement:
			action.ActionID, action.Value = element.ActionID, element.InitialValue
		case *slack.NumberInputBlockElement:
			action.ActionID, action.Value = element.ActionID, element.InitialValue
		}
		values[input.BlockID] = map[string]slack.BlockAction{action.ActionID: action}
	}
	return values
}
