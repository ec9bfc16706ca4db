package bot

import (
	"bytes"
	"context"
	"fmt"

	"github.com/slack-go/slack"
)

// sendFile uploads content as a file named filename into the app's DM
// with userID, with comment as the message above it. It uses Slack's
// external upload flow: files.getUploadURLExternal, a POST of the bytes to
// the URL it returns, then files.completeUploadExternal to share the file.
func (a *App) sendFile(ctx context.Context, userID, filename, title, comment string, content []byte) error {
	if len(content) == 0 {
		// Slack rejects an upload of no bytes.
		return fmt.Errorf("upload %s to %s: the file is empty", filename, userID)
	}
	channel, _, _, err := a.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{userID}})
	if err != nil {
		return fmt.Errorf("open DM with %s for %s: %w", userID, filename, err)
	}
	_, err = a.api.UploadFileContext(ctx, slack.UploadFileParameters{
		Reader:         bytes.NewReader(content),
		FileSize:       len(content),
		Filename:       filename,
		Title:          title,
		InitialComment: comment,
		Channel:        channel.ID,
	})
	if err != nil {
		return fmt.Errorf("upload %s to %s: %w", filename, userID, err)
	}
	return nil
}
