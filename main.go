// Command dealerline runs the Dealerline channel CRM: the GraphQL API, the
// dealer portal and GraphiQL. With no configuration it uses an embedded
// SQLite database under ./data and loads demo data on its first start.
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

	cfg, err := server.ParseConfig(os.Args[1:], os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	m := server.NewMain(cfg)
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
