package portal_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// requireTool returns the path of a program the test needs; without it the
// test skips, or fails where every service is required (CI).
func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("DEALERLINE_REQUIRE_SERVICES") == "1" {
			t.Fatalf("%s is not on PATH, and DEALERLINE_REQUIRE_SERVICES=1", name)
		}
		t.Skipf("%s is not on PATH", name)
	}
	return p
}

// TestBuild_MatchesCommittedBundle builds the portal from its committed
// sources in a fresh copy, the way any machine would, and fails when the
// result differs from the committed dist/ that the binary embeds: the bundle
// must be what its sources produce, on every machine; so must operations.json,
// the allow-list of the portal's operations. It also runs the
// portal's own tests, and checks that the portal's operations still match
// the API schema in graph/.
func TestBuild_MatchesCommittedBundle(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the portal with npm (skipped with -short)")
	}
	npm := requireTool(t, "npm")

	root := t.TempDir()
	work := filepath.Join(root, "portal")
	copyTree(t, ".", work, func(rel string) bool {
		return rel == "node_modules" || rel == "dist" || rel == "operations.json" || strings.HasSuffix(rel, ".go")
	})
	// codegen reads the schema from ../graph.
	schemas, err := filepath.Glob("../graph/*.graphqls")
	if err != nil || len(schemas) == 0 {
		t.Fatalf("no schema files in ../graph: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(root, "graph"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, s := range schemas {
		copyFile(t, s, filepath.Join(root, "graph", filepath.Base(s)))
	}

	run := func(args ...string) {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), npm, args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "CI=true", "npm_config_update_notifier=false", "npm_config_fund=false", "npm_config_audit=false")
		start := time.Now()
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("npm %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		t.Logf("npm %s: %s", strings.Join(args, " "), time.Since(start).Round(100*time.Millisecond))
	}
	run("ci", "--prefer-offline")
	run("run", "build")

	if diff := diffTrees(t, "dist", filepath.Join(work, "dist")); len(diff) > 0 {
		t.Errorf("the committed portal/dist is not what its sources build; run `npm run build` in portal/ and commit dist/. Differences:\n  %s",
			strings.Join(diff, "\n  "))
	}
	// The server's allow-list of operations is made with the bundle.
	if want, got := readFile(t, "operations.json"), readFile(t, filepath.Join(work, "operations.json")); !bytes.Equal(want, got) {
		t.Errorf("the committed portal/operations.json is not what `npm run build` makes from the portal's operations; run it and commit the file")
	}

	run("test")

	// The operations must still validate against the API schema. The
	// generated types may lag behind schema additions that the portal does
	// not use; that is reported, not failed.
	run("run", "codegen")
	if diff := diffTrees(t, "src/gql", filepath.Join(work, "src/gql")); len(diff) > 0 {
		t.Logf("src/gql differs from what `npm run codegen` makes from graph/ now: %s", strings.Join(diff, "; "))
	}
}

func copyTree(t *testing.T, from, to string, skip func(rel string) bool) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		if rel != "." && skip(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		copyFile(t, p, filepath.Join(to, rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// diffTrees lists the files that are only in want, only in got, or differ.
func diffTrees(t *testing.T, want, got string) []string {
	t.Helper()
	read := func(dir string) map[string][]byte {
		files := map[string][]byte{}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			b, err := os.ReadFile(p)
			files[filepath.ToSlash(rel)] = b
			return err
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return files
	}
	w, g := read(want), read(got)
	var diff []string
	for name, wb := range w {
		gb, ok := g[name]
		switch {
		case !ok:
			diff = append(diff, name+": committed, not built")
		case !bytes.Equal(wb, gb):
			diff = append(diff, name+": content differs")
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			diff = append(diff, name+": built, not committed")
		}
	}
	slices.Sort(diff)
	return diff
}
