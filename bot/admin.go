package bot

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/domain"
)

// adminGroupTTL is how long the members of the programme team's Slack
// user group are reused before Slack is asked again, so a person removed
// from the group loses admin rights within this time.
const adminGroupTTL = time.Minute

// errNotAdmin is returned for an admin action by someone outside the
// programme team.
var errNotAdmin = domain.NewUserError("Only the programme team can do that, so nothing has changed.")

// adminDirectory decides who is on the programme team: the people named
// in the configuration, and the members of a Slack user group.
type adminDirectory struct {
	api     *slack.Client
	userIDs []string
	group   string
	now     func() time.Time

	mu      sync.Mutex
	members []string
	fetched time.Time
}

func newAdminDirectory(api *slack.Client, userIDs []string, group string, now func() time.Time) *adminDirectory {
	return &adminDirectory{api: api, userIDs: userIDs, group: group, now: now}
}

// IsAdmin reports whether userID is on the programme team. It asks Slack
// for the user group's members at most once per adminGroupTTL, and
// returns the error when that fails and userID is not named in the
// configuration.
func (d *adminDirectory) IsAdmin(ctx context.Context, userID string) (bool, error) {
	if userID == "" {
		return false, nil
	}
	if slices.Contains(d.userIDs, userID) {
		return true, nil
	}
	if d.group == "" {
		return false, nil
	}

	d.mu.Lock()
	defer d.mu.Unlock()
	if d.fetched.IsZero() || d.now().Sub(d.fetched) >= adminGroupTTL {
		members, err := d.api.GetUserGroupMembersContext(ctx, d.group)
		if err != nil {
			return false, err
		}
		d.members, d.fetched = members, d.now()
	}
	return slices.Contains(d.members, userID), nil
}

// isAdmin reports whether person is on the programme team. A failure to
// read the user group is logged and counts as not, so admin actions fail
// closed.
func (a *App) isAdmin(ctx context.Context, person domain.PersonKey) bool {
	admin, err := a.admins.IsAdmin(ctx, person.UserID)
	if err != nil {
		a.logger.WithError(err).WithField("user_id", person.UserID).
			Warn("Failed to read the programme team's Slack user group; treating the person as not an admin")
		return false
	}
	return admin
}

// requireAdmin returns errNotAdmin, and logs the rejection with the
// action, unless person is on the programme team.
func (a *App) requireAdmin(ctx context.Context, person domain.PersonKey, action string) error {
	if a.isAdmin(ctx, person) {
		return nil
	}
	a.logger.WithFields(logrus.Fields{
		"team_id": person.TeamID, "user_id": person.UserID, "action": action,
	}).Warn("Rejected an admin action from someone outside the programme team")
	return errNotAdmin
}
