package fakeslack

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/blocks"
)

// View is a view as the stand-in holds it: Slack's id and hash, and the
// view's JSON as the bot last sent it.
type View struct {
	ID   string
	Hash string
	JSON map[string]any
}

// CallbackID returns the view's callback_id.
func (v View) CallbackID() string {
	id, _ := v.JSON["callback_id"].(string)
	return id
}

// PrivateMetadata returns the view's private_metadata.
func (v View) PrivateMetadata() string {
	metadata, _ := v.JSON["private_metadata"].(string)
	return metadata
}

type viewRequest struct {
	View     json.RawMessage `json:"view"`
	UserID   string          `json:"user_id"`
	Trigger  string          `json:"trigger_id"`
	ViewID   string          `json:"view_id"`
	Hash     string          `json:"hash"`
	External string          `json:"external_id"`
}

// answerView stores a view as Slack would: views.open and views.push make
// a new modal, views.update replaces one unless its hash is stale, and
// views.publish replaces a person's App Home.
func (s *Server) answerView(call Call) map[string]any {
	var request viewRequest
	if err := json.Unmarshal(call.Body, &request); err != nil || len(request.View) == 0 {
		return invalid("invalid_arguments", "missing view")
	}
	switch {
	case call.Method == "views.publish" && request.UserID == "":
		return invalid("invalid_arguments", "missing user_id")
	case (call.Method == "views.open" || call.Method == "views.push") && request.Trigger == "":
		return invalid("invalid_arguments", "missing trigger_id")
	case call.Method == "views.update" && request.ViewID == "" && request.External == "":
		return invalid("invalid_arguments", "missing view_id")
	}
	if err := blocks.CheckJSON(surfaceOf(request.View), request.View); err != nil {
		return invalid("invalid_blocks", err.Error())
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	id := request.ViewID
	switch call.Method {
	case "views.publish":
		id = "VHOME" + request.UserID
	case "views.open", "views.push":
		s.viewCount++
		id = fmt.Sprintf("V%08d", s.viewCount)
	case "views.update":
		current, ok := s.views[id]
		if !ok {
			return invalid("not_found", "no view "+id)
		}
		if request.Hash != "" && request.Hash != current.Hash {
			return invalid("hash_conflict", "the view changed since hash "+request.Hash)
		}
	}
	view := s.storeViewLocked(id, request.View)
	answer := map[string]any{}
	for key, value := range view.JSON {
		answer[key] = value
	}
	answer["id"], answer["hash"] = view.ID, view.Hash
	return map[string]any{"ok": true, "view": answer}
}

func (s *Server) storeViewLocked(id string, raw json.RawMessage) View {
	var decoded map[string]any
	_ = json.Unmarshal(raw, &decoded)
	s.hashCount++
	view := View{ID: id, Hash: fmt.Sprintf("1700000000.%08d", s.hashCount), JSON: decoded}
	s.views[id] = view
	close(s.changed)
	s.changed = make(chan struct{})
	return view
}

// CurrentView returns the view with id as Slack currently shows it.
func (s *Server) CurrentView(t testing.TB, id string) View {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	view, ok := s.views[id]
	if !ok {
		t.Fatalf("no view %s", id)
	}
	return view
}

// ModalCount returns how many modals views.open and views.push have made.
func (s *Server) ModalCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.viewCount
}

// WaitForModal waits until a modal beyond the first count exists and
// returns the newest.
func (s *Server) WaitForModal(t testing.TB, count int, timeout time.Duration) View {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		made, changed := s.viewCount, s.changed
		s.mu.Unlock()
		if made > count {
			return s.LatestModal(t)
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("waited %s for a modal; views.open answers: %v", timeout, s.answers("views.open"))
			return View{}
		}
	}
}

// answers returns the replies to the calls of method.
func (s *Server) answers(method string) []map[string]any {
	var replies []map[string]any
	for _, call := range s.Calls(method) {
		replies = append(replies, call.Answer)
	}
	return replies
}

// LatestModal returns the modal opened most recently with views.open.
func (s *Server) LatestModal(t testing.TB) View {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	view, ok := s.views[fmt.Sprintf("V%08d", s.viewCount)]
	if !ok {
		t.Fatal("no modal has been opened")
	}
	return view
}

// ReplaceView applies a view_submission's response_action update to the
// view with id, as Slack does, and returns the view now shown.
func (s *Server) ReplaceView(t testing.TB, id string, raw json.RawMessage) View {
	t.Helper()
	if err := blocks.CheckJSON(blocks.SurfaceModal, raw); err != nil {
		t.Fatalf("response_action update with a view Slack would reject: %v", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.storeViewLocked(id, raw)
}

// WaitForViewChange waits until the view with id has a hash other than
// hash, and returns it.
func (s *Server) WaitForViewChange(t testing.TB, id, hash string, timeout time.Duration) View {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		view, ok := s.views[id]
		changed := s.changed
		s.mu.Unlock()
		if ok && view.Hash != hash {
			return view
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("waited %s for view %s to change from hash %s", timeout, id, hash)
			return View{}
		}
	}
}
