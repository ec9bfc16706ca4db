package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io/fs"
	"slices"
)

// digestLength is how many hexadecimal digits of the SHA-256 hash
// Source.Digest keeps: enough to tell versions of the content apart in a
// log, not to resist a forger.
const digestLength = 12

// Source describes the files that a Content was loaded from.
type Source struct {
	// Custom lists the files read from CONTENT_DIR in place of the shipped
	// ones, as paths relative to it, sorted.
	Custom []string
	// Ignored lists the files in CONTENT_DIR that the bot does not read,
	// such as a misspelt name, sorted. Names that start with a dot are left
	// out.
	Ignored []string
	// Digest is the start of a SHA-256 hash of the name and bytes of every
	// file read, so it changes whenever one of them does.
	Digest string
}

// source is the file system that Load reads through. It records each file
// that readFile reads, and names files in messages by where they came from.
type source struct {
	fsys    fs.FS
	overlay *overlayFS
	read    map[string]bool
	hash    hash.Hash
}

func newSource(fsys fs.FS) *source {
	s := &source{fsys: fsys, read: map[string]bool{}, hash: sha256.New()}
	if overlay, ok := fsys.(overlayFS); ok {
		s.overlay = &overlay
	}
	return s
}

func (s *source) Open(name string) (fs.File, error) { return s.fsys.Open(name) }

func (s *source) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.fsys, name) }

func (s *source) Stat(name string) (fs.FileInfo, error) { return fs.Stat(s.fsys, name) }

// label returns how a message names the file or directory name. With an
// overlay, one that CONTENT_DIR contains is "CONTENT_DIR/" and its path,
// and a shipped one is "shipped " and its path; otherwise it is the path
// alone.
func (s *source) label(name string) string {
	switch {
	case s.overlay == nil:
		return name
	case s.overlay.inCustom(name):
		return customDirName + "/" + name
	default:
		return "shipped " + name
	}
}

// fromCustom reports whether name comes from CONTENT_DIR.
func (s *source) fromCustom(name string) bool {
	return s.overlay != nil && s.overlay.fromCustom(name)
}

// record adds a file that was read to the digest.
func (s *source) record(name string, raw []byte) {
	s.read[name] = true
	fmt.Fprintf(s.hash, "%s\x00%d\x00", name, len(raw))
	s.hash.Write(raw)
}

// describe returns the Source of the files read so far.
func (s *source) describe() (Source, error) {
	described := Source{Digest: hex.EncodeToString(s.hash.Sum(nil))[:digestLength]}
	if s.overlay == nil {
		return described, nil
	}
	for name := range s.read {
		if s.overlay.fromCustom(name) {
			described.Custom = append(described.Custom, name)
		}
	}
	slices.Sort(described.Custom)
	ignored, err := ignoredFiles(s.overlay.custom, s.read)
	if err != nil {
		return Source{}, fmt.Errorf("list the files of %s: %w", customDirName, err)
	}
	described.Ignored = ignored
	return described, nil
}

// labelOf returns how a message names the file name of fsys, as
// source.label does.
func labelOf(fsys fs.FS, name string) string {
	if s, ok := fsys.(*source); ok {
		return s.label(name)
	}
	return name
}

// isCustom reports whether the file name of fsys comes from CONTENT_DIR.
func isCustom(fsys fs.FS, name string) bool {
	s, ok := fsys.(*source)
	return ok && s.fromCustom(name)
}
