package domain

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Weights of the parts of a Match's Score. The score is the number of
// wanted areas that the mentor offers, plus up to filterWeight for how well
// the mentor matches the filter's job roles, organisational areas and text,
// plus up to capacityWeight for free places. The two bonuses add up to less
// than 1, so a mentor who offers one more wanted area always ranks higher.
const (
	filterWeight   = 0.6
	capacityWeight = 0.3
)

// RankMentors orders candidates for mentee, best first, and gives each
// one its score and the reasons for it. mentee may be nil when the person
// has no mentee profile. The areas wanted are the mentee's areas together
// with filter.Areas. Candidates with equal scores are ordered by Slack
// user id, so the result depends only on the arguments.
func RankMentors(mentee *MenteeProfile, filter SearchFilter, candidates []MentorCandidate) []Match {
	var menteeAreas []string
	if mentee != nil {
		menteeAreas = mentee.Areas
	}
	wanted := WantedAreas(filter, menteeAreas)
	words := SearchWords(filter.Text)

	matches := make([]Match, 0, len(candidates))
	for _, candidate := range candidates {
		matches = append(matches, rankMentor(candidate, wanted, filter, words))
	}
	slices.SortStableFunc(matches, func(a, b Match) int {
		if byScore := cmp.Compare(b.Score, a.Score); byScore != 0 {
			return byScore
		}
		return strings.Compare(a.Mentor.Person.UserID, b.Mentor.Person.UserID)
	})
	return matches
}

// WantedAreas returns the areas that a search looks for: filter.Areas,
// then the mentee's own areas, each once.
func WantedAreas(filter SearchFilter, menteeAreas []string) []string {
	var wanted []string
	for _, area := range slices.Concat(filter.Areas, menteeAreas) {
		wanted = appendNew(wanted, area)
	}
	return wanted
}

func rankMentor(candidate MentorCandidate, wanted []string, filter SearchFilter, words []string) Match {
	areas, areaReasons := scoreAreas(candidate.Profile, wanted)
	filters, filterReasons := scoreFilters(candidate, filter, words)
	capacity, capacityReasons := scoreCapacity(candidate)

	return Match{
		Mentor:  candidate,
		Score:   areas + filterWeight*filters + capacityWeight*capacity,
		Reasons: slices.Concat(areaReasons, filterReasons, capacityReasons),
	}
}

// scoreAreas returns how many of the wanted areas the mentor offers.
func scoreAreas(profile MentorProfile, wanted []string) (float64, []string) {
	var offered []string
	for _, area := range wanted {
		if slices.Contains(profile.Areas, area) {
			offered = append(offered, area)
		}
	}
	if len(offered) == 0 {
		return 0, nil
	}
	return float64(len(offered)), []string{areasReason(offered, len(wanted))}
}

// scoreFilters returns the share, from 0 to 1, of the filter's job roles,
// organisational areas and text that the mentor matches, each counting
// equally when set. Text counts as the share of its words found. The
// filter's areas count in scoreAreas instead.
func scoreFilters(candidate MentorCandidate, filter SearchFilter, words []string) (float64, []string) {
	profile := candidate.Profile
	var parts, matched float64
	var reasons []string

	if len(filter.JobRoles) > 0 {
		parts++
		if slices.Contains(filter.JobRoles, profile.JobRole) {
			matched++
			reasons = append(reasons, "has the job role "+profile.JobRole)
		}
	}
	if len(filter.OrgAreas) > 0 {
		parts++
		if slices.Contains(filter.OrgAreas, profile.OrgArea) {
			matched++
			reasons = append(reasons, "works in "+profile.OrgArea)
		}
	}
	if len(words) > 0 {
		parts++
		hits := textHits(candidate, words)
		matched += float64(len(hits)) / float64(len(words))
		if len(hits) > 0 {
			reasons = append(reasons, "matches "+joinAnd(quoteAll(hits)))
		}
	}

	if parts == 0 {
		return 0, reasons
	}
	return matched / parts, reasons
}

// scoreCapacity returns a bonus from 0 to 1 that grows ever more slowly
// with the mentor's free places: 1/2 for one, 2/3 for two, and so on.
func scoreCapacity(candidate MentorCandidate) (float64, []string) {
	free := candidate.FreeSlots()
	if free == 0 {
		return 0, nil
	}
	return float64(free) / float64(free+1), []string{capacityReason(free)}
}

// areasReason describes offered, the wanted areas that a mentor offers,
// out of wanted areas in all.
func areasReason(offered []string, wanted int) string {
	switch {
	case wanted == 1:
		return "offers the area you want: " + offered[0]
	case len(offered) == wanted:
		return fmt.Sprintf("offers all %d areas you want: %s", wanted, joinAnd(offered))
	default:
		return fmt.Sprintf("offers %d of the %d areas you want: %s", len(offered), wanted, joinAnd(offered))
	}
}

func capacityReason(free int) string {
	if free == 1 {
		return "has room for 1 more mentee"
	}
	return fmt.Sprintf("has room for %d more mentees", free)
}

// textHits returns the words that start a word of the candidate's name,
// job role, organisational area, mentoring areas or about-me text, the
// same rule by which storage finds mentors by text.
func textHits(candidate MentorCandidate, words []string) []string {
	profile := candidate.Profile
	fields := []string{candidate.Name, profile.JobRole, profile.OrgArea, strings.Join(profile.Areas, " "), profile.About}
	mentorWords := SearchWords(strings.Join(fields, " "))

	var hits []string
	for _, word := range words {
		for _, mentorWord := range mentorWords {
			if strings.HasPrefix(mentorWord, word) {
				hits = append(hits, word)
				break
			}
		}
	}
	return hits
}

func quoteAll(words []string) []string {
	quoted := make([]string, len(words))
	for i, word := range words {
		quoted[i] = "“" + word + "”"
	}
	return quoted
}
