package bot

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// exportBatch is how many rows an export reads from the database at a
// time.
const exportBatch = 500

// relationshipColumns and registrationColumns are the header rows of the
// two exports.
var (
	relationshipColumns = []string{
		"invitation_id", "mentor_user_id", "mentor_name", "mentee_user_id", "mentee_name", "status",
		"requested_at", "answered_at", "ended_at", "reason",
	}
	registrationColumns = []string{
		"user_id", "name", "deactivated", "mentee_next_step", "mentor_next_step",
		"mentee_started_at", "mentor_started_at", "learning_completed_at", "assessment_passed_at",
		"conduct_version", "mentor_listed", "hidden_by_programme_team",
	}
)

// csvExport is one of the programme team's CSV exports.
type csvExport struct {
	audit       domain.AuditAction
	name, title string
	build       func(a *App, ctx context.Context, teamID string) ([]byte, error)
}

// csvExports are the exports by the action id of their button: every
// relationship, and every person who started registering.
var csvExports = map[string]csvExport{
	blocks.ActionAdminExportRelationships: {
		audit: domain.AuditExportRelationships, name: "relationships", title: "Relationships",
		build: (*App).relationshipsCSV,
	},
	blocks.ActionAdminExportRegistrations: {
		audit: domain.AuditExportRegistrations, name: "registrations", title: "Registrations",
		build: (*App).registrationsCSV,
	},
}

// handleExport sends the clicker the CSV file of the export that the
// button names.
func (a *App) handleExport(ctx context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	admin := personOf(callback)
	if err := a.requireAdmin(ctx, admin, action.ActionID); err != nil {
		return Response{}, err
	}
	export := csvExports[action.ActionID]
	return Response{After: func(ctx context.Context) error {
		content, err := export.build(a, ctx, admin.TeamID)
		if err != nil {
			return err
		}
		return a.sendExport(ctx, admin, export.audit, export.name, export.title, content)
	}}, nil
}

// sendExport uploads content to admin's DM and records the export in the
// audit log.
func (a *App) sendExport(ctx context.Context, admin domain.PersonKey, action domain.AuditAction, name, title string, content []byte) error {
	filename := fmt.Sprintf("%s-%s.csv", name, a.now().UTC().Format(time.DateOnly))
	comment := fmt.Sprintf("Here's the %s export you asked for. It contains personal data, "+
		"so please keep it somewhere safe and delete it when you're done.", name)
	if err := a.sendFile(ctx, admin.UserID, filename, title, comment, content); err != nil {
		return err
	}
	err := a.store.RecordAudit(ctx, domain.AuditEntry{
		TeamID: admin.TeamID, Actor: admin.UserID, Action: action, Detail: filename, At: a.now(),
	})
	if err != nil {
		return err
	}
	a.logger.WithFields(logrus.Fields{"admin_user_id": admin.UserID, "file": filename, "bytes": len(content)}).
		Info("Sent an export to the programme team")
	return nil
}

// relationshipsCSV returns teamID's relationships as CSV.
func (a *App) relationshipsCSV(ctx context.Context, teamID string) ([]byte, error) {
	var buffer bytes.Buffer
	writer := csv.NewWriter(&buffer)
	if err := writer.Write(relationshipColumns); err != nil {
		return nil, err
	}
	err := a.store.ExportRelationships(ctx, teamID, exportBatch, func(records []domain.RelationshipRecord) error {
		for _, record := range records {
			invitation := record.Invitation
			row := []string{
				strconv.FormatInt(invitation.ID, 10),
				invitation.Mentor.UserID, record.MentorName, invitation.Mentee.UserID, record.MenteeName,
				string(invitation.Status),
				csvTime(&invitation.CreatedAt), csvTime(invitation.AnsweredAt), csvTime(invitation.EndedAt),
				invitation.Reason,
			}
			if err := writer.Write(safeCells(row)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	writer.Flush()
	return buffer.Bytes(), writer.Error()
}

// registrationsCSV returns teamID's people as CSV, deactivated ones
// included.
func (a *App) registrationsCSV(ctx context.Context, teamID string) ([]byte, error) {
	var buffer bytes.Buffer
	writer := csv.NewWriter(&buffer)
	if err := writer.Write(registrationColumns); err != nil {
		return nil, err
	}
	version := a.content().Conduct.Version
	err := a.store.ExportRegistrations(ctx, teamID, version, exportBatch, func(records []domain.RegistrationRecord) error {
		for _, record := range records {
			row := []string{
				record.Person.UserID, record.Name, strconv.FormatBool(record.Deactivated),
				csvStep(record.MenteeStep), csvStep(record.MentorStep),
				csvTime(record.MenteeStartedAt), csvTime(record.MentorStartedAt),
				csvTime(record.LearningCompletedAt), csvTime(record.AssessmentPassedAt),
				record.ConsentVersion, strconv.FormatBool(record.MentorListed), strconv.FormatBool(record.AdminHidden),
			}
			if err := writer.Write(safeCells(row)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	writer.Flush()
	return buffer.Bytes(), writer.Error()
}

// safeCells prefixes with an apostrophe each cell that starts with =, +,
// -, @, a tab or a carriage return, so a spreadsheet shows it as text
// instead of reading it as a formula. Names and reasons are typed by
// people, so any of them may start so.
func safeCells(row []string) []string {
	for i, cell := range row {
		if cell == "" {
			continue
		}
		switch cell[0] {
		case '=', '+', '-', '@', '\t', '\r':
			row[i] = "'" + cell
		}
	}
	return row
}

// csvTime returns at in RFC 3339 in UTC, or "" when it is nil.
func csvTime(at *time.Time) string {
	if at == nil || at.IsZero() {
		return ""
	}
	return at.UTC().Format(time.RFC3339)
}

// csvStep returns the step's name, or "" for a role not started.
func csvStep(step domain.Step) string {
	if step == 0 {
		return ""
	}
	return step.String()
}
