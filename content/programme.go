package content

import "io/fs"

// programmeFile is the file that contains Programme.
const programmeFile = "programme.yaml"

// maxNameLength keeps the programme's name short enough for a Slack header
// block with room for a greeting around it.
const maxNameLength = 60

// Programme is the programme's own wording on the App Home and in help.
type Programme struct {
	Name      string `yaml:"name"`
	Welcome   string `yaml:"welcome"`
	About     string `yaml:"about"`
	HelpIntro string `yaml:"help_intro"`
	Contact   string `yaml:"contact"`
}

func loadProgramme(fsys fs.FS, programme *Programme) error {
	check, err := readFile(fsys, programmeFile, programme)
	if err != nil {
		return err
	}
	check.text(fieldPath{"name"}, programme.Name, maxNameLength)
	check.text(fieldPath{"welcome"}, programme.Welcome, maxSectionText)
	check.text(fieldPath{"about"}, programme.About, maxSectionText)
	check.text(fieldPath{"help_intro"}, programme.HelpIntro, maxSectionText)
	check.text(fieldPath{"contact"}, programme.Contact, maxSectionText)
	return check.err()
}
