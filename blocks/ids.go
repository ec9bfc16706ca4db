package blocks

// Action ids of the buttons and menus the bot shows. Each names its surface
// and what it does. The entity a button acts on travels in its value, never
// the identity of the person who clicks: that comes from Slack's payload.
const (
	// ActionHomeHelp is the App Home's Help button.
	ActionHomeHelp = "home:help"
)

// Callback ids of the modals the bot opens.
const (
	// CallbackHelp is the help modal.
	CallbackHelp = "help"
	// CallbackError is the modal pushed when a submission fails.
	CallbackError = "error"
)
