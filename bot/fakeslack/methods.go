package fakeslack

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mentorbot/mentorbot/blocks"
)

// answer returns the reply to a Web API call, in the shape Slack documents
// for that method.
func (s *Server) answer(call Call) map[string]any {
	switch call.Method {
	case "auth.test":
		return map[string]any{
			"ok": true, "url": "https://mentorbot-test.slack.com/", "team": "Mentorbot Test",
			"user": "mentorbot", "team_id": TeamID, "user_id": BotUserID, "bot_id": BotID,
		}
	case "apps.connections.open":
		return map[string]any{"ok": true, "url": s.socketURL()}
	case "views.publish", "views.open", "views.update", "views.push":
		return s.answerView(call)
	case "chat.postMessage", "chat.postEphemeral", "chat.update":
		return s.answerMessage(call)
	case "users.info":
		return s.answerUser(call.Form.Get("user"))
	case "usergroups.users.list":
		return s.answerUsergroupMembers(call.Form.Get("usergroup"))
	case "files.getUploadURLExternal":
		return s.answerUploadURL(call)
	case "files.completeUploadExternal":
		return s.answerCompleteUpload(call)
	case "conversations.open":
		return map[string]any{"ok": true, "channel": map[string]any{"id": "D" + strings.TrimPrefix(call.Form.Get("users"), "U")}}
	default:
		return map[string]any{"ok": false, "error": "unknown_method"}
	}
}

func surfaceOf(view json.RawMessage) blocks.Surface {
	var header struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(view, &header)
	if header.Type == "home" {
		return blocks.SurfaceHome
	}
	return blocks.SurfaceModal
}

func (s *Server) answerMessage(call Call) map[string]any {
	channel := call.Form.Get("channel")
	if channel == "" {
		return invalid("channel_not_found", "missing channel")
	}
	if call.Form.Get("text") == "" && call.Form.Get("blocks") == "" {
		return invalid("no_text", "missing text and blocks")
	}
	if raw := call.Form.Get("blocks"); raw != "" {
		message := fmt.Sprintf(`{"text":%q,"blocks":%s}`, call.Form.Get("text"), raw)
		if err := checkMessageJSON([]byte(message)); err != nil {
			return invalid("invalid_blocks", err.Error())
		}
	}
	if call.Method == "chat.postEphemeral" {
		return map[string]any{"ok": true, "message_ts": "1700000000.000200"}
	}
	// Posting to a user id opens the app's DM with them, and Slack answers
	// with the DM's channel id, which chat.update then needs.
	if call.Method == "chat.postMessage" && (strings.HasPrefix(channel, "U") || strings.HasPrefix(channel, "W")) {
		channel = "D" + channel[1:]
	}
	if call.Method == "chat.update" {
		return map[string]any{"ok": true, "channel": channel, "ts": call.Form.Get("ts")}
	}
	return map[string]any{"ok": true, "channel": channel, "ts": s.nextTS(channel)}
}

// nextTS returns the timestamp of a new message in channel. Like Slack's,
// the timestamps differ within a channel, so a message's channel and
// timestamp identify it. The first message in each channel gets
// 1700000000.000100.
func (s *Server) nextTS(channel string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.posts[channel]++
	return fmt.Sprintf("1700000000.%06d", 100*s.posts[channel])
}

func checkMessageJSON(raw []byte) error {
	return blocks.CheckJSON(blocks.SurfaceMessage, raw)
}

func invalid(code, detail string) map[string]any {
	return map[string]any{
		"ok":                false,
		"error":             code,
		"response_metadata": map[string]any{"messages": []string{detail}},
	}
}

// answerUser returns users.info for any user id, as a person in London
// whose names derive from the id, deactivated when DeactivateUser said so.
func (s *Server) answerUser(userID string) map[string]any {
	if userID == "" {
		return invalid("user_not_found", "missing user")
	}
	s.mu.Lock()
	deleted := s.deactivated[userID]
	s.mu.Unlock()
	return map[string]any{"ok": true, "user": map[string]any{
		"id": userID, "team_id": TeamID, "name": strings.ToLower(userID), "real_name": "Person " + userID,
		"deleted": deleted, "tz": "Europe/London", "tz_offset": 0,
		"profile": map[string]any{
			"display_name": "Person " + userID,
			"real_name":    "Person " + userID,
			"image_72":     "https://avatars.example/" + userID + "_72.png",
		},
	}}
}

// SetUsergroup makes usergroups.users.list report members as the members
// of the user group id.
func (s *Server) SetUsergroup(id string, members ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.usergroups[id] = members
}

// answerUsergroupMembers answers usergroups.users.list.
func (s *Server) answerUsergroupMembers(id string) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	members, ok := s.usergroups[id]
	if !ok {
		return invalid("no_such_subteam", "unknown user group")
	}
	return map[string]any{"ok": true, "users": append([]string{}, members...)}
}

// DeactivateUser makes users.info report userID as deactivated.
func (s *Server) DeactivateUser(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deactivated[userID] = true
}
