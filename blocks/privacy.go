package blocks

import (
	"strings"

	"github.com/slack-go/slack"
)

// ErasureView builds the confirmation of "/mentor delete-me": what is
// erased, what is kept and what happens to open requests and mentoring.
// It has no inputs and no metadata, because the submission's user is the
// person to erase.
func ErasureView(slashCommand string) slack.ModalViewRequest {
	erased := strings.Join([]string{
		"*What I'll erase*",
		"• Your mentor and mentee profiles, and any unsaved changes to them",
		"• Your learning progress, assessment answers and results",
		"• Your agreement to the code of conduct",
		"• The notes you sent with requests, your meeting notes and your feedback",
		"• Reminders planned for you, and your name as I stored it",
	}, "\n")
	kept := strings.Join([]string{
		"*What I'll keep*",
		"• The requests and mentoring you took part in, so the people you worked with keep " +
			"their history. They'll see you as \"" + FormerMember + "\".",
		"• A line in the programme's audit log saying that you erased your data, but not what it was",
	}, "\n")
	open := "*Requests and mentoring in progress*\nAny request waiting for an answer will close, " +
		"and any mentoring in progress will end. I'll let the other person know you've left the programme."

	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackErasure,
		Title:      plain("Erase my data"),
		Submit:     plain("Erase my data"),
		Close:      plain("Keep my data"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			sectionWithID("erasure_warning",
				"⚠️ *This erases your Mentorbot data for good. You can't undo it.*"),
			sectionWithID("erasure_erased", erased),
			sectionWithID("erasure_kept", kept),
			sectionWithID("erasure_open", open),
			slack.NewContextBlock("erasure_copy", mrkdwn(
				"Would you like a copy first? Choose *Keep my data*, then type `"+slashCommand+" my-data`.")),
		}},
	}
}

// ErasureDoneView tells the person that their data was erased.
func ErasureDoneView() slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: CallbackErasureDone,
		Title:      plain("Data erased"),
		Close:      plain("Close"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			sectionWithID("erased_text", "Your Mentorbot data has been erased. Thank you for being part of "+
				"the programme.\n\nIf you'd like to join again, you can register from Mentorbot's App Home at any time."),
		}},
	}
}
