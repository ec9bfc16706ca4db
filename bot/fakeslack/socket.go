package fakeslack

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Ack is an acknowledgement the bot sent over the Socket Mode websocket.
type Ack struct {
	EnvelopeID string          `json:"envelope_id"`
	Payload    json.RawMessage `json:"payload"`
}

// socketSide plays Slack's end of Socket Mode connections.
type socketSide struct {
	upgrader websocket.Upgrader

	mu          sync.Mutex
	conn        *websocket.Conn
	connections int
	acks        []Ack
	changed     chan struct{}
}

func newSocketSide() *socketSide {
	return &socketSide{
		// The bot sends Slack's own origin; the stand-in accepts any.
		upgrader: websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }},
		changed:  make(chan struct{}),
	}
}

func (s *Server) socketURL() string {
	return "ws" + strings.TrimPrefix(s.server.URL, "http") + "/socket"
}

func (side *socketSide) serve(w http.ResponseWriter, r *http.Request) {
	conn, err := side.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	hello := map[string]any{
		"type":            "hello",
		"num_connections": 1,
		"debug_info":      map[string]any{"host": "fakeslack", "approximate_connection_time": 3600},
		"connection_info": map[string]any{"app_id": "A0MENTBOT"},
	}
	if err := conn.WriteJSON(hello); err != nil {
		conn.Close()
		return
	}

	side.mu.Lock()
	side.conn = conn
	side.connections++
	side.notifyLocked()
	side.mu.Unlock()

	for {
		var ack Ack
		if err := conn.ReadJSON(&ack); err != nil {
			return
		}
		side.mu.Lock()
		side.acks = append(side.acks, ack)
		side.notifyLocked()
		side.mu.Unlock()
	}
}

func (side *socketSide) notifyLocked() {
	close(side.changed)
	side.changed = make(chan struct{})
}

// waitFor waits until ready returns true while holding the lock.
func (side *socketSide) waitFor(t testing.TB, what string, timeout time.Duration, ready func() bool) {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		side.mu.Lock()
		done := ready()
		changed := side.changed
		side.mu.Unlock()
		if done {
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("waited %s for %s", timeout, what)
		}
	}
}

func (side *socketSide) close() {
	side.mu.Lock()
	defer side.mu.Unlock()
	if side.conn != nil {
		side.conn.Close()
	}
}

// WaitForSocketConnections waits until the bot has opened count Socket Mode
// connections in all.
func (s *Server) WaitForSocketConnections(t testing.TB, count int, timeout time.Duration) {
	t.Helper()
	s.socket.waitFor(t, "socket mode connections", timeout, func() bool {
		return s.socket.connections >= count
	})
}

// SendEnvelope sends a Socket Mode envelope, such as a slash_commands or
// events_api request, on the current connection.
func (s *Server) SendEnvelope(t testing.TB, envelope any) {
	t.Helper()
	s.WaitForSocketConnections(t, 1, 5*time.Second)
	s.socket.mu.Lock()
	defer s.socket.mu.Unlock()
	if err := s.socket.conn.WriteJSON(envelope); err != nil {
		t.Fatalf("send socket mode envelope: %v", err)
	}
}

// WaitForAck waits for the acknowledgement of envelopeID and returns it.
func (s *Server) WaitForAck(t testing.TB, envelopeID string, timeout time.Duration) Ack {
	t.Helper()
	var found Ack
	s.socket.waitFor(t, "ack of envelope "+envelopeID, timeout, func() bool {
		for _, ack := range s.socket.acks {
			if ack.EnvelopeID == envelopeID {
				found = ack
				return true
			}
		}
		return false
	})
	return found
}

// DropSocket closes the current Socket Mode connection without warning, as
// a network failure would.
func (s *Server) DropSocket() {
	s.socket.close()
}

// Acks returns every acknowledgement received so far for envelopeID.
func (s *Server) Acks(envelopeID string) []Ack {
	s.socket.mu.Lock()
	defer s.socket.mu.Unlock()
	var matching []Ack
	for _, ack := range s.socket.acks {
		if ack.EnvelopeID == envelopeID {
			matching = append(matching, ack)
		}
	}
	return matching
}
