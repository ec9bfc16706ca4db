package domain

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// candidate returns a mentor candidate with user id userID, the given
// areas and free places. Each change function adjusts anything else.
func candidate(userID string, areas []string, free int, change ...func(*MentorCandidate)) MentorCandidate {
	c := MentorCandidate{
		Person: PersonKey{TeamID: "T1", UserID: userID},
		Name:   "Mentor " + userID,
		Profile: MentorProfile{
			JobRole: "Lecturer", OrgArea: "Finance", Areas: areas, About: "Happy to help.",
			Capacity: 10, Available: true, Searchable: true,
		},
		Ongoing: 10 - free,
	}
	for _, fn := range change {
		fn(&c)
	}
	return c
}

func userIDs(matches []Match) []string {
	ids := make([]string, len(matches))
	for i, match := range matches {
		ids[i] = match.Mentor.Person.UserID
	}
	return ids
}

func TestRankMentors_Order(t *testing.T) {
	t.Parallel()
	mentee := &MenteeProfile{Areas: []string{"Networking", "Research", "Wellbeing"}}
	librarian := func(c *MentorCandidate) { c.Profile.JobRole = "Librarian" }
	inLibrary := func(c *MentorCandidate) { c.Profile.OrgArea = "Library and Archives" }

	tests := []struct {
		name       string
		mentee     *MenteeProfile
		filter     SearchFilter
		candidates []MentorCandidate
		want       []string
	}{
		{
			name:   "MoreAreasFirst",
			mentee: mentee,
			candidates: []MentorCandidate{
				candidate("U1", []string{"Networking"}, 1),
				candidate("U2", []string{"Networking", "Research", "Wellbeing"}, 1),
				candidate("U3", []string{"Leadership"}, 1),
				candidate("U4", []string{"Research", "Wellbeing"}, 1),
			},
			want: []string{"U2", "U4", "U1", "U3"},
		},
		{
			name:   "AreaOutranksFiltersAndCapacity",
			mentee: mentee,
			filter: SearchFilter{JobRoles: []string{"Librarian"}, OrgAreas: []string{"Library and Archives"}, Text: "mentor"},
			candidates: []MentorCandidate{
				candidate("U1", []string{"Networking"}, 10, librarian, inLibrary),
				candidate("U2", []string{"Networking", "Research"}, 1),
			},
			want: []string{"U2", "U1"},
		},
		{
			name:   "FilterAreasAreWanted",
			mentee: nil,
			filter: SearchFilter{Areas: []string{"Leadership"}},
			candidates: []MentorCandidate{
				candidate("U1", []string{"Networking"}, 5),
				candidate("U2", []string{"Leadership"}, 1),
			},
			want: []string{"U2", "U1"},
		},
		{
			name:   "JobRoleBreaksAreaTie",
			mentee: mentee,
			filter: SearchFilter{JobRoles: []string{"Librarian"}},
			candidates: []MentorCandidate{
				candidate("U1", []string{"Networking"}, 10),
				candidate("U2", []string{"Networking"}, 1, librarian),
			},
			want: []string{"U2", "U1"},
		},
		{
			name:   "MoreTextWordsFirst",
			mentee: nil,
			filter: SearchFilter{Text: "budget spreadsheets"},
			candidates: []MentorCandidate{
				candidate("U1", nil, 1, func(c *MentorCandidate) { c.Profile.About = "Budgets." }),
				candidate("U2", nil, 1, func(c *MentorCandidate) { c.Profile.About = "Budgets and spreadsheets." }),
				candidate("U3", nil, 1),
			},
			want: []string{"U2", "U1", "U3"},
		},
		{
			name:   "MoreFreePlacesFirst",
			mentee: mentee,
			candidates: []MentorCandidate{
				candidate("U1", []string{"Research"}, 1),
				candidate("U2", []string{"Research"}, 3),
				candidate("U3", []string{"Research"}, 0),
			},
			want: []string{"U2", "U1", "U3"},
		},
		{
			name:   "TiesByUserID",
			mentee: mentee,
			candidates: []MentorCandidate{
				candidate("U3", []string{"Research"}, 2),
				candidate("U1", []string{"Research"}, 2),
				candidate("U2", []string{"Research"}, 2),
			},
			want: []string{"U1", "U2", "U3"},
		},
		{
			name:       "NoCandidates",
			mentee:     mentee,
			candidates: nil,
			want:       []string{},
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			matches := RankMentors(test.mentee, test.filter, test.candidates)

			assert.Equal(t, test.want, userIDs(matches))
		})
	}
}

func TestRankMentors_InputOrderIgnored(t *testing.T) {
	t.Parallel()
	mentee := &MenteeProfile{Areas: []string{"Research"}}
	candidates := []MentorCandidate{
		candidate("U1", []string{"Research"}, 2),
		candidate("U2", []string{"Research"}, 2),
		candidate("U3", []string{"Networking"}, 4),
		candidate("U4", []string{"Research"}, 1),
	}
	reversed := slices.Clone(candidates)
	slices.Reverse(reversed)

	forward := RankMentors(mentee, SearchFilter{}, candidates)
	backward := RankMentors(mentee, SearchFilter{}, reversed)

	assert.Equal(t, forward, backward)
	assert.Equal(t, []string{"U1", "U2", "U4", "U3"}, userIDs(forward))
}

func TestRankMentors_Reasons(t *testing.T) {
	t.Parallel()
	mentee := &MenteeProfile{Areas: []string{"Networking", "Research", "Wellbeing"}}

	tests := []struct {
		name      string
		mentee    *MenteeProfile
		filter    SearchFilter
		candidate MentorCandidate
		want      []string
	}{
		{
			name:      "SomeAreas",
			mentee:    mentee,
			candidate: candidate("U1", []string{"Wellbeing", "Networking", "Leadership"}, 2),
			want:      []string{"offers 2 of the 3 areas you want: Networking and Wellbeing", "has room for 2 more mentees"},
		},
		{
			name:      "AllAreas",
			mentee:    mentee,
			candidate: candidate("U1", []string{"Networking", "Research", "Wellbeing"}, 1),
			want:      []string{"offers all 3 areas you want: Networking, Research and Wellbeing", "has room for 1 more mentee"},
		},
		{
			name:      "OneAreaWanted",
			filter:    SearchFilter{Areas: []string{"Research"}},
			candidate: candidate("U1", []string{"Research"}, 0),
			want:      []string{"offers the area you want: Research"},
		},
		{
			name: "Filters",
			filter: SearchFilter{
				JobRoles: []string{"Librarian", "Archivist"},
				OrgAreas: []string{"Library and Archives"},
				Text:     "Budget JO nothing",
			},
			candidate: candidate("U1", nil, 0, func(c *MentorCandidate) {
				c.Name = "Jo Bloggs"
				c.Profile.JobRole = "Librarian"
				c.Profile.OrgArea = "Library and Archives"
				c.Profile.About = "I run the library's budgets."
			}),
			want: []string{"has the job role Librarian", "works in Library and Archives", "matches “budget” and “jo”"},
		},
		{
			name:      "NothingMatches",
			mentee:    mentee,
			filter:    SearchFilter{JobRoles: []string{"Librarian"}, Text: "budget"},
			candidate: candidate("U1", []string{"Leadership"}, 0),
			want:      nil,
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			matches := RankMentors(test.mentee, test.filter, []MentorCandidate{test.candidate})

			require.Len(t, matches, 1)
			assert.Equal(t, test.want, matches[0].Reasons)
		})
	}
}

func TestRankMentors_Score(t *testing.T) {
	t.Parallel()
	mentee := &MenteeProfile{Areas: []string{"Networking", "Research"}}
	filter := SearchFilter{JobRoles: []string{"Librarian"}, Text: "budget spreadsheets"}
	mentor := candidate("U1", []string{"Networking", "Research"}, 1, func(c *MentorCandidate) {
		c.Profile.JobRole = "Librarian"
		c.Profile.About = "Budgets."
	})

	matches := RankMentors(mentee, filter, []MentorCandidate{mentor})

	// Two areas, the job role and one of two words (0.75 of the filter),
	// and one free place (1/2 of the capacity bonus).
	require.Len(t, matches, 1)
	assert.InDelta(t, 2+filterWeight*0.75+capacityWeight*0.5, matches[0].Score, 1e-9)
}
