package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
)

// target is where a notice about a request can reach its person.
type target struct {
	userID string
	// responseURL is the request's response_url, when Slack sent one.
	responseURL string
}

// Notifier sends a person notices about their requests, such as why one failed.
type Notifier struct {
	api        *slack.Client
	httpClient *http.Client
}

// NewNotifier returns a Notifier that posts with api, and with httpClient
// to response URLs.
func NewNotifier(api *slack.Client, httpClient *http.Client) *Notifier {
	return &Notifier{api: api, httpClient: httpClient}
}

// Notify shows text to the person. With a response URL, as slash commands
// and message buttons have, the notice is ephemeral where they acted.
// Without one, such as for the App Home, it goes to the app's DM with them.
func (n *Notifier) Notify(ctx context.Context, target target, text string) error {
	message := blocks.NoticeMessage(text)
	if target.responseURL != "" {
		return n.respond(ctx, target.responseURL, message)
	}
	if target.userID == "" {
		return fmt.Errorf("notify: request has neither a response URL nor a user")
	}
	_, _, err := n.api.PostMessageContext(ctx, target.userID,
		slack.MsgOptionText(message.Text, false),
		slack.MsgOptionBlocks(message.Blocks...),
	)
	if err != nil {
		return fmt.Errorf("post notice to user %s: %w", target.userID, err)
	}
	return nil
}

// Replace replaces the message whose button was clicked with text. Without
// a response URL it sends text as Notify does.
func (n *Notifier) Replace(ctx context.Context, target target, text string) error {
	if target.responseURL == "" {
		return n.Notify(ctx, target, text)
	}
	message := blocks.NoticeMessage(text)
	message.ResponseType = ""
	message.ReplaceOriginal = true
	return n.respond(ctx, target.responseURL, message)
}

// respond posts message to a response URL.
func (n *Notifier) respond(ctx context.Context, responseURL string, message blocks.Message) error {
	body, err := json.Marshal(message)
	if err != nil {
		return fmt.Errorf("encode response: %w", err)
	}
	request, err := http.NewRequestWithContext(ctx, http.MethodPost, responseURL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("build response request: %w", err)
	}
	request.Header.Set("Content-Type", "application/json")

	response, err := n.httpClient.Do(request)
	if err != nil {
		// A response URL lets anyone who has it post for 30 minutes, so the
		// error drops it and keeps only the cause.
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return fmt.Errorf("post to response URL: %w", err)
	}
	defer response.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(response.Body, 64<<10))
	if response.StatusCode != http.StatusOK {
		return fmt.Errorf("post to response URL: status %d", response.StatusCode)
	}
	return nil
}
