package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

var findLists = Choices{
	Areas: []string{
		"Career development", "Equality, diversity and inclusion", "Leadership and management",
		"Managing people", "Managing workload", "Moving into management", "Networking", "Wellbeing at work",
	},
	JobRoles: []string{"Archivist", "HR professional", "Lecturer", "Librarian", "Senior lecturer or associate professor"},
	OrgAreas: []string{"Finance", "Library and Archives", "Registry", "Vice-Chancellor's Office"},
}

func TestParseFindQuery(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name string
		args []string
		want SearchFilter
	}{
		{"Empty", nil, SearchFilter{}},
		{"TextOnly", []string{"budget", "Jo"}, SearchFilter{Text: "budget Jo"}},
		{"ExactArea", []string{"area:Networking"}, SearchFilter{Areas: []string{"Networking"}}},
		{"AnyCase", []string{"AREA:career DEVELOPMENT"}, SearchFilter{Areas: []string{"Career development"}}},
		{"UniquePrefix", []string{"area:care"}, SearchFilter{Areas: []string{"Career development"}}},
		{"UniqueSubstring", []string{"area:diversity"}, SearchFilter{Areas: []string{"Equality, diversity and inclusion"}}},
		{"ExactBeforeSubstring", []string{"role:lecturer"}, SearchFilter{JobRoles: []string{"Lecturer"}}},
		{"PrefixBeforeSubstring", []string{"role:lec"}, SearchFilter{JobRoles: []string{"Lecturer"}}},
		{"CommaInEntry", []string{"area:Equality, diversity"}, SearchFilter{Areas: []string{"Equality, diversity and inclusion"}}},
		{"CommaSeparated", []string{"areas:networking,career"},
			SearchFilter{Areas: []string{"Networking", "Career development"}}},
		{"RepeatedField", []string{"area:networking", "area:wellbeing", "area:Networking"},
			SearchFilter{Areas: []string{"Networking", "Wellbeing at work"}}},
		{"Aliases", []string{"job:archivist", "jobrole:HR", "organisation:finance", "organization:registry", "Job_Role:lecturer"},
			SearchFilter{JobRoles: []string{"Archivist", "HR professional", "Lecturer"}, OrgAreas: []string{"Finance", "Registry"}}},
		{"CurlyQuotes", []string{"org:“vice-chancellor's office”"}, SearchFilter{OrgAreas: []string{"Vice-Chancellor's Office"}}},
		{"AllFields", []string{"budget", "area:Networking", "role:Librarian", "org:Finance", "spreadsheets"},
			SearchFilter{
				Areas: []string{"Networking"}, JobRoles: []string{"Librarian"}, OrgAreas: []string{"Finance"},
				Text: "budget spreadsheets",
			}},
		{"ColonInText", []string{"10:30", "https://example.com"}, SearchFilter{Text: "10:30 https://example.com"}},
		{"BlankArgs", []string{" ", ""}, SearchFilter{}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			filter, problems := ParseFindQuery(test.args, findLists)

			assert.Empty(t, problems)
			assert.Equal(t, test.want, filter)
		})
	}
}

func TestParseFindQuery_Problems(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name string
		args []string
		want QueryProblem
	}{
		{
			name: "Misspelt",
			args: []string{"area:Carrer"},
			want: QueryProblem{
				Field: "area", Value: "Carrer", Suggestions: []string{"Career development"},
				Message: "I don't know the area “Carrer”. Did you mean: Career development?",
			},
		},
		{
			name: "MisspeltWord",
			args: []string{"role:libarian"},
			want: QueryProblem{
				Field: "role", Value: "libarian", Suggestions: []string{"Librarian"},
				Message: "I don't know the job role “libarian”. Did you mean: Librarian?",
			},
		},
		{
			name: "NoCloseMatch",
			args: []string{"org:Moon base"},
			want: QueryProblem{
				Field: "org", Value: "Moon base",
				Message: "I don't know the organisational area “Moon base”. " +
					"Please check the spelling, or choose the organisational area from the list in the search form.",
			},
		},
		{
			name: "AmbiguousPrefix",
			args: []string{"area:managing"},
			want: QueryProblem{
				Field: "area", Value: "managing", Suggestions: []string{"Managing people", "Managing workload"},
				Message: "“managing” could be more than one area: “Managing people” or “Managing workload”. " +
					"Please type more of the one you want.",
			},
		},
		{
			name: "AmbiguousSubstring",
			args: []string{"area:work"},
			want: QueryProblem{
				Field: "area", Value: "work",
				Suggestions: []string{"Managing workload", "Networking", "Wellbeing at work"},
				Message: "“work” could be more than one area: “Managing workload”, “Networking” or “Wellbeing at work”. " +
					"Please type more of the one you want.",
			},
		},
		{
			name: "BadCommaPart",
			args: []string{"areas:networking,netwrk"},
			want: QueryProblem{
				Field: "areas", Value: "netwrk", Suggestions: []string{"Networking"},
				Message: "I don't know the area “netwrk”. Did you mean: Networking?",
			},
		},
		{
			name: "EmptyValue",
			args: []string{"org:"},
			want: QueryProblem{
				Field:   "org",
				Message: "Please write an organisational area after “org:”, such as org:Finance.",
			},
		},
		{
			name: "EmptyValueQuotedExample",
			args: []string{"Area:"},
			want: QueryProblem{
				Field:   "Area",
				Message: "Please write an area after “Area:”, such as area:\"Career development\".",
			},
		},
		{
			name: "UnknownField",
			args: []string{"colour:blue"},
			want: QueryProblem{
				Field: "colour", Value: "blue",
				Message: "I don't know the field “colour:”. You can use area:, role: or org:.",
			},
		},
		{
			name: "MisspeltField",
			args: []string{"organisatin:Finance"},
			want: QueryProblem{
				Field: "organisatin", Value: "Finance", Suggestions: []string{"org"},
				Message: "I don't know the field “organisatin:”. Did you mean org:?",
			},
		},
		{
			name: "FieldStart",
			args: []string{"ro:Librarian"},
			want: QueryProblem{
				Field: "ro", Value: "Librarian", Suggestions: []string{"role"},
				Message: "I don't know the field “ro:”. Did you mean role:?",
			},
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			filter, problems := ParseFindQuery(test.args, findLists)

			assert.Equal(t, []QueryProblem{test.want}, problems)
			assert.True(t, filter.Empty(), "filter: %+v", filter)
		})
	}
}

func TestParseFindQuery_KeepsGoodParts(t *testing.T) {
	t.Parallel()

	filter, problems := ParseFindQuery([]string{"area:Carrer", "role:Librarian", "budget", "shape:round"}, findLists)

	assert.Equal(t, SearchFilter{JobRoles: []string{"Librarian"}, Text: "budget"}, filter)
	if assert.Len(t, problems, 2) {
		assert.Equal(t, "area", problems[0].Field)
		assert.Equal(t, "shape", problems[1].Field)
	}
}

func TestParseFindQuery_AtMostFiveSuggestions(t *testing.T) {
	t.Parallel()
	lists := Choices{Areas: []string{"Aa", "Ab", "Ac", "Ad", "Ae", "Af", "Ag"}}

	_, problems := ParseFindQuery([]string{"area:A"}, lists)

	if assert.Len(t, problems, 1) {
		assert.Equal(t, []string{"Aa", "Ab", "Ac", "Ad", "Ae"}, problems[0].Suggestions)
	}
}

func TestSearchWords(t *testing.T) {
	t.Parallel()

	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"  Budget  ", []string{"budget"}},
		{"O'Brien, Vice-Chancellor's", []string{"o", "brien", "vice", "chancellor", "s"}},
		{"ÉMILE émile Zoë 2nd", []string{"émile", "zoë", "2nd"}},
		{"!!! --", nil},
	}
	for _, test := range tests {
		assert.Equal(t, test.want, SearchWords(test.text), "text %q", test.text)
	}
}

func TestEditDistance(t *testing.T) {
	t.Parallel()

	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"carrer", "career", 1},
		{"kitten", "sitting", 3},
		{"zoë", "zoe", 1},
	}
	for _, test := range tests {
		assert.Equal(t, test.want, editDistance(test.a, test.b), "%q to %q", test.a, test.b)
	}
}
