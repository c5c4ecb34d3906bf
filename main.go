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
// `dealerline loadtest` measure a running server (BENCHMARKS.md).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/dealerline/dealerline/bench"
	"github.com/dealerline/dealerline/importer"
	"github.com/dealerline/dealerline/seed"
	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/signals"
	"github.com/dealerline/dealerline/store"
)

// toolCommand is the measuring command args ask for, nil for none:
// `dealerline bench queries`, `dealerline bench signals` and
// `dealerline loadtest` run against a server started apart.
func toolCommand(args []string) func(context.Context) error {
	switch {
	case len(args) >= 2 && args[0] == "bench" && args[1] == "queries":
		return func(ctx context.Context) error { return bench.QueriesCommand(ctx, args[2:], os.Stdout) }
	case len(args) >= 2 && args[0] == "bench" && args[1] == "signals":
		return func(ctx context.Context) error { return bench.SignalsCommand(ctx, args[2:], os.Stdout) }
	case len(args) >= 1 && args[0] == "loadtest":
		return func(ctx context.Context) error { return bench.LoadtestCommand(ctx, args[1:], os.Stdout) }
	}
	return nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	args, migrate := os.Args[1:], false
	if len(args) > 0 && args[0] == "seed" {
		if err := seed.Main(ctx, args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "dealerline seed:", err)
			os.Exit(1)
		}
		return
	}
	if len(args) > 0 && args[0] == "import" {
		if err := importer.Command(ctx, args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "dealerline import:", err)
			os.Exit(1)
		}
		return
	}
	if len(args) >= 2 && args[0] == "signals" && args[1] == "evaluate" {
		if err := signals.EvaluateCommand(ctx, args[2:], os.Getenv, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "dealerline signals evaluate:", err)
			os.Exit(1)
		}
		return
	}
	if len(args) > 0 && (args[0] == "backup" || args[0] == "restore") {
		command := store.BackupCommand
		if args[0] == "restore" {
			command = store.RestoreCommand
		}
		if err := command(ctx, args[1:], os.Getenv, os.Stdout); err != nil {
			fmt.Fprintf(os.Stderr, "dealerline %s: %v\n", args[0], err)
			os.Exit(1)
		}
		return
	}
	if len(args) > 0 && args[0] == "migrate" {
		args, migrate = args[1:], true
	}
	if tool := toolCommand(args); tool != nil {
		if err := tool(ctx); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	cfg, err := server.ParseConfig(args, os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
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
