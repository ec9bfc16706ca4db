package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDepartureStatus(t *testing.T) {
	t.Parallel()
	mentor, mentee := PersonKey{"T", "UMENTOR"}, PersonKey{"T", "UMENTEE"}
	tests := []struct {
		name     string
		status   Status
		leaver   PersonKey
		expected Status
		closes   bool
	}{
		{"MentorLeavesRequest", StatusConsidering, mentor, StatusDeclined, true},
		{"MenteeLeavesRequest", StatusConsidering, mentee, StatusWithdrawn, true},
		{"MentorLeavesRelationship", StatusOngoing, mentor, StatusFinished, true},
		{"MenteeLeavesRelationship", StatusOngoing, mentee, StatusFinished, true},
		{"AlreadyDeclined", StatusDeclined, mentor, "", false},
		{"AlreadyFinished", StatusFinished, mentee, "", false},
		{"Stranger", StatusOngoing, PersonKey{"T", "USTRANGER"}, "", false},
		{"SameUserOtherTeam", StatusOngoing, PersonKey{"T2", "UMENTOR"}, "", false},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			invitation := Invitation{ID: 4, TeamID: "T", Mentor: mentor, Mentee: mentee, Status: test.status}

			status, closes := DepartureStatus(invitation, test.leaver)

			assert.Equal(t, test.closes, closes)
			assert.Equal(t, test.expected, status)
		})
	}
}

func TestNoticesForDeparture(t *testing.T) {
	t.Parallel()
	mentor, mentee := PersonKey{"T", "UMENTOR"}, PersonKey{"T", "UMENTEE"}
	invitation := func(status Status) Invitation {
		return Invitation{ID: 5, TeamID: "T", Mentor: mentor, Mentee: mentee, Status: status}
	}
	tests := []struct {
		name     string
		change   Change
		leaver   PersonKey
		expected map[NoticeKind][]string
	}{
		{
			name:   "MentorLeftRequest",
			change: Change{Invitation: invitation(StatusDeclined), From: StatusConsidering, By: PartyProgramme},
			leaver: mentor,
			expected: map[NoticeKind][]string{
				NoticePartyLeft:            {"UMENTEE"},
				NoticeInvitationSentUpdate: {"UMENTEE"},
			},
		},
		{
			name:   "MenteeLeftRequest",
			change: Change{Invitation: invitation(StatusWithdrawn), From: StatusConsidering, By: PartyProgramme},
			leaver: mentee,
			expected: map[NoticeKind][]string{
				NoticePartyLeft:        {"UMENTOR"},
				NoticeInvitationUpdate: {"UMENTOR"},
			},
		},
		{
			name:   "MenteeLeftRelationship",
			change: Change{Invitation: invitation(StatusFinished), From: StatusOngoing, By: PartyProgramme},
			leaver: mentee,
			expected: map[NoticeKind][]string{
				NoticePartyLeft:          {"UMENTOR"},
				NoticeInvitationUpdate:   {"UMENTOR"},
				NoticeAvailabilityPrompt: {"UMENTOR"},
			},
		},
		{
			name:     "MentorLeftRelationship",
			change:   Change{Invitation: invitation(StatusFinished), From: StatusOngoing, By: PartyProgramme},
			leaver:   mentor,
			expected: map[NoticeKind][]string{NoticePartyLeft: {"UMENTEE"}},
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			notices := NoticesForDeparture(test.change, test.leaver)

			require.Equal(t, test.expected, kinds(notices))
			keys := map[string]bool{}
			for _, notice := range notices {
				require.False(t, keys[notice.Key], "duplicate key %s", notice.Key)
				keys[notice.Key] = true
				require.NotEqual(t, test.leaver, notice.Recipient, "nothing goes to the person who left")
			}
		})
	}
}
