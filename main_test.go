package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain runs the command itself when a test starts this binary again
// with DEALERLINE_RUN_MAIN set, so that exit statuses are real.
func TestMain(m *testing.M) {
	if os.Getenv("DEALERLINE_RUN_MAIN") == "1" {
		os.Args = append([]string{"dealerline"}, os.Args[1:]...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// run runs dealerline with args and returns its exit status, standard
// output and standard error.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DEALERLINE_RUN_MAIN=1", "DEALERLINE_DATA="+t.TempDir())
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String(), errOut.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String(), errOut.String()
	}
	t.Fatalf("dealerline %s: %v", strings.Join(args, " "), err)
	return 0, "", ""
}

func TestHelp(t *testing.T) {
	commands := []string{"serve", "migrate", "seed", "import", "backup", "restore",
		"signals evaluate", "bench queries", "bench signals", "bench endpoint", "loadtest"}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		code, out, errOut := run(t, args...)
		if code != 0 || errOut != "" {
			t.Errorf("dealerline %s: exit %d, stderr %q", args[0], code, errOut)
		}
		for _, c := range commands {
			if !strings.Contains(out, "\n  "+c+" ") {
				t.Errorf("dealerline %s does not list %q:\n%s", args[0], c, out)
			}
		}
	}

	// Each command's own flags, with their defaults.
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"serve", "--help"}, []string{"Usage: dealerline [serve | migrate]", "--addr string", "DEALERLINE_ADDR; default :8080", "--session-ttl duration", "DATABASE_URL"}},
		{[]string{"--help", "serve"}, []string{"--addr string"}},
		{[]string{"migrate", "--help"}, []string{"--data string", "default ./data"}},
		{[]string{"seed", "--help"}, []string{"Usage: dealerline seed", "--dealers int", "default 10000", "--orders int", "default 1000000", "--tokens string"}},
		{[]string{"help", "seed"}, []string{"Usage: dealerline seed", "--dealers int"}},
		{[]string{"import", "-h"}, []string{"Usage: dealerline import [flags] FILE", "--max-line-quantity int", "default 10000", "--conflict-due-days string", "default HIGH=2,MEDIUM=5,LOW=10"}},
		{[]string{"backup", "--help"}, []string{"Usage: dealerline backup [flags] FILE", "--data string"}},
		{[]string{"restore", "--help"}, []string{"Usage: dealerline restore [flags] FILE", "--force", "--data string"}},
		{[]string{"signals", "evaluate", "--help"}, []string{"Usage: dealerline signals evaluate", "--timezone string", "default UTC"}},
		{[]string{"bench", "--help"}, []string{"bench queries|signals|endpoint"}},
		{[]string{"bench", "queries", "--help"}, []string{"Usage: dealerline bench queries", "--clients int", "default 16", "--scenarios string"}},
		{[]string{"bench", "signals", "--help"}, []string{"Usage: dealerline bench signals", "--samples int", "default 100"}},
		{[]string{"bench", "endpoint", "--help"}, []string{"Usage: dealerline bench endpoint --query FILE", "--url string", "--query FILE", "--variables FILE", "--header 'Name: value'", "--pid NAME=PID", "--clients int", "default 16", "--json"}},
		{[]string{"help", "bench", "endpoint"}, []string{"Usage: dealerline bench endpoint"}},
		{[]string{"loadtest", "--help"}, []string{"Usage: dealerline loadtest", "--subscribers int", "default 1000", "--tokens FILE"}},
	} {
		code, out, errOut := run(t, tc.args...)
		if code != 0 || errOut != "" {
			t.Errorf("dealerline %s: exit %d, stderr %q", strings.Join(tc.args, " "), code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("dealerline %s: no %q in\n%s", strings.Join(tc.args, " "), w, out)
			}
		}
		if strings.Contains(out, "help requested") {
			t.Errorf("dealerline %s: %q", strings.Join(tc.args, " "), out)
		}
	}
}

func TestBadCommandLine(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"--no-such-flag"}, "flag provided but not defined: -no-such-flag"},
		{[]string{"seed", "--dealers", "many"}, `invalid value "many" for flag -dealers`},
		{[]string{"import"}, "dealerline import: missing argument"},
		{[]string{"backup", "a", "b"}, `unexpected argument "b"`},
		{[]string{"bench"}, "dealerline bench: name what to measure"},
		{[]string{"bench", "queries", "--nope"}, "dealerline bench queries: flag provided but not defined"},
		{[]string{"signals"}, "dealerline signals evaluate"},
		{[]string{"bench", "endpoint"}, "dealerline bench endpoint: --query is required"},
		{[]string{"bench", "endpoint", "--query", "q.graphql", "--header", "no colon"}, `invalid value "no colon" for flag -header`},
		{[]string{"bench", "endpoint", "--query", "q.graphql", "--pid", "dealerline"}, `invalid value "dealerline" for flag -pid`},
		{[]string{"serve", "extra"}, `unexpected argument "extra"`},
	} {
		code, out, errOut := run(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) || out != "" {
			t.Errorf("dealerline %s: exit %d, stdout %q, stderr %q; want exit 2 and %q",
				strings.Join(tc.args, " "), code, out, errOut, tc.want)
		}
	}
}
