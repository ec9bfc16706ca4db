package content

import (
	"bytes"
	"errors"
	"fmt"
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
		return nil, fmt.Errorf("%s: %w", file, err)
	}

	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return &checker{file: file, root: &root}, nil
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
