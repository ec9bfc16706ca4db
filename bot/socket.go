package bot

import (
	"context"
	"encoding/json"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// maxSocketAckBytes is the size from which Slack silently drops a Socket
// Mode acknowledgement's payload (20,480 bytes, per slack-go's socketmode).
const maxSocketAckBytes = 20 * 1024

// Reconnection backoff after the Socket Mode client gives up.
const (
	minReconnectDelay = time.Second
	maxReconnectDelay = time.Minute
)

// SocketReceiver receives Slack's requests over a Socket Mode connection,
// acknowledges each envelope and dispatches it through the router.
type SocketReceiver struct {
	logger logrus.FieldLogger
	router *Router
	client *socketmode.Client
}

// NewSocketReceiver returns a receiver that connects with api, which must
// carry an app-level token (slack.OptionAppLevelToken).
func NewSocketReceiver(logger logrus.FieldLogger, router *Router, api *slack.Client) *SocketReceiver {
	return &SocketReceiver{
		logger: logger,
		router: router,
		client: socketmode.New(api),
	}
}

// Run connects and serves until ctx ends. slack-go reconnects by itself
// when Slack asks it to; when its client gives up, Run starts it again
// after a growing delay.
func (s *SocketReceiver) Run(ctx context.Context) error {
	go s.consume(ctx)

	delay := minReconnectDelay
	for {
		started := time.Now()
		err := s.client.RunContext(ctx)
		if ctx.Err() != nil {
			s.logger.Info("Socket Mode stopped")
			return nil
		}
		if time.Since(started) > maxReconnectDelay {
			delay = minReconnectDelay
		}
		s.logger.WithError(err).WithField("retry_in", delay.String()).Warn("Socket Mode connection ended; reconnecting")

		select {
		case <-ctx.Done():
			return nil
		case <-time.After(delay):
		}
		delay = min(delay*2, maxReconnectDelay)
	}
}

// consume reads the client's events until ctx ends.
func (s *SocketReceiver) consume(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case event := <-s.client.Events:
			s.handle(ctx, event)
		}
	}
}

func (s *SocketReceiver) handle(ctx context.Context, event socketmode.Event) {
	switch event.Type {
	case socketmode.EventTypeConnecting:
		s.logger.Info("Connecting to Slack in Socket Mode")
	case socketmode.EventTypeConnected:
		s.logger.Info("Connected to Slack in Socket Mode")
	case socketmode.EventTypeHello:
		s.logger.Debug("Slack greeted the Socket Mode connection")
	case socketmode.EventTypeDisconnect:
		s.logger.Info("Slack asked to disconnect; reconnecting")
	case socketmode.EventTypeConnectionError:
		s.logConnectionError(event)
	case socketmode.EventTypeInvalidAuth:
		s.logger.Error("Slack rejected the app-level token; check SLACK_APP_TOKEN")
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorBadMessage, socketmode.EventTypeErrorWriteFailed:
		s.logger.WithField("socket_event", string(event.Type)).Warn("Socket Mode connection error")
	case socketmode.EventTypeEventsAPI, socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive:
		// Each envelope runs on its own, so a slow handler delays no other
		// acknowledgement.
		go s.serveEnvelope(ctx, event)
	default:
		s.logger.WithField("socket_event", string(event.Type)).Debug("Ignored a Socket Mode event")
	}
}

func (s *SocketReceiver) logConnectionError(event socketmode.Event) {
	logger := s.logger
	if connErr, ok := event.Data.(*slack.ConnectionErrorEvent); ok {
		logger = logger.WithFields(logrus.Fields{
			"attempt":  connErr.Attempt,
			"retry_in": connErr.Backoff.String(),
			"error":    connErr.Error(),
		})
	}
	logger.Warn("Failed to connect to Slack in Socket Mode; retrying")
}

func (s *SocketReceiver) serveEnvelope(ctx context.Context, event socketmode.Event) {
	request := event.Request
	if request == nil {
		return
	}
	logger := s.logger.WithFields(logrus.Fields{
		"envelope_id":   request.EnvelopeID,
		"envelope_type": request.Type,
	})
	if request.RetryAttempt > 0 {
		logger.WithFields(logrus.Fields{
			"retry_attempt": request.RetryAttempt,
			"retry_reason":  request.RetryReason,
		}).Warn("Slack is retrying an envelope")
	}

	var body []byte
	switch data := event.Data.(type) {
	case slackevents.EventsAPIEvent:
		// Acknowledge first: an event's acknowledgement carries nothing.
		s.ack(logger, request, nil)
		s.serveEvent(ctx, logger, data)
		return
	case slack.SlashCommand:
		if !s.firstDelivery(ctx, logger, request) {
			s.ack(logger, request, nil)
			return
		}
		body = s.router.HandleCommand(ctx, data)
	case slack.InteractionCallback:
		if !s.firstDelivery(ctx, logger, request) {
			s.ack(logger, request, nil)
			return
		}
		body = s.router.HandleInteraction(ctx, &data)
	default:
		logger.Warn("Acknowledged a Socket Mode envelope that could not be parsed")
	}
	s.ack(logger, request, body)
}

func (s *SocketReceiver) serveEvent(ctx context.Context, logger logrus.FieldLogger, event slackevents.EventsAPIEvent) {
	callback, ok := event.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok || callback.EventID == "" {
		logger.Warn("Ignored an Events API envelope without an event id")
		return
	}
	// The envelope is already acknowledged, so unlike in HTTP mode Slack
	// will not retry when the delivery log fails; the router logs it.
	_ = s.router.HandleEvent(ctx, event, "event:"+callback.EventID)
}

// firstDelivery reports whether the envelope is new. Slack resends an
// envelope it thinks was not acknowledged, with the same envelope id. When
// the delivery log fails, the envelope is handled: handling a request twice
// is better than dropping it.
func (s *SocketReceiver) firstDelivery(ctx context.Context, logger logrus.FieldLogger, request *socketmode.Request) bool {
	first, err := s.router.deliveries.RecordDelivery(ctx, "envelope:"+request.EnvelopeID, s.router.now())
	if err != nil {
		logger.WithError(err).Error("Failed to record a Socket Mode delivery; handling it anyway")
		return true
	}
	if !first {
		logger.Info("Skipped an envelope that was already handled")
	}
	return first
}

func (s *SocketReceiver) ack(logger logrus.FieldLogger, request *socketmode.Request, body []byte) {
	var payload any
	if len(body) >= maxSocketAckBytes {
		// TODO: send large view updates through views.update instead of
		// dropping them; no view the bot builds is this large yet.
		logger.WithField("bytes", len(body)).Error("Dropped an acknowledgement payload too large for Socket Mode")
	} else if body != nil {
		payload = json.RawMessage(body)
	}

	if err := s.client.Ack(*request, payload); err != nil {
		logger.WithError(err).Error("Failed to acknowledge a Socket Mode envelope")
	}
}
