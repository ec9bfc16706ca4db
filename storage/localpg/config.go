package localpg

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

const (
	// port is the server's port number. With no TCP listener it only names
	// the socket file, .s.PGSQL.5432.
	port = 5432

	// settingsFile is the configuration file that Start writes into the
	// cluster directory before each server start.
	settingsFile = "mentorbot.conf"

	// includeDirective is appended to postgresql.conf so that the server reads
	// settingsFile. A relative path is resolved against the directory of
	// postgresql.conf, so it survives a move of the cluster.
	includeDirective = "include_if_exists = '" + settingsFile + "'"
)

// maxSocketPathLen returns the longest Unix socket path the system accepts:
// the size of sun_path in struct sockaddr_un, less the closing NUL. That is
// 108 bytes on Linux and 104 on macOS and the BSDs.
func maxSocketPathLen() int {
	if runtime.GOOS == "linux" {
		return 107
	}
	return 103
}

// socketPath returns the path of the server's Unix socket in clusterDir.
func socketPath(clusterDir string) string {
	return filepath.Join(clusterDir, ".s.PGSQL."+strconv.Itoa(port))
}

// checkSocketPath returns an error when the socket path in clusterDir is too
// long to bind, which the server would otherwise report only in its log.
func checkSocketPath(clusterDir string) error {
	path := socketPath(clusterDir)
	if limit := maxSocketPathLen(); len(path) > limit {
		return fmt.Errorf("PostgreSQL socket path %s is %d bytes, over the limit of %d bytes "+
			"for Unix sockets: set DATA_DIR to a shorter path", path, len(path), limit)
	}
	return nil
}

// settings returns the contents of settingsFile for a cluster in clusterDir.
func settings(clusterDir string) string {
	return "# Mentorbot rewrites this file each time it starts the server.\n" +
		"# Put your own settings in postgresql.conf or postgresql.auto.conf.\n" +
		"listen_addresses = ''\n" +
		"port = " + strconv.Itoa(port) + "\n" +
		"unix_socket_directories = " + quoteSetting(clusterDir) + "\n" +
		"unix_socket_permissions = 0700\n"
}

// quoteSetting quotes s as a string value in postgresql.conf. The server's
// configuration parser reads a doubled single quote as a quote and a
// backslash as an escape, so both are doubled.
func quoteSetting(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `'`, `''`)
	return "'" + s + "'"
}

// writeSettings replaces settingsFile in clusterDir with the current settings.
// It writes a temporary file and renames it, so the server never reads half
// a file.
func writeSettings(clusterDir string, acct account) error {
	path := filepath.Join(clusterDir, settingsFile)
	temporary := path + ".tmp"
	if err := os.WriteFile(temporary, []byte(settings(clusterDir)), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", settingsFile, err)
	}
	if err := chown(temporary, acct); err != nil {
		return err
	}
	if err := os.Rename(temporary, path); err != nil {
		return fmt.Errorf("write %s: %w", settingsFile, err)
	}
	return nil
}

// ensureInclude appends includeDirective to clusterDir's postgresql.conf
// unless a line of the file already is that directive.
func ensureInclude(clusterDir string) error {
	path := filepath.Join(clusterDir, "postgresql.conf")
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read postgresql.conf: %w", err)
	}
	scanner := bufio.NewScanner(bytes.NewReader(data))
	for scanner.Scan() {
		if strings.TrimSpace(scanner.Text()) == includeDirective {
			return nil
		}
	}

	file, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("open postgresql.conf: %w", err)
	}
	text := "\n# Settings that Mentorbot needs: the socket directory and no TCP listener.\n" +
		includeDirective + "\n"
	if _, err := file.WriteString(text); err != nil {
		_ = file.Close()
		return fmt.Errorf("append to postgresql.conf: %w", err)
	}
	if err := file.Close(); err != nil {
		return fmt.Errorf("append to postgresql.conf: %w", err)
	}
	return nil
}

// isEmptyDir reports whether dir is missing or an empty directory.
func isEmptyDir(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return len(entries) == 0, nil
}

// connString returns a keyword/value connection string for database over
// the socket in clusterDir.
func connString(clusterDir, database string) string {
	return "host=" + quoteConnValue(clusterDir) +
		" port=" + strconv.Itoa(port) +
		" user=postgres" +
		" dbname=" + quoteConnValue(database) +
		" sslmode=disable"
}

// quoteConnValue quotes s for a keyword/value connection string when it is
// empty or contains a space, quote or backslash, which libpq and pgx parse
// as syntax.
func quoteConnValue(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n\r\v\f'\\") {
		return s
	}
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return "'" + s + "'"
}
