package blocks_test

import (
	"testing"

	"github.com/slack-go/slack"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// sentInvitations returns one sent invitation per status, newest first,
// with invitation ids 51, 52 and so on.
func sentInvitations(statuses ...domain.Status) []blocks.SentInvitation {
	var sent []blocks.SentInvitation
	for i, status := range statuses {
		invitation := testInvitation(status)
		invitation.ID = int64(51 + i)
		sent = append(sent, blocks.SentInvitation{Invitation: invitation, Mentor: mentorPerson()})
	}
	return sent
}

func TestHomeInvitations_Golden(t *testing.T) {
	t.Parallel()
	invitations := blocks.InvitationsHome{
		Sent:              sentInvitations(domain.StatusConsidering, domain.StatusOngoing, domain.StatusDeclined),
		MentorConsidering: 2,
		MentorOngoing:     1,
		CanFind:           true,
	}

	views := map[string]any{
		"home_invitations.json": blocks.InvitationsBlocks(invitations),
		"home_invitations_mentor.json": blocks.InvitationsBlocks(blocks.InvitationsHome{
			RegisteredMentor: true,
		}),
		"home_with_invitations.json": blocks.HomeView(blocks.HomeModel{
			ProgrammeName: "Staff Mentoring Programme",
			Welcome:       "Welcome!",
			About:         "Mentoring pairs you with a colleague.",
			Contact:       "Write to the programme team.",
			Registration: blocks.RegistrationHome{
				Roles: []blocks.RoleStatus{
					{Role: domain.RoleMentee, Started: true, Next: domain.StepDone},
					{Role: domain.RoleMentor, Started: true, Next: domain.StepDone},
				},
				Mentee: testMentee(), Mentor: testMentor(),
			},
			Invitations: invitations,
		}),
	}
	for name, view := range views {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			requireGolden(t, name, view)
		})
	}
}

func TestInvitationsBlocks_NothingToShow(t *testing.T) {
	t.Parallel()

	require.Empty(t, blocks.InvitationsBlocks(blocks.InvitationsHome{}))
}

func TestInvitationsBlocks_AtMostFiveSent(t *testing.T) {
	t.Parallel()
	var statuses []domain.Status
	for range 8 {
		statuses = append(statuses, domain.StatusConsidering)
	}

	set := blocks.InvitationsBlocks(blocks.InvitationsHome{Sent: sentInvitations(statuses...)})

	require.Equal(t, []string{"Withdraw=51", "Withdraw=52", "Withdraw=53", "Withdraw=54", "Withdraw=55"},
		buttonsOf(set, blocks.ActionWithdraw))
	require.NoError(t, blocks.CheckView(slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: set}}))
}

func TestInvitationsBlocks_MentorSummary(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		considering, ongoing int
		want                 string
	}{
		"Both":       {considering: 2, ongoing: 1, want: "You have 2 requests to consider and 1 mentee."},
		"OneRequest": {considering: 1, want: "You have 1 request to consider."},
		"Mentees":    {ongoing: 3, want: "You have 3 mentees."},
		"None":       {want: "You have no requests to consider and no mentees at the moment."},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			set := blocks.InvitationsBlocks(blocks.InvitationsHome{
				MentorConsidering: tc.considering, MentorOngoing: tc.ongoing, RegisteredMentor: true,
			})

			require.Len(t, set, 1)
			section, ok := set[0].(*slack.SectionBlock)
			require.True(t, ok)
			require.Equal(t, "*Your mentees*\n"+tc.want, section.Text.Text)
			require.Equal(t, []string{"Review my mentees="}, buttonsOf(set, blocks.ActionReviewMentees))
		})
	}
}
