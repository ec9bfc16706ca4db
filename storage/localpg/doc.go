// Package localpg runs a private PostgreSQL cluster from the server programs
// installed on the machine. Mentorbot uses it when DATABASE_URL is not set.
//
// Start creates the cluster in Options.DataDir/postgres with initdb on first
// use and starts it with pg_ctl. The server listens only on a Unix socket in
// that directory: it has no TCP port, and every local connection is trusted,
// so access rests on the directory's permissions. The settings live in
// mentorbot.conf, which postgresql.conf includes and Start rewrites before
// each server start, so a moved data directory still works.
//
// PostgreSQL refuses to run as root. When the bot runs as root, localpg runs
// initdb, pg_ctl and postgres as the postgres system user, or as user nobody
// when there is no postgres user, and makes that user the owner of the
// cluster directory.
//
// Bot processes that share a data directory share one server. Start and Stop
// take an exclusive lock on postgres-setup.lock while they start or stop the
// server, and each Cluster holds a shared lock on postgres-users.lock until
// Stop. Stop shuts the server down only when no other process holds that
// shared lock. Both lock files sit in the data directory, beside the cluster.
package localpg
