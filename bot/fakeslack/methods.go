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
		return answerView(call)
	case "chat.postMessage", "chat.postEphemeral", "chat.update":
		return answerMessage(call)
	case "conversations.open":
		return map[string]any{"ok": true, "channel": map[string]any{"id": "D" + strings.TrimPrefix(call.Form.Get("users"), "U")}}
	default:
		return map[string]any{"ok": false, "error": "unknown_method"}
	}
}

func answerView(call Call) map[string]any {
	var request struct {
		View    json.RawMessage `json:"view"`
		UserID  string          `json:"user_id"`
		Trigger string          `json:"trigger_id"`
	}
	if err := json.Unmarshal(call.Body, &request); err != nil || len(request.View) == 0 {
		return invalid("invalid_arguments", "missing view")
	}
	if call.Method == "views.publish" && request.UserID == "" {
		return invalid("invalid_arguments", "missing user_id")
	}
	if (call.Method == "views.open" || call.Method == "views.push") && request.Trigger == "" {
		return invalid("invalid_arguments", "missing trigger_id")
	}
	if err := blocks.CheckJSON(surfaceOf(request.View), request.View); err != nil {
		return invalid("invalid_blocks", err.Error())
	}

	var view map[string]any
	_ = json.Unmarshal(request.View, &view)
	view["id"] = "V0VIEW0001"
	view["hash"] = "1700000000.abcdef"
	return map[string]any{"ok": true, "view": view}
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

func answerMessage(call Call) map[string]any {
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
	return map[string]any{"ok": true, "channel": channel, "ts": "1700000000.000100"}
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
