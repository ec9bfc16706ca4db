// Package content loads the texts of the mentoring programme, which the
// programme team edits as YAML files: the programme's wording, the learning
// package, the assessment, the code of conduct, the organisation's lists,
// the help guide and the resources.
// The shipped defaults are embedded in the binary; README.md in this folder
// describes every file and its limits.
package content

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
)

//go:embed *.yaml learning/*.yaml
var defaults embed.FS

// Slack's limits that the content's texts must respect.
const (
	// maxSectionText is a section block's limit, less room for a heading
	// or a mark that the bot adds around the text.
	maxSectionText = 2900
	// maxHeaderText is a header block's limit.
	maxHeaderText = 150
	// maxModalTitle is a modal title's limit.
	maxModalTitle = 24
	// maxOptionText is the limit of an option in a select or radio group.
	maxOptionText = 75
)

// Content is every text the bot shows that the programme team may edit.
type Content struct {
	// Source describes the files that this content was loaded from.
	Source     Source
	Programme  Programme
	Campus     Campus
	Assessment Assessment
	Conduct    Conduct
	Lists      Lists
	Help       Help
	Resources  Resources
}

// Default loads the content shipped with the bot.
func Default() (*Content, error) {
	return Load(defaults)
}

// Load reads and validates the content files in fsys. Each problem is
// reported with the file's name, the line where known, and what is wrong.
func Load(fsys fs.FS) (*Content, error) {
	source := newSource(fsys)
	fsys = source
	var loaded Content
	var problems []error
	collect := func(err error) {
		if err != nil {
			problems = append(problems, err)
		}
	}

	collect(loadProgramme(fsys, &loaded.Programme))
	collect(loadCampus(fsys, &loaded.Campus))
	collect(loadAssessment(fsys, &loaded.Assessment))
	collect(loadConduct(fsys, &loaded.Conduct))
	collect(loadLists(fsys, &loaded.Lists))
	collect(loadHelp(fsys, &loaded.Help))
	collect(loadResources(fsys, &loaded.Resources))
	if len(problems) > 0 {
		return nil, fmt.Errorf("invalid content:\n%w", errors.Join(problems...))
	}

	// The assessment refers to the campus, so it is checked once both load.
	if err := loaded.Assessment.checkPlaces(loaded.Campus, source.label); err != nil {
		return nil, fmt.Errorf("invalid content:\n%w", err)
	}

	described, err := source.describe()
	if err != nil {
		return nil, err
	}
	loaded.Source = described
	return &loaded, nil
}

// maxFileSize is the largest content file that Load reads, in bytes. The
// limits on the texts in each file add up to far less.
const maxFileSize = 1 << 20

// readFile reads name from fsys and decodes it strictly into target.
func readFile(fsys fs.FS, name string, target any) (*checker, error) {
	file := labelOf(fsys, name)
	// The file is checked before it is opened: opening a named pipe would
	// block, and a device such as /dev/zero never ends.
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", file)
	}
	if info.Size() > maxFileSize {
		return nil, fmt.Errorf("%s: %d bytes, more than the limit of %d for a content file", file, info.Size(), maxFileSize)
	}
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if s, ok := fsys.(*source); ok {
		s.record(name, raw)
	}
	return decodeFile(file, raw, target)
}
