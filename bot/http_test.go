package bot_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/bot/fakeslack"
)

func TestHTTP_URLVerification(t *testing.T) {
	t.Parallel()
	b := setup(t)

	status, body := b.postJSON(t, fakeslack.URLVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmd"))

	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmd", string(body))
}

func TestHTTP_AppHomeOpenedPublishesHome(t *testing.T) {
	t.Parallel()
	b := setup(t)

	started := time.Now()
	status, _ := b.postJSON(t, fakeslack.AppHomeOpened("Ev0HOME0001", menteeID))
	require.Equal(t, http.StatusOK, status)

	calls := b.slack.WaitForCalls(t, "views.publish", 1, waitTime)
	require.Less(t, time.Since(started), 3*time.Second, "Slack expects the home within 3 seconds")
	published := calls[0].JSON(t)
	require.Equal(t, menteeID, published["user_id"])
	view := published["view"].(map[string]any)
	require.Equal(t, "home", view["type"])
	require.Contains(t, string(calls[0].Body), blocks.ActionHomeHelp)
	require.Equal(t, botToken, calls[0].Token)
}

func TestHTTP_AppHomeMessagesTabIgnored(t *testing.T) {
	t.Parallel()
	b := setup(t)

	body := fakeslack.EventCallback("Ev0MSGTAB01", map[string]any{
		"type": "app_home_opened", "user": menteeID, "channel": "D0HOME0001", "tab": "messages",
		"event_ts": "1700000000.000100",
	})
	status, _ := b.postJSON(t, body)
	require.Equal(t, http.StatusOK, status)

	require.Eventually(t, func() bool { return b.deliveryCount(t) == 1 }, waitTime, 10*time.Millisecond)
	require.Empty(t, b.slack.Calls("views.publish"))
}

func TestHTTP_RetriedEventHandledOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	event := fakeslack.AppHomeOpened("Ev0RETRY001", menteeID)

	status, _ := b.postJSON(t, event)
	require.Equal(t, http.StatusOK, status)
	retry := http.Header{"X-Slack-Retry-Num": {"1"}, "X-Slack-Retry-Reason": {"http_timeout"}}
	status, _ = b.post(t, "application/json", event, time.Now(), retry)
	require.Equal(t, http.StatusOK, status)

	b.slack.WaitForCalls(t, "views.publish", 1, waitTime)
	require.Equal(t, 1, b.deliveryCount(t))
	// Give a wrongly scheduled second publish time to arrive.
	time.Sleep(200 * time.Millisecond)
	require.Len(t, b.slack.Calls("views.publish"), 1)
}

func TestHTTP_MentorHelp(t *testing.T) {
	t.Parallel()

	for _, text := range []string{"help", "", "  HELP  ", "Help me"} {
		t.Run(strings.TrimSpace(text), func(t *testing.T) {
			t.Parallel()
			b := setup(t)

			started := time.Now()
			status, body := b.postForm(t, fakeslack.SlashCommand(menteeID, "/mentor", text, b.slack.ResponseURL("help")))

			require.Equal(t, http.StatusOK, status)
			require.Less(t, time.Since(started), 3*time.Second)
			var message map[string]any
			require.NoError(t, json.Unmarshal(body, &message))
			require.Equal(t, "ephemeral", message["response_type"])
			require.Contains(t, string(body), "/mentor help")
			require.NoError(t, blocks.CheckJSON(blocks.SurfaceMessage, body))
		})
	}
}

func TestHTTP_UnknownSubcommand(t *testing.T) {
	t.Parallel()
	b := setup(t)

	status, body := b.postForm(t, fakeslack.SlashCommand(menteeID, "/mentor", "Fnid a mentor", ""))

	require.Equal(t, http.StatusOK, status)
	var message map[string]any
	require.NoError(t, json.Unmarshal(body, &message))
	require.Equal(t, "ephemeral", message["response_type"])
	require.Contains(t, message["text"], "/mentor Fnid")
	require.Contains(t, message["text"], "/mentor help")
}

func TestHTTP_UnknownSubcommandEscaped(t *testing.T) {
	t.Parallel()
	b := setup(t)

	// Slack sends typed <, > and & encoded; the echo must not decode them
	// into a live mention or link.
	for _, typed := range []string{"&lt;!channel&gt;", "&lt;https://evil.example|click&gt;", "<!here>"} {
		status, body := b.postForm(t, fakeslack.SlashCommand(menteeID, "/mentor", typed, ""))
		require.Equal(t, http.StatusOK, status)

		var message struct {
			Text string `json:"text"`
		}
		require.NoError(t, json.Unmarshal(body, &message))
		require.NotContains(t, message.Text, "<!")
		require.NotContains(t, message.Text, "<https")
		require.Contains(t, message.Text, "&lt;")
	}
}

func TestHTTP_HomeHelpButtonOpensModal(t *testing.T) {
	t.Parallel()
	b := setup(t)

	payload := fakeslack.HomeButtonAction(menteeID, blocks.ActionHomeHelp, "home_actions", "")
	status, body := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)
	require.Empty(t, body)

	calls := b.slack.WaitForCalls(t, "views.open", 1, waitTime)
	opened := calls[0].JSON(t)
	require.Equal(t, "12466734323.1395872398.ac7d4cbdd7e9aa3a7c94bcfe4b1a7b1a", opened["trigger_id"])
	require.Equal(t, blocks.CallbackHelp, opened["view"].(map[string]any)["callback_id"])
}

func TestHTTP_FailedWorkNotifiesUser(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.slack.FailNext("views.open", "internal_error")

	payload := fakeslack.HomeButtonAction(menteeID, blocks.ActionHomeHelp, "home_actions", "")
	status, _ := b.postForm(t, fakeslack.InteractionForm(payload))
	require.Equal(t, http.StatusOK, status)

	// The App Home has no response URL, so the notice goes to the app's DM.
	calls := b.slack.WaitForCalls(t, "chat.postMessage", 1, waitTime)
	require.Equal(t, menteeID, calls[0].Form.Get("channel"))
	require.Contains(t, calls[0].Form.Get("text"), "Sorry, something went wrong")
	require.NotContains(t, calls[0].Form.Get("text"), "internal_error")

	entry := findLog(t, b, "Failed to handle a request")
	require.Equal(t, menteeID, entry.Data["user_id"])
	require.Equal(t, fakeslack.TeamID, entry.Data["team_id"])
	require.Equal(t, blocks.ActionHomeHelp, entry.Data["action_id"])
}

func TestHTTP_UnknownActionIgnored(t *testing.T) {
	t.Parallel()
	b := setup(t)

	payload := fakeslack.HomeButtonAction(menteeID, "nothing:here", "home_actions", "")
	status, body := b.postForm(t, fakeslack.InteractionForm(payload))

	require.Equal(t, http.StatusOK, status)
	require.Empty(t, body)
}

func TestHTTP_SSLCheck(t *testing.T) {
	t.Parallel()
	b := setup(t)

	status, _ := b.postForm(t, map[string][]string{"ssl_check": {"1"}, "token": {"x"}})

	require.Equal(t, http.StatusOK, status)
}

func TestHTTP_RejectsUnsigned(t *testing.T) {
	t.Parallel()

	event := fakeslack.AppHomeOpened("Ev0REJECT01", menteeID)
	tests := []struct {
		name     string
		body     []byte
		header   func(b *testBundle, header http.Header)
		expected int
	}{
		{
			name: "BadSignature",
			body: event,
			header: func(_ *testBundle, header http.Header) {
				header.Set("X-Slack-Signature", "v0="+strings.Repeat("ab", 32))
			},
			expected: http.StatusUnauthorized,
		},
		{
			name: "WrongSecret",
			body: event,
			header: func(_ *testBundle, header http.Header) {
				signed := fakeslack.Sign("0123456789abcdef0123456789abcdef", time.Now(), event)
				header.Set("X-Slack-Signature", signed.Get("X-Slack-Signature"))
			},
			expected: http.StatusUnauthorized,
		},
		{
			name: "StaleTimestamp",
			body: event,
			header: func(_ *testBundle, header http.Header) {
				copySigned(header, fakeslack.Sign(signingSecret, time.Now().Add(-6*time.Minute), event))
			},
			expected: http.StatusUnauthorized,
		},
		{
			name: "FutureTimestamp",
			body: event,
			header: func(_ *testBundle, header http.Header) {
				copySigned(header, fakeslack.Sign(signingSecret, time.Now().Add(6*time.Minute), event))
			},
			expected: http.StatusUnauthorized,
		},
		{
			name: "MissingSignature",
			body: event,
			header: func(_ *testBundle, header http.Header) {
				header.Del("X-Slack-Signature")
			},
			expected: http.StatusUnauthorized,
		},
		{
			name: "MissingTimestamp",
			body: event,
			header: func(_ *testBundle, header http.Header) {
				header.Del("X-Slack-Request-Timestamp")
			},
			expected: http.StatusUnauthorized,
		},
		{
			name: "HugeTimestamp",
			body: event,
			header: func(_ *testBundle, header http.Header) {
				header.Set("X-Slack-Request-Timestamp", strings.Repeat("a", 100_000))
			},
			expected: http.StatusUnauthorized,
		},
		{
			name:     "TooLarge",
			body:     append(bytes.Repeat([]byte(" "), 1<<20), event...),
			header:   func(*testBundle, http.Header) {},
			expected: http.StatusRequestEntityTooLarge,
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t)

			request, err := http.NewRequest(http.MethodPost, b.server.URL+"/slack/events", bytes.NewReader(test.body))
			require.NoError(t, err)
			request.Header.Set("Content-Type", "application/json")
			copySigned(request.Header, fakeslack.Sign(signingSecret, time.Now(), test.body))
			test.header(b, request.Header)
			status, _ := do(t, request)

			require.Equal(t, test.expected, status)
			time.Sleep(100 * time.Millisecond)
			require.Zero(t, b.deliveryCount(t), "a rejected request must store nothing")
			require.Empty(t, b.slack.Calls("views.publish"))
			for _, entry := range b.logs.AllEntries() {
				line, err := entry.String()
				require.NoError(t, err)
				require.Less(t, len(line), 1000, "a rejection logs a short line")
				require.NotContains(t, entry.Message, "Ev0REJECT01", "the body must not be logged")
				for _, value := range entry.Data {
					require.NotContains(t, toString(value), "Ev0REJECT01", "the body must not be logged")
				}
			}
		})
	}
}

func TestHTTP_HealthAndReady(t *testing.T) {
	t.Parallel()
	b := setup(t)

	for _, path := range []string{"/healthz", "/readyz"} {
		request, err := http.NewRequest(http.MethodGet, b.server.URL+path, nil)
		require.NoError(t, err)
		status, _ := do(t, request)
		require.Equal(t, http.StatusOK, status, path)
	}

	b.pool.Close()
	request, err := http.NewRequest(http.MethodGet, b.server.URL+"/readyz", nil)
	require.NoError(t, err)
	status, _ := do(t, request)
	require.Equal(t, http.StatusServiceUnavailable, status)
}

func TestHTTP_EventWithBrokenDatabaseRetried(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.pool.Close()

	status, _ := b.postJSON(t, fakeslack.AppHomeOpened("Ev0NODB0001", menteeID))

	// A 500 makes Slack retry the event later instead of losing it.
	require.Equal(t, http.StatusInternalServerError, status)
	require.Empty(t, b.slack.Calls("views.publish"))
}

func TestHTTP_GetOnEventsNotAllowed(t *testing.T) {
	t.Parallel()
	b := setup(t)

	request, err := http.NewRequest(http.MethodGet, b.server.URL+"/slack/events", nil)
	require.NoError(t, err)
	status, _ := do(t, request)

	require.Equal(t, http.StatusMethodNotAllowed, status)
}

func copySigned(header, signed http.Header) {
	for key, values := range signed {
		header[key] = values
	}
}

func toString(value any) string {
	if text, ok := value.(string); ok {
		return text
	}
	if err, ok := value.(error); ok {
		return err.Error()
	}
	return ""
}

func TestHTTP_DeclaredTooLargeRejectedUnread(t *testing.T) {
	t.Parallel()
	b := setup(t)

	conn, err := net.Dial("tcp", strings.TrimPrefix(b.server.URL, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(waitTime)))
	_, err = fmt.Fprintf(conn, "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"+
		"Content-Length: 5000000\r\n\r\n{}")
	require.NoError(t, err)

	response, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	defer response.Body.Close()
	require.Equal(t, http.StatusRequestEntityTooLarge, response.StatusCode)
}

func TestHTTP_RejectionLogsLimited(t *testing.T) {
	t.Parallel()
	b := setup(t)

	event := fakeslack.AppHomeOpened("Ev0FLOOD001", menteeID)
	for range 50 {
		status, _ := b.post(t, "application/json", event, time.Now().Add(-time.Hour), nil)
		require.Equal(t, http.StatusUnauthorized, status)
	}

	var lines int
	for _, entry := range b.logs.AllEntries() {
		if entry.Message == "Rejected a Slack request with an invalid signature" {
			lines++
		}
	}
	require.Equal(t, 1, lines, "50 rejections within seconds log one line")
}

func TestHTTP_UnknownEventTypeAcknowledged(t *testing.T) {
	t.Parallel()
	b := setup(t)

	body := fakeslack.EventCallback("Ev0NEWTYPE1", map[string]any{"type": "brand_new_event", "event_ts": "1700000000.1"})
	status, _ := b.postJSON(t, body)

	require.Equal(t, http.StatusOK, status, "Slack would retry an event answered with an error")
}
