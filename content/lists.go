package content

import (
	"io/fs"
	"slices"
)

const listsFile = "lists.yaml"

// maxListEntries is Slack's limit of options in one select menu.
const maxListEntries = 100

// Lists are the organisation's own lists that profiles choose from.
type Lists struct {
	MentoringAreas      []string `yaml:"mentoring_areas"`
	JobRoles            []string `yaml:"job_roles"`
	OrganisationalAreas []string `yaml:"organisational_areas"`
}

func loadLists(fsys fs.FS, lists *Lists) error {
	check, err := readFile(fsys, listsFile, lists)
	if err != nil {
		return err
	}
	checkList(check, "mentoring_areas", lists.MentoringAreas)
	checkList(check, "job_roles", lists.JobRoles)
	checkList(check, "organisational_areas", lists.OrganisationalAreas)
	return check.err()
}

func checkList(check *checker, name string, entries []string) {
	check.count(fieldPath{name}, len(entries), 1, maxListEntries)
	for i, entry := range entries {
		check.text(fieldPath{name, i}, entry, maxOptionText)
		if slices.Index(entries, entry) < i {
			check.report(fieldPath{name, i}, "%q is listed twice", entry)
		}
	}
}
