package bot

import (
	"context"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// userCacheTTL is how long a person's Slack name and picture are reused
// before users.info is called again.
const userCacheTTL = 10 * time.Minute

// slackUser is what the bot shows of a person's Slack profile.
type slackUser struct {
	Name     string
	ImageURL string
	Deleted  bool
	// TimeZone is the IANA name of the person's time zone, such as
	// "Europe/London", or empty when Slack has none.
	TimeZone string
}

// userDirectory looks people up with users.info and caches the answers, so
// views that show a name stay within Slack's 3-second deadline.
type userDirectory struct {
	api *slack.Client
	now func() time.Time

	mu      sync.Mutex
	entries map[string]cachedUser
}

type cachedUser struct {
	user    slackUser
	fetched time.Time
}

func newUserDirectory(api *slack.Client, now func() time.Time) *userDirectory {
	return &userDirectory{api: api, now: now, entries: map[string]cachedUser{}}
}

// Lookup returns the Slack profile of userID.
func (d *userDirectory) Lookup(ctx context.Context, userID string) (slackUser, error) {
	d.mu.Lock()
	entry, ok := d.entries[userID]
	d.mu.Unlock()
	if ok && d.now().Sub(entry.fetched) < userCacheTTL {
		return entry.user, nil
	}

	info, err := d.api.GetUserInfoContext(ctx, userID)
	if err != nil {
		return slackUser{}, err
	}
	user := slackUser{
		Name:     info.Profile.DisplayName,
		ImageURL: info.Profile.Image72,
		Deleted:  info.Deleted,
		TimeZone: info.TZ,
	}
	if user.Name == "" {
		user.Name = info.RealName
	}
	if user.Name == "" {
		user.Name = info.Name
	}

	d.mu.Lock()
	d.entries[userID] = cachedUser{user: user, fetched: d.now()}
	d.mu.Unlock()
	return user, nil
}

// Forget drops the cached profile of userID, so the next lookup asks Slack.
func (d *userDirectory) Forget(userID string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.entries, userID)
}
