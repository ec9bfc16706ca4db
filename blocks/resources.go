package blocks

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/content"
)

// ResourcesContentsView builds the resources modal at its contents page:
// one entry per page, each with a button that opens the page in place.
func ResourcesContentsView(resources content.Resources) slack.ModalViewRequest {
	blocks := []slack.Block{section(resources.Introduction)}
	for _, page := range resources.Pages {
		blocks = append(blocks, contentsEntry("resource_"+page.ID, ActionResourcePage, page.ID, page.Title, page.Summary))
	}
	return resourcesModal(blocks)
}

// ResourcePageView builds the resources modal at the page with pageID. An
// id that is not in the resources, such as one from before the content
// changed, shows the contents page.
func ResourcePageView(resources content.Resources, pageID string) slack.ModalViewRequest {
	page, ok := resources.Page(pageID)
	if !ok {
		return ResourcesContentsView(resources)
	}
	blocks := []slack.Block{slack.NewHeaderBlock(plain(truncate(page.Title, maxHeaderText)))}
	blocks = append(blocks, resourceSections(page)...)
	blocks = append(blocks, actionsBlock("resources_actions", button(ActionResourcesContents, "", "Back to contents")))
	return resourcesModal(blocks)
}

func resourcesModal(blocks []slack.Block) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackResources,
		Title:      plain("Resources"),
		Close:      plain("Close"),
		Blocks:     slack.Blocks{BlockSet: blocks},
	}
}

// resourceSections returns one section per part of page: the heading in
// bold above the body.
func resourceSections(page content.ResourcePage) []slack.Block {
	blocks := make([]slack.Block, 0, len(page.Sections))
	for i, part := range page.Sections {
		text := "*" + strings.TrimSpace(part.Heading) + "*\n" + strings.TrimSpace(part.Body)
		blocks = append(blocks, sectionWithID(fmt.Sprintf("%s_%d", page.ID, i), text))
	}
	return blocks
}
