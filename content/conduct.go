package content

import "io/fs"

const conductFile = "code_of_conduct.yaml"

// Limits of the code of conduct, from content/README.md.
const (
	maxConductVersion  = 40
	maxConductSections = 20
	// maxConductBytes keeps the whole modal under Slack's 250 kB view
	// limit, with room for the blocks' JSON around the texts.
	maxConductBytes = 200_000
)

// Conduct is the versioned code of conduct that every participant agrees to.
type Conduct struct {
	// Version names this text. Changing it asks everyone who agreed to an
	// earlier version to agree again.
	Version      string    `yaml:"version"`
	Title        string    `yaml:"title"`
	Introduction string    `yaml:"introduction"`
	Sections     []Section `yaml:"sections"`
}

// Section is one headed part of the code of conduct.
type Section struct {
	Heading string `yaml:"heading"`
	Body    string `yaml:"body"`
}

func loadConduct(fsys fs.FS, conduct *Conduct) error {
	check, err := readFile(fsys, conductFile, conduct)
	if err != nil {
		return err
	}
	check.text(fieldPath{"version"}, conduct.Version, maxConductVersion)
	check.text(fieldPath{"title"}, conduct.Title, maxModalTitle)
	check.text(fieldPath{"introduction"}, conduct.Introduction, maxSectionText)
	check.count(fieldPath{"sections"}, len(conduct.Sections), 1, maxConductSections)
	total := len(conduct.Introduction)
	for i, section := range conduct.Sections {
		check.text(fieldPath{"sections", i, "heading"}, section.Heading, maxHeaderText)
		check.text(fieldPath{"sections", i, "body"}, section.Body, maxSectionText)
		total += len(section.Heading) + len(section.Body)
	}
	if total > maxConductBytes {
		check.report(fieldPath{"sections"}, "the texts take %d bytes, more than Slack's view can carry (%d); shorten them",
			total, maxConductBytes)
	}
	return check.err()
}
