package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestGeneratedCodeIsUpToDate regenerates everything in a copy of the
// repository and fails if any file differs: generated code is committed and
// must be exactly what `go generate ./...` makes from the committed inputs.
// A copy, because generation reads its own earlier output (ent's global-id
// ranges in ent/internal).
func TestGeneratedCodeIsUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates the whole repository")
	}
	copyDir := t.TempDir()
	before := snapshot(t, ".")
	for path, data := range before {
		dst := filepath.Join(copyDir, path)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "generate", "./...")
	cmd.Dir = copyDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go generate: %v\n%s", err, out)
	}
	after := snapshot(t, copyDir)

	var drift []string
	for path, data := range after {
		if old, ok := before[path]; !ok {
			drift = append(drift, "added "+path)
		} else if !bytes.Equal(old, data) {
			drift = append(drift, "changed "+path)
		}
	}
	for path := range before {
		if _, ok := after[path]; !ok {
			drift = append(drift, "removed "+path)
		}
	}
	slices.Sort(drift)
	if len(drift) > 0 {
		t.Errorf("generated code is out of date; run `go generate ./...` and commit:\n  %s", strings.Join(drift, "\n  "))
	}
}

// snapshot reads the source files of the repository at root, leaving out
// what is not source: VCS data, the local database, installed packages.
func snapshot(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			switch d.Name() {
			case ".git", "data", "node_modules":
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
