package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/bot/fakeslack"
	"github.com/mentorbot/mentorbot/storage/pgtest"
)

const menteeID = "U0MENTEE1"

// testClient has a transport of its own because httptest.Server.Close
// closes the idle connections of http.DefaultTransport, which would break
// the requests of tests running in parallel.
var testClient = &http.Client{Transport: &http.Transport{}, Timeout: 30 * time.Second}

func TestMain(m *testing.M) {
	pgtest.Main(m)
}

// lockedBuffer is a log output that the bot and the test share.
type lockedBuffer struct {
	mu     sync.Mutex
	buffer bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buffer.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buffer.String()
}

// startBot runs the bot as main does until the test ends, and returns its
// log output.
func startBot(t *testing.T, env map[string]string) *lockedBuffer {
	t.Helper()
	logs := &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- run(ctx, nil, environment(env), logs) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-stopped:
			require.NoError(t, err)
		case <-time.After(30 * time.Second):
			t.Error("the bot did not stop within 30 seconds")
		}
		if t.Failed() {
			t.Logf("bot log:\n%s", logs.String())
		}
	})
	return logs
}

// freeAddr returns a loopback address with a port that was free just now.
func freeAddr(t *testing.T) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := listener.Addr().String()
	require.NoError(t, listener.Close())
	return addr
}

func waitForHealth(t *testing.T, addr string) {
	t.Helper()
	require.Eventually(t, func() bool {
		response, err := testClient.Get("http://" + addr + "/readyz")
		if err != nil {
			return false
		}
		response.Body.Close()
		return response.StatusCode == http.StatusOK
	}, 30*time.Second, 20*time.Millisecond, "the bot did not become ready")
}

func postSigned(t *testing.T, addr, contentType string, body []byte) (int, []byte) {
	t.Helper()
	request, err := http.NewRequest(http.MethodPost, "http://"+addr+"/slack/events", bytes.NewReader(body))
	require.NoError(t, err)
	request.Header.Set("Content-Type", contentType)
	for key, values := range fakeslack.Sign(validSecret, time.Now(), body) {
		request.Header[key] = values
	}
	response, err := testClient.Do(request)
	require.NoError(t, err)
	defer response.Body.Close()
	answer, err := io.ReadAll(response.Body)
	require.NoError(t, err)
	return response.StatusCode, answer
}

func TestRun_HTTPMode(t *testing.T) {
	t.Parallel()
	stub := fakeslack.New(t)
	addr := freeAddr(t)
	logs := startBot(t, map[string]string{
		"SLACK_BOT_TOKEN":      validBotToken,
		"SLACK_SIGNING_SECRET": validSecret,
		"SLACK_API_URL":        stub.APIURL(),
		"DATABASE_URL":         pgtest.NewDatabaseURL(t),
		"LISTEN_ADDR":          addr,
	})
	waitForHealth(t, addr)

	started := time.Now()
	status, _ := postSigned(t, addr, "application/json", fakeslack.AppHomeOpened("Ev0RUNHOME1", menteeID))
	require.Equal(t, http.StatusOK, status)
	stub.WaitForCalls(t, "views.publish", 1, 3*time.Second)
	require.Less(t, time.Since(started), 3*time.Second)

	started = time.Now()
	command := fakeslack.SlashCommand(menteeID, "/mentor", "help", stub.ResponseURL("help"))
	status, answer := postSigned(t, addr, "application/x-www-form-urlencoded", []byte(command.Encode()))
	require.Equal(t, http.StatusOK, status)
	require.Less(t, time.Since(started), 3*time.Second)
	require.Contains(t, string(answer), "/mentor help")

	require.Len(t, stub.Calls("auth.test"), 1)
	output := logs.String()
	require.Contains(t, output, `"team_id":"`+fakeslack.TeamID+`"`)
	require.Contains(t, output, `"bot_user_id":"`+fakeslack.BotUserID+`"`)
	require.NotContains(t, output, validBotToken)
	require.NotContains(t, output, validSecret)
}

func TestRun_SocketMode(t *testing.T) {
	t.Parallel()
	stub := fakeslack.New(t)
	logs := startBot(t, map[string]string{
		"SLACK_BOT_TOKEN": validBotToken,
		"SLACK_APP_TOKEN": validAppToken,
		"SLACK_API_URL":   stub.APIURL(),
		"DATABASE_URL":    pgtest.NewDatabaseURL(t),
	})
	stub.WaitForSocketConnections(t, 1, 30*time.Second)

	command := fakeslack.SlashCommand(menteeID, "/mentor", "help", "")
	stub.SendEnvelope(t, fakeslack.SlashCommandEnvelope("envelope-run-1", command))
	ack := stub.WaitForAck(t, "envelope-run-1", 3*time.Second)

	require.Contains(t, string(ack.Payload), "/mentor help")
	require.Eventually(t, func() bool {
		return strings.Contains(logs.String(), "Connected to Slack in Socket Mode")
	}, 5*time.Second, 10*time.Millisecond)
	require.NotContains(t, logs.String(), validAppToken)
}

func TestRun_EmbeddedDatabase(t *testing.T) {
	t.Parallel()
	stub := fakeslack.New(t)
	dataDir := filepath.Join(shortTempDir(t), "data")

	env := map[string]string{
		"SLACK_BOT_TOKEN": validBotToken,
		"SLACK_APP_TOKEN": validAppToken,
		"SLACK_API_URL":   stub.APIURL(),
		"DATA_DIR":        dataDir,
	}
	for attempt := 1; attempt <= 2; attempt++ {
		ctx, cancel := context.WithCancel(context.Background())
		logs := &lockedBuffer{}
		stopped := make(chan error, 1)
		go func() { stopped <- run(ctx, nil, environment(env), logs) }()

		stub.WaitForSocketConnections(t, attempt, 60*time.Second)
		cancel()
		require.NoError(t, <-stopped, "attempt %d, log:\n%s", attempt, logs.String())
		require.Contains(t, logs.String(), "Database schema is up to date")
	}
	require.FileExists(t, filepath.Join(dataDir, "postgres", "PG_VERSION"))
}

func TestRun_ConfigErrorNamesVariable(t *testing.T) {
	t.Parallel()

	err := run(context.Background(), nil, environment(map[string]string{"SLACK_BOT_TOKEN": "xoxp-1-2-secretpart"}), io.Discard)

	require.ErrorContains(t, err, "SLACK_BOT_TOKEN")
	require.ErrorContains(t, err, "SLACK_SIGNING_SECRET")
	require.NotContains(t, err.Error(), "secretpart")
}

func TestRun_RejectedBotToken(t *testing.T) {
	t.Parallel()
	stub := fakeslack.New(t)
	stub.FailNext("auth.test", "invalid_auth")
	logs := &lockedBuffer{}

	err := run(context.Background(), nil, environment(map[string]string{
		"SLACK_BOT_TOKEN":      validBotToken,
		"SLACK_SIGNING_SECRET": validSecret,
		"SLACK_API_URL":        stub.APIURL(),
		"DATABASE_URL":         pgtest.NewDatabaseURL(t),
		"LISTEN_ADDR":          freeAddr(t),
	}), logs)

	require.ErrorContains(t, err, "SLACK_BOT_TOKEN")
	require.ErrorContains(t, err, "invalid_auth")
	require.NotContains(t, err.Error(), validBotToken)
	require.NotContains(t, logs.String(), validBotToken)
}

// shortTempDir returns a temporary directory with a short path that an
// unprivileged PostgreSQL server can enter, because the server's Unix
// socket path must fit in 107 bytes.
func shortTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "mb")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o755))
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func TestRun_ListenAddrInUse(t *testing.T) {
	t.Parallel()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer taken.Close()

	err = run(context.Background(), nil, environment(map[string]string{
		"SLACK_BOT_TOKEN":      validBotToken,
		"SLACK_SIGNING_SECRET": validSecret,
		"SLACK_API_URL":        "http://127.0.0.1:1/api/",
		"DATABASE_URL":         "postgres://nobody@127.0.0.1:1/none",
		"LISTEN_ADDR":          taken.Addr().String(),
	}), io.Discard)

	// The address is checked before the database, which here is unreachable.
	require.ErrorContains(t, err, "LISTEN_ADDR")
	require.ErrorContains(t, err, "choose another address")
}

func TestRun_SlackUnreachable(t *testing.T) {
	t.Parallel()

	err := run(context.Background(), nil, environment(map[string]string{
		"SLACK_BOT_TOKEN":      validBotToken,
		"SLACK_SIGNING_SECRET": validSecret,
		"SLACK_API_URL":        "http://user:hunter2@127.0.0.1:1/api/",
		"DATABASE_URL":         pgtest.NewDatabaseURL(t),
		"LISTEN_ADDR":          freeAddr(t),
	}), io.Discard)

	require.ErrorContains(t, err, "SLACK_API_URL")
	require.NotContains(t, err.Error(), "copy the Bot User OAuth Token", "an unreachable API is not the token's fault")
	require.NotContains(t, err.Error(), "hunter2")
}
