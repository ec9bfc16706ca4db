package bot

import (
	"context"

	"github.com/riverqueue/river"
)

// SweepQueue is the River queue of the scheduled sweeps. River runs
// periodic jobs from the elected leader only, so each scheduled sweep runs
// once however many bot replicas share the database.
const SweepQueue = "sweeps"

// InvitationSweepArgs is the job of one invitation sweep.
type InvitationSweepArgs struct{}

// Kind returns the job kind, as River's JobArgs interface expects.
func (InvitationSweepArgs) Kind() string { return "invitation_sweep" }

// InsertOpts puts the sweeps on their own queue, so a backlog of notices
// never delays them.
func (InvitationSweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: SweepQueue}
}

// InvitationSweepWorker runs the App's SweepInvitations.
type InvitationSweepWorker struct {
	river.WorkerDefaults[InvitationSweepArgs]

	app *App
}

// NewInvitationSweepWorker returns a worker that sweeps invitations with
// app's nudge policy.
func NewInvitationSweepWorker(app *App) *InvitationSweepWorker {
	return &InvitationSweepWorker{app: app}
}

// Work runs one sweep at the current time. A failed sweep is retried by
// River, and the nudge keys keep a rerun from sending anything twice.
func (w *InvitationSweepWorker) Work(ctx context.Context, _ *river.Job[InvitationSweepArgs]) error {
	_, err := w.app.SweepInvitations(ctx, w.app.now())
	return err
}

// RelationshipSweepArgs is the job of one relationship sweep.
type RelationshipSweepArgs struct{}

// Kind returns the job kind, as River's JobArgs interface expects.
func (RelationshipSweepArgs) Kind() string { return "relationship_sweep" }

// InsertOpts puts the sweep on the sweeps' queue, as for
// InvitationSweepArgs.
func (RelationshipSweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: SweepQueue}
}

// RelationshipSweepWorker runs the App's SweepRelationships.
type RelationshipSweepWorker struct {
	river.WorkerDefaults[RelationshipSweepArgs]

	app *App
}

// NewRelationshipSweepWorker returns a worker that sweeps relationships
// with app's nudge policy.
func NewRelationshipSweepWorker(app *App) *RelationshipSweepWorker {
	return &RelationshipSweepWorker{app: app}
}

// Work runs one sweep at the current time. A failed sweep is retried by
// River, and the nudge keys keep a rerun from sending anything twice.
func (w *RelationshipSweepWorker) Work(ctx context.Context, _ *river.Job[RelationshipSweepArgs]) error {
	_, err := w.app.SweepRelationships(ctx, w.app.now())
	return err
}
