package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of the details a person gives.
const (
	MinCapacity     = 1
	MaxCapacity     = 10
	DefaultCapacity = 3
	// MaxAboutLength bounds "about me" and "what I hope to get", in
	// characters, so a profile card stays readable.
	MaxAboutLength = 1000
	// MaxAreas bounds how many mentoring areas one profile picks.
	MaxAreas = 10
)

// Profile field names, used as keys of FieldErrors.
const (
	FieldJobRole  = "job_role"
	FieldOrgArea  = "org_area"
	FieldAreas    = "areas"
	FieldAbout    = "about"
	FieldCapacity = "capacity"
	FieldHopes    = "hopes"
)

// MentorProfile is what a mentor offers.
type MentorProfile struct {
	JobRole string
	OrgArea string
	// Areas are the mentoring areas offered.
	Areas []string
	About string
	// Capacity is how many mentees the mentor takes at once.
	Capacity int
	// Available is false while the mentor takes no new mentees.
	Available bool
	// Searchable is false when the mentor asked not to be listed in
	// search results.
	Searchable bool
	UpdatedAt  time.Time
}

// MenteeProfile is what a mentee is looking for.
type MenteeProfile struct {
	JobRole string
	OrgArea string
	// Areas are the mentoring areas wanted.
	Areas []string
	// Hopes is what the mentee hopes to get from mentoring.
	Hopes     string
	UpdatedAt time.Time
}

// Choices are the organisation's lists that profile fields choose from.
type Choices struct {
	Areas    []string
	JobRoles []string
	OrgAreas []string
}

// FieldErrors maps profile field names to a message about the field's
// value. An empty map means the profile is valid.
type FieldErrors map[string]string

// Validate checks the mentor's details against the lists and limits.
func (p MentorProfile) Validate(choices Choices) FieldErrors {
	errs := FieldErrors{}
	checkChoice(errs, FieldJobRole, p.JobRole, choices.JobRoles, "job role")
	checkChoice(errs, FieldOrgArea, p.OrgArea, choices.OrgAreas, "organisational area")
	checkAreas(errs, p.Areas, choices.Areas, "the areas you can offer")
	checkText(errs, FieldAbout, p.About, "a few words about yourself")
	if p.Capacity < MinCapacity || p.Capacity > MaxCapacity {
		errs[FieldCapacity] = fmt.Sprintf("Choose a number from %d to %d.", MinCapacity, MaxCapacity)
	}
	return errs
}

// Validate checks the mentee's details against the lists and limits.
func (p MenteeProfile) Validate(choices Choices) FieldErrors {
	errs := FieldErrors{}
	checkChoice(errs, FieldJobRole, p.JobRole, choices.JobRoles, "job role")
	checkChoice(errs, FieldOrgArea, p.OrgArea, choices.OrgAreas, "organisational area")
	checkAreas(errs, p.Areas, choices.Areas, "the areas you would like help with")
	checkText(errs, FieldHopes, p.Hopes, "what you hope to get from mentoring")
	return errs
}

func checkChoice(errs FieldErrors, field, value string, options []string, noun string) {
	switch {
	case value == "":
		errs[field] = fmt.Sprintf("Please choose your %s.", noun)
	case !slices.Contains(options, value):
		errs[field] = fmt.Sprintf("Please choose your %s from the list.", noun)
	}
}

func checkAreas(errs FieldErrors, areas, options []string, noun string) {
	switch {
	case len(areas) == 0:
		errs[FieldAreas] = fmt.Sprintf("Please choose at least one of %s.", noun)
	case len(areas) > MaxAreas:
		errs[FieldAreas] = fmt.Sprintf("Please choose at most %d areas; you chose %d.", MaxAreas, len(areas))
	default:
		for _, area := range areas {
			if !slices.Contains(options, area) {
				errs[FieldAreas] = "Please choose areas from the list."
				return
			}
		}
	}
}

func checkText(errs FieldErrors, field, value, noun string) {
	length := utf8.RuneCountInString(strings.TrimSpace(value))
	switch {
	case length == 0:
		errs[field] = fmt.Sprintf("Please write %s.", noun)
	case length > MaxAboutLength:
		errs[field] = fmt.Sprintf("Please keep this to %d characters; it has %d.", MaxAboutLength, length)
	}
}
