package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/localpg"
)

// Timeouts of the bot's own work.
const (
	slackHTTPTimeout  = 15 * time.Second
	backgroundTimeout = 30 * time.Second
	backgroundWorkers = 32
	shutdownTimeout   = 10 * time.Second
	pruneInterval     = 10 * time.Minute
)

// server is a started bot: its database, Slack client and router.
type server struct {
	config   Config
	logger   logrus.FieldLogger
	cluster  *localpg.Cluster
	listener net.Listener
	pool     *pgxpool.Pool
	store    *storage.Store
	api      *slack.Client
	workers  *bot.Workers
	router   *bot.Router
	app      *bot.App
	// httpClient carries the calls to Slack's Web API and response URLs.
	httpClient *http.Client
	// jobs sends queued notices; nil when the App cannot send them.
	jobs *river.Client[pgx.Tx]
}

// start connects to the database and to Slack and wires the handlers. On
// error it releases whatever it had started.
func start(ctx context.Context, config Config, logger logrus.FieldLogger) (_ *server, err error) {
	logger.WithFields(config.LogFields()).Info("Mentorbot is starting")
	s := &server{config: config, logger: logger, httpClient: newHTTPClient()}
	defer func() {
		if err != nil {
			s.close()
		}
	}()

	loaded, err := loadContent(config)
	if err != nil {
		return nil, fmt.Errorf("load content: %w", err)
	}
	logContent(logger, config, loaded)
	if questions := len(loaded.Assessment.Questions); config.PassMark > questions {
		return nil, fmt.Errorf("PASS_MARK %d is more than the %d questions of the assessment: "+
			"set it to %d or less", config.PassMark, questions, questions)
	}
	if !config.SocketMode() {
		// Claim the address first, so a port in use fails before the
		// database and Slack are set up.
		listener, err := net.Listen("tcp", config.ListenAddr)
		if err != nil {
			return nil, fmt.Errorf("listen on LISTEN_ADDR %s: %w: stop the program using it or choose another address",
				config.ListenAddr, err)
		}
		s.listener = listener
	}
	if err := s.openDatabase(ctx); err != nil {
		return nil, err
	}
	if err := s.connectSlack(ctx); err != nil {
		return nil, err
	}

	s.workers = bot.NewWorkers(logger, backgroundWorkers, backgroundTimeout)
	notifier := bot.NewNotifier(s.api, s.httpClient)
	s.router = bot.NewRouter(bot.RouterConfig{
		Logger:     logger,
		Deliveries: s.store,
		Workers:    s.workers,
		Notifier:   notifier,
	})
	s.app = bot.NewApp(bot.AppConfig{
		Logger:           logger,
		API:              s.api,
		Content:          loaded,
		LoadContent:      func() (*content.Content, error) { return loadContent(config) },
		Store:            s.store,
		Notifier:         notifier,
		PassMark:         config.PassMark,
		MaxConsidering:   config.MaxConsidering,
		AdminUserIDs:     config.AdminUserIDs,
		AdminUsergroupID: config.AdminUsergroupID,
		HelpChannelID:    config.HelpChannelID,
		WorkingHours:     config.Nudges.WorkingHours,
		DefaultTimeZone:  config.Nudges.DefaultTimeZone,
		NudgePolicy:      config.Nudges.Policy,
	})
	s.app.Register(s.router)

	// Queued notices are sent by River jobs, and the App builds each
	// message.
	sweeps := []sweep{
		invitationSweep(s.app, config.Nudges),
		registrationSweep(s.app, config.Nudges),
		relationshipSweep(s.app, config.Nudges),
	}
	if err := s.setUpNotices(s.app, sweeps...); err != nil {
		return nil, err
	}
	return s, nil
}

// openDatabase connects to DATABASE_URL, or starts the private cluster
// when it is unset, and applies the migrations.
func (s *server) openDatabase(ctx context.Context) error {
	connString := s.config.DatabaseURL
	if connString == "" {
		cluster, err := localpg.Start(ctx, localpg.Options{
			DataDir:  s.config.DataDir,
			Database: "mentorbot",
			Logger:   s.logger,
		})
		if err != nil {
			return fmt.Errorf("start embedded PostgreSQL in DATA_DIR %s: %w "+
				"(set DATA_DIR to a directory this user can create and write, or set DATABASE_URL)", s.config.DataDir, err)
		}
		s.cluster = cluster
		connString = cluster.ConnString()
	}

	s.logger.Info("Connecting to the database")
	pool, err := storage.Connect(ctx, connString)
	if err != nil {
		if s.config.DatabaseURL != "" {
			return fmt.Errorf("DATABASE_URL: %w: check its host, port, user, password and database name", err)
		}
		return err
	}
	s.pool = pool
	s.store = storage.New(pool)
	return storage.Migrate(ctx, pool, s.logger)
}

// connectSlack creates the Web API client and checks the bot token with
// auth.test.
func (s *server) connectSlack(ctx context.Context) error {
	options := []slack.Option{
		slack.OptionAPIURL(s.config.SlackAPIURL),
		slack.OptionHTTPClient(s.httpClient),
	}
	if s.config.SocketMode() {
		options = append(options, slack.OptionAppLevelToken(s.config.SlackAppToken))
	}
	s.api = slack.New(s.config.SlackBotToken, options...)

	identity, err := s.api.AuthTestContext(ctx)
	if err != nil {
		return authTestError(err, redactURL(s.config.SlackAPIURL))
	}
	s.logger.WithFields(logrus.Fields{
		"team":        identity.Team,
		"team_id":     identity.TeamID,
		"bot_user":    identity.User,
		"bot_user_id": identity.UserID,
		"bot_id":      identity.BotID,
	}).Info("Connected to Slack")
	return nil
}

// serve receives Slack's requests until ctx ends, then waits for work in
// progress.
func (s *server) serve(ctx context.Context) error {
	if err := s.startJobs(ctx); err != nil {
		return err
	}
	go s.pruneDeliveries(ctx)

	var err error
	if s.config.SocketMode() {
		err = bot.NewSocketReceiver(s.logger, s.router, s.api).Run(ctx)
	} else {
		err = s.serveHTTP(ctx)
	}

	waitCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if !s.workers.Wait(waitCtx) {
		s.logger.Warn("Stopped before all background work had finished")
	}
	s.stopJobs()
	s.logger.Info("Mentorbot stopped")
	return err
}

func (s *server) serveHTTP(ctx context.Context) error {
	receiver := bot.NewHTTPReceiver(s.logger, s.router, s.config.SlackSigningSecret, s.store.Ping)
	httpServer := &http.Server{
		Handler:           receiver.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	listener := s.listener
	s.logger.WithField("listen_addr", listener.Addr().String()).Info("Serving Slack requests at POST /slack/events")

	served := make(chan error, 1)
	go func() { served <- httpServer.Serve(listener) }()

	select {
	case err := <-served:
		return fmt.Errorf("serve HTTP: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shut down HTTP server: %w", err)
	}
	return nil
}

// pruneDeliveries deletes old delivery ids until ctx ends. Every replica
// runs it; the deletes are idempotent.
func (s *server) pruneDeliveries(ctx context.Context) {
	ticker := time.NewTicker(pruneInterval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-ticker.C:
			deleted, err := s.store.ForgetDeliveriesBefore(ctx, now.Add(-domain.DeliveryRetention))
			if err != nil {
				s.logger.WithError(err).Warn("Failed to delete old Slack delivery ids")
				continue
			}
			s.logger.WithField("deleted", deleted).Debug("Deleted old Slack delivery ids")
		}
	}
}

// close releases the listener and the database, and stops the private
// cluster.
func (s *server) close() {
	if s.listener != nil {
		// Serve has closed it already unless start failed after listening.
		_ = s.listener.Close()
	}
	if s.pool != nil {
		s.pool.Close()
	}
	if s.cluster != nil {
		stopCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		if err := s.cluster.Stop(stopCtx); err != nil {
			s.logger.WithError(err).Error("Failed to stop embedded PostgreSQL")
		}
	}
}

// authTestError explains a failed auth.test: a rejected token, a rate
// limit, or a Web API that could not be reached.
func authTestError(err error, apiURL string) error {
	var slackErr slack.SlackErrorResponse
	var rateLimited *slack.RateLimitedError
	switch {
	case errors.As(err, &rateLimited):
		return fmt.Errorf("slack's auth.test is rate limited: start the bot again in %s", rateLimited.RetryAfter)
	case errors.As(err, &slackErr) || isTokenError(err):
		return fmt.Errorf("slack rejected SLACK_BOT_TOKEN (%w): copy the Bot User OAuth Token again from "+
			"the OAuth & Permissions page of the Slack app, and reinstall the app if it was removed", err)
	default:
		return fmt.Errorf("call auth.test at SLACK_API_URL %s: %w: check SLACK_API_URL and that this machine can reach it",
			apiURL, err)
	}
}

// isTokenError reports whether err is one of Slack's answers about the
// token itself; slack-go returns them as plain errors.
func isTokenError(err error) bool {
	switch err.Error() {
	case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type":
		return true
	default:
		return false
	}
}

// newHTTPClient returns the client for calls to Slack. Its transport is its
// own, so nothing that closes the idle connections of Go's shared default
// transport affects the bot's requests.
func newHTTPClient() *http.Client {
	return &http.Client{
		Timeout:   slackHTTPTimeout,
		Transport: http.DefaultTransport.(*http.Transport).Clone(),
	}
}
