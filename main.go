// Command dealerline runs the Dealerline channel CRM: the GraphQL API, the
// dealer portal and GraphiQL. With no configuration it uses an embedded
// SQLite database under ./data and loads demo data on its first start.
// `dealerline migrate` brings the database schema up to date and exits.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/dealerline/dealerline/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	args, migrate := os.Args[1:], false
	if len(args) > 0 && args[0] == "migrate" {
		args, migrate = args[1:], true
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
