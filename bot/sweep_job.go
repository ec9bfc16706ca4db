package bot

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// SweepQueue is the River queue of the scheduled sweeps. River runs
// periodic jobs from the elected leader only, so each scheduled sweep runs
// once however many bot replicas share the database.
const SweepQueue = "sweeps"

// sweepInsertOpts puts a sweep on its own queue, so a backlog of notices
// never delays it.
var sweepInsertOpts = river.InsertOpts{Queue: SweepQueue}

// InvitationSweepArgs is the job of one invitation sweep.
type InvitationSweepArgs struct{}

// Kind returns the job kind, as River's JobArgs interface expects.
func (InvitationSweepArgs) Kind() string { return "invitation_sweep" }

// InsertOpts puts the sweep on SweepQueue.
func (InvitationSweepArgs) InsertOpts() river.InsertOpts { return sweepInsertOpts }

// RegistrationSweepArgs is the job of one registration sweep.
type RegistrationSweepArgs struct{}

// Kind returns the job kind, as River's JobArgs interface expects.
func (RegistrationSweepArgs) Kind() string { return "registration_sweep" }

// InsertOpts puts the sweep on SweepQueue.
func (RegistrationSweepArgs) InsertOpts() river.InsertOpts { return sweepInsertOpts }

// RelationshipSweepArgs is the job of one relationship sweep.
type RelationshipSweepArgs struct{}

// Kind returns the job kind, as River's JobArgs interface expects.
func (RelationshipSweepArgs) Kind() string { return "relationship_sweep" }

// InsertOpts puts the sweep on SweepQueue.
func (RelationshipSweepArgs) InsertOpts() river.InsertOpts { return sweepInsertOpts }

// SweepWorker is the River worker of the sweep whose job arguments are A.
type SweepWorker[A river.JobArgs] struct {
	river.WorkerDefaults[A]

	app   *App
	sweep func(ctx context.Context, now time.Time) error
}

// Work runs one sweep at the current time. A failed sweep is retried by
// River, and the nudge keys keep a rerun from sending anything twice.
func (w *SweepWorker[A]) Work(ctx context.Context, _ *river.Job[A]) error {
	return w.sweep(ctx, w.app.now())
}

// NewInvitationSweepWorker returns the worker of app's SweepInvitations.
func NewInvitationSweepWorker(app *App) *SweepWorker[InvitationSweepArgs] {
	return &SweepWorker[InvitationSweepArgs]{app: app, sweep: func(ctx context.Context, now time.Time) error {
		_, err := app.SweepInvitations(ctx, now)
		return err
	}}
}

// NewRegistrationSweepWorker returns the worker of app's
// SweepRegistrations.
func NewRegistrationSweepWorker(app *App) *SweepWorker[RegistrationSweepArgs] {
	return &SweepWorker[RegistrationSweepArgs]{app: app, sweep: func(ctx context.Context, now time.Time) error {
		_, err := app.SweepRegistrations(ctx, now)
		return err
	}}
}

// NewRelationshipSweepWorker returns the worker of app's
// SweepRelationships.
func NewRelationshipSweepWorker(app *App) *SweepWorker[RelationshipSweepArgs] {
	return &SweepWorker[RelationshipSweepArgs]{app: app, sweep: func(ctx context.Context, now time.Time) error {
		_, err := app.SweepRelationships(ctx, now)
		return err
	}}
}
