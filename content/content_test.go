package content

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

func TestDefault_Shipped(t *testing.T) {
	t.Parallel()

	loaded, err := Default()
	require.NoError(t, err)

	require.NotEmpty(t, loaded.Programme.Name)
	require.Equal(t, "Mentoring University", loaded.Campus.Title)
	require.GreaterOrEqual(t, len(loaded.Campus.Places), 8)
	require.InDelta(t, 45, loaded.Campus.Minutes(), 5, "the tour should take about 45 minutes")
	require.Len(t, loaded.Assessment.Questions, 22)
	for _, question := range loaded.Assessment.Questions {
		require.NotEqual(t, -1, question.CorrectOption(), question.ID)
		_, ok := loaded.Campus.Place(question.Place)
		require.True(t, ok, "question %s names place %q", question.ID, question.Place)
	}
	require.NotEmpty(t, loaded.Conduct.Version)
	require.NotEmpty(t, loaded.Lists.MentoringAreas)
	require.NotEmpty(t, loaded.Lists.JobRoles)
	require.NotEmpty(t, loaded.Lists.OrganisationalAreas)
}

func TestDefault_EveryPlaceTaught(t *testing.T) {
	t.Parallel()

	loaded, err := Default()
	require.NoError(t, err)

	// Each place should be assessed by at least one question, so a failed
	// attempt can point back to it.
	for _, place := range loaded.Campus.Places {
		found := false
		for _, question := range loaded.Assessment.Questions {
			found = found || question.Place == place.ID
		}
		require.True(t, found, "no question tests place %s", place.ID)
	}
}

// shippedWith returns the shipped files with changes applied: a file set to
// nil is removed.
func shippedWith(t *testing.T, changes map[string]*string) fstest.MapFS {
	t.Helper()
	files := fstest.MapFS{}
	err := fs.WalkDir(defaults, ".", func(name string, entry fs.DirEntry, err error) error {
		if err != nil || entry.IsDir() {
			return err
		}
		data, err := fs.ReadFile(defaults, name)
		files[name] = &fstest.MapFile{Data: data}
		return err
	})
	require.NoError(t, err)
	for name, text := range changes {
		if text == nil {
			delete(files, name)
			continue
		}
		files[name] = &fstest.MapFile{Data: []byte(*text)}
	}
	return files
}

// replaced returns the shipped file name with old replaced by new once.
func replaced(t *testing.T, name, old, new string) *string {
	t.Helper()
	data, err := fs.ReadFile(defaults, name)
	require.NoError(t, err)
	require.Contains(t, string(data), old, "test expects %q in %s", old, name)
	text := strings.Replace(string(data), old, new, 1)
	return &text
}

func TestLoad_Errors(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name     string
		changes  func(t *testing.T) map[string]*string
		expected []string
	}{
		{
			name:     "MissingFile",
			changes:  func(*testing.T) map[string]*string { return map[string]*string{"lists.yaml": nil} },
			expected: []string{"lists.yaml", "file does not exist"},
		},
		{
			name: "UnknownField",
			changes: func(t *testing.T) map[string]*string {
				return map[string]*string{"programme.yaml": replaced(t, "programme.yaml", "welcome:", "welcom:")}
			},
			expected: []string{`programme.yaml:10: unknown field "welcom"`},
		},
		{
			name: "BadSyntax",
			changes: func(*testing.T) map[string]*string {
				broken := "name: [unclosed\n"
				return map[string]*string{"programme.yaml": &broken}
			},
			expected: []string{"programme.yaml:2: did not find expected ',' or ']'"},
		},
		{
			name: "PageTooLong",
			changes: func(*testing.T) map[string]*string {
				place := "id: boathouse\nname: The Boathouse\nemoji: ':rowboat:'\nskill: Rowing\nminutes: 3\n" +
					"pages:\n  - title: Oars\n    body: " + strings.Repeat("é", 2901) + "\n" +
					"scenarios: []\n"
				return map[string]*string{"learning/11-boathouse.yaml": &place}
			},
			expected: []string{
				"learning/11-boathouse.yaml:8: pages[0].body: 2901 characters, more than the maximum of 2900",
				"learning/11-boathouse.yaml:9: scenarios: 0 entries, fewer than the minimum of 1",
			},
		},
		{
			name: "PlaceNotOnMap",
			changes: func(t *testing.T) map[string]*string {
				return map[string]*string{"learning/campus.yaml": replaced(t, "learning/campus.yaml", "  - garden\n", "")}
			},
			expected: []string{"learning/campus.yaml", `the place "garden" is missing from this list`},
		},
		{
			name: "UnknownPlaceOnMap",
			changes: func(t *testing.T) map[string]*string {
				return map[string]*string{"learning/campus.yaml": replaced(t, "learning/campus.yaml", "  - garden\n", "  - garden\n  - boathouse\n")}
			},
			expected: []string{"learning/campus.yaml:", `places[10]: no file in learning/ has the id "boathouse"`},
		},
		{
			name: "TwoCorrectOptions",
			changes: func(t *testing.T) map[string]*string {
				return map[string]*string{"assessment.yaml": replaced(t, "assessment.yaml", "correct: false", "correct: true")}
			},
			expected: []string{"assessment.yaml:", "questions[0].options: 2 options are marked correct: true, but exactly one must be"},
		},
		{
			name: "QuestionPlaceMissing",
			changes: func(t *testing.T) map[string]*string {
				return map[string]*string{"assessment.yaml": replaced(t, "assessment.yaml", "place: welcome-hall", "place: boathouse")}
			},
			expected: []string{"assessment.yaml", `place "boathouse" is not in learning/campus.yaml`},
		},
		{
			name: "DuplicateListEntry",
			changes: func(t *testing.T) map[string]*string {
				lists := "mentoring_areas: [Leadership, Leadership]\njob_roles: [Lecturer]\norganisational_areas: [Library]\n"
				return map[string]*string{"lists.yaml": &lists}
			},
			expected: []string{"lists.yaml:1: mentoring_areas[1]: \"Leadership\" is listed twice"},
		},
		{
			name: "ConductTitleTooLong",
			changes: func(t *testing.T) map[string]*string {
				return map[string]*string{"code_of_conduct.yaml": replaced(t, "code_of_conduct.yaml", "title: Code of conduct", "title: The code of conduct of our programme")}
			},
			expected: []string{"code_of_conduct.yaml:", "title: 36 characters, more than the maximum of 24"},
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			_, err := Load(shippedWith(t, test.changes(t)))

			require.Error(t, err)
			for _, fragment := range test.expected {
				require.Contains(t, err.Error(), fragment)
			}
		})
	}
}
