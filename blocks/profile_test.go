package blocks_test

import (
	"testing"

	"github.com/slack-go/slack"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

func TestProfileView_EscapesTypedText(t *testing.T) {
	t.Parallel()
	mentor := testMentor()
	mentor.About = "<!channel> see <https://evil.example|Payroll>"
	mentee := testMentee()
	mentee.Hopes = "<!here>"
	mentee.Areas = []string{"<@U123>"}

	view := blocks.ProfileView(blocks.ProfileModel{Name: "<!everyone>", Mentor: mentor, Mentee: mentee})

	encoded := mustJSON(t, view)
	for _, raw := range []string{`\u003c!channel`, `\u003chttps`, `\u003c!here`, `\u003c@U123`, `\u003c!everyone`} {
		require.NotContains(t, encoded, raw)
	}
	require.Contains(t, encoded, "\\u0026lt;!channel\\u0026gt;")
}

func TestRegistrationBlocks_EscapesTypedText(t *testing.T) {
	t.Parallel()
	mentor := testMentor()
	mentor.JobRole = "<!channel>"

	registration := blocks.RegistrationBlocks(blocks.RegistrationHome{
		Roles:  []blocks.RoleStatus{{Role: domain.RoleMentor, Started: true, Next: domain.StepDone}},
		Mentor: mentor,
	})

	require.NotContains(t, mustJSON(t, registration), `\u003c!channel`)
}

func TestProfileView_RoleButtons(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		available, searchable bool
		want                  []buttonSummary
	}{
		"AvailableListed": {available: true, searchable: true, want: []buttonSummary{
			{blocks.ActionEditProfile, "Edit", "mentor"},
			{blocks.ActionSetSearchable, "Don't include me in search results", "false"},
			{blocks.ActionSetAvailable, "I can't take new mentees now", "false"},
		}},
		"UnavailableHidden": {want: []buttonSummary{
			{blocks.ActionEditProfile, "Edit", "mentor"},
			{blocks.ActionSetSearchable, "Include me in search results", "true"},
			{blocks.ActionSetAvailable, "Yes, I am available to mentor", "true"},
		}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			mentor := testMentor()
			mentor.Available, mentor.Searchable = tc.available, tc.searchable

			view := blocks.ProfileView(blocks.ProfileModel{Mentor: mentor, Registering: []domain.Role{domain.RoleMentee}})

			require.Equal(t, append([]buttonSummary{
				{blocks.ActionContinue, "Continue registering", "mentee"},
			}, tc.want...), viewButtons(view.Blocks.BlockSet))
		})
	}
}

func TestProfileView_UnregisteredRoles(t *testing.T) {
	t.Parallel()

	view := blocks.ProfileView(blocks.ProfileModel{})

	require.Equal(t, []buttonSummary{
		{blocks.ActionRegister, "Register as a mentee", "mentee"},
		{blocks.ActionRegister, "Register as a mentor", "mentor"},
	}, viewButtons(view.Blocks.BlockSet))
}

// buttonSummary is a button's action id, label and value.
type buttonSummary struct {
	actionID, label, value string
}

// viewButtons returns the buttons in blockList, in order: those in actions
// blocks and those beside sections.
func viewButtons(blockList []slack.Block) []buttonSummary {
	var found []slack.BlockElement
	for _, block := range blockList {
		switch block := block.(type) {
		case *slack.ActionBlock:
			found = append(found, block.Elements.ElementSet...)
		case *slack.SectionBlock:
			if block.Accessory != nil && block.Accessory.ButtonElement != nil {
				found = append(found, block.Accessory.ButtonElement)
			}
		}
	}

	var summaries []buttonSummary
	for _, element := range found {
		if button, ok := element.(*slack.ButtonBlockElement); ok {
			summaries = append(summaries, buttonSummary{button.ActionID, button.Text.Text, button.Value})
		}
	}
	return summaries
}
