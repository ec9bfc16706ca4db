package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// checker collects the problems of one content file, each with the line of
// the field it concerns, so the programme team can find it.
type checker struct {
	file     string
	root     *yaml.Node
	problems []error
}

// decodeFile decodes raw strictly into target, rejecting fields that the
// target lacks so a misspelt key is reported instead of ignored, and returns
// a checker over the same document.
func decodeFile(file string, raw []byte, target any) (*checker, error) {
	decoder := yaml.NewDecoder(bytes.NewReader(raw))
	decoder.KnownFields(true)
	if err := decoder.Decode(target); err != nil {
		return nil, decodeError(file, raw, err)
	}
	// A second document would be ignored, so it is more likely a mistake,
	// such as a stray "---", than content.
	var next yaml.Node
	if err := decoder.Decode(&next); err == nil {
		return nil, fmt.Errorf("%s:%d: a second YAML document starts here, but a content file must contain only one: "+
			"remove this \"---\" line", file, next.Line)
	}

	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, decodeError(file, raw, err)
	}
	return &checker{file: file, root: &root}, nil
}

var (
	// yamlLine matches a message of yaml.v3 that begins with its line, such
	// as "line 3: did not find expected key".
	yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)
	// yamlUnknownField matches yaml.v3's message for a key that the target
	// type lacks, which names a Go type that means nothing to the reader.
	yamlUnknownField = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
)

// yamlParserProblems are the messages of yaml.v3's parser, as distinct
// from its scanner. For these, yaml.v3 v3.0.1 reports the line counted
// from 0 (its parser.fail adds 1 for scanner errors only), so decodeError
// adds the missing 1.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// decodeError rewrites an error of yaml.v3 as one problem per line, each
// "file:line: problem" as checker.report writes them.
func decodeError(file string, raw []byte, err error) error {
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: the file is empty or contains only comments", file)
	}
	var typeErr *yaml.TypeError
	if errors.As(err, &typeErr) {
		// These come from decoding nodes, whose lines are right.
		problems := make([]error, 0, len(typeErr.Errors))
		for _, message := range typeErr.Errors {
			line := 0
			if match := yamlLine.FindStringSubmatch(message); match != nil {
				line, _ = strconv.Atoi(match[1])
				message = match[2]
			}
			if match := yamlUnknownField.FindStringSubmatch(message); match != nil {
				message = fmt.Sprintf("unknown field %q: check its spelling and indentation", match[1])
			}
			problems = append(problems, fmt.Errorf("%s: %s", atLine(file, line), message))
		}
		return errors.Join(problems...)
	}

	message := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if match := yamlLine.FindStringSubmatch(message); match != nil {
		line, _ = strconv.Atoi(match[1])
		message = match[2]
	}
	switch {
	case line > 0 && yamlParserProblems[message]:
		line++
	case line == 0:
		// yaml.v3 leaves the line out when the problem is on the first
		// line, and for a character it cannot read, which is found here.
		line = unreadableLine(raw)
	}
	return fmt.Errorf("%s: %s", atLine(file, line), message)
}

// atLine returns file and, when line is known, ":" and line.
func atLine(file string, line int) string {
	if line <= 0 {
		return file
	}
	return file + ":" + strconv.Itoa(line)
}

// unreadableLine returns the first line of raw that has invalid UTF-8 or a
// character that YAML does not allow, or 1 when there is none.
func unreadableLine(raw []byte) int {
	line := 1
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		raw = raw[size:]
		switch {
		case r == '\n':
			line++
		case r == utf8.RuneError && size == 1, !yamlPrintable(r):
			return line
		}
	}
	return 1
}

// yamlPrintable reports whether YAML 1.2 allows r in a document: tab, line
// breaks and printable characters, as yaml.v3's is_printable does.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return true
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return false
	case r >= 0xd800 && r <= 0xdfff, r == 0xfffe, r == 0xffff:
		return false
	default:
		return true
	}
}

// fieldPath is the location of a field: map keys and sequence indexes, such as
// fieldPath{"pages", 2, "body"}.
type fieldPath []any

func (p fieldPath) String() string {
	var text strings.Builder
	for _, part := range p {
		switch part := part.(type) {
		case int:
			fmt.Fprintf(&text, "[%d]", part)
		default:
			if text.Len() > 0 {
				text.WriteByte('.')
			}
			fmt.Fprint(&text, part)
		}
	}
	return text.String()
}

// report adds a problem at the field p.
func (c *checker) report(p fieldPath, format string, args ...any) {
	location := c.file
	if line := c.line(p); line > 0 {
		location += ":" + strconv.Itoa(line)
	}
	message := fmt.Sprintf(format, args...)
	if len(p) > 0 {
		message = p.String() + ": " + message
	}
	c.problems = append(c.problems, fmt.Errorf("%s: %s", location, message))
}

// err returns the problems found, or nil.
func (c *checker) err() error {
	return errors.Join(c.problems...)
}

// line returns the line of the deepest node of p that exists.
func (c *checker) line(p fieldPath) int {
	node := c.root
	if node.Kind == yaml.DocumentNode && len(node.Content) > 0 {
		node = node.Content[0]
	}
	line := node.Line
	for _, part := range p {
		next := child(node, part)
		if next == nil {
			break
		}
		node = next
		line = node.Line
	}
	return line
}

func child(node *yaml.Node, part any) *yaml.Node {
	switch key := part.(type) {
	case int:
		if node.Kind == yaml.SequenceNode && key < len(node.Content) {
			return node.Content[key]
		}
	case string:
		if node.Kind != yaml.MappingNode {
			return nil
		}
		for i := 0; i+1 < len(node.Content); i += 2 {
			if node.Content[i].Value == key {
				return node.Content[i+1]
			}
		}
	}
	return nil
}

// text checks that the text at p is present and at most max characters.
func (c *checker) text(p fieldPath, value string, max int) {
	length := utf8.RuneCountInString(strings.TrimSpace(value))
	switch {
	case length == 0:
		c.report(p, "missing or empty")
	case length > max:
		c.report(p, "%d characters, more than the maximum of %d", length, max)
	}
}

// count checks that a list at p has from min to max entries.
func (c *checker) count(p fieldPath, length, min, max int) {
	switch {
	case length < min:
		c.report(p, "%d entries, fewer than the minimum of %d", length, min)
	case length > max:
		c.report(p, "%d entries, more than the maximum of %d", length, max)
	}
}

// idPattern matches the ids of places, scenarios and questions.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// maxIDLength keeps ids well inside Slack's 255-character action ids and
// 2,000-character button values, which carry them.
const maxIDLength = 40

func (c *checker) id(p fieldPath, value string) {
	switch {
	case value == "":
		c.report(p, "missing or empty")
	case len(value) > maxIDLength || !idPattern.MatchString(value):
		c.report(p, "%q is not a valid id: use up to %d lower-case letters, digits and dashes", value, maxIDLength)
	}
}
