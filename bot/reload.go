package bot

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/content"
	"github.com/mentorbot/mentorbot/domain"
)

// Audit log actions of content reloads.
const (
	auditReloadContent       domain.AuditAction = "reload_content"
	auditReloadContentFailed domain.AuditAction = "reload_content_failed"
)

// Limits of the reload messages.
const (
	// maxReloadNotice keeps a notice inside a section block's 3,000
	// characters, with room for blocks.NoticeMessage's own text.
	maxReloadNotice = 2900
	// maxAuditDetail keeps an audit entry readable in a list.
	maxAuditDetail = 1000
)

// errReloadNotConfigured is returned when the App has no content loader.
var errReloadNotConfigured = domain.NewUserError(
	"Reloading the content is not set up for this bot, so nothing has changed.")

// ContentLogFields returns the log fields that describe loaded: its digest,
// the files from CONTENT_DIR and what it contains.
func ContentLogFields(loaded *content.Content) logrus.Fields {
	return logrus.Fields{
		"content_digest":       loaded.Source.Digest,
		"content_custom_files": strings.Join(loaded.Source.Custom, ","),
		"places":               len(loaded.Campus.Places),
		"questions":            len(loaded.Assessment.Questions),
		"conduct_version":      loaded.Conduct.Version,
	}
}

// ReloadContent loads the content again with AppConfig.LoadContent and
// puts it in use when it is valid. On error the content in use stays.
// It logs the outcome, so the caller need not.
func (a *App) ReloadContent(ctx context.Context) error {
	_, _, err := a.reloadContent(ctx, "")
	return err
}

// reloadContent is ReloadContent for the programme team member userID, or
// "" for a reload that the bot's operator requested with a signal. It
// returns the content that was in use and the content now in use.
func (a *App) reloadContent(_ context.Context, userID string) (previous, loaded *content.Content, err error) {
	logger := a.logger.WithField("requested_by", userID)
	if a.loadContent == nil {
		logger.Warn("Rejected a content reload, because no content loader is configured")
		return nil, nil, errReloadNotConfigured
	}

	// One reload at a time, so each reports the content it replaced.
	a.reloads.Lock()
	defer a.reloads.Unlock()
	loaded, err = a.loadContent()
	if err == nil {
		err = a.checkPassMark(loaded)
	}
	if err != nil {
		logger.WithError(err).Error("Failed to reload the content; the previous content stays in use")
		return nil, nil, err
	}

	previous = a.content()
	if previous == nil {
		// An App built without content, as some tests build it.
		previous = &content.Content{}
	}
	a.SetContent(loaded)
	logger.WithFields(ContentLogFields(loaded)).WithField("previous_content_digest", previous.Source.Digest).
		Info("Reloaded the content")
	if len(loaded.Source.Ignored) > 0 {
		logger.WithField("files", strings.Join(loaded.Source.Ignored, ",")).
			Warn("Ignored files in CONTENT_DIR that are not content files")
	}
	return previous, loaded, nil
}

// checkPassMark returns an error when loaded's assessment has fewer
// questions than the pass mark, because then nobody could pass.
func (a *App) checkPassMark(loaded *content.Content) error {
	questions := len(loaded.Assessment.Questions)
	if questions >= a.passMark {
		return nil
	}
	return fmt.Errorf("assessment.yaml has %d questions, fewer than the pass mark of %d, so nobody could pass: "+
		"add questions, or lower PASS_MARK and restart the bot", questions, a.passMark)
}

// handleReloadContent reloads the content for a programme team member who
// pressed Reload content, and tells them the outcome in a DM.
func (a *App) handleReloadContent(ctx context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	person := personOf(callback)
	if err := a.requireAdmin(ctx, person, blocks.ActionReloadContent); err != nil {
		return Response{}, err
	}
	return Response{After: func(ctx context.Context) error {
		return a.reloadAndReport(ctx, person, target{userID: person.UserID})
	}}, nil
}

// reloadAndReport reloads the content, records the reload in the audit
// log and tells the person the outcome.
func (a *App) reloadAndReport(ctx context.Context, person domain.PersonKey, where target) error {
	previous, loaded, err := a.reloadContent(ctx, person.UserID)
	entry := domain.AuditEntry{TeamID: person.TeamID, Actor: person.UserID, At: a.now()}
	var notice string
	if err != nil {
		entry.Action = auditReloadContentFailed
		entry.Detail = truncateRunes(err.Error(), maxAuditDetail)
		notice = reloadFailedText(err)
	} else {
		entry.Action = auditReloadContent
		entry.Detail = fmt.Sprintf("content %s replaced %s; files from CONTENT_DIR: %d",
			loaded.Source.Digest, previous.Source.Digest, len(loaded.Source.Custom))
		notice = reloadedText(previous, loaded, a.passMark)
	}
	if auditErr := a.store.RecordAudit(ctx, entry); auditErr != nil {
		a.logger.WithError(auditErr).WithFields(logrus.Fields{"user_id": person.UserID, "action": string(entry.Action)}).
			Error("Failed to record a content reload in the audit log")
	}

	if err := a.notifier.Notify(ctx, where, notice); err != nil {
		return fmt.Errorf("tell %s the outcome of the content reload: %w", person.UserID, err)
	}
	if loaded != nil {
		// The person's App Home shows the programme's texts, so it is
		// rebuilt with the new ones.
		if err := a.publishHome(ctx, person); err != nil {
			a.logger.WithError(err).WithField("user_id", person.UserID).
				Warn("Failed to publish the App Home after a content reload")
		}
	}
	return nil
}

// reloadedText describes the content now in use, and how it differs from
// the content it replaced where people notice.
func reloadedText(previous, loaded *content.Content, passMark int) string {
	var text strings.Builder
	text.WriteString("*Content reloaded.* People see the new texts on the next screen they open.\n")
	if previous.Source.Digest == loaded.Source.Digest {
		text.WriteString("No content file has changed since the last load, so nothing is different.\n")
	}
	fmt.Fprintf(&text, "• Programme: %s\n", blocks.Escape(loaded.Programme.Name))
	fmt.Fprintf(&text, "• Learning: %d places, about %d minutes\n", len(loaded.Campus.Places), loaded.Campus.Minutes())
	fmt.Fprintf(&text, "• Assessment: %d questions, pass mark %d\n", len(loaded.Assessment.Questions), passMark)
	fmt.Fprintf(&text, "• Code of conduct: version %s\n", blocks.Escape(loaded.Conduct.Version))
	if len(loaded.Source.Custom) == 0 {
		text.WriteString("• Files from CONTENT_DIR: none, so this is the shipped content\n")
	} else {
		fmt.Fprintf(&text, "• Files from CONTENT_DIR: %s\n", codeList(loaded.Source.Custom))
	}
	fmt.Fprintf(&text, "• Content version: `%s`, was `%s`\n", loaded.Source.Digest, previous.Source.Digest)

	if previous.Conduct.Version != loaded.Conduct.Version {
		fmt.Fprintf(&text, "\n:warning: The code of conduct changed from version %s to %s. Everyone who agreed to "+
			"an earlier version must agree to this one before they can look for a mentor or accept a mentee. "+
			"Their App Home asks them to.\n",
			blocks.Escape(previous.Conduct.Version), blocks.Escape(loaded.Conduct.Version))
	}
	if len(loaded.Source.Ignored) > 0 {
		fmt.Fprintf(&text, "\nThese files in CONTENT_DIR are not content files, so I ignored them: %s. "+
			"If you meant them as content, check their names against the shipped ones.\n",
			codeList(loaded.Source.Ignored))
	}
	return truncateRunes(strings.TrimSuffix(text.String(), "\n"), maxReloadNotice)
}

// reloadFailedText explains a failed reload with the problems found, each
// naming its file and line, as many as fit in one message.
func reloadFailedText(err error) string {
	const (
		intro  = "*I couldn't reload the content*, so the content that was in use stays in use.\n"
		advice = "\nFix the problems above, then press *Reload content* again."
		// fence is the length of the code block's ``` on either side, with
		// their line breaks.
		fence = len("```\n") + len("\n```")
	)
	problems := strings.Split(strings.TrimPrefix(err.Error(), "invalid content:\n"), "\n")
	budget := maxReloadNotice - utf8.RuneCountInString(intro+advice) - fence
	leftOut := func(count int) string { return fmt.Sprintf("… and %d more, which the bot's log lists", count) }

	var listed []string
	used := 0
	for i, problem := range problems {
		line := blocks.Escape(problem)
		after := len(problems) - i - 1
		reserve := 0
		if after > 0 {
			reserve = utf8.RuneCountInString(leftOut(after)) + 1
		}
		if used+utf8.RuneCountInString(line)+reserve <= budget {
			listed = append(listed, line)
			used += utf8.RuneCountInString(line) + 1
			continue
		}
		if len(listed) == 0 {
			// Even the first problem is too long, so its start is shown.
			listed = append(listed, blocks.EscapeWithin(problem, budget-reserve))
		}
		if count := len(problems) - len(listed); count > 0 {
			listed = append(listed, leftOut(count))
		}
		break
	}
	return intro + "```\n" + strings.Join(listed, "\n") + "\n```" + advice
}

// codeList formats names as a comma-separated list of code spans.
func codeList(names []string) string {
	quoted := make([]string, len(names))
	for i, name := range names {
		quoted[i] = "`" + blocks.Escape(name) + "`"
	}
	return strings.Join(quoted, ", ")
}

// truncateRunes shortens text to at most max characters, ending with "…"
// when it had to cut.
func truncateRunes(text string, max int) string {
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	return string([]rune(text)[:max-1]) + "…"
}
