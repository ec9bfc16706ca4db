package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

func TestDefault_Valid(t *testing.T) {
	t.Parallel()

	loaded, err := Default()
	require.NoError(t, err)
	require.NotEmpty(t, loaded.Programme.Name)
	require.NotEmpty(t, loaded.Programme.Welcome)
}

func TestLoad_Errors(t *testing.T) {
	t.Parallel()

	valid := "name: Mentoring\nwelcome: Hi\nabout: About\nhelp_intro: Intro\ncontact: Ask us\n"
	tests := []struct {
		name     string
		files    fstest.MapFS
		expected []string
	}{
		{
			name:     "MissingFile",
			files:    fstest.MapFS{},
			expected: []string{"programme.yaml"},
		},
		{
			name:     "UnknownField",
			files:    fstest.MapFS{"programme.yaml": {Data: []byte(valid + "welcom: typo\n")}},
			expected: []string{"programme.yaml", "line 6", "welcom"},
		},
		{
			name:     "BadSyntax",
			files:    fstest.MapFS{"programme.yaml": {Data: []byte("name: [unclosed\n")}},
			expected: []string{"programme.yaml", "line"},
		},
		{
			name:     "EmptyField",
			files:    fstest.MapFS{"programme.yaml": {Data: []byte(strings.Replace(valid, "about: About", "about: '  '", 1))}},
			expected: []string{"programme.yaml", "about", "missing or empty"},
		},
		{
			name:     "NameTooLong",
			files:    fstest.MapFS{"programme.yaml": {Data: []byte(strings.Replace(valid, "Mentoring", strings.Repeat("é", 61), 1))}},
			expected: []string{"name", "61 characters", "maximum of 60"},
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			_, err := Load(test.files)
			require.Error(t, err)
			for _, fragment := range test.expected {
				require.Contains(t, err.Error(), fragment)
			}
		})
	}
}
