package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMentorCandidate_Listed(t *testing.T) {
	t.Parallel()
	listed := func() MentorCandidate {
		return MentorCandidate{
			Profile:    MentorProfile{Capacity: 2, Available: true, Searchable: true},
			Ongoing:    1,
			Registered: true,
		}
	}

	tests := []struct {
		name   string
		change func(*MentorCandidate)
		want   bool
	}{
		{"Listed", func(*MentorCandidate) {}, true},
		{"NotRegistered", func(c *MentorCandidate) { c.Registered = false }, false},
		{"Deactivated", func(c *MentorCandidate) { c.Deactivated = true }, false},
		{"Hidden", func(c *MentorCandidate) { c.Profile.Searchable = false }, false},
		{"Unavailable", func(c *MentorCandidate) { c.Profile.Available = false }, false},
		{"AtCapacity", func(c *MentorCandidate) { c.Ongoing = 2 }, false},
		{"OverCapacity", func(c *MentorCandidate) { c.Ongoing = 5 }, false},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			candidate := listed()
			test.change(&candidate)

			assert.Equal(t, test.want, candidate.Listed())
		})
	}
}

func TestWantedAreas(t *testing.T) {
	t.Parallel()

	filter := SearchFilter{Areas: []string{"Research", "Networking", "Research"}}
	wanted := WantedAreas(filter, []string{"Wellbeing", "Networking"})

	assert.Equal(t, []string{"Research", "Networking", "Wellbeing"}, wanted)
	assert.Empty(t, WantedAreas(SearchFilter{}, nil))
}
