// Package content loads the texts of the mentoring programme, which the
// programme team edits as YAML files: the programme's name, its welcome,
// help and contact texts. The shipped defaults are embedded in the binary.
package content

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

//go:embed *.yaml
var defaults embed.FS

// maxNameLength keeps the programme's name short enough for a Slack header
// block (150 characters) with room for a greeting around it.
const maxNameLength = 60

// maxTextLength is Slack's limit for the text of one section block.
const maxTextLength = 3000

// programmeFile is the file that contains Programme.
const programmeFile = "programme.yaml"

// Programme is the programme's own wording.
type Programme struct {
	Name      string `yaml:"name"`
	Welcome   string `yaml:"welcome"`
	About     string `yaml:"about"`
	HelpIntro string `yaml:"help_intro"`
	Contact   string `yaml:"contact"`
}

// Content is every text the bot shows that the programme team may edit.
type Content struct {
	Programme Programme
}

// Default loads the content shipped with the bot.
func Default() (*Content, error) {
	return Load(defaults)
}

// Load reads and validates the content files in fsys. An invalid file
// gives an error that names the file, the line where known, and the problem.
func Load(fsys fs.FS) (*Content, error) {
	raw, err := fs.ReadFile(fsys, programmeFile)
	if err != nil {
		return nil, fmt.Errorf("read content file %s: %w", programmeFile, err)
	}

	var programme Programme
	if err := decodeStrict(raw, &programme); err != nil {
		return nil, fmt.Errorf("content file %s: %w", programmeFile, err)
	}
	if err := programme.validate(); err != nil {
		return nil, fmt.Errorf("content file %s: %w", programmeFile, err)
	}
	return &Content{Programme: programme}, nil
}

// decodeStrict decodes YAML and rejects fields that the target lacks, so a
// misspelt key is reported with its line instead of being ignored.
func decodeStrict(raw []byte, target any) error {
	decoder := yaml.NewDecoder(bytes.NewReader(raw))
	decoder.KnownFields(true)
	if err := decoder.Decode(target); err != nil {
		return err
	}
	return nil
}

func (p Programme) validate() error {
	var problems []error
	check := func(field, value string, maxLength int) {
		length := utf8.RuneCountInString(strings.TrimSpace(value))
		switch {
		case length == 0:
			problems = append(problems, fmt.Errorf("field %s is missing or empty", field))
		case length > maxLength:
			problems = append(problems, fmt.Errorf("field %s has %d characters, more than the maximum of %d", field, length, maxLength))
		}
	}
	check("name", p.Name, maxNameLength)
	check("welcome", p.Welcome, maxTextLength)
	check("about", p.About, maxTextLength)
	check("help_intro", p.HelpIntro, maxTextLength)
	check("contact", p.Contact, maxTextLength)
	return errors.Join(problems...)
}
