package domain

// SearchFilter narrows a search for mentors. Within a field any value
// matches; all fields that are set must match.
type SearchFilter struct {
	Areas    []string
	JobRoles []string
	OrgAreas []string
	// Text is free words to find in names, areas, roles, organisational
	// areas and about-me texts.
	Text string
}

// Empty reports whether the filter sets nothing.
func (f SearchFilter) Empty() bool {
	return len(f.Areas) == 0 && len(f.JobRoles) == 0 && len(f.OrgAreas) == 0 && f.Text == ""
}

// MentorCandidate is a mentor as search results show them. A search
// returns only mentors whom the mentee may be shown: registered, not
// hidden, available, below capacity, active in Slack, and not already
// Considering or Ongoing with the mentee.
type MentorCandidate struct {
	Person PersonKey
	// Name is the mentor's Slack name as last seen.
	Name    string
	Profile MentorProfile
	// Ongoing counts the mentor's Ongoing relationships.
	Ongoing int
	// Registered is true when the mentor has completed the learning
	// package and the assessment and agreed to a code of conduct.
	Registered bool
	// Deactivated is true when Slack reported the mentor's account as
	// deactivated.
	Deactivated bool
	// AdminHidden is true when the programme team hid the mentor from
	// search.
	AdminHidden bool
}

// Listed reports whether searches may return the mentor: registered,
// active, searchable, not hidden by the programme team, available and
// with a free place. A search also
// leaves out mentors who have a Considering or Ongoing invitation from the
// mentee searching.
func (c MentorCandidate) Listed() bool {
	return c.Registered && !c.Deactivated && !c.AdminHidden && c.Profile.Searchable && c.Profile.Available &&
		c.FreeSlots() > 0
}

// FreeSlots returns how many more mentees the mentor can take.
func (c MentorCandidate) FreeSlots() int {
	return max(c.Profile.Capacity-c.Ongoing, 0)
}

// Match is a ranked search result with the reasons for its place.
type Match struct {
	Mentor MentorCandidate
	Score  float64
	// Reasons explain the rank in words, such as "offers 2 of the 3 areas
	// you want".
	Reasons []string
}
