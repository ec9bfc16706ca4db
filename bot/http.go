package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// maxBodyBytes is the largest request body accepted from Slack. Slack's own
// payloads are far smaller. A request that declares a larger body is
// rejected unread; one that sends more is cut off after this many bytes.
const maxBodyBytes = 1 << 20

// Limits of the checks that run before a request is trusted.
const (
	// maxTimestampLength allows any Unix time in seconds; a longer header
	// is malformed and never parsed.
	maxTimestampLength = 20
	// rejectionLogInterval is how often the same kind of rejection is
	// logged; the lines in between are counted.
	rejectionLogInterval = 10 * time.Second
	// readyTimeout bounds the database check behind GET /readyz.
	readyTimeout = 2 * time.Second
)

// HTTPReceiver serves Slack's requests in HTTP mode: Events API callbacks,
// slash commands and interactivity all arrive at POST /slack/events. It also
// serves GET /healthz and GET /readyz.
type HTTPReceiver struct {
	logger        logrus.FieldLogger
	router        *Router
	signingSecret string
	// ready reports whether the bot can serve, such as whether its
	// database answers.
	ready    func(ctx context.Context) error
	rejected *logLimiter
}

// NewHTTPReceiver returns a receiver that verifies each request with
// signingSecret and dispatches it through router.
func NewHTTPReceiver(logger logrus.FieldLogger, router *Router, signingSecret string, ready func(context.Context) error) *HTTPReceiver {
	return &HTTPReceiver{
		logger:        logger,
		router:        router,
		signingSecret: signingSecret,
		ready:         ready,
		rejected:      newLogLimiter(rejectionLogInterval),
	}
}

// Handler returns the receiver's routes.
func (h *HTTPReceiver) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /slack/events", h.serveSlack)
	mux.HandleFunc("GET /healthz", h.serveHealth)
	mux.HandleFunc("GET /readyz", h.serveReady)
	return mux
}

func (h *HTTPReceiver) serveHealth(w http.ResponseWriter, _ *http.Request) {
	writeText(w, http.StatusOK, "ok\n")
}

func (h *HTTPReceiver) serveReady(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	if err := h.ready(ctx); err != nil {
		h.warn("readiness", h.logger.WithError(err), "Readiness check failed")
		writeText(w, http.StatusServiceUnavailable, "database unavailable\n")
		return
	}
	writeText(w, http.StatusOK, "ok\n")
}

func (h *HTTPReceiver) serveSlack(w http.ResponseWriter, r *http.Request) {
	logger := h.logger.WithField("remote_addr", r.RemoteAddr)
	if r.ContentLength > maxBodyBytes {
		h.warn("too_large", logger.WithField("max_bytes", maxBodyBytes), "Rejected a Slack request whose body is too large")
		writeText(w, http.StatusRequestEntityTooLarge, "request body too large\n")
		return
	}

	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.warn("too_large", logger.WithField("max_bytes", maxBodyBytes), "Rejected a Slack request whose body is too large")
			writeText(w, http.StatusRequestEntityTooLarge, "request body too large\n")
			return
		}
		logger.WithError(err).Warn("Failed to read a Slack request body")
		writeText(w, http.StatusBadRequest, "unreadable request body\n")
		return
	}

	if reason := h.verify(r.Header, body); reason != "" {
		// Neither the body nor the headers are logged: they are unverified
		// and may be large.
		h.warn("signature", logger.WithField("reason", reason), "Rejected a Slack request with an invalid signature")
		writeText(w, http.StatusUnauthorized, "invalid signature\n")
		return
	}
	if retry := r.Header.Get("X-Slack-Retry-Num"); retry != "" {
		logger.WithFields(logrus.Fields{
			"retry_num":    retry,
			"retry_reason": r.Header.Get("X-Slack-Retry-Reason"),
		}).Warn("Slack is retrying a request")
	}

	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "application/json":
		h.serveEvent(r.Context(), w, logger, body)
	case "application/x-www-form-urlencoded":
		h.serveForm(r.Context(), w, logger, body)
	default:
		logger.WithField("content_type", mediaType).Warn("Rejected a Slack request of an unknown content type")
		writeText(w, http.StatusUnsupportedMediaType, "unsupported content type\n")
	}
}

// verify checks Slack's v0 signature over the raw body and returns why it
// failed, or "" when it holds. slack-go compares in constant time and
// rejects timestamps more than five minutes from now. The reason is a fixed
// text, because slack-go's errors may quote the untrusted header.
func (h *HTTPReceiver) verify(header http.Header, body []byte) string {
	if len(header.Get("X-Slack-Request-Timestamp")) > maxTimestampLength {
		return "malformed timestamp"
	}
	verifier, err := slack.NewSecretsVerifier(header, h.signingSecret)
	if err == nil {
		_, _ = verifier.Write(body)
		err = verifier.Ensure()
	}
	switch {
	case err == nil:
		return ""
	case errors.Is(err, slack.ErrMissingHeaders):
		return "missing signature or timestamp header"
	case errors.Is(err, slack.ErrExpiredTimestamp):
		return "timestamp more than five minutes from now"
	case errors.Is(err, strconv.ErrSyntax), errors.Is(err, strconv.ErrRange):
		return "malformed timestamp"
	default:
		return "signature does not match"
	}
}

// warn logs a rejection, at most once per interval for each kind, with the
// count of the ones held back.
func (h *HTTPReceiver) warn(kind string, logger logrus.FieldLogger, message string) {
	allowed, held := h.rejected.Allow(kind)
	if !allowed {
		return
	}
	if held > 0 {
		logger = logger.WithField("similar_not_logged", held)
	}
	logger.Warn(message)
}

func (h *HTTPReceiver) serveEvent(ctx context.Context, w http.ResponseWriter, logger logrus.FieldLogger, body []byte) {
	event, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		if eventType, ok := unknownEventType(body); ok {
			// slack-go cannot parse event types newer than itself. The bot
			// has no handler for them, so they are acknowledged, or Slack
			// would retry them.
			logger.WithField("event_type", eventType).Debug("Ignored an event of a type slack-go does not know")
			w.WriteHeader(http.StatusOK)
			return
		}
		logger.WithError(err).Warn("Rejected an Events API request that could not be parsed")
		writeText(w, http.StatusBadRequest, "invalid event\n")
		return
	}

	switch event.Type {
	case slackevents.URLVerification:
		verification, ok := event.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if !ok {
			writeText(w, http.StatusBadRequest, "invalid url_verification\n")
			return
		}
		logger.Info("Answered Slack's URL verification")
		writeText(w, http.StatusOK, verification.Challenge)
	case slackevents.CallbackEvent:
		callback, ok := event.Data.(*slackevents.EventsAPICallbackEvent)
		if !ok || callback.EventID == "" {
			writeText(w, http.StatusBadRequest, "invalid event_callback\n")
			return
		}
		if err := h.router.HandleEvent(ctx, event, "event:"+callback.EventID); err != nil {
			// Slack retries the event later, and the delivery log is
			// written only once handling has started.
			writeText(w, http.StatusInternalServerError, "try again later\n")
			return
		}
		w.WriteHeader(http.StatusOK)
	default:
		logger.WithField("event_type", event.Type).Debug("Ignored an Events API request of another type")
		w.WriteHeader(http.StatusOK)
	}
}

func (h *HTTPReceiver) serveForm(ctx context.Context, w http.ResponseWriter, logger logrus.FieldLogger, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		logger.WithError(err).Warn("Rejected a Slack form request that could not be parsed")
		writeText(w, http.StatusBadRequest, "invalid form\n")
		return
	}

	switch {
	case form.Get("ssl_check") == "1":
		// Slack checks the certificate of a slash command's URL this way.
		w.WriteHeader(http.StatusOK)
	case form.Has("payload"):
		var callback slack.InteractionCallback
		if err := json.Unmarshal([]byte(form.Get("payload")), &callback); err != nil {
			logger.WithError(err).Warn("Rejected an interaction payload that could not be parsed")
			writeText(w, http.StatusBadRequest, "invalid payload\n")
			return
		}
		writeJSON(w, h.router.HandleInteraction(ctx, &callback))
	case form.Has("command"):
		writeJSON(w, h.router.HandleCommand(ctx, slashCommandFromForm(form)))
	default:
		logger.Warn("Rejected a Slack form request that is neither a command nor an interaction")
		writeText(w, http.StatusBadRequest, "unknown request\n")
	}
}

// slashCommandFromForm reads a slash command's form fields as slack-go's
// SlashCommandParse does, from a body that has already been read.
func slashCommandFromForm(form url.Values) slack.SlashCommand {
	request := &http.Request{Method: http.MethodPost, PostForm: form, Form: form}
	command, _ := slack.SlashCommandParse(request)
	return command
}

func writeJSON(w http.ResponseWriter, body []byte) {
	if body == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = io.Copy(w, bytes.NewReader(body))
}

func writeText(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, text)
}

// unknownEventType returns the inner event type of a well-formed
// event_callback that slack-go failed to parse.
func unknownEventType(body []byte) (string, bool) {
	var envelope struct {
		Type    string `json:"type"`
		EventID string `json:"event_id"`
		Event   struct {
			Type string `json:"type"`
		} `json:"event"`
	}
	if err := json.Unmarshal(body, &envelope); err != nil {
		return "", false
	}
	if envelope.Type != string(slackevents.CallbackEvent) || envelope.EventID == "" || envelope.Event.Type == "" {
		return "", false
	}
	return envelope.Event.Type, true
}
