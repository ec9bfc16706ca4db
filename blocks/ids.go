package blocks

// Action ids of the buttons and menus the bot shows. Each names its surface
// and what it does. The entity a button acts on travels in its value, never
// the identity of the person who clicks: that comes from Slack's payload.
const (
	// ActionHomeHelp is the App Home's Help button.
	ActionHomeHelp = "home:help"
	// ActionRegister starts registering for the role in its value,
	// "mentee" or "mentor".
	ActionRegister = "registration:start"
	// ActionContinue opens the next registration step of the role in its
	// value.
	ActionContinue = "registration:continue"
	// ActionOpenProfile opens My profile.
	ActionOpenProfile = "profile:open"
	// ActionEditProfile opens the details form of the role in its value.
	ActionEditProfile = "profile:edit"
	// ActionSetSearchable sets "included in search results" to its value,
	// "true" or "false".
	ActionSetSearchable = "profile:searchable"
	// ActionSetAvailable sets "available to mentor" to its value, "true"
	// or "false".
	ActionSetAvailable = "profile:available"
	// ActionReviewConduct opens the current code of conduct to agree to.
	ActionReviewConduct = "conduct:review"

	// ActionLearningVisit opens the place whose id is its value.
	ActionLearningVisit = "learning:visit"
	// ActionLearningNext and ActionLearningBack move one screen within a
	// place.
	ActionLearningNext = "learning:next"
	ActionLearningBack = "learning:back"
	// ActionLearningMap returns to the campus map.
	ActionLearningMap = "learning:map"
	// ActionLearningRespond picks the scenario response whose index is its
	// value.
	ActionLearningRespond = "learning:respond"
	// ActionLearningRetry shows a scenario's responses again.
	ActionLearningRetry = "learning:retry"
	// ActionLearningFinish completes the learning package once every place
	// is done.
	ActionLearningFinish = "learning:finish"

	// ActionAssessmentChoice is the radio group of an assessment question.
	ActionAssessmentChoice = "assessment:choice"
	// ActionAssessmentRetake starts a new attempt after a failed one.
	ActionAssessmentRetake = "assessment:retake"
)

// Callback ids of the modals the bot opens.
const (
	// CallbackHelp is the help modal.
	CallbackHelp = "help"
	// CallbackError is the modal pushed when a submission fails.
	CallbackError = "error"
	// CallbackLearning is the learning package's modal.
	CallbackLearning = "learning"
	// CallbackAssessment is an assessment question; submitting it records
	// the answer.
	CallbackAssessment = "assessment"
	// CallbackAssessmentResult shows an attempt's score.
	CallbackAssessmentResult = "assessment:result"
	// CallbackConduct is the code of conduct; submitting it agrees.
	CallbackConduct = "conduct"
	// CallbackDetails is the details form of a role; submitting saves it.
	CallbackDetails = "details"
	// CallbackProfile is My profile.
	CallbackProfile = "profile"
	// CallbackStepBlocked explains which registration step comes first.
	CallbackStepBlocked = "registration:blocked"
)
