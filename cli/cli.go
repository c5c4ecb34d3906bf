// Package cli parses the flags of dealerline's commands the same way for
// each: -h or --help prints the command's usage and succeeds, a bad flag
// fails with the usage and exit status 2.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Help is what a command answers to -h or --help: its usage, for standard
// output and exit status 0.
type Help struct{ Text string }

func (h *Help) Error() string { return h.Text }
func (h *Help) Unwrap() error { return flag.ErrHelp }

// UsageError is a command line the command cannot run: a bad flag or a
// wrong number of arguments, exit status 2.
type UsageError struct {
	Err   error
	Usage string
}

func (e *UsageError) Error() string { return e.Err.Error() + "\n\n" + e.Usage }
func (e *UsageError) Unwrap() error { return e.Err }

// Parse parses args with fs. synopsis is the first line of the usage
// ("Usage: dealerline seed [flags]"), notes what follows the flags; env
// names each flag's environment variable, if any.
func Parse(fs *flag.FlagSet, args []string, synopsis, notes string, env map[string]string) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return &Help{Text: Usage(fs, synopsis, notes, env)}
	}
	if err != nil {
		return &UsageError{Err: err, Usage: Usage(fs, synopsis, notes, env)}
	}
	return nil
}

// Usage is the synopsis, each flag with its meaning, environment variable
// and default, then the notes.
func Usage(fs *flag.FlagSet, synopsis, notes string, env map[string]string) string {
	var b strings.Builder
	b.WriteString(synopsis + "\n")
	if hasFlags(fs) {
		b.WriteString("\nFlags:\n")
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		fs.VisitAll(func(f *flag.Flag) {
			kind, meaning := flag.UnquoteUsage(f)
			name := "--" + f.Name
			if kind != "" {
				name += " " + kind
			}
			var more []string
			if v := env[f.Name]; v != "" {
				more = append(more, v)
			}
			// The usage says it in words when the default is not a value
			// ("default: as many as the orders").
			if !strings.Contains(meaning, "(default") && f.DefValue != "" && f.DefValue != "false" {
				more = append(more, fmt.Sprintf("default %s", f.DefValue))
			}
			if len(more) > 0 {
				meaning += " (" + strings.Join(more, "; ") + ")"
			}
			fmt.Fprintf(tw, "  %s\t%s\n", name, meaning)
		})
		tw.Flush()
	}
	if notes != "" {
		b.WriteString("\n" + strings.TrimRight(notes, "\n") + "\n")
	}
	return b.String()
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// Args checks the number of arguments left after the flags.
func Args(fs *flag.FlagSet, n int, synopsis, notes string, env map[string]string) error {
	if fs.NArg() == n {
		return nil
	}
	var err error
	switch {
	case fs.NArg() < n:
		err = errors.New("missing argument")
	default:
		err = fmt.Errorf("unexpected argument %q", fs.Arg(n))
	}
	return &UsageError{Err: err, Usage: Usage(fs, synopsis, notes, env)}
}
