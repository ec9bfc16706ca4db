package blocks

import (
	"fmt"

	"github.com/slack-go/slack"
)

// ConductView builds the code of conduct modal, whose submit button agrees
// to model.Conduct's version. It has no input blocks, so submitting it
// needs no parser: the version to record is in the private_metadata.
func ConductView(model ConductModel) slack.ModalViewRequest {
	conduct := model.Conduct
	var blocks []slack.Block

	if model.PreviousVersion != "" {
		blocks = append(blocks, section(
			"⚠️ *The code of conduct has changed since you agreed to it.* Please read it "+
				"again and agree to this version to keep taking part in the programme."))
	}
	blocks = append(blocks, section(conduct.Introduction))

	// The content loader caps the texts' total bytes, so the sections fit
	// in Slack's 250 kB view limit.
	for _, part := range conduct.Sections {
		blocks = append(blocks,
			slack.NewHeaderBlock(plain(truncate(part.Heading, maxHeaderText))),
			section(part.Body),
		)
	}
	if model.AgreedAt != nil {
		// The date is in AgreedAt's location, so the caller chooses the
		// time zone.
		blocks = append(blocks, slack.NewContextBlock("conduct_agreed", mrkdwn(fmt.Sprintf(
			"You agreed to this version on %s.", model.AgreedAt.Format("2 January 2006")))))
	}
	blocks = append(blocks, HelpFooter())

	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackConduct,
		Title:      plain(truncate(conduct.Title, maxModalButtonText)),
		Submit:     plain("I agree"),
		Close:      plain("Not now"),
		Blocks:     slack.Blocks{BlockSet: blocks},
		PrivateMetadata: EncodeMetadata(ConductMetadata{
			Role:    model.Role,
			Version: conduct.Version,
		}),
	}
}
