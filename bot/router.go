package bot

import (
	"context"
	"encoding/json"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// ackTimeout bounds a handler's synchronous part. Slack drops a request that
// is not acknowledged within 3 seconds, and the rest is network time.
const ackTimeout = 2500 * time.Millisecond

// Response is a handler's result: how to acknowledge the request, and the
// slow work to do once it is acknowledged.
type Response struct {
	// Body is the acknowledgement's JSON body, such as a slash command's
	// ephemeral reply or a view submission's response_action. Nil means
	// an empty acknowledgement.
	Body any
	// After, when set, runs after the acknowledgement with its own timeout.
	// An error it returns is logged and shown to the person as a notice.
	After func(ctx context.Context) error
}

// CommandHandler handles a slash command.
type CommandHandler func(ctx context.Context, command slack.SlashCommand) (Response, error)

// ActionHandler handles one action of a block_actions interaction.
type ActionHandler func(ctx context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error)

// ViewHandler handles a view_submission or view_closed interaction.
type ViewHandler func(ctx context.Context, callback *slack.InteractionCallback) (Response, error)

// EventHandler handles an Events API event. Its Response.Body is ignored,
// because Slack expects an empty acknowledgement for events.
type EventHandler func(ctx context.Context, event slackevents.EventsAPIEvent) (Response, error)

// Router maps slash commands, action ids, callback ids and event types to
// their handlers. Both receivers, HTTP and Socket Mode, dispatch through it.
type Router struct {
	logger     logrus.FieldLogger
	deliveries domain.DeliveryLog
	workers    *Workers
	notifier   *Notifier
	now        func() time.Time

	commands    map[string]CommandHandler
	actions     map[string]ActionHandler
	submissions map[string]ViewHandler
	closings    map[string]ViewHandler
	events      map[string]EventHandler
}

// RouterConfig is what a Router needs.
type RouterConfig struct {
	Logger     logrus.FieldLogger
	Deliveries domain.DeliveryLog
	Workers    *Workers
	Notifier   *Notifier
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// NewRouter returns a Router with no handlers.
func NewRouter(config RouterConfig) *Router {
	now := config.Now
	if now == nil {
		now = time.Now
	}
	return &Router{
		logger:      config.Logger,
		deliveries:  config.Deliveries,
		workers:     config.Workers,
		notifier:    config.Notifier,
		now:         now,
		commands:    map[string]CommandHandler{},
		actions:     map[string]ActionHandler{},
		submissions: map[string]ViewHandler{},
		closings:    map[string]ViewHandler{},
		events:      map[string]EventHandler{},
	}
}

// Command registers handler for the slash command name, such as "/mentor".
func (r *Router) Command(name string, handler CommandHandler) { r.commands[name] = handler }

// Action registers handler for block actions with actionID.
func (r *Router) Action(actionID string, handler ActionHandler) { r.actions[actionID] = handler }

// ViewSubmission registers handler for submissions of views with callbackID.
func (r *Router) ViewSubmission(callbackID string, handler ViewHandler) {
	r.submissions[callbackID] = handler
}

// ViewClosed registers handler for closings of views with callbackID. Slack
// sends them only for views opened with notify_on_close.
func (r *Router) ViewClosed(callbackID string, handler ViewHandler) {
	r.closings[callbackID] = handler
}

// Event registers handler for Events API events of eventType, such as
// "app_home_opened".
func (r *Router) Event(eventType string, handler EventHandler) { r.events[eventType] = handler }

// marshalBody encodes an acknowledgement body; nil stays nil.
func marshalBody(body any) ([]byte, error) {
	if body == nil {
		return nil, nil
	}
	return json.Marshal(body)
}

// noticeFor returns the text to show a person for a handler error: the
// error's own message when it is a domain.UserError, else an apology.
func noticeFor(err error) string {
	if message, ok := domain.UserMessage(err); ok {
		return message
	}
	return blocks.ApologyText
}
