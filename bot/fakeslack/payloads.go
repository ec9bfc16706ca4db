package fakeslack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// These builders return requests in the shapes that Slack's documentation
// gives for each kind of request, with the fields Slack sends, so tests
// exercise the bot's parsing as well as its handling.

// AppID is the app id in every payload.
const AppID = "A0MENTBOT"

// Sign returns the headers with which Slack signs body at the given time:
// X-Slack-Signature is "v0=" and the hex HMAC-SHA256, keyed with the
// signing secret, of "v0:" + timestamp + ":" + body.
func Sign(secret string, at time.Time, body []byte) http.Header {
	timestamp := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:", timestamp)
	mac.Write(body)

	header := http.Header{}
	header.Set("X-Slack-Request-Timestamp", timestamp)
	header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return header
}

// URLVerification returns the body Slack posts when a Request URL is saved.
func URLVerification(challenge string) []byte {
	return mustJSON(map[string]any{
		"token":     "Jhj5dZrVaK7ZwHHjRyZWjbDl",
		"challenge": challenge,
		"type":      "url_verification",
	})
}

// AppHomeOpened returns an Events API callback for app_home_opened on the
// Home tab.
func AppHomeOpened(eventID, userID string) []byte {
	return EventCallback(eventID, map[string]any{
		"type":     "app_home_opened",
		"user":     userID,
		"channel":  "D0HOME0001",
		"tab":      "home",
		"event_ts": "1700000000.000100",
	})
}

// EventCallback wraps an inner event in the event_callback envelope.
func EventCallback(eventID string, event map[string]any) []byte {
	return mustJSON(map[string]any{
		"token":      "XXYYZZ",
		"team_id":    TeamID,
		"api_app_id": AppID,
		"event":      event,
		"type":       "event_callback",
		"event_id":   eventID,
		"event_time": 1700000000,
		"authorizations": []map[string]any{{
			"enterprise_id": nil, "team_id": TeamID, "user_id": BotUserID,
			"is_bot": true, "is_enterprise_install": false,
		}},
		"is_ext_shared_channel": false,
		"event_context":         "4-eyJldCI6ImFwcF9ob21lX29wZW5lZCJ9",
	})
}

// SlashCommand returns the form fields of a slash command.
func SlashCommand(userID, command, text, responseURL string) url.Values {
	return url.Values{
		"token":                 {"gIkuvaNzQIHg97ATvDxqgjtO"},
		"team_id":               {TeamID},
		"team_domain":           {"mentorbot-test"},
		"enterprise_id":         {""},
		"enterprise_name":       {""},
		"channel_id":            {"C0GENERAL1"},
		"channel_name":          {"general"},
		"user_id":               {userID},
		"user_name":             {"alex"},
		"command":               {command},
		"text":                  {text},
		"api_app_id":            {AppID},
		"is_enterprise_install": {"false"},
		"response_url":          {responseURL},
		"trigger_id":            {"13345224609.738474920.8088930838d88f008e0"},
	}
}

// HomeButtonAction returns a block_actions payload for a button clicked on
// the App Home.
func HomeButtonAction(userID, actionID, blockID, value string) []byte {
	home := map[string]any{
		"id": "VHOME" + userID, "team_id": TeamID, "type": "home", "blocks": []any{},
		"private_metadata": "", "callback_id": "", "state": map[string]any{"values": map[string]any{}},
		"hash": "1700000000.6e7f8a9b", "root_view_id": "VHOME" + userID, "app_id": AppID, "bot_id": BotID,
	}
	return blockActions(userID, map[string]any{"type": "view", "view_id": "VHOME" + userID}, home, actionID, blockID, value)
}

// ModalButtonAction returns a block_actions payload for a button clicked in
// a modal that the stand-in holds.
func ModalButtonAction(userID string, view View, actionID, blockID, value string) []byte {
	return blockActions(userID, map[string]any{"type": "view", "view_id": view.ID}, modalPayload(view, nil), actionID, blockID, value)
}

func blockActions(userID string, container, view map[string]any, actionID, blockID, value string) []byte {
	action := map[string]any{
		"action_id": actionID, "block_id": blockID, "type": "button",
		"text":      map[string]any{"type": "plain_text", "text": "Button", "emoji": true},
		"action_ts": "1700000000.000300",
	}
	if value != "" {
		action["value"] = value
	}
	return mustJSON(map[string]any{
		"type":                  "block_actions",
		"user":                  map[string]any{"id": userID, "username": "alex", "name": "alex", "team_id": TeamID},
		"api_app_id":            AppID,
		"token":                 "9s8d9as89d8as9d8as989",
		"container":             container,
		"trigger_id":            "12466734323.1395872398.ac7d4cbdd7e9aa3a7c94bcfe4b1a7b1a",
		"team":                  map[string]any{"id": TeamID, "domain": "mentorbot-test"},
		"enterprise":            nil,
		"is_enterprise_install": false,
		"view":                  view,
		"actions":               []map[string]any{action},
	})
}

// MessageButtonAction returns a block_actions payload for a button clicked
// in a message that the bot posted to channel at ts, such as a DM.
func MessageButtonAction(userID, channel, ts, actionID, value, responseURL string) []byte {
	return MessageButtonActionInBlock(userID, channel, ts, "actions", actionID, value, responseURL)
}

// MessageButtonActionInBlock is MessageButtonAction for a button in the
// actions block blockID.
func MessageButtonActionInBlock(userID, channel, ts, blockID, actionID, value, responseURL string) []byte {
	action := map[string]any{
		"action_id": actionID, "block_id": blockID, "type": "button", "value": value,
		"text":      map[string]any{"type": "plain_text", "text": "Button", "emoji": true},
		"action_ts": "1700000001.000300",
	}
	return mustJSON(map[string]any{
		"type":       "block_actions",
		"user":       map[string]any{"id": userID, "username": "alex", "name": "alex", "team_id": TeamID},
		"api_app_id": AppID,
		"token":      "9s8d9as89d8as9d8as989",
		"container": map[string]any{
			"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": false,
		},
		"trigger_id":            "12466734323.1395872398.ac7d4cbdd7e9aa3a7c94bcfe4b1a7b1a",
		"team":                  map[string]any{"id": TeamID, "domain": "mentorbot-test"},
		"enterprise":            nil,
		"is_enterprise_install": false,
		"channel":               map[string]any{"id": channel, "name": "directmessage"},
		"message": map[string]any{
			"type": "message", "user": BotUserID, "ts": ts, "bot_id": BotID, "text": "Message", "blocks": []any{},
		},
		"state":        map[string]any{"values": map[string]any{}},
		"response_url": responseURL,
		"actions":      []map[string]any{action},
	})
}

// SelectAction returns a block_actions payload for a static_select option
// chosen in a modal that the stand-in holds.
func SelectAction(userID string, view View, actionID, blockID, value string) []byte {
	return mustJSON(map[string]any{
		"type":       "block_actions",
		"user":       map[string]any{"id": userID, "username": "alex", "name": "alex", "team_id": TeamID},
		"api_app_id": AppID,
		"token":      "9s8d9as89d8as9d8as989",
		"container":  map[string]any{"type": "view", "view_id": view.ID},
		"trigger_id": "12466734323.1395872398.ac7d4cbdd7e9aa3a7c94bcfe4b1a7b1a",
		"team":       map[string]any{"id": TeamID, "domain": "mentorbot-test"},
		"view":       modalPayload(view, nil),
		"actions": []map[string]any{{
			"action_id": actionID, "block_id": blockID, "type": "static_select",
			"selected_option": map[string]any{
				"text": map[string]any{"type": "plain_text", "text": value, "emoji": true}, "value": value,
			},
			"action_ts": "1700000001.000400",
		}},
	})
}

// ViewSubmission returns a view_submission payload for a modal that the
// stand-in holds, with the input values as Slack sends them in
// view.state.values: block id, then action id, then the element's state,
// such as {"type": "static_select", "selected_option": {...}}.
func ViewSubmission(userID string, view View, values map[string]map[string]any) []byte {
	return mustJSON(map[string]any{
		"type":                  "view_submission",
		"team":                  map[string]any{"id": TeamID, "domain": "mentorbot-test"},
		"user":                  map[string]any{"id": userID, "username": "alex", "name": "alex", "team_id": TeamID},
		"api_app_id":            AppID,
		"token":                 "9s8d9as89d8as9d8as989",
		"trigger_id":            "12466734323.1395872398.ac7d4cbdd7e9aa3a7c94bcfe4b1a7b1a",
		"view":                  modalPayload(view, values),
		"response_urls":         []any{},
		"is_enterprise_install": false,
		"enterprise":            nil,
	})
}

// ViewClosed returns a view_closed payload for a modal that the stand-in
// holds and that was opened with notify_on_close, with the values typed
// into it.
func ViewClosed(userID string, view View, values map[string]map[string]any) []byte {
	return mustJSON(map[string]any{
		"type":                  "view_closed",
		"team":                  map[string]any{"id": TeamID, "domain": "mentorbot-test"},
		"user":                  map[string]any{"id": userID, "username": "alex", "name": "alex", "team_id": TeamID},
		"api_app_id":            AppID,
		"token":                 "9s8d9as89d8as9d8as989",
		"view":                  modalPayload(view, values),
		"is_cleared":            false,
		"is_enterprise_install": false,
		"enterprise":            nil,
	})
}

// modalPayload returns the view object that Slack puts in a modal's
// payloads: the view as the bot sent it, with Slack's fields added.
func modalPayload(view View, values map[string]map[string]any) map[string]any {
	payload := map[string]any{}
	for key, value := range view.JSON {
		payload[key] = value
	}
	if values == nil {
		values = map[string]map[string]any{}
	}
	payload["id"] = view.ID
	payload["hash"] = view.Hash
	payload["team_id"] = TeamID
	payload["app_id"] = AppID
	payload["bot_id"] = BotID
	payload["root_view_id"] = view.ID
	payload["previous_view_id"] = nil
	payload["state"] = map[string]any{"values": values}
	return payload
}

// InteractionForm returns the form Slack posts for an interaction: one
// field, payload, holding the JSON.
func InteractionForm(payload []byte) url.Values {
	return url.Values{"payload": {string(payload)}}
}

// SlashCommandEnvelope wraps a slash command in a Socket Mode envelope,
// where the form fields arrive as a JSON object.
func SlashCommandEnvelope(envelopeID string, form url.Values) map[string]any {
	payload := map[string]any{}
	for key := range form {
		payload[key] = form.Get(key)
	}
	return map[string]any{
		"envelope_id":              envelopeID,
		"payload":                  payload,
		"type":                     "slash_commands",
		"accepts_response_payload": true,
	}
}

// EventsEnvelope wraps an Events API callback in a Socket Mode envelope.
func EventsEnvelope(envelopeID string, callback []byte) map[string]any {
	return map[string]any{
		"envelope_id":              envelopeID,
		"payload":                  json.RawMessage(callback),
		"type":                     "events_api",
		"accepts_response_payload": false,
		"retry_attempt":            0,
		"retry_reason":             "",
	}
}

// InteractiveEnvelope wraps an interaction payload in a Socket Mode
// envelope.
func InteractiveEnvelope(envelopeID string, payload []byte) map[string]any {
	return map[string]any{
		"envelope_id":              envelopeID,
		"payload":                  json.RawMessage(payload),
		"type":                     "interactive",
		"accepts_response_payload": true,
	}
}

func mustJSON(value any) []byte {
	encoded, err := json.Marshal(value)
	if err != nil {
		panic(err)
	}
	return encoded
}

// ThreadReply returns an Events API callback for a message that userID
// posted in the thread of the message at threadTS in channel, as Slack
// sends it for message.channels, message.groups and message.im.
// channelType is "channel", "group" or "im". Slack sends text with &, <
// and > encoded, and mentions and links as <...>.
func ThreadReply(eventID, channel, channelType, userID, threadTS, ts, text string) []byte {
	return EventCallback(eventID, map[string]any{
		"type":          "message",
		"client_msg_id": "5e1c4a52-0f4e-4bbf-9c2f-" + eventID,
		"user":          userID,
		"text":          text,
		"blocks": []any{map[string]any{
			"type": "rich_text", "block_id": "r1",
			"elements": []any{map[string]any{
				"type":     "rich_text_section",
				"elements": []any{map[string]any{"type": "text", "text": text}},
			}},
		}},
		"team":           TeamID,
		"thread_ts":      threadTS,
		"parent_user_id": BotUserID,
		"ts":             ts,
		"channel":        channel,
		"channel_type":   channelType,
		"event_ts":       ts,
	})
}

// DirectMessage returns an Events API callback for a message that userID
// typed in their DM with the bot, channel, outside any thread, as Slack
// sends it to a bot subscribed to message.im.
func DirectMessage(eventID, channel, userID, ts, text string) []byte {
	return EventCallback(eventID, map[string]any{
		"type":          "message",
		"client_msg_id": "6f2d5b63-1a5f-4ccf-8d3a-" + eventID,
		"user":          userID,
		"text":          text,
		"team":          TeamID,
		"ts":            ts,
		"channel":       channel,
		"channel_type":  "im",
		"event_ts":      ts,
	})
}

// BotThreadReply returns an Events API callback for a message that a bot
// posted in a thread, as Slack sends it for the bot's own messages: with
// bot_id and bot_profile, and the bot's user id in user.
func BotThreadReply(eventID, channel, channelType, botID, threadTS, ts, text string) []byte {
	return EventCallback(eventID, map[string]any{
		"type":   "message",
		"user":   BotUserID,
		"bot_id": botID,
		"app_id": AppID,
		"text":   text,
		"team":   TeamID,
		"bot_profile": map[string]any{
			"id": botID, "app_id": AppID, "name": "Mentorbot", "deleted": false, "team_id": TeamID,
		},
		"thread_ts":    threadTS,
		"ts":           ts,
		"channel":      channel,
		"channel_type": channelType,
		"event_ts":     ts,
	})
}

// EditedThreadReply returns an Events API callback for a message_changed
// event: userID edited their reply at ts in the thread of threadTS. The
// edited message is under "message" and the event itself has no user.
func EditedThreadReply(eventID, channel, channelType, userID, threadTS, ts, text string) []byte {
	edited := map[string]any{
		"type": "message", "user": userID, "text": text, "team": TeamID,
		"thread_ts": threadTS, "ts": ts,
		"edited": map[string]any{"user": userID, "ts": "1700000500.000100"},
	}
	previous := map[string]any{
		"type": "message", "user": userID, "text": "an earlier text", "team": TeamID,
		"thread_ts": threadTS, "ts": ts,
	}
	return EventCallback(eventID, map[string]any{
		"type":             "message",
		"subtype":          "message_changed",
		"hidden":           true,
		"message":          edited,
		"previous_message": previous,
		"channel":          channel,
		"channel_type":     channelType,
		"ts":               "1700000500.000200",
		"event_ts":         "1700000500.000200",
	})
}
