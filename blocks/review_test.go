package blocks_test

import (
	"testing"

	"github.com/slack-go/slack"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// reviewEntries returns one entry per status given, with invitation ids
// 41, 42 and so on.
func reviewEntries(statuses ...domain.Status) []blocks.ReviewEntry {
	var entries []blocks.ReviewEntry
	for i, status := range statuses {
		invitation := testInvitation(status)
		invitation.ID = int64(41 + i)
		entries = append(entries, blocks.ReviewEntry{Invitation: invitation, Mentee: menteePerson(), Profile: testMentee()})
	}
	return entries
}

func TestReviewView_Golden(t *testing.T) {
	t.Parallel()

	views := map[string]any{
		"review.json": blocks.ReviewView(blocks.ReviewModel{
			Entries: reviewEntries(domain.StatusConsidering, domain.StatusOngoing, domain.StatusFinished),
			Page:    1, Total: 8,
		}),
		"review_one_page.json": blocks.ReviewView(blocks.ReviewModel{
			Entries: reviewEntries(domain.StatusDeclined, domain.StatusWithdrawn), Total: 2,
		}),
		"review_empty.json": blocks.ReviewView(blocks.ReviewModel{}),
	}
	for name, view := range views {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			requireGolden(t, name, view)
		})
	}
}

func TestReviewView_StatusOptions(t *testing.T) {
	t.Parallel()

	for status, want := range map[domain.Status][]domain.Status{
		domain.StatusConsidering: {domain.StatusConsidering, domain.StatusOngoing, domain.StatusDeclined},
		domain.StatusOngoing:     {domain.StatusOngoing, domain.StatusFinished},
		domain.StatusDeclined:    nil,
		domain.StatusWithdrawn:   nil,
		domain.StatusFinished:    nil,
	} {
		t.Run(string(status), func(t *testing.T) {
			t.Parallel()

			view := blocks.ReviewView(blocks.ReviewModel{Entries: reviewEntries(status), Total: 1})
			menu := statusMenuOf(view)

			if want == nil {
				require.Nil(t, menu, "a final status has no drop-down")
				return
			}
			require.NotNil(t, menu)
			var got []domain.Status
			for _, option := range menu.Options {
				id, parsed, ok := blocks.ParseReviewStatus(option.Value)
				require.True(t, ok, option.Value)
				require.Equal(t, int64(41), id)
				got = append(got, parsed)
			}
			require.Equal(t, want, got)
			require.Equal(t, menu.Options[0].Value, menu.InitialOption.Value, "the current status is selected")
		})
	}
}

func TestReviewView_Paging(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		page, total int
		want        []string
	}{
		"OnePage":   {page: 0, total: 3},
		"FirstPage": {page: 0, total: 4, want: []string{"Next ›=1"}},
		"Middle":    {page: 1, total: 9, want: []string{"‹ Previous=0", "Next ›=2"}},
		"PastEnd":   {page: 7, total: 9, want: []string{"‹ Previous=1"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			view := blocks.ReviewView(blocks.ReviewModel{
				Entries: reviewEntries(domain.StatusConsidering), Page: tc.page, Total: tc.total,
			})

			require.Equal(t, tc.want, buttonsOf(view.Blocks.BlockSet, blocks.ActionReviewPage))
			var metadata blocks.ReviewMetadata
			require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata, &metadata))
			require.Equal(t, min(tc.page, (tc.total-1)/3), metadata.Page)
		})
	}
}

func TestReviewView_StatusBlockIDChangesWithStatus(t *testing.T) {
	t.Parallel()

	considering := blocks.ReviewView(blocks.ReviewModel{Entries: reviewEntries(domain.StatusConsidering), Total: 1})
	ongoing := blocks.ReviewView(blocks.ReviewModel{Entries: reviewEntries(domain.StatusOngoing), Total: 1})

	require.NotEqual(t, statusBlockID(considering), statusBlockID(ongoing))
}

func TestParseReviewStatus(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		value      string
		wantID     int64
		wantStatus domain.Status
		wantOK     bool
	}{
		"Ongoing":     {value: "42:ongoing", wantID: 42, wantStatus: domain.StatusOngoing, wantOK: true},
		"Considering": {value: "1:considering", wantID: 1, wantStatus: domain.StatusConsidering, wantOK: true},
		"Declined":    {value: "7:declined", wantID: 7, wantStatus: domain.StatusDeclined, wantOK: true},
		"Finished": {
			value:  "9223372036854775807:finished",
			wantID: 9_223_372_036_854_775_807, wantStatus: domain.StatusFinished, wantOK: true,
		},
		"Withdrawn":      {value: "3:withdrawn", wantID: 3, wantStatus: domain.StatusWithdrawn, wantOK: true},
		"Empty":          {value: ""},
		"NoColon":        {value: "42ongoing"},
		"OnlyColon":      {value: ":"},
		"NoID":           {value: ":ongoing"},
		"NoStatus":       {value: "42:"},
		"NegativeID":     {value: "-42:ongoing"},
		"ZeroID":         {value: "0:ongoing"},
		"SignedID":       {value: "+42:ongoing"},
		"LeadingZero":    {value: "042:ongoing"},
		"HexID":          {value: "0x2a:ongoing"},
		"IDOverflow":     {value: "9223372036854775808:ongoing"},
		"SpacedID":       {value: " 42:ongoing"},
		"UnknownStatus":  {value: "42:accepted"},
		"StatusTitle":    {value: "42:Ongoing"},
		"SpacedStatus":   {value: "42: ongoing"},
		"ExtraPart":      {value: "42:ongoing:finished"},
		"Garbage":        {value: "🌱<&>"},
		"Null":           {value: "null"},
		"ReversedFields": {value: "ongoing:42"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			id, status, ok := blocks.ParseReviewStatus(tc.value)

			require.Equal(t, tc.wantOK, ok)
			require.Equal(t, tc.wantID, id)
			require.Equal(t, tc.wantStatus, status)
		})
	}
}

// statusMenuOf returns the first status drop-down of view, or nil.
func statusMenuOf(view slack.ModalViewRequest) *slack.SelectBlockElement {
	for _, block := range view.Blocks.BlockSet {
		section, ok := block.(*slack.SectionBlock)
		if ok && section.Accessory != nil && section.Accessory.SelectElement != nil &&
			section.Accessory.SelectElement.ActionID == blocks.ActionReviewStatus {
			return section.Accessory.SelectElement
		}
	}
	return nil
}

// statusBlockID returns the block id of the first section with a status
// drop-down.
func statusBlockID(view slack.ModalViewRequest) string {
	for _, block := range view.Blocks.BlockSet {
		section, ok := block.(*slack.SectionBlock)
		if ok && section.Accessory != nil && section.Accessory.SelectElement != nil {
			return section.BlockID
		}
	}
	return ""
}
