package localpg

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// ErrServerNotFound is returned by Start when initdb, pg_ctl and postgres are
// neither on PATH nor in any of the usual install folders.
var ErrServerNotFound = errors.New("PostgreSQL server programs not found: " +
	"install them (for example apt-get install postgresql) " +
	"or set DATABASE_URL to an existing database")

// installFolders lists the glob patterns of the folders that packages install
// the server programs into when they do not put them on PATH.
var installFolders = []string{
	"/usr/lib/postgresql/*/bin",         // Debian and Ubuntu
	"/usr/pgsql-*/bin",                  // PGDG packages for RHEL and Fedora
	"/usr/local/pgsql/bin",              // builds from source
	"/opt/homebrew/opt/postgresql*/bin", // Homebrew on Apple silicon
	"/usr/local/opt/postgresql*/bin",    // Homebrew on Intel Macs
}

// searchPath is the list of places in which Start looks for the server
// programs.
type searchPath struct {
	path    string   // list of directories in the format of the PATH variable
	folders []string // glob patterns tried after path
}

// defaultSearchPath returns the process's PATH followed by installFolders.
func defaultSearchPath() searchPath {
	return searchPath{path: os.Getenv("PATH"), folders: installFolders}
}

// installation is one set of server programs, as absolute paths with
// symbolic links resolved.
type installation struct {
	initdb   string
	pgCtl    string
	postgres string
}

// findInstallations returns every installation found in search, in the order
// to try them: the one on PATH first, then the install folders in the order
// of search.folders, each pattern's matches from the highest version down.
func findInstallations(search searchPath) []installation {
	var found []installation
	if inst, ok := findOnPath(search.path); ok {
		found = append(found, inst)
	}

	for _, pattern := range search.folders {
		dirs, err := filepath.Glob(pattern)
		if err != nil {
			continue // Glob fails only on a malformed pattern, and installFolders has none.
		}
		sortByVersionDescending(dirs)
		for _, dir := range dirs {
			inst, ok := findInDir(dir)
			if ok && !slices.Contains(found, inst) {
				found = append(found, inst)
			}
		}
	}
	return found
}

// findOnPath looks each program up in the directories of path. It reports
// false unless all three are found, though they may be in different
// directories.
func findOnPath(path string) (installation, bool) {
	var programs [3]string
	for i, name := range []string{"initdb", "pg_ctl", "postgres"} {
		for _, dir := range filepath.SplitList(path) {
			// An empty entry means the working directory, which is no place to
			// pick a database server from.
			if dir == "" {
				continue
			}
			if resolved, ok := resolveProgram(filepath.Join(dir, name)); ok {
				programs[i] = resolved
				break
			}
		}
		if programs[i] == "" {
			return installation{}, false
		}
	}
	return installation{initdb: programs[0], pgCtl: programs[1], postgres: programs[2]}, true
}

// findInDir reports whether dir holds all three programs.
func findInDir(dir string) (installation, bool) {
	initdb, ok1 := resolveProgram(filepath.Join(dir, "initdb"))
	pgCtl, ok2 := resolveProgram(filepath.Join(dir, "pg_ctl"))
	postgres, ok3 := resolveProgram(filepath.Join(dir, "postgres"))
	if !ok1 || !ok2 || !ok3 {
		return installation{}, false
	}
	return installation{initdb: initdb, pgCtl: pgCtl, postgres: postgres}, true
}

// resolveProgram returns the absolute path of file with symbolic links
// resolved, and whether it is an executable regular file.
func resolveProgram(file string) (string, bool) {
	resolved, err := filepath.EvalSymlinks(file)
	if err != nil {
		return "", false
	}
	resolved, err = filepath.Abs(resolved)
	if err != nil {
		return "", false
	}
	info, err := os.Stat(resolved)
	if err != nil || !info.Mode().IsRegular() || info.Mode().Perm()&0o111 == 0 {
		return "", false
	}
	return resolved, true
}

// folderVersion matches the version in a folder name such as 15, 9.6,
// pgsql-16 or postgresql@17.
var folderVersion = regexp.MustCompile(`(\d+)(?:\.(\d+))?`)

// sortByVersionDescending sorts paths like /usr/lib/postgresql/15/bin by the
// version in the folder above bin, highest first. Folders without a version
// go last.
func sortByVersionDescending(dirs []string) {
	version := func(dir string) [2]int {
		match := folderVersion.FindStringSubmatch(filepath.Base(filepath.Dir(dir)))
		if match == nil {
			return [2]int{-1, -1}
		}
		major, _ := strconv.Atoi(match[1])
		minor, _ := strconv.Atoi(match[2]) // 0 when absent
		return [2]int{major, minor}
	}
	slices.SortStableFunc(dirs, func(a, b string) int {
		va, vb := version(a), version(b)
		if c := cmp.Compare(vb[0], va[0]); c != 0 {
			return c
		}
		return cmp.Compare(vb[1], va[1])
	})
}

// chooseInstallation picks the installation to run and returns its version
// as postgres --version prints it, without the program name.
//
// For a new cluster (clusterVersion empty) it takes the first candidate. For
// an existing one it takes the first whose major version matches the
// cluster's PG_VERSION, because a server cannot open a cluster that another
// major version created.
func chooseInstallation(ctx context.Context, candidates []installation,
	clusterDir, clusterVersion string, runner runner) (installation, string, error) {
	var seen []string
	for _, inst := range candidates {
		out, err := runner.output(ctx, inst.postgres, "--version")
		if err != nil {
			return installation{}, "", fmt.Errorf("read version of %s: %w", inst.postgres, err)
		}
		version := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(out), "postgres (PostgreSQL)"))
		if clusterVersion == "" || majorVersion(version) == clusterVersion {
			return inst, version, nil
		}
		seen = append(seen, fmt.Sprintf("%s (%s)", inst.postgres, version))
	}
	return installation{}, "", fmt.Errorf(
		"cluster %s was created by PostgreSQL %s, but the server programs found are %s: "+
			"install PostgreSQL %s, or upgrade the cluster with pg_upgrade",
		clusterDir, clusterVersion, strings.Join(seen, ", "), clusterVersion)
}

// majorVersion returns the major version in the form PG_VERSION stores it:
// "15" for "15.20 (Debian 15.20-0+deb12u1)", "9.6" for "9.6.24".
func majorVersion(version string) string {
	number, _, _ := strings.Cut(version, " ")
	parts := strings.Split(number, ".")
	if first, err := strconv.Atoi(parts[0]); err == nil && first < 10 && len(parts) > 1 {
		return parts[0] + "." + parts[1]
	}
	// Development builds print versions such as 18beta1 or 18devel.
	end := strings.IndexFunc(parts[0], func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		return parts[0]
	}
	return parts[0][:end]
}

// readClusterVersion returns the major version in dir's PG_VERSION file, or
// "" when dir holds no cluster.
func readClusterVersion(dir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "PG_VERSION"))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read cluster version: %w", err)
	}
	return strings.TrimSpace(string(data)), nil
}
