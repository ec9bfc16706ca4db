package localpg

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeInstall writes executable stand-ins for the three programs into dir.
func fakeInstall(t *testing.T, dir string) installation {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"), 0o755))
	}
	resolved, err := filepath.EvalSymlinks(dir)
	require.NoError(t, err)
	return installation{
		initdb:   filepath.Join(resolved, "initdb"),
		pgCtl:    filepath.Join(resolved, "pg_ctl"),
		postgres: filepath.Join(resolved, "postgres"),
	}
}

func TestFindInstallations_Order(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	v96 := fakeInstall(t, filepath.Join(root, "lib", "9.6", "bin"))
	v10 := fakeInstall(t, filepath.Join(root, "lib", "10", "bin"))
	v16 := fakeInstall(t, filepath.Join(root, "lib", "16", "bin"))
	brew := fakeInstall(t, filepath.Join(root, "opt", "postgresql", "bin"))
	brew17 := fakeInstall(t, filepath.Join(root, "opt", "postgresql@17", "bin"))
	// An incomplete installation is skipped.
	require.NoError(t, os.MkdirAll(filepath.Join(root, "lib", "18", "bin"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "lib", "18", "bin", "postgres"), nil, 0o755))

	// PATH holds symbolic links to version 10, split over two directories.
	pathA, pathB := filepath.Join(root, "path-a"), filepath.Join(root, "path-b")
	require.NoError(t, os.Mkdir(pathA, 0o755))
	require.NoError(t, os.Mkdir(pathB, 0o755))
	require.NoError(t, os.Symlink(v10.initdb, filepath.Join(pathA, "initdb")))
	require.NoError(t, os.Symlink(v10.pgCtl, filepath.Join(pathB, "pg_ctl")))
	require.NoError(t, os.Symlink(v10.postgres, filepath.Join(pathB, "postgres")))

	found := findInstallations(searchPath{
		path:    pathA + string(os.PathListSeparator) + pathB,
		folders: []string{filepath.Join(root, "lib", "*", "bin"), filepath.Join(root, "opt", "postgresql*", "bin")},
	})

	assert.Equal(t, []installation{v10, v16, v96, brew17, brew}, found)
}

func TestFindInstallations_PathIncomplete(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	inst := fakeInstall(t, filepath.Join(root, "bin"))
	require.NoError(t, os.Remove(inst.initdb))

	found := findInstallations(searchPath{path: filepath.Join(root, "bin")})

	assert.Empty(t, found)
}

func TestFindInstallations_NotExecutable(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	inst := fakeInstall(t, filepath.Join(root, "bin"))
	require.NoError(t, os.Chmod(inst.postgres, 0o644))

	found := findInstallations(searchPath{path: filepath.Join(root, "bin")})

	assert.Empty(t, found)
}

func TestMajorVersion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		version string
		want    string
	}{
		{"15.20 (Debian 15.20-0+deb12u1)", "15"},
		{"16.4", "16"},
		{"9.6.24", "9.6"},
		{"18beta1", "18"},
		{"17devel", "17"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, majorVersion(tt.version), tt.version)
	}
}
