package content

import "io/fs"

const resourcesFile = "resources.yaml"

// FirstMeetingPageID is the id of the resources page that is also sent to
// a mentor and mentee as their first-meeting guide when an invitation is
// accepted. resources.yaml must have it.
const FirstMeetingPageID = "first-meeting"

// Limits of the resources, from content/README.md.
const (
	maxResourcePages = 20
	// maxResourceSections keeps the first-meeting guide, one section block
	// each, well within the 50 blocks of a message.
	maxResourceSections = 12
	// maxResourceBody leaves room in a section's 3,000 characters for the
	// heading, which the bot shows in bold above the body.
	maxResourceBody = 2800
)

// Resources are the guides to good mentoring practice: a contents page
// that leads to pages such as the first-meeting guide.
type Resources struct {
	// Introduction opens the contents page.
	Introduction string         `yaml:"introduction"`
	Pages        []ResourcePage `yaml:"pages"`
}

// ResourcePage is one guide of the resources.
type ResourcePage struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	// Summary is the line under the title on the contents page.
	Summary  string            `yaml:"summary"`
	Sections []ResourceSection `yaml:"sections"`
}

// ResourceSection is one headed part of a resources page.
type ResourceSection struct {
	Heading string `yaml:"heading"`
	Body    string `yaml:"body"`
}

// Page returns the page with id.
func (r Resources) Page(id string) (ResourcePage, bool) {
	for _, page := range r.Pages {
		if page.ID == id {
			return page, true
		}
	}
	return ResourcePage{}, false
}

// FirstMeeting returns the first-meeting guide.
func (r Resources) FirstMeeting() ResourcePage {
	page, _ := r.Page(FirstMeetingPageID)
	return page
}

func loadResources(fsys fs.FS, resources *Resources) error {
	check, err := readFile(fsys, resourcesFile, resources)
	if err != nil {
		return err
	}
	check.text(fieldPath{"introduction"}, resources.Introduction, maxSectionText)
	check.count(fieldPath{"pages"}, len(resources.Pages), 1, maxResourcePages)
	seen := map[string]bool{}
	for i, page := range resources.Pages {
		check.id(fieldPath{"pages", i, "id"}, page.ID)
		if seen[page.ID] {
			check.report(fieldPath{"pages", i, "id"}, "%q is used by an earlier page; ids must be unique", page.ID)
		}
		seen[page.ID] = true
		check.text(fieldPath{"pages", i, "title"}, page.Title, maxPageTitle)
		check.text(fieldPath{"pages", i, "summary"}, page.Summary, maxPageSummary)
		check.count(fieldPath{"pages", i, "sections"}, len(page.Sections), 1, maxResourceSections)
		for j, section := range page.Sections {
			check.text(fieldPath{"pages", i, "sections", j, "heading"}, section.Heading, maxHeaderText)
			check.text(fieldPath{"pages", i, "sections", j, "body"}, section.Body, maxResourceBody)
		}
	}
	if !seen[FirstMeetingPageID] {
		check.report(fieldPath{"pages"}, "no page has the id %q, which the bot sends to each new pair as "+
			"their first-meeting guide; add it", FirstMeetingPageID)
	}
	return check.err()
}
