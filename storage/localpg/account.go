package localpg

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// account is the operating-system user that owns the cluster and runs the
// server programs.
type account struct {
	name string
	uid  int
	gid  int

	// switchUser is true when the process runs as root, so the programs must
	// run as account instead.
	switchUser bool
}

// serverAccount returns the current user. When the process runs as root, it
// returns the postgres system user instead, or user nobody if there is no
// postgres user.
func serverAccount() (account, error) {
	if os.Geteuid() != 0 {
		return account{name: "current user", uid: os.Geteuid(), gid: os.Getegid()}, nil
	}

	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		var unknown user.UnknownUserError
		if errors.As(err, &unknown) {
			continue
		}
		if err != nil {
			return account{}, fmt.Errorf("look up user %s: %w", name, err)
		}
		uid, err := strconv.Atoi(u.Uid)
		if err != nil {
			return account{}, fmt.Errorf("parse uid %q of user %s: %w", u.Uid, name, err)
		}
		gid, err := strconv.Atoi(u.Gid)
		if err != nil {
			return account{}, fmt.Errorf("parse gid %q of user %s: %w", u.Gid, name, err)
		}
		return account{name: name, uid: uid, gid: gid, switchUser: true}, nil
	}
	return account{}, errors.New("PostgreSQL cannot run as root, and neither user postgres nor user nobody " +
		"exists: create a postgres user, run Mentorbot as another user, or set DATABASE_URL")
}

// checkSearchable returns an error unless acct may search (enter) dir and
// every directory above it, which the server needs to reach its cluster.
// It applies the owner, group or other execute bit as the kernel does, but
// it considers only the account's primary group.
func checkSearchable(dir string, acct account) error {
	if !acct.switchUser {
		return nil
	}
	for {
		info, err := os.Stat(dir)
		if err != nil {
			return fmt.Errorf("check access to %s: %w", dir, err)
		}
		if !searchableBy(info, acct) {
			return fmt.Errorf("user %s cannot enter directory %s (mode %s), so the PostgreSQL "+
				"server cannot reach its cluster below it: set DATA_DIR to a directory elsewhere, "+
				"or run chmod o+x %s", acct.name, dir, info.Mode().Perm(), dir)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil
		}
		dir = parent
	}
}

func searchableBy(info fs.FileInfo, acct account) bool {
	perm := info.Mode().Perm()
	stat, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return perm&0o001 != 0
	}
	switch {
	case int(stat.Uid) == acct.uid:
		return perm&0o100 != 0
	case int(stat.Gid) == acct.gid:
		return perm&0o010 != 0
	default:
		return perm&0o001 != 0
	}
}

// chownTree makes acct the owner of dir and everything in it, when the
// process runs as root. It walks the tree only when dir itself belongs to
// someone else, as after copying a cluster in or running the bot as another
// user.
func chownTree(dir string, acct account) error {
	if !acct.switchUser {
		return nil
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("change owner of %s to user %s: %w", dir, acct.name, err)
	}
	stat, ok := info.Sys().(*syscall.Stat_t)
	if ok && int(stat.Uid) == acct.uid && int(stat.Gid) == acct.gid {
		return nil
	}

	err = filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, acct.uid, acct.gid)
	})
	if err != nil {
		return fmt.Errorf("change owner of %s to user %s: %w", dir, acct.name, err)
	}
	return nil
}

// chown makes acct the owner of one file or directory, when the process runs
// as root.
func chown(path string, acct account) error {
	if !acct.switchUser {
		return nil
	}
	if err := os.Lchown(path, acct.uid, acct.gid); err != nil {
		return fmt.Errorf("change owner of %s to user %s: %w", path, acct.name, err)
	}
	return nil
}

// runner runs the server programs as the account that owns the cluster.
type runner struct {
	account account
	dir     string // working directory, which the account must be able to enter
}

// command returns a command that runs program as r.account. Cancelling ctx
// kills the program, but not a server that pg_ctl has already detached.
func (r runner) command(ctx context.Context, program string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, program, args...)
	cmd.Dir = r.dir
	cmd.Env = withoutLibpqVariables(os.Environ())
	// Stop waiting for output a few seconds after the program exits or is
	// killed, in case a child it left behind still holds the pipe open.
	cmd.WaitDelay = 5 * time.Second
	if r.account.switchUser {
		cmd.SysProcAttr = &syscall.SysProcAttr{
			Credential: &syscall.Credential{Uid: uint32(r.account.uid), Gid: uint32(r.account.gid)},
		}
	}
	return cmd
}

// output runs program and returns its combined standard output and error.
// The error includes that output.
func (r runner) output(ctx context.Context, program string, args ...string) (string, error) {
	out, err := r.command(ctx, program, args...).CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %w: %s",
			filepath.Base(program), strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return string(out), nil
}

// withoutLibpqVariables drops the PG* variables, such as PGPORT and PGDATA,
// that would otherwise change where the programs put or look for the cluster.
func withoutLibpqVariables(environ []string) []string {
	kept := make([]string, 0, len(environ))
	for _, variable := range environ {
		if !strings.HasPrefix(variable, "PG") {
			kept = append(kept, variable)
		}
	}
	return kept
}
