package fakeslack

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// statusFailure prefixes a queued failure that is an HTTP status, not one
// of Slack's error codes.
const statusFailure = "http-status:"

// FailNextStatus makes the next call of method fail with the HTTP status,
// such as 500, and a plain text body in place of the Web API's JSON, as
// Slack's servers do when they fail. A 429 sent this way has no Retry-After
// header. The call's recorded Answer is {"ok": false, "http_status":
// status}. Failures queued with FailNext and FailNextStatus for one method
// are used in the order they were queued.
func (s *Server) FailNextStatus(method string, status int) {
	s.FailNext(method, statusFailure+strconv.Itoa(status))
}

// fail sends the queued failure as the reply to the call at index.
func (s *Server) fail(w http.ResponseWriter, index int, failure string) {
	if code, ok := strings.CutPrefix(failure, statusFailure); ok {
		status, _ := strconv.Atoi(code)
		s.mu.Lock()
		s.calls[index].Answer = map[string]any{"ok": false, "http_status": status}
		s.mu.Unlock()
		http.Error(w, fmt.Sprintf("%d %s", status, http.StatusText(status)), status)
		return
	}

	if failure == "ratelimited" {
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
	}
	s.answerCall(w, index, map[string]any{"ok": false, "error": failure})
}
