// Package fakeslack is a local stand-in for Slack, for tests. It serves the
// Web API methods that the bot calls, with the JSON shapes Slack documents,
// and records every call so a test can assert what the bot sent. Like
// Slack, it rejects a view or message that breaks a limit with
// invalid_blocks. It also serves response URLs and plays Slack's side of a
// Socket Mode websocket.
package fakeslack

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// Identities that auth.test reports.
const (
	TeamID    = "T0MENTOR1"
	BotUserID = "U0MENTBOT"
	BotID     = "B0MENTBOT"
)

// Call is one request that the bot made to the stand-in.
type Call struct {
	// Method is the Web API method, such as "views.publish", or
	// "response_url" for a post to a response URL.
	Method string
	// Token is the bearer token or form token the call carried.
	Token string
	// Form contains the form fields of a form-encoded call.
	Form url.Values
	// Body is the raw body of a JSON call or a response URL post.
	Body []byte
	// Answer is the stand-in's reply to a Web API call.
	Answer map[string]any
}

// JSON decodes the call's JSON body into a generic map.
func (c Call) JSON(t testing.TB) map[string]any {
	t.Helper()
	var decoded map[string]any
	if err := json.Unmarshal(c.Body, &decoded); err != nil {
		t.Fatalf("decode %s body: %v", c.Method, err)
	}
	return decoded
}

// Server is the stand-in. Create it with New; it closes at test cleanup.
type Server struct {
	server *httptest.Server

	mu       sync.Mutex
	calls    []Call
	changed  chan struct{} // closed and replaced whenever calls grows
	failures map[string][]string

	views       map[string]View
	deactivated map[string]bool
	usergroups  map[string][]string
	uploads     map[string]*Upload
	uploadOrder []string
	// posts counts the messages posted to each channel.
	posts     map[string]int
	viewCount int
	hashCount int

	socket *socketSide
}

// New starts a stand-in on a loopback port.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		changed:     make(chan struct{}),
		failures:    map[string][]string{},
		views:       map[string]View{},
		deactivated: map[string]bool{},
		usergroups:  map[string][]string{},
		uploads:     map[string]*Upload{},
		posts:       map[string]int{},
		socket:      newSocketSide(),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/{method}", s.serveMethod)
	mux.HandleFunc("POST /response/{id}", s.serveResponseURL)
	mux.HandleFunc("POST /upload/{id}", s.serveUpload)
	mux.HandleFunc("GET /socket", s.socket.serve)
	s.server = httptest.NewServer(mux)
	t.Cleanup(func() {
		s.socket.close()
		s.server.Close()
	})
	return s
}

// APIURL returns the base URL of the Web API, for SLACK_API_URL.
func (s *Server) APIURL() string { return s.server.URL + "/api/" }

// ResponseURL returns a response URL that records posts to it.
func (s *Server) ResponseURL(id string) string { return s.server.URL + "/response/" + id }

// FailNext makes the next call of method fail with Slack's error code, such
// as "internal_error" or "ratelimited" (sent with HTTP status 429).
func (s *Server) FailNext(method, slackError string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[method] = append(s.failures[method], slackError)
}

// Calls returns the recorded calls of method.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var matching []Call
	for _, call := range s.calls {
		if call.Method == method {
			matching = append(matching, call)
		}
	}
	return matching
}

// WaitForCalls waits until method has been called at least count times and
// returns the calls, or fails the test after timeout.
func (s *Server) WaitForCalls(t testing.TB, method string, count int, timeout time.Duration) []Call {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if calls := s.Calls(method); len(calls) >= count {
			return calls
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("waited %s for %d calls of %s, got %d", timeout, count, method, len(s.Calls(method)))
			return nil
		}
	}
}

// record stores call and returns its index.
func (s *Server) record(call Call) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, call)
	close(s.changed)
	s.changed = make(chan struct{})
	return len(s.calls) - 1
}

// answerCall stores the reply to the call at index and sends it.
func (s *Server) answerCall(w http.ResponseWriter, index int, answer map[string]any) {
	s.mu.Lock()
	s.calls[index].Answer = answer
	s.mu.Unlock()
	writeJSON(w, answer)
}

func (s *Server) takeFailure(method string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	queued := s.failures[method]
	if len(queued) == 0 {
		return ""
	}
	s.failures[method] = queued[1:]
	return queued[0]
}

func (s *Server) serveMethod(w http.ResponseWriter, r *http.Request) {
	call, err := readCall(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	index := s.record(call)

	if failure := s.takeFailure(call.Method); failure != "" {
		s.fail(w, index, failure)
		return
	}
	if problem := checkToken(call); problem != "" {
		s.answerCall(w, index, map[string]any{"ok": false, "error": problem})
		return
	}
	s.answerCall(w, index, s.answer(call))
}

func (s *Server) serveResponseURL(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.record(Call{Method: "response_url", Body: body})
	if err := checkMessageJSON(body); err != nil {
		http.Error(w, "invalid_blocks: "+err.Error(), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// readCall reads a Web API request in either of the encodings Slack takes.
func readCall(r *http.Request) (Call, error) {
	call := Call{Method: r.PathValue("method")}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return call, fmt.Errorf("read body: %w", err)
	}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType == "application/x-www-form-urlencoded" {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return call, fmt.Errorf("parse form: %w", err)
		}
		call.Form = form
		call.Token = form.Get("token")
	} else {
		call.Body = body
	}
	if bearer, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		call.Token = bearer
	}
	return call, nil
}

// checkToken returns Slack's error code when the call's token is missing or
// of the wrong kind.
func checkToken(call Call) string {
	switch {
	case call.Token == "":
		return "not_authed"
	case call.Method == "apps.connections.open" && !strings.HasPrefix(call.Token, "xapp-"):
		return "not_allowed_token_type"
	case call.Method != "apps.connections.open" && !strings.HasPrefix(call.Token, "xoxb-"):
		return "not_allowed_token_type"
	default:
		return ""
	}
}

func writeJSON(w http.ResponseWriter, value any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(value)
}
