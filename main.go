// Command dealerline runs the Dealerline channel CRM: the GraphQL API, the
// dealer portal and GraphiQL. With no configuration it uses an embedded
// SQLite database under ./data and loads demo data on its first start.
// `dealerline migrate` brings the database schema up to date and exits;
// `dealerline seed` fills an empty database with a large data set;
// `dealerline backup FILE` copies the database while the server runs and
// `dealerline restore FILE` puts a copy back (README: Backup and restore);
// `dealerline import FILE` brings in history (docs/IMPORT.md);
// `dealerline signals evaluate` runs the daily evaluation of the
// channel-change signals now;
// `dealerline bench queries`, `dealerline bench signals` and
// `dealerline loadtest` measure a running server, and
// `dealerline bench endpoint` loads any GraphQL endpoint with one query
// (BENCHMARKS.md).
// `dealerline --help` lists the commands, `dealerline COMMAND --help` shows
// a command's flags.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"

	"github.com/dealerline/dealerline/bench"
	"github.com/dealerline/dealerline/cli"
	"github.com/dealerline/dealerline/importer"
	"github.com/dealerline/dealerline/seed"
	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/signals"
	"github.com/dealerline/dealerline/store"
)

// commands are what `dealerline --help` lists, one line each.
var commands = []struct{ name, summary string }{
	{"serve", "run the API, the portal and GraphiQL (the default: no command)"},
	{"migrate", "apply the database migrations and exit"},
	{"seed", "fill an empty database with a large data set"},
	{"import FILE", "bring in history from a file (docs/IMPORT.md)"},
	{"backup FILE", "copy the database while the server runs"},
	{"restore FILE", "put a copy of the database back"},
	{"signals evaluate", "evaluate the channel-change signals now"},
	{"bench queries", "time the API's pages against a running server"},
	{"bench signals", "time signals from a survey to their subscribers"},
	{"bench endpoint", "load any GraphQL endpoint with one query and check every answer"},
	{"loadtest", "measure real-time delivery under load"},
	{"help [COMMAND]", "this list, or a command's flags"},
}

func usage() string {
	var b strings.Builder
	b.WriteString("Dealerline, the channel CRM.\n\nUsage: dealerline [COMMAND] [flags]\n\nCommands:\n")
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	b.WriteString("\n`dealerline COMMAND --help` shows a command's flags and their defaults;\n" +
		"flags given without a command are the server's (`dealerline serve --help`).\n")
	return b.String()
}

const benchUsage = "Usage: dealerline bench queries|signals|endpoint [flags]\n\n" +
	"  queries   time the API's pages against a running server\n" +
	"  signals   time signals from a survey to their subscribers\n" +
	"  endpoint  load any GraphQL endpoint with one query and check every answer\n\n" +
	"`dealerline bench queries --help` shows its flags.\n"

// toolCommand is the measuring command args ask for, nil for none:
// `dealerline bench queries`, `dealerline bench signals`,
// `dealerline bench endpoint` and `dealerline loadtest` run against a
// server started apart.
func toolCommand(args []string) func(context.Context) error {
	switch {
	case len(args) >= 2 && args[0] == "bench" && args[1] == "queries":
		return func(ctx context.Context) error { return bench.QueriesCommand(ctx, args[2:], os.Stdout) }
	case len(args) >= 2 && args[0] == "bench" && args[1] == "signals":
		return func(ctx context.Context) error { return bench.SignalsCommand(ctx, args[2:], os.Stdout) }
	case len(args) >= 2 && args[0] == "bench" && args[1] == "endpoint":
		return func(ctx context.Context) error { return bench.EndpointCommand(ctx, args[2:], os.Stdout) }
	case len(args) >= 1 && args[0] == "loadtest":
		return func(ctx context.Context) error { return bench.LoadtestCommand(ctx, args[1:], os.Stdout) }
	}
	return nil
}

func isHelp(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help" || arg == "help"
}

// finish ends a command: its help on standard output with status 0, a
// command line it cannot run with status 2, a failure with status 1.
func finish(name string, err error) {
	var help *cli.Help
	var bad *cli.UsageError
	switch {
	case err == nil:
		return
	case errors.As(err, &help):
		fmt.Print(help.Text)
		os.Exit(0)
	case errors.As(err, &bad):
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(2)
	}
	fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
	os.Exit(1)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	args, migrate := os.Args[1:], false
	if len(args) > 0 && isHelp(args[0]) {
		if len(args) == 1 {
			fmt.Print(usage())
			return
		}
		if args[0] == "help" { // `dealerline help seed` is `dealerline seed --help`
			args = append(args[1:], "--help")
		}
	}
	if len(args) > 0 && args[0] == "seed" {
		finish("dealerline seed", seed.Main(ctx, args[1:], os.Getenv, os.Stdout, os.Stderr))
		return
	}
	if len(args) > 0 && args[0] == "import" {
		finish("dealerline import", importer.Command(ctx, args[1:], os.Getenv, os.Stdout, os.Stderr))
		return
	}
	if len(args) > 0 && args[0] == "signals" {
		if len(args) < 2 || args[1] != "evaluate" {
			if len(args) >= 2 && isHelp(args[1]) {
				fmt.Print("Usage: dealerline signals evaluate [flags]\n\n`dealerline signals evaluate --help` shows its flags.\n")
				return
			}
			fmt.Fprintln(os.Stderr, "dealerline signals: the command is `dealerline signals evaluate`")
			os.Exit(2)
		}
		finish("dealerline signals evaluate", signals.EvaluateCommand(ctx, args[2:], os.Getenv, os.Stdout))
		return
	}
	if len(args) > 0 && (args[0] == "backup" || args[0] == "restore") {
		command := store.BackupCommand
		if args[0] == "restore" {
			command = store.RestoreCommand
		}
		finish("dealerline "+args[0], command(ctx, args[1:], os.Getenv, os.Stdout))
		return
	}
	if len(args) > 0 && args[0] == "bench" && (len(args) < 2 || (args[1] != "queries" && args[1] != "signals" && args[1] != "endpoint")) {
		if len(args) >= 2 && isHelp(args[1]) {
			fmt.Print(benchUsage)
			return
		}
		fmt.Fprint(os.Stderr, "dealerline bench: name what to measure\n\n"+benchUsage)
		os.Exit(2)
	}
	if tool := toolCommand(args); tool != nil {
		name := "dealerline " + args[0]
		if args[0] == "bench" {
			name += " " + args[1]
		}
		finish(name, tool(ctx))
		return
	}
	switch {
	case len(args) > 0 && args[0] == "migrate":
		args, migrate = args[1:], true
	case len(args) > 0 && args[0] == "serve":
		args = args[1:]
	case len(args) > 0 && !strings.HasPrefix(args[0], "-"):
		fmt.Fprintf(os.Stderr, "dealerline: unknown command %q\n\n%s", args[0], usage())
		os.Exit(2)
	}
	cfg, err := server.ParseConfig(args, os.Getenv)
	if err != nil {
		finish("dealerline", err)
		// Any other refusal is a setting the operator got wrong.
		os.Exit(2)
	}
	m := server.NewMain(cfg)
	if migrate {
		if err := m.Migrate(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "dealerline migrate:", err)
			os.Exit(1)
		}
		fmt.Fprintln(m.Out, "The database schema is up to date.")
		return
	}
	if err := m.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "dealerline:", err)
		os.Exit(1)
	}
	<-ctx.Done()
	stop() // a second signal kills at once
	if err := m.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "dealerline: shutdown:", err)
		os.Exit(1)
	}
}
