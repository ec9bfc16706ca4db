package content

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeFile_ProblemLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		raw      string
		expected string
	}{
		{"UnclosedFlowSequence", "name: a\nskill: [unclosed\n", "place.yaml:2: did not find expected ',' or ']'"},
		{"UnclosedFlowMapping", "name: a\nskill: {b: c\nid: e\n", "place.yaml:2: did not find expected ',' or '}'"},
		{"MappingInSequence", "pages:\n  - title: a\n  body: b\n", "place.yaml:2: did not find expected '-' indicator"},
		{"BadIndentation", "name: a\nid: b\n  skill: c\n", "place.yaml:3: mapping values are not allowed in this context"},
		{"Tab", "name: a\n\tid: b\n", "place.yaml:2: found a tab character that violates indentation"},
		{"FirstLine", "@name: a\n", "place.yaml:1: found character that cannot start any token"},
		{"ControlCharacter", "name: a\nid: b\nskill: \"x\x01\"\n", "place.yaml:3: control characters are not allowed"},
		{"InvalidUTF8", "name: a\nskill: \xff\n", "place.yaml:2: invalid leading UTF-8 octet"},
		{"UnknownField", "name: a\nskil: b\n", `place.yaml:2: unknown field "skil": check its spelling and indentation`},
		{"WrongType", "name: a\nminutes: many\n", "place.yaml:2: cannot unmarshal !!str `many` into int"},
		{"Empty", "# only a comment\n", "place.yaml: the file is empty or contains only comments"},
		{"SecondDocument", "name: a\n---\nname: b\n", "place.yaml:2: a second YAML document starts here"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			var place Place

			_, err := decodeFile("place.yaml", []byte(test.raw), &place)

			require.Error(t, err)
			assert.Contains(t, err.Error(), test.expected)
		})
	}
}

func TestDecodeFile_LeadingDocumentMarker(t *testing.T) {
	t.Parallel()
	var place Place

	_, err := decodeFile("place.yaml", []byte("---\nname: a\n"), &place)

	require.NoError(t, err)
	assert.Equal(t, "a", place.Name)
}
