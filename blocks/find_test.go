package blocks_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// testMatches returns n ranked mentors with user ids U01, U02 and so on,
// and the cards of all but the second.
func testMatches(n int) ([]domain.Match, map[string]blocks.PersonCard) {
	names := []string{"Sam <Finance> & Co", "Priya Shah", "Jo Brown", "Kim Lee", "Ola Nowak", "Ravi Patel", "Tess Moore"}
	var matches []domain.Match
	cards := map[string]blocks.PersonCard{}
	for i := range n {
		userID := fmt.Sprintf("U%02d", i+1)
		mentor := *testMentor()
		mentor.Searchable = true
		if i%2 == 1 {
			mentor.About = "I lead a team of twelve in the Library, and before that I spent ten years in " +
				"research support, so I know both sides of the move into management well. 🌱 " +
				"I enjoy helping people find their own way through it."
		}
		matches = append(matches, domain.Match{
			Mentor: domain.MentorCandidate{
				Person:  domain.PersonKey{TeamID: testTeam, UserID: userID},
				Name:    names[i%len(names)],
				Profile: mentor, Ongoing: 1, Registered: true,
			},
			Score:   float64(n - i),
			Reasons: []string{"offers the area you want: Networking", "has room for 1 more mentee"},
		})
		if i != 1 {
			cards[userID] = blocks.PersonCard{
				UserID: userID, Name: names[i%len(names)], ImageURL: "https://avatars.example/" + userID + ".png",
			}
		}
	}
	return matches, cards
}

func TestFindViews_Golden(t *testing.T) {
	t.Parallel()
	matches, cards := testMatches(7)
	filter := domain.SearchFilter{Areas: []string{"Networking", "Retired area"}, Text: "finance <planning>"}

	views := map[string]any{
		"find.json": blocks.FindView(blocks.FindModel{
			Lists: testLists(), Filter: filter, Results: matches, Page: 1, Cards: cards,
		}),
		"find_first_page.json": blocks.FindView(blocks.FindModel{
			Lists: testLists(), Results: matches, Cards: cards,
		}),
		"find_one_page.json": blocks.FindView(blocks.FindModel{
			Lists: testLists(), Filter: domain.SearchFilter{JobRoles: []string{"Manager"}},
			Results: matches[:1], Cards: cards,
		}),
		"find_empty_filtered.json": blocks.FindView(blocks.FindModel{Lists: testLists(), Filter: filter}),
		"find_empty.json":          blocks.FindView(blocks.FindModel{Lists: testLists()}),
		"mentor_card.json": blocks.MentorCardView(blocks.MentorCardModel{
			Card: cards["U01"], Mentor: matches[0].Mentor, Reasons: matches[0].Reasons,
		}),
		"mentor_card_unlisted.json": blocks.MentorCardView(blocks.MentorCardModel{
			Mentor: domain.MentorCandidate{
				Person: domain.PersonKey{UserID: "U02"}, Name: "Priya Shah", Profile: *testMentor(), Registered: true,
			},
		}),
	}
	for name, view := range views {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			requireGolden(t, name, view)
		})
	}
}

func TestFindView_Metadata(t *testing.T) {
	t.Parallel()
	matches, cards := testMatches(7)
	filter := domain.SearchFilter{Areas: []string{"Networking"}, OrgAreas: []string{"Finance"}, Text: "plan"}

	for name, tc := range map[string]struct {
		page, wantPage int
	}{
		"FirstPage":    {page: 0, wantPage: 0},
		"LastPage":     {page: 2, wantPage: 2},
		"PastTheEnd":   {page: 9, wantPage: 2},
		"NegativePage": {page: -1, wantPage: 0},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			view := blocks.FindView(blocks.FindModel{
				Lists: testLists(), Filter: filter, Results: matches, Page: tc.page, Cards: cards,
			})

			var metadata blocks.FindMetadata
			require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata, &metadata))
			require.Equal(t, blocks.FindMetadata{Filter: filter, Page: tc.wantPage}, metadata)
		})
	}
}

func TestFindView_LongFilterMetadata(t *testing.T) {
	t.Parallel()
	lists := longestContent().Lists
	filter := domain.SearchFilter{
		Areas: lists.MentoringAreas, JobRoles: lists.JobRoles, OrgAreas: lists.OrganisationalAreas,
		Text: strings.Repeat("<&>", 2000),
	}

	view := blocks.FindView(blocks.FindModel{Lists: lists, Filter: filter, Page: 0})

	var metadata blocks.FindMetadata
	require.NoError(t, blocks.DecodeMetadata(view.PrivateMetadata, &metadata))
	require.LessOrEqual(t, utf8.RuneCountInString(view.PrivateMetadata), 3000)
	require.Empty(t, metadata.Filter.Areas, "the lists are in the view's state instead")
	require.NotEmpty(t, metadata.Filter.Text)
	require.True(t, strings.HasPrefix(filter.Text, metadata.Filter.Text), "the text is cut, not changed")
	var want []string
	for _, area := range filter.Areas[:10] {
		want = append(want, strings.TrimSpace(area))
	}
	require.Equal(t, want, blocks.ParseFindFilters(filterState(view)).Areas,
		"the view shows the first ten values")
}

func TestFindView_Paging(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		results, page int
		want          []string
	}{
		"NoResults":  {results: 0, page: 0},
		"OnePage":    {results: 3, page: 0},
		"FirstPage":  {results: 4, page: 0, want: []string{"Next ›=1"}},
		"MiddlePage": {results: 9, page: 1, want: []string{"‹ Previous=0", "Next ›=2"}},
		"LastPage":   {results: 9, page: 2, want: []string{"‹ Previous=1"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			matches, cards := testMatches(tc.results)

			view := blocks.FindView(blocks.FindModel{Lists: testLists(), Results: matches, Page: tc.page, Cards: cards})

			require.Equal(t, tc.want, buttonsOf(view.Blocks.BlockSet, blocks.ActionFindPage))
			require.Len(t, buttonsOf(view.Blocks.BlockSet, blocks.ActionAsk), min(3, tc.results-3*tc.page))
		})
	}
}

func TestFindView_ResultButtons(t *testing.T) {
	t.Parallel()
	matches, cards := testMatches(2)

	view := blocks.FindView(blocks.FindModel{Lists: testLists(), Results: matches, Cards: cards})

	require.Equal(t, []string{"Ask to be my mentor=U01", "Ask to be my mentor=U02"}, buttonsOf(view.Blocks.BlockSet, blocks.ActionAsk))
	require.Equal(t, []string{"Details=U01", "Details=U02"}, buttonsOf(view.Blocks.BlockSet, blocks.ActionMentorDetails))
}

func TestFindView_FiltersRoundTrip(t *testing.T) {
	t.Parallel()
	filter := domain.SearchFilter{
		Areas: []string{"Networking", "Career development"}, JobRoles: []string{"Lecturer"},
		OrgAreas: []string{"Finance", "Other"},
	}

	view := blocks.FindView(blocks.FindModel{Lists: testLists(), Filter: filter})

	require.Equal(t, filter, blocks.ParseFindFilters(filterState(view)))
}

func TestFindView_StaleFilterValuesLeftOut(t *testing.T) {
	t.Parallel()
	filter := domain.SearchFilter{Areas: []string{"Retired area", "Networking"}, JobRoles: []string{"Bursar"}}

	view := blocks.FindView(blocks.FindModel{Lists: testLists(), Filter: filter})

	require.NoError(t, blocks.CheckView(view))
	require.Equal(t, domain.SearchFilter{Areas: []string{"Networking"}}, blocks.ParseFindFilters(filterState(view)))
}

func TestParseFindFilters(t *testing.T) {
	t.Parallel()

	for name, tc := range map[string]struct {
		values string
		want   domain.SearchFilter
	}{
		"AllFilters": {
			values: `{
				"filter_areas": {"find:filter": {"type": "multi_static_select",
					"selected_options": [{"value": "Networking"}, {"value": "Managing people"}]}},
				"filter_roles": {"find:filter": {"type": "multi_static_select", "selected_options": [{"value": "Lecturer"}]}},
				"filter_orgs": {"find:filter": {"type": "multi_static_select", "selected_options": [{"value": "Finance"}]}}
			}`,
			want: domain.SearchFilter{
				Areas: []string{"Networking", "Managing people"}, JobRoles: []string{"Lecturer"}, OrgAreas: []string{"Finance"},
			},
		},
		"OneFilter": {
			values: `{"filter_roles": {"find:filter": {"selected_options": [{"value": "Manager"}]}}}`,
			want:   domain.SearchFilter{JobRoles: []string{"Manager"}},
		},
		"NullValues":  {values: `null`},
		"EmptyValues": {values: `{}`},
		"NullBlocks":  {values: `{"filter_areas": null, "filter_roles": null, "filter_orgs": null}`},
		"NullSelections": {
			values: `{
				"filter_areas": {"find:filter": {"type": "multi_static_select", "selected_options": null}},
				"filter_roles": {"find:filter": {"type": "multi_static_select"}},
				"filter_orgs": {"find:filter": null}
			}`,
		},
		"EmptySelections": {
			values: `{
				"filter_areas": {"find:filter": {"selected_options": []}},
				"filter_roles": {"find:filter": {"selected_options": [{"value": ""}, {"value": "  "}]}}
			}`,
		},
		"WhiteSpaceAndRepeats": {
			values: `{"filter_areas": {"find:filter": {"selected_options": [
				{"value": " Networking "}, {"value": "Networking"}, {"value": "Career development\n"}]}}}`,
			want: domain.SearchFilter{Areas: []string{"Networking", "Career development"}},
		},
		"WrongActionID": {
			values: `{"filter_areas": {"details:areas": {"selected_options": [{"value": "Networking"}]}}}`,
		},
		"OtherBlocksIgnored": {
			values: `{
				"areas": {"find:filter": {"selected_options": [{"value": "Networking"}]}},
				"note": {"invite:note": {"value": "Hello"}}
			}`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			filter := blocks.ParseFindFilters(stateValues(t, tc.values))

			require.Equal(t, tc.want, filter)
		})
	}
}

func TestParseFindFilters_NilValues(t *testing.T) {
	t.Parallel()

	require.Equal(t, domain.SearchFilter{}, blocks.ParseFindFilters(nil))
}

// filterState returns the view.state.values that Slack would send with a
// block action from view if the person changed nothing: the initial
// options of each multi-select in a section.
func filterState(view slack.ModalViewRequest) map[string]map[string]slack.BlockAction {
	values := map[string]map[string]slack.BlockAction{}
	for _, block := range view.Blocks.BlockSet {
		section, ok := block.(*slack.SectionBlock)
		if !ok || section.Accessory == nil || section.Accessory.MultiSelectElement == nil {
			continue
		}
		menu := section.Accessory.MultiSelectElement
		action := slack.BlockAction{ActionID: menu.ActionID}
		for _, option := range menu.InitialOptions {
			action.SelectedOptions = append(action.SelectedOptions, *option)
		}
		values[section.BlockID] = map[string]slack.BlockAction{menu.ActionID: action}
	}
	return values
}

// buttonsOf returns "label=value" of each button with actionID, in order,
// wherever it sits in the blocks.
func buttonsOf(set []slack.Block, actionID string) []string {
	encoded, err := json.Marshal(set)
	if err != nil {
		panic(err)
	}
	var found []string
	var walk func(value any)
	walk = func(value any) {
		switch node := value.(type) {
		case map[string]any:
			if node["type"] == "button" && node["action_id"] == actionID {
				text, _ := node["text"].(map[string]any)["text"].(string)
				value, _ := node["value"].(string)
				found = append(found, text+"="+value)
			}
			for _, key := range []string{"elements", "accessory"} {
				walk(node[key])
			}
		case []any:
			for _, item := range node {
				walk(item)
			}
		}
	}
	var root any
	if err := json.Unmarshal(encoded, &root); err != nil {
		panic(err)
	}
	walk(root)
	return found
}
