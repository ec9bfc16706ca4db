package domain

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestCheckTransition(t *testing.T) {
	t.Parallel()

	allowed := []struct {
		from, to Status
		party    Party
	}{
		{StatusConsidering, StatusOngoing, PartyMentor},
		{StatusConsidering, StatusDeclined, PartyMentor},
		{StatusConsidering, StatusDeclined, PartyProgramme},
		{StatusConsidering, StatusWithdrawn, PartyMentee},
		{StatusOngoing, StatusFinished, PartyMentor},
		{StatusOngoing, StatusFinished, PartyMentee},
		{StatusOngoing, StatusFinished, PartyProgramme},
	}
	for _, move := range allowed {
		require.NoError(t, CheckTransition(move.from, move.to, move.party), "%s → %s by %s", move.from, move.to, move.party)
	}

	refused := []struct {
		from, to Status
		party    Party
		message  string
	}{
		{StatusConsidering, StatusOngoing, PartyMentee, "Only the other person can move this from Considering to Ongoing."},
		{StatusConsidering, StatusWithdrawn, PartyMentor, "Only the other person can move this from Considering to Withdrawn."},
		{StatusConsidering, StatusFinished, PartyMentor, "This is Considering now, so it can't move to Finished."},
		{StatusOngoing, StatusOngoing, PartyMentor, "This is already Ongoing, so nothing has changed."},
		{StatusDeclined, StatusOngoing, PartyMentor, "This is Declined now, so it can't move to Ongoing."},
		{StatusWithdrawn, StatusDeclined, PartyMentor, "This is Withdrawn now, so it can't move to Declined."},
		{StatusFinished, StatusOngoing, PartyMentor, "This is Finished now, so it can't move to Ongoing."},
		{StatusOngoing, StatusConsidering, PartyMentor, "This is Ongoing now, so it can't move to Considering."},
	}
	for _, move := range refused {
		err := CheckTransition(move.from, move.to, move.party)
		var transitionErr *TransitionError
		require.True(t, errors.As(err, &transitionErr), "%s → %s by %s", move.from, move.to, move.party)
		require.Equal(t, move.message, err.Error())
		message, ok := UserMessage(err)
		require.True(t, ok)
		require.Equal(t, move.message, message)
	}
}

func TestInvitation_PartyOf(t *testing.T) {
	t.Parallel()
	invitation := Invitation{Mentor: PersonKey{"T", "UMENTOR"}, Mentee: PersonKey{"T", "UMENTEE"}}

	party, ok := invitation.PartyOf("UMENTOR")
	require.True(t, ok)
	require.Equal(t, PartyMentor, party)
	party, ok = invitation.PartyOf("UMENTEE")
	require.True(t, ok)
	require.Equal(t, PartyMentee, party)
	_, ok = invitation.PartyOf("USTRANGER")
	require.False(t, ok)
}

func TestInvitation_Apply(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

	accepted := Invitation{Status: StatusConsidering}
	accepted.Apply(StatusOngoing, "", at)
	require.Equal(t, StatusOngoing, accepted.Status)
	require.Equal(t, &at, accepted.AnsweredAt)
	require.Nil(t, accepted.EndedAt)

	declined := Invitation{Status: StatusConsidering}
	declined.Apply(StatusDeclined, "no response", at)
	require.Equal(t, "no response", declined.Reason)
	require.Equal(t, &at, declined.AnsweredAt)
	require.Equal(t, &at, declined.EndedAt)

	withdrawn := Invitation{Status: StatusConsidering}
	withdrawn.Apply(StatusWithdrawn, "", at)
	require.Nil(t, withdrawn.AnsweredAt)
	require.Equal(t, &at, withdrawn.EndedAt)
}

func kinds(notices []Notice) map[NoticeKind][]string {
	byKind := map[NoticeKind][]string{}
	for _, notice := range notices {
		byKind[notice.Type] = append(byKind[notice.Type], notice.Recipient.UserID)
	}
	return byKind
}

func TestNoticesForChange(t *testing.T) {
	t.Parallel()
	base := Invitation{ID: 7, Mentor: PersonKey{"T", "UMENTOR"}, Mentee: PersonKey{"T", "UMENTEE"}}
	with := func(status Status) Invitation {
		invitation := base
		invitation.Status = status
		return invitation
	}

	tests := []struct {
		name         string
		change       Change
		otherPending int
		expected     map[NoticeKind][]string
	}{
		{
			name:         "AcceptedWithOthersPending",
			change:       Change{Invitation: with(StatusOngoing), From: StatusConsidering, By: PartyMentor},
			otherPending: 2,
			expected: map[NoticeKind][]string{
				NoticeInvitationUpdate:     {"UMENTOR"},
				NoticeInvitationSentUpdate: {"UMENTEE"},
				NoticeStatusChanged:        {"UMENTEE"},
				NoticeFirstMeeting:         {"UMENTEE"},
				NoticeWithdrawOthers:       {"UMENTEE"},
			},
		},
		{
			name:   "AcceptedAlone",
			change: Change{Invitation: with(StatusOngoing), From: StatusConsidering, By: PartyMentor},
			expected: map[NoticeKind][]string{
				NoticeInvitationUpdate:     {"UMENTOR"},
				NoticeInvitationSentUpdate: {"UMENTEE"},
				NoticeStatusChanged:        {"UMENTEE"},
				NoticeFirstMeeting:         {"UMENTEE"},
			},
		},
		{
			name:   "Withdrawn",
			change: Change{Invitation: with(StatusWithdrawn), From: StatusConsidering, By: PartyMentee},
			expected: map[NoticeKind][]string{
				NoticeInvitationUpdate:     {"UMENTOR"},
				NoticeInvitationSentUpdate: {"UMENTEE"},
				NoticeStatusChanged:        {"UMENTOR"},
			},
		},
		{
			name:   "FinishedByMentee",
			change: Change{Invitation: with(StatusFinished), From: StatusOngoing, By: PartyMentee},
			expected: map[NoticeKind][]string{
				NoticeInvitationUpdate:   {"UMENTOR"},
				NoticeStatusChanged:      {"UMENTOR"},
				NoticeAvailabilityPrompt: {"UMENTOR"},
			},
		},
		{
			name:   "DeclinedByProgramme",
			change: Change{Invitation: with(StatusDeclined), From: StatusConsidering, By: PartyProgramme},
			expected: map[NoticeKind][]string{
				NoticeInvitationUpdate:     {"UMENTOR"},
				NoticeInvitationSentUpdate: {"UMENTEE"},
				NoticeStatusChanged:        {"UMENTOR", "UMENTEE"},
			},
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			notices := NoticesForChange(test.change, "UACTOR", test.otherPending)

			require.Equal(t, test.expected, kinds(notices))
			keys := map[string]bool{}
			for _, notice := range notices {
				require.False(t, keys[notice.Key], "duplicate key %s", notice.Key)
				keys[notice.Key] = true
				require.Equal(t, int64(7), notice.InvitationID)
				require.Equal(t, "UACTOR", notice.Actor)
			}
		})
	}
}

func TestNoticesForNew(t *testing.T) {
	t.Parallel()
	invitation := Invitation{ID: 3, Mentor: PersonKey{"T", "UMENTOR"}, Mentee: PersonKey{"T", "UMENTEE"}}

	notices := NoticesForNew(invitation)

	require.Equal(t, map[NoticeKind][]string{
		NoticeInvitation:     {"UMENTOR"},
		NoticeInvitationSent: {"UMENTEE"},
	}, kinds(notices))
	require.NotEqual(t, notices[0].Key, notices[1].Key)
}

func TestNoticesForExpiry(t *testing.T) {
	t.Parallel()
	invitation := Invitation{ID: 9, Status: StatusDeclined, Mentor: PersonKey{"T", "UMENTOR"}, Mentee: PersonKey{"T", "UMENTEE"}}

	notices := NoticesForExpiry(Change{Invitation: invitation, From: StatusConsidering, By: PartyProgramme})

	require.Equal(t, map[NoticeKind][]string{
		NoticeInvitationUpdate:     {"UMENTOR"},
		NoticeInvitationSentUpdate: {"UMENTEE"},
		NoticeInvitationExpired:    {"UMENTOR", "UMENTEE"},
	}, kinds(notices))
	keys := map[string]bool{}
	for _, notice := range notices {
		require.False(t, keys[notice.Key], "duplicate key %s", notice.Key)
		keys[notice.Key] = true
		require.Equal(t, int64(9), notice.InvitationID)
	}
}

func TestTooManyPendingError_ListsMentors(t *testing.T) {
	t.Parallel()
	err := &TooManyPendingError{Max: 2, Pending: []Invitation{
		{Mentor: PersonKey{"T", "UA"}}, {Mentor: PersonKey{"T", "UB"}},
	}}

	message, ok := UserMessage(err)

	require.True(t, ok)
	require.Contains(t, message, "You can have 2 requests waiting")
	require.Contains(t, message, "<@UA>, <@UB>")
}
