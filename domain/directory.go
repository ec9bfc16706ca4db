package domain

import (
	"context"
	"time"
)

// MentorDirectory finds mentors for mentees and keeps the Slack names by
// which they are found.
type MentorDirectory interface {
	// SearchMentors returns up to limit mentors whom mentee may invite and
	// who match filter, with the mentors who offer the most of the wanted
	// areas first. The wanted areas are filter.Areas and the areas of
	// mentee's profile. The order is only a first cut, so that the best
	// matches fit within limit: pass the result to RankMentors.
	//
	// A mentor is returned only when Listed is true and mentee is someone
	// else with no Considering or Ongoing invitation to them. Within a
	// field of filter any value matches, and every field set must match.
	// Text matches when each of its words, as SearchWords splits them,
	// starts a word of the mentor's Slack name, job role, organisational
	// area, mentoring areas or about-me text.
	SearchMentors(ctx context.Context, mentee PersonKey, filter SearchFilter, limit int) ([]MentorCandidate, error)

	// MentorCandidate returns mentor with their profile, whether or not
	// searches would list them, or ErrNotFound when they have no mentor
	// profile.
	MentorCandidate(ctx context.Context, mentor PersonKey) (MentorCandidate, error)

	// SetDeactivated records whether Slack reports person's account as
	// deactivated: at is when it was seen, or nil when it is active again.
	SetDeactivated(ctx context.Context, person PersonKey, at *time.Time) error

	// SetDisplayName stores person's Slack name, so that searches find the
	// person by it. Searches match names only once they are stored here.
	SetDisplayName(ctx context.Context, person PersonKey, name string, at time.Time) error
}
