package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// customDirName names the programme team's content directory in messages,
// by the setting that points at it.
const customDirName = "CONTENT_DIR"

// LoadDir loads the shipped content with the files of dir laid over it, as
// Overlay describes. An empty dir loads the shipped content alone. A dir
// that is missing or not a directory is an error, so content that has
// disappeared never turns silently into the shipped defaults.
func LoadDir(dir string) (*Content, error) {
	if dir == "" {
		return Default()
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", customDirName, dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s %s is a file, not a directory", customDirName, dir)
	}
	// os.Root keeps every file, and every symbolic link, inside dir, so a
	// link to a file elsewhere on the machine cannot be read, nor quoted
	// in an error message sent to the admin.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", customDirName, dir, err)
	}
	defer root.Close()
	return Load(Overlay(root.FS()))
}

// Overlay returns the shipped content files with the files of custom laid
// over them. A file in custom replaces the shipped file of the same
// relative path, such as learning/04-library.yaml; a shipped file that
// custom lacks stays in use. Directories are merged, so a new file in
// custom's learning/ adds a place. Load reads only the files it knows, so
// other files of custom are ignored and listed in Source.Ignored.
func Overlay(custom fs.FS) fs.FS {
	return overlayFS{custom: custom, base: defaults}
}

// overlayFS is a file system of two layers in which custom's files hide
// base's files of the same name.
type overlayFS struct {
	custom, base fs.FS
}

// Open opens name from custom or, when custom has no such file, from base.
// A directory lists the entries of both layers. An error other than "not
// found" in custom, such as a file it may not read, is returned instead of
// falling back to base.
func (o overlayFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	file, err := o.custom.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return o.base.Open(name)
	}
	if err != nil {
		return nil, err
	}
	info, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, err
	}
	if !info.IsDir() {
		return file, nil
	}
	file.Close()
	entries, err := o.ReadDir(name)
	if err != nil {
		return nil, err
	}
	return &mergedDir{info: info, entries: entries}, nil
}

// Stat returns the file information of name from custom or, when custom
// has no such file, from base, without opening it, so that a named pipe
// is reported instead of blocking the reader.
func (o overlayFS) Stat(name string) (fs.FileInfo, error) {
	info, err := fs.Stat(o.custom, name)
	if errors.Is(err, fs.ErrNotExist) {
		return fs.Stat(o.base, name)
	}
	return info, err
}

// ReadDir lists the directory name of both layers, sorted by name. An entry
// of custom hides base's entry of the same name.
func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	custom, customErr := fs.ReadDir(o.custom, name)
	base, baseErr := fs.ReadDir(o.base, name)
	switch {
	case customErr != nil && !errors.Is(customErr, fs.ErrNotExist):
		return nil, customErr
	case baseErr != nil && !errors.Is(baseErr, fs.ErrNotExist):
		return nil, baseErr
	case customErr != nil && baseErr != nil:
		return nil, customErr
	}

	byName := map[string]fs.DirEntry{}
	for _, entry := range base {
		byName[entry.Name()] = entry
	}
	for _, entry := range custom {
		byName[entry.Name()] = entry
	}
	entries := make([]fs.DirEntry, 0, len(byName))
	for _, entry := range byName {
		entries = append(entries, entry)
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// inCustom reports whether the custom layer contains name, a file or a
// directory.
func (o overlayFS) inCustom(name string) bool {
	_, err := fs.Stat(o.custom, name)
	return err == nil
}

// fromCustom reports whether name is a file of the custom layer, so the
// shipped file of that name is hidden.
func (o overlayFS) fromCustom(name string) bool {
	info, err := fs.Stat(o.custom, name)
	return err == nil && !info.IsDir()
}

// mergedDir is a directory of an overlayFS, opened for reading its entries.
type mergedDir struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	offset  int
}

func (d *mergedDir) Stat() (fs.FileInfo, error) { return d.info, nil }

func (d *mergedDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.Name(), Err: errors.New("is a directory")}
}

func (d *mergedDir) Close() error { return nil }

// ReadDir returns the next n entries, or all remaining ones when n <= 0, as
// fs.ReadDirFile specifies.
func (d *mergedDir) ReadDir(n int) ([]fs.DirEntry, error) {
	remaining := d.entries[d.offset:]
	if n <= 0 {
		d.offset = len(d.entries)
		return slices.Clone(remaining), nil
	}
	if len(remaining) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(remaining))
	d.offset += n
	return slices.Clone(remaining[:n]), nil
}

// ignoredFiles returns the files of custom that are not in read, sorted.
// Names that start with a dot, such as .git or an editor's swap file, are
// skipped without being listed. A directory that cannot be read is listed
// itself, because none of its files are read either.
func ignoredFiles(custom fs.FS, read map[string]bool) ([]string, error) {
	var ignored []string
	err := fs.WalkDir(custom, ".", func(name string, entry fs.DirEntry, err error) error {
		switch {
		case err != nil && name == ".":
			return err
		case err != nil:
			ignored = append(ignored, name)
			return nil
		}
		if name != "." && strings.HasPrefix(entry.Name(), ".") {
			if entry.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !entry.IsDir() && !read[name] {
			ignored = append(ignored, name)
		}
		return nil
	})
	return ignored, err
}
