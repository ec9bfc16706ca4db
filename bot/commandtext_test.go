package bot

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseCommandLine(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name     string
		text     string
		expected commandLine
	}{
		{"Empty", "", commandLine{}},
		{"OnlySpaces", "   \t ", commandLine{}},
		{"Help", "help", commandLine{Name: "help", Args: nil}},
		{"UpperCase", "HeLP", commandLine{Name: "help", Args: nil}},
		{"ExtraSpaces", "  help   me  ", commandLine{Name: "help", Args: []string{"me"}}},
		{"NonBreakingSpace", "help\u00a0me", commandLine{Name: "help", Args: []string{"me"}}},
		{"StraightQuotes", `find "Career development"`, commandLine{Name: "find", Args: []string{"Career development"}}},
		{"CurlyQuotes", "find “Career development”", commandLine{Name: "find", Args: []string{"Career development"}}},
		{"CurlySingleQuotes", "find ‘Faculty of Arts’", commandLine{Name: "find", Args: []string{"Faculty of Arts"}}},
		{"QuoteInsideWord", `find area:“Career development” role:Professor`, commandLine{Name: "find", Args: []string{"area:Career development", "role:Professor"}}},
		{"UnclosedQuote", `find "Career dev`, commandLine{Name: "find", Args: []string{"Career dev"}}},
		{"EmptyQuotes", `find ""`, commandLine{Name: "find", Args: []string{""}}},
		{"SingleQuotedValue", "find area:'Career development' role:‘Head of School’", commandLine{Name: "find", Args: []string{"area:Career development", "role:Head of School"}}},
		{"Apostrophe", "find O'Brien don’t", commandLine{Name: "find", Args: []string{"O'Brien", "don’t"}}},
		{"SingleQuotedPhrase", "find 'Faculty of Arts'", commandLine{Name: "find", Args: []string{"Faculty of Arts"}}},
		{"ArgsKeepCase", "find Professor", commandLine{Name: "find", Args: []string{"Professor"}}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()

			require.Equal(t, test.expected, parseCommandLine(test.text))
		})
	}
}
