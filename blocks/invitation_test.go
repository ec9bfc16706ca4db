package blocks_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

// The invitation fixtures: one mentor, one mentee and their invitation at
// fixed times, so the golden files do not change from run to run.
var (
	askedAt    = time.Date(2026, time.December, 4, 9, 30, 0, 0, time.UTC)
	answeredAt = time.Date(2026, time.December, 6, 14, 0, 0, 0, time.UTC)
	endedAt    = time.Date(2027, time.June, 30, 17, 0, 0, 0, time.UTC)
)

const testTeam = "T0TEAM"

func mentorPerson() blocks.PersonCard {
	return blocks.PersonCard{UserID: "U0MENTOR", Name: "Sam <Finance> & Co", ImageURL: "https://avatars.example/sam_192.png"}
}

func menteePerson() blocks.PersonCard {
	return blocks.PersonCard{UserID: "U0MENTEE", Name: "Alex Example", ImageURL: "https://avatars.example/alex_192.png"}
}

// testInvitation returns invitation 42 from the mentee to the mentor, moved
// to status through the states before it.
func testInvitation(status domain.Status) domain.Invitation {
	invitation := domain.Invitation{
		ID:        42,
		TeamID:    testTeam,
		Mentor:    domain.PersonKey{TeamID: testTeam, UserID: "U0MENTOR"},
		Mentee:    domain.PersonKey{TeamID: testTeam, UserID: "U0MENTEE"},
		Status:    domain.StatusConsidering,
		Note:      "I'd love help planning my next step <after> this contract & beyond.\nThank you!",
		CreatedAt: askedAt,
		UpdatedAt: askedAt,
	}
	switch status {
	case domain.StatusOngoing:
		invitation.Apply(domain.StatusOngoing, "", answeredAt)
	case domain.StatusDeclined:
		invitation.Apply(domain.StatusDeclined, "", answeredAt)
	case domain.StatusWithdrawn:
		invitation.Apply(domain.StatusWithdrawn, "", answeredAt)
	case domain.StatusFinished:
		invitation.Apply(domain.StatusOngoing, "", answeredAt)
		invitation.Apply(domain.StatusFinished, "", endedAt)
	}
	return invitation
}

func TestInvitationViews_Golden(t *testing.T) {
	t.Parallel()

	views := map[string]any{
		"invite.json":         blocks.InviteView(blocks.InviteModel{Mentor: mentorPerson()}),
		"invite_no_name.json": blocks.InviteView(blocks.InviteModel{Mentor: blocks.PersonCard{UserID: "U0MENTOR"}}),
		"person_card_mentee.json": blocks.PersonCardView(blocks.PersonCardModel{
			Card: menteePerson(), Invitation: testInvitation(domain.StatusFinished), Mentee: testMentee(),
		}),
		"person_card_mentor.json": blocks.PersonCardView(blocks.PersonCardModel{
			Card: mentorPerson(), Invitation: testInvitation(domain.StatusDeclined), Mentor: testMentor(),
		}),
	}
	for name, view := range views {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			requireGolden(t, name, view)
		})
	}
}

func TestInviteView_Metadata(t *testing.T) {
	t.Parallel()

	view := blocks.InviteView(blocks.InviteModel{Mentor: mentorPerson()})

	var metadata blocks.InviteMetadata
	require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata, &metadata))
	require.Equal(t, "U0MENTOR", metadata.MentorID)
	require.Equal(t, blocks.CallbackInvite, view.CallbackID)
}

func TestInviteView_NoteInput(t *testing.T) {
	t.Parallel()

	view := blocks.InviteView(blocks.InviteModel{Mentor: mentorPerson()})
	input := findInput(t, view, blocks.BlockInviteNote)
	element, ok := input.Element.(*slack.PlainTextInputBlockElement)
	require.True(t, ok, "the note is a plain_text_input")

	require.True(t, input.Optional)
	require.True(t, element.Multiline)
	require.Equal(t, domain.MaxNoteLength, element.MaxLength)
	require.Equal(t, "A note to Sam <Finance> & Co", input.Label.Text, "plain_text is shown as it is")
	require.Equal(t, "I'd love help.", blocks.ParseInviteNote(map[string]map[string]slack.BlockAction{
		input.BlockID: {element.ActionID: {Value: " I'd love help.\n"}},
	}))
}

func TestParseInviteNote(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		values string
		want   string
	}{
		"Typed": {
			values: `{"note": {"invite:note": {"type": "plain_text_input", "value": "Help with planning."}}}`,
			want:   "Help with planning.",
		},
		"Trimmed":       {values: `{"note": {"invite:note": {"value": "\n  Two lines\nof note.  \n"}}}`, want: "Two lines\nof note."},
		"KeepsMarkup":   {values: `{"note": {"invite:note": {"value": "<!channel> & *bold*"}}}`, want: "<!channel> & *bold*"},
		"NullValues":    {values: `null`},
		"EmptyValues":   {values: `{}`},
		"NullBlock":     {values: `{"note": null}`},
		"NullValue":     {values: `{"note": {"invite:note": {"type": "plain_text_input", "value": null}}}`},
		"Blank":         {values: `{"note": {"invite:note": {"value": "   \n "}}}`},
		"WrongActionID": {values: `{"note": {"other": {"value": "Help"}}}`},
		"WrongBlockID":  {values: `{"hopes": {"invite:note": {"value": "Help"}}}`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			note := blocks.ParseInviteNote(stateValues(t, tc.values))

			require.Equal(t, tc.want, note)
		})
	}
}

func TestParseInviteNote_NilValues(t *testing.T) {
	t.Parallel()

	require.Empty(t, blocks.ParseInviteNote(nil))
}

func TestPersonCardView_NoProfile(t *testing.T) {
	t.Parallel()

	view := blocks.PersonCardView(blocks.PersonCardModel{
		Card: blocks.PersonCard{UserID: "U0MENTEE"}, Invitation: domain.Invitation{Status: domain.StatusConsidering},
	})
	encoded, err := json.Marshal(view)
	require.NoError(t, err)

	require.NoError(t, blocks.CheckView(view))
	require.Contains(t, string(encoded), "No profile to show")
	require.Contains(t, string(encoded), "No dates recorded")
}

// extremeViews returns every invitation builder's output for inputs at or
// past their limits, keyed by a name that failures show.
func extremeViews() map[string]any {
	lists := longestContent().Lists
	mentee := longestMentee(lists)
	mentor := longestMentor(lists)
	longURL := "https://avatars.example/" + strings.Repeat("a", 2000) + ".png"
	person := func(userID string) blocks.PersonCard {
		return blocks.PersonCard{UserID: userID, Name: longText(500), ImageURL: longURL}
	}
	invitation := func(status domain.Status) domain.Invitation {
		at := askedAt
		return domain.Invitation{
			ID: 9_223_372_036_854_775_807, TeamID: "T" + strings.Repeat("9", 20),
			Mentor: domain.PersonKey{UserID: "W" + strings.Repeat("8", 20)},
			Mentee: domain.PersonKey{UserID: "U" + strings.Repeat("7", 20)},
			Status: status, Note: longText(domain.MaxNoteLength), Reason: longText(1000),
			CreatedAt: at, UpdatedAt: at, AnsweredAt: &at, EndedAt: &at,
		}
	}

	views := map[string]any{}
	addFindViews(views, lists, mentor, person)

	statuses := []domain.Status{
		domain.StatusConsidering, domain.StatusOngoing, domain.StatusDeclined,
		domain.StatusWithdrawn, domain.StatusFinished, domain.Status(longText(100)),
	}
	var review []blocks.ReviewEntry
	var sent []blocks.SentInvitation
	for i, status := range statuses {
		name := fmt.Sprintf("%d-%s", i, status.Title()[:min(len(status.Title()), 12)])
		views["invitation/"+name] = blocks.InvitationMessage(blocks.InvitationMessageModel{
			Invitation: invitation(status), Mentee: person("U1"), Profile: mentee,
		})
		views["invitation-no-profile/"+name] = blocks.InvitationMessage(blocks.InvitationMessageModel{
			Invitation: invitation(status), Mentee: blocks.PersonCard{},
		})
		views["sent/"+name] = blocks.InvitationSentMessage(blocks.InvitationSentModel{
			Invitation: invitation(status), Mentor: person("U2"), AnswerDays: 1_000_000,
		})
		for _, party := range []domain.Party{domain.PartyMentor, domain.PartyMentee, domain.PartyProgramme} {
			views["status/"+name+"/"+string(party)] = blocks.StatusChangedMessage(blocks.StatusChangedModel{
				Invitation: invitation(status), Recipient: party, Other: person("U3"),
			})
		}
		views["person/"+name] = blocks.PersonCardView(blocks.PersonCardModel{
			Card: person("U4"), Invitation: invitation(status), Mentee: mentee, Mentor: mentor,
		})
		review = append(review, blocks.ReviewEntry{Invitation: invitation(status), Mentee: person("U5"), Profile: mentee})
		sent = append(sent, blocks.SentInvitation{Invitation: invitation(status), Mentor: person("U6")})
	}

	views["invite"] = blocks.InviteView(blocks.InviteModel{Mentor: person("U7")})
	views["first-meeting"] = blocks.FirstMeetingMessage(blocks.FirstMeetingModel{
		Mentor: person("U8"), Mentee: person("U9"), Guide: longestResources().FirstMeeting(),
	})
	views["first-meeting-no-ids"] = blocks.FirstMeetingMessage(blocks.FirstMeetingModel{
		Mentor: blocks.PersonCard{Name: longText(500)}, Mentee: blocks.PersonCard{UserID: "<!channel>"},
		Guide: longestResources().FirstMeeting(),
	})
	views["availability"] = blocks.AvailabilityPromptMessage(blocks.AvailabilityPromptModel{Mentee: person("U10")})

	var pending []blocks.PersonCard
	for i := range 100 {
		card := person("")
		if i%2 == 0 {
			card = person(fmt.Sprintf("U%020d", i))
		}
		pending = append(pending, card)
	}
	views["withdraw-others"] = blocks.WithdrawOthersMessage(blocks.WithdrawOthersModel{
		Accepted: invitation(domain.StatusOngoing), Mentor: person("U11"), Pending: pending,
	})
	views["withdraw-others-none"] = blocks.WithdrawOthersMessage(blocks.WithdrawOthersModel{
		Accepted: invitation(domain.StatusOngoing), Mentor: person("U11"),
	})

	for _, page := range []int{-1, 0, 1, 200, 333, 1000} {
		views[fmt.Sprintf("review/%d", page)] = blocks.ReviewView(blocks.ReviewModel{
			Entries: review, Page: page, Total: 1000,
		})
	}
	views["review/dots"] = blocks.ReviewView(blocks.ReviewModel{Entries: review[:3], Page: 9, Total: 30})
	views["review/empty"] = blocks.ReviewView(blocks.ReviewModel{})
	views["review/past-end"] = blocks.ReviewView(blocks.ReviewModel{Page: 4, Total: 6})

	for len(sent) < 100 {
		sent = append(sent, sent...)
	}
	home := blocks.InvitationsHome{
		Sent: sent, MentorConsidering: 1_000_000, MentorOngoing: 1_000_000, RegisteredMentor: true, CanFind: true,
	}
	views["home-invitations"] = blocks.InvitationsBlocks(home)
	c := longestContent()
	views["home"] = blocks.HomeView(blocks.HomeModel{
		ProgrammeName: c.Programme.Name, Welcome: c.Programme.Welcome,
		About: c.Programme.About, Contact: c.Programme.Contact,
		Registration: blocks.RegistrationHome{
			Roles: []blocks.RoleStatus{
				{Role: domain.RoleMentee, Started: true, Next: domain.StepDone},
				{Role: domain.RoleMentor, Started: true, Next: domain.StepDone},
			},
			ConsentOutdated: true, Mentor: mentor, Mentee: mentee,
		},
		Invitations: home,
	})
	return views
}

// addFindViews adds the Find a mentor modal at its first, a middle and
// its last page, and mentor cards, all with the longest texts and lists.
func addFindViews(views map[string]any, lists content.Lists, mentor *domain.MentorProfile,
	person func(string) blocks.PersonCard,
) {
	reasons := make([]string, 20)
	for i := range reasons {
		reasons[i] = longText(500)
	}
	var results []domain.Match
	cards := map[string]blocks.PersonCard{}
	for i := range 300 {
		userID := fmt.Sprintf("U%020d", i)
		results = append(results, domain.Match{
			Mentor: domain.MentorCandidate{
				Person: domain.PersonKey{UserID: userID}, Name: longText(500), Profile: *mentor, Registered: true,
			},
			Reasons: reasons,
		})
		cards[userID] = person(userID)
	}
	filter := domain.SearchFilter{
		Areas: lists.MentoringAreas, JobRoles: lists.JobRoles, OrgAreas: lists.OrganisationalAreas,
		Text: longText(4000),
	}

	for _, page := range []int{-5, 0, 50, 99, 100} {
		views[fmt.Sprintf("find/%d", page)] = blocks.FindView(blocks.FindModel{
			Lists: lists, Filter: filter, Results: results, Page: page, Cards: cards,
		})
	}
	views["find/no-cards"] = blocks.FindView(blocks.FindModel{Lists: lists, Filter: filter, Results: results})
	views["find/empty"] = blocks.FindView(blocks.FindModel{Lists: lists, Filter: filter})
	views["find/no-lists"] = blocks.FindView(blocks.FindModel{})
	views["mentor-card/listed"] = blocks.MentorCardView(blocks.MentorCardModel{
		Card: person("U12"), Mentor: results[0].Mentor, Reasons: reasons,
	})
	views["mentor-card/unlisted"] = blocks.MentorCardView(blocks.MentorCardModel{
		Card: blocks.PersonCard{}, Mentor: domain.MentorCandidate{Name: longText(500), Profile: *mentor},
	})
}

func TestInvitationViews_LongestWithinSlackLimits(t *testing.T) {
	t.Parallel()

	for name, view := range extremeViews() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			encoded, err := json.Marshal(view)
			require.NoError(t, err)

			switch view := view.(type) {
			case blocks.Message:
				require.NoError(t, blocks.CheckMessage(view))
				require.NoError(t, blocks.CheckFallbackText(encoded))
				require.LessOrEqual(t, utf8.RuneCountInString(view.Text), 4000, "fallback text")
			case []slack.Block:
				require.NoError(t, blocks.CheckView(slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: view}}))
			default:
				require.NoError(t, blocks.CheckView(view))
			}
			requireConfirmsWithinLimits(t, encoded)
			requireImagesWithinLimits(t, encoded)
		})
	}
}

func TestInvitationViews_EscapeTypedText(t *testing.T) {
	t.Parallel()
	typed := "<!channel> <https://evil.example|Payroll> & more"
	card := blocks.PersonCard{UserID: "U0X", Name: typed}
	mentee := &domain.MenteeProfile{JobRole: typed, OrgArea: typed, Areas: []string{typed}, Hopes: typed}
	mentor := &domain.MentorProfile{JobRole: typed, OrgArea: typed, Areas: []string{typed}, About: typed, Capacity: 1}
	invitation := testInvitation(domain.StatusConsidering)
	invitation.Note, invitation.Reason = typed, typed
	candidate := domain.MentorCandidate{Person: domain.PersonKey{UserID: "U0X"}, Name: typed, Profile: *mentor}

	views := map[string]any{
		"find": blocks.FindView(blocks.FindModel{
			Filter:  domain.SearchFilter{Text: typed},
			Results: []domain.Match{{Mentor: candidate, Reasons: []string{"matches " + typed}}},
			Cards:   map[string]blocks.PersonCard{"U0X": card},
		}),
		"mentor-card": blocks.MentorCardView(blocks.MentorCardModel{Card: card, Mentor: candidate, Reasons: []string{typed}}),
		"invite":      blocks.InviteView(blocks.InviteModel{Mentor: card}),
		"invitation":  blocks.InvitationMessage(blocks.InvitationMessageModel{Invitation: invitation, Mentee: card, Profile: mentee}),
		"sent":        blocks.InvitationSentMessage(blocks.InvitationSentModel{Invitation: invitation, Mentor: card}),
		"first-meeting": blocks.FirstMeetingMessage(blocks.FirstMeetingModel{
			Mentor: blocks.PersonCard{Name: typed}, Mentee: blocks.PersonCard{UserID: "U1> <!here"},
			Guide: firstMeetingGuide(t),
		}),
		"withdraw": blocks.WithdrawOthersMessage(blocks.WithdrawOthersModel{
			Accepted: invitation, Mentor: card, Pending: []blocks.PersonCard{card},
		}),
		"availability": blocks.AvailabilityPromptMessage(blocks.AvailabilityPromptModel{Mentee: card}),
		"review": blocks.ReviewView(blocks.ReviewModel{
			Entries: []blocks.ReviewEntry{{Invitation: invitation, Mentee: card, Profile: mentee}}, Total: 1,
		}),
		"person": blocks.PersonCardView(blocks.PersonCardModel{
			Card: card, Invitation: invitation, Mentee: mentee, Mentor: mentor,
		}),
		"home": blocks.InvitationsBlocks(blocks.InvitationsHome{
			Sent: []blocks.SentInvitation{{Invitation: invitation, Mentor: card}},
		}),
		"status-changed": blocks.StatusChangedMessage(blocks.StatusChangedModel{
			Invitation: testInvitation(domain.StatusDeclined), Recipient: domain.PartyMentee, Other: card,
		}),
	}
	for _, status := range []domain.Status{domain.StatusOngoing, domain.StatusDeclined, domain.StatusFinished} {
		changed := invitation
		changed.Status = status
		views["invitation-"+string(status)] = blocks.InvitationMessage(blocks.InvitationMessageModel{
			Invitation: changed, Mentee: card, Profile: mentee,
		})
	}

	for name, view := range views {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			encoded, err := json.Marshal(view)
			require.NoError(t, err)

			texts := mrkdwnTexts(t, encoded)
			require.NotEmpty(t, texts)
			for _, text := range texts {
				require.NotContains(t, text, "<!")
				require.NotContains(t, text, "<http")
				require.NotContains(t, text, "&&")
			}
		})
	}
}

// mrkdwnTexts returns the texts that Slack reads as mrkdwn: those of
// mrkdwn text objects and a message's top-level fallback text. Slack shows
// plain_text as it is, and private_metadata only goes back to the bot.
func mrkdwnTexts(t *testing.T, encoded []byte) []string {
	t.Helper()
	var texts []string
	var root any
	require.NoError(t, json.Unmarshal(encoded, &root))
	if message, ok := root.(map[string]any); ok {
		if text, ok := message["text"].(string); ok {
			texts = append(texts, text)
		}
	}
	walkJSON(t, encoded, func(_ string, value any) {
		if object, ok := value.(map[string]any); ok && object["type"] == "mrkdwn" {
			text, _ := object["text"].(string)
			texts = append(texts, text)
		}
	})
	return texts
}

// requireConfirmsWithinLimits checks every confirm dialog in the JSON
// against Slack's limits, which CheckView does not cover: a title of 100
// characters, a text of 300 and buttons of 30.
func requireConfirmsWithinLimits(t *testing.T, encoded []byte) {
	t.Helper()
	limits := map[string]int{"title": 100, "text": 300, "confirm": 30, "deny": 30}
	walkJSON(t, encoded, func(key string, value any) {
		if key != "confirm" {
			return
		}
		// A dialog's own confirm button is a text object under the same
		// key, and has no title.
		dialog, ok := value.(map[string]any)
		if !ok || dialog["title"] == nil {
			return
		}
		for field, limit := range limits {
			text, _ := dialog[field].(map[string]any)["text"].(string)
			require.NotEmpty(t, strings.TrimSpace(text), "confirm.%s", field)
			require.LessOrEqual(t, utf8.RuneCountInString(text), limit, "confirm.%s", field)
		}
	})
}

// requireImagesWithinLimits checks every image element: Slack allows an
// image_url of 3,000 characters and an alt_text of 2,000.
func requireImagesWithinLimits(t *testing.T, encoded []byte) {
	t.Helper()
	walkJSON(t, encoded, func(_ string, value any) {
		element, ok := value.(map[string]any)
		if !ok || element["type"] != "image" {
			return
		}
		imageURL, _ := element["image_url"].(string)
		alt, _ := element["alt_text"].(string)
		require.NotEmpty(t, imageURL)
		require.LessOrEqual(t, utf8.RuneCountInString(imageURL), 3000, "image_url")
		require.NotEmpty(t, alt)
		require.LessOrEqual(t, utf8.RuneCountInString(alt), 2000, "alt_text")
	})
}

// walkJSON calls visit with every value in the JSON and the key it sits
// under, or "" inside arrays.
func walkJSON(t *testing.T, encoded []byte, visit func(key string, value any)) {
	t.Helper()
	var root any
	require.NoError(t, json.Unmarshal(encoded, &root))

	var walk func(key string, value any)
	walk = func(key string, value any) {
		visit(key, value)
		switch node := value.(type) {
		case map[string]any:
			for k, v := range node {
				walk(k, v)
			}
		case []any:
			for _, v := range node {
				walk("", v)
			}
		}
	}
	walk("", root)
}
