package bot_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/sirupsen/logrus"
	"github.com/sirupsen/logrus/hooks/test"
	"github.com/slack-go/slack"
	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

const (
	signingSecret = "8f742231b10e8888abcd99yyyzzz85a5"
	botToken      = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy"
	appToken      = "xapp-1-A0MENTBOT-1234567890-abcdef0123456789"
	menteeID      = "U0MENTEE1"
	// waitTime bounds how long a test waits for the bot's background work.
	waitTime = 5 * time.Second
)

// testClient is every HTTP client of the tests. It has a transport of its
// own because httptest.Server.Close closes the idle connections of
// http.DefaultTransport, which would break the requests of tests running
// in parallel.
var testClient = &http.Client{Transport: &http.Transport{}, Timeout: 30 * time.Second}

// allHours are working hours of every hour of every day.
var allHours = domain.WorkingHours{
	Start: 0, End: 24 * time.Hour,
	Days: []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday},
}

func TestMain(m *testing.M) {
	pgtest.Main(m)
}

// testBundle contains what an end-to-end test of the bot needs.
type testBundle struct {
	slack   *fakeslack.Server
	pool    *pgxpool.Pool
	router  *bot.Router
	workers *bot.Workers
	api     *slack.Client
	server  *httptest.Server
	logger  *logrus.Logger
	logs    *test.Hook
	store   *storage.Store
	content *content.Content
	app     *bot.App
	// clock is the App's clock, which starts at the real time.
	clock *testClock
}

// setup wires the bot as main does, on a fresh database and a Slack
// stand-in, and serves it over HTTP.
func setup(t *testing.T) *testBundle {
	t.Helper()
	return setupWith(t, nil, nil)
}

// setupWith is setup on the given database pool, or a fresh one when nil,
// with the shipped content changed by edit when it is not nil.
func setupWith(t *testing.T, pool *pgxpool.Pool, edit func(*content.Content)) *testBundle {
	t.Helper()
	return setupBundle(t, pool, edit, nil, nil)
}

// setupAt is setup with the App and the Router reading the time from now,
// such as a testClock's Now.
func setupAt(t *testing.T, now func() time.Time) *testBundle {
	t.Helper()
	return setupBundle(t, nil, nil, now, nil)
}

// setupBundle is setupWith with the App and the Router reading the time
// from now, or from time.Now when it is nil, and the App's configuration
// changed by configure when it is not nil.
func setupBundle(t *testing.T, pool *pgxpool.Pool, edit func(*content.Content), now func() time.Time,
	configure func(*bot.AppConfig)) *testBundle {
	t.Helper()
	return setupConfigured(t, pool, edit, now, configure)
}

// setupApp is setup with the App's configuration changed by configure,
// such as to name the programme team.
func setupApp(t *testing.T, configure func(*bot.AppConfig)) *testBundle {
	t.Helper()
	return setupConfigured(t, nil, nil, nil, configure)
}

// setupConfigured is setupBundle with the App's configuration changed by
// configure when it is not nil.
func setupConfigured(t *testing.T, pool *pgxpool.Pool, edit func(*content.Content), now func() time.Time,
	configure func(*bot.AppConfig),
) *testBundle {
	t.Helper()

	logger, logs := test.NewNullLogger()
	logger.SetLevel(logrus.DebugLevel)
	stub := fakeslack.New(t)
	// The programme team's user group starts empty; tests add admins.
	stub.SetUsergroup(adminGroup)
	if pool == nil {
		pool = pgtest.NewPool(t)
	}
	store := storage.New(pool)

	api := slack.New(botToken, slack.OptionAPIURL(stub.APIURL()), slack.OptionAppLevelToken(appToken),
		slack.OptionHTTPClient(testClient))
	workers := bot.NewWorkers(logger, 4, waitTime)
	router := bot.NewRouter(bot.RouterConfig{
		Logger:     logger,
		Deliveries: store,
		Workers:    workers,
		Notifier:   bot.NewNotifier(api, testClient),
		Now:        now,
	})
	loaded, err := content.Default()
	require.NoError(t, err)
	if edit != nil {
		edit(loaded)
	}
	notifier := bot.NewNotifier(api, testClient)
	clock := &testClock{}
	appNow := clock.Now
	if now != nil {
		appNow = now
	}
	config := bot.AppConfig{
		Logger: logger, API: api, Content: loaded, Store: store, Notifier: notifier,
		// Nudges go out at any hour in tests, whenever they run; the
		// working hours test builds an App of its own.
		WorkingHours:     allHours,
		AdminUsergroupID: adminGroup,
		Now:              appNow,
	}
	if configure != nil {
		configure(&config)
	}
	app := bot.NewApp(config)
	app.Register(router)

	receiver := bot.NewHTTPReceiver(logger, router, signingSecret, store.Ping)
	server := httptest.NewServer(receiver.Handler())
	t.Cleanup(func() {
		server.Close()
		ctx, cancel := context.WithTimeout(context.Background(), waitTime)
		defer cancel()
		workers.Wait(ctx)
	})
	return &testBundle{slack: stub, pool: pool, router: router, workers: workers, api: api, server: server, logger: logger, logs: logs, store: store, content: loaded, app: app, clock: clock}
}

// post sends body to /slack/events signed at the given time, with extra
// headers, and returns the response status and body.
func (b *testBundle) post(t *testing.T, contentType string, body []byte, signedAt time.Time, extra http.Header) (int, []byte) {
	t.Helper()
	request, err := http.NewRequest(http.MethodPost, b.server.URL+"/slack/events", bytes.NewReader(body))
	require.NoError(t, err)
	request.Header.Set("Content-Type", contentType)
	for key, values := range fakeslack.Sign(signingSecret, signedAt, body) {
		request.Header[key] = values
	}
	for key, values := range extra {
		request.Header[key] = values
	}
	return do(t, request)
}

func (b *testBundle) postJSON(t *testing.T, body []byte) (int, []byte) {
	t.Helper()
	return b.post(t, "application/json", body, time.Now(), nil)
}

func (b *testBundle) postForm(t *testing.T, form url.Values) (int, []byte) {
	t.Helper()
	return b.post(t, "application/x-www-form-urlencoded", []byte(form.Encode()), time.Now(), nil)
}

func do(t *testing.T, request *http.Request) (int, []byte) {
	t.Helper()
	response, err := testClient.Do(request)
	require.NoError(t, err)
	defer response.Body.Close()
	body, err := io.ReadAll(response.Body)
	require.NoError(t, err)
	return response.StatusCode, body
}

// deliveryCount returns how many delivery ids the database holds.
func (b *testBundle) deliveryCount(t *testing.T) int {
	t.Helper()
	var count int
	err := b.pool.QueryRow(context.Background(), `SELECT count(*) FROM slack_deliveries`).Scan(&count)
	require.NoError(t, err)
	return count
}

// findLog returns the first log entry with message, failing the test when
// none arrives in time.
func findLog(t *testing.T, b *testBundle, message string) *logrus.Entry {
	t.Helper()
	var found *logrus.Entry
	require.Eventually(t, func() bool {
		for _, entry := range b.logs.AllEntries() {
			if entry.Message == message {
				found = entry
				return true
			}
		}
		return false
	}, waitTime, 10*time.Millisecond, "no log entry %q", message)
	return found
}
