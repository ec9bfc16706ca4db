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

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// maxBodyBytes is the largest request body accepted from Slack. Slack's own
// payloads are far smaller, so anything bigger is refused before it is read.
const maxBodyBytes = 1 << 20

// HTTPReceiver serves Slack's requests in HTTP mode: Events API callbacks,
// slash commands and interactivity all arrive at POST /slack/events. It also
// serves GET /healthz and GET /readyz.
type HTTPReceiver struct {
	logger        logrus.FieldLogger
	router        *Router
	signingSecret string
	// ready reports whether the bot can serve, such as whether its
	// database answers.
	ready func(ctx context.Context) error
}

// NewHTTPReceiver returns a receiver that verifies each request with
// signingSecret and dispatches it through router.
func NewHTTPReceiver(logger logrus.FieldLogger, router *Router, signingSecret string, ready func(context.Context) error) *HTTPReceiver {
	return &HTTPReceiver{logger: logger, router: router, signingSecret: signingSecret, ready: ready}
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
	if err := h.ready(r.Context()); err != nil {
		h.logger.WithError(err).Warn("Readiness check failed")
		writeText(w, http.StatusServiceUnavailable, "database unavailable\n")
		return
	}
	writeText(w, http.StatusOK, "ok\n")
}

func (h *HTTPReceiver) serveSlack(w http.ResponseWriter, r *http.Request) {
	logger := h.logger.WithField("remote_addr", r.RemoteAddr)

	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			logger.WithField("max_bytes", maxBodyBytes).Warn("Rejected a Slack request whose body is too large")
			writeText(w, http.StatusRequestEntityTooLarge, "request body too large\n")
			return
		}
		logger.WithError(err).Warn("Failed to read a Slack request body")
		writeText(w, http.StatusBadRequest, "unreadable request body\n")
		return
	}

	if err := h.verify(r.Header, body); err != nil {
		// The body is never logged: it is unverified and may be large.
		logger.WithError(err).Warn("Rejected a Slack request with an invalid signature")
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

// verify checks Slack's v0 signature over the raw body. slack-go compares in
// constant time and rejects timestamps more than five minutes from now.
func (h *HTTPReceiver) verify(header http.Header, body []byte) error {
	verifier, err := slack.NewSecretsVerifier(header, h.signingSecret)
	if err != nil {
		return err
	}
	if _, err := verifier.Write(body); err != nil {
		return err
	}
	return verifier.Ensure()
}

func (h *HTTPReceiver) serveEvent(ctx context.Context, w http.ResponseWriter, logger logrus.FieldLogger, body []byte) {
	event, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
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
