package pgtest

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/peterldowns/pgtestdb"
)

// pgtestdbConfig converts a connection string, in URL or keyword/value form,
// into the pieces from which pgtestdb builds its URLs
// (postgres://user:password@host:port/database?options).
//
// It carries over the first host, port, user, password, database and
// sslmode. A Unix socket directory goes into the options as host=, which
// libpq and pgx let override the URL's host.
//
// NOTE: sslrootcert, sslcert and sslkey are not carried over, because pgx
// loads those files while parsing and keeps no path. Set PGSSLROOTCERT,
// PGSSLCERT and PGSSLKEY instead, which pgx reads for every URL.
func pgtestdbConfig(connString string) (pgtestdb.Config, error) {
	parsed, err := pgconn.ParseConfig(connString)
	if err != nil {
		// pgconn redacts the password in its parse errors.
		return pgtestdb.Config{}, fmt.Errorf("parse database connection string: %w", err)
	}

	host := parsed.Host
	options := []string{}
	if strings.HasPrefix(host, "/") {
		options = append(options, "host="+escape(host), "sslmode=disable")
		host = ""
	} else {
		options = append(options, "sslmode="+sslMode(parsed))
		if strings.Contains(host, ":") {
			host = "[" + host + "]" // IPv6 address
		}
	}

	return pgtestdb.Config{
		DriverName: "pgx",
		Host:       host,
		Port:       strconv.Itoa(int(parsed.Port)),
		User:       escape(parsed.User),
		Password:   escape(parsed.Password),
		Database:   escape(parsed.Database),
		Options:    strings.Join(options, "&"),
	}, nil
}

// escape percent-encodes every byte of s except the unreserved characters
// of RFC 3986. It writes a space as %20, not as the "+" of url.QueryEscape,
// because libpq and pgx read "+" as a plus sign.
func escape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// sslMode recovers the sslmode that pgconn.ParseConfig turned into TLS
// settings, from the way pgx v5 sets up TLSConfig and Fallbacks for each
// mode.
func sslMode(config *pgconn.Config) string {
	var fallback *pgconn.FallbackConfig
	for _, f := range config.Fallbacks {
		if f.Host == config.Host && f.Port == config.Port {
			fallback = f
			break
		}
	}

	tlsConfig := config.TLSConfig
	switch {
	case tlsConfig == nil && fallback == nil:
		return "disable"
	case tlsConfig == nil:
		return "allow" // plain first, then TLS
	case fallback != nil:
		return "prefer" // TLS first, then plain
	case tlsConfig.VerifyPeerCertificate != nil:
		return "verify-ca"
	case tlsConfig.InsecureSkipVerify:
		return "require"
	default:
		return "verify-full"
	}
}
