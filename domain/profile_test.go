package domain

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var choices = Choices{
	Areas:    []string{"Leadership", "Research", "Wellbeing"},
	JobRoles: []string{"Lecturer", "Technician"},
	OrgAreas: []string{"Library", "Finance"},
}

func validMentor() MentorProfile {
	return MentorProfile{
		JobRole: "Lecturer", OrgArea: "Library", Areas: []string{"Leadership"},
		About: "Ten years of teaching.", Capacity: 3, Available: true, Searchable: true,
	}
}

func TestMentorProfile_Validate(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name   string
		change func(*MentorProfile)
		field  string
	}{
		{"JobRoleEmpty", func(p *MentorProfile) { p.JobRole = "" }, FieldJobRole},
		{"JobRoleUnknown", func(p *MentorProfile) { p.JobRole = "Astronaut" }, FieldJobRole},
		{"OrgAreaUnknown", func(p *MentorProfile) { p.OrgArea = "Moon" }, FieldOrgArea},
		{"AreasEmpty", func(p *MentorProfile) { p.Areas = nil }, FieldAreas},
		{"AreaUnknown", func(p *MentorProfile) { p.Areas = []string{"Leadership", "Juggling"} }, FieldAreas},
		{"TooManyAreas", func(p *MentorProfile) { p.Areas = make([]string, MaxAreas+1) }, FieldAreas},
		{"AboutBlank", func(p *MentorProfile) { p.About = " \n\t" }, FieldAbout},
		{"AboutTooLong", func(p *MentorProfile) { p.About = strings.Repeat("é", MaxAboutLength+1) }, FieldAbout},
		{"CapacityZero", func(p *MentorProfile) { p.Capacity = 0 }, FieldCapacity},
		{"CapacityEleven", func(p *MentorProfile) { p.Capacity = 11 }, FieldCapacity},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			profile := validMentor()
			test.change(&profile)

			errs := profile.Validate(choices)

			require.Len(t, errs, 1, "errors: %v", errs)
			require.NotEmpty(t, errs[test.field])
		})
	}

	t.Run("Valid", func(t *testing.T) {
		t.Parallel()
		profile := validMentor()
		profile.About = strings.Repeat("é", MaxAboutLength)
		profile.Capacity = MaxCapacity

		require.Empty(t, profile.Validate(choices))
	})
}

func TestMenteeProfile_Validate(t *testing.T) {
	t.Parallel()

	valid := MenteeProfile{JobRole: "Technician", OrgArea: "Finance", Areas: []string{"Research"}, Hopes: "Confidence."}
	require.Empty(t, valid.Validate(choices))

	empty := MenteeProfile{}
	errs := empty.Validate(choices)
	require.Len(t, errs, 4)
	for _, field := range []string{FieldJobRole, FieldOrgArea, FieldAreas, FieldHopes} {
		require.NotEmpty(t, errs[field], field)
	}
}
