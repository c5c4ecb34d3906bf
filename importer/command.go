package importer

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/dealerline/dealerline/cli"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/dealerline/dealerline/conflicts"
	"github.com/dealerline/dealerline/store"
)

// barFrom is the size of a file from which the command shows its progress.
const barFrom = 256 << 10

// Command is `dealerline import [flags] FILE`, with the server's database
// and business settings (--data, DATABASE_URL, --timezone,
// --max-line-quantity, --conflict-due-days and their environment
// variables). A refused file prints its problems, one JSON object a line
// as the HTTP answer has them, and fails.
func Command(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dealerline import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg := store.DefaultConfig()
	cfg.DatabaseURL = getenv("DATABASE_URL")
	fs.StringVar(&cfg.DataDir, "data", cmp.Or(getenv("DEALERLINE_DATA"), cfg.DataDir), "directory of the embedded database")
	zone := fs.String("timezone", cmp.Or(getenv("DEALERLINE_TIMEZONE"), "UTC"), "business time zone, e.g. Asia/Shanghai")
	maxQty := fs.Int("max-line-quantity", envInt(getenv("DEALERLINE_MAX_LINE_QUANTITY"), 10_000), "most units on one order line")
	due := fs.String("conflict-due-days", cmp.Or(getenv("DEALERLINE_CONFLICT_DUE_DAYS"), conflicts.DefaultDueDays().String()), "days to handle a conflict case by severity")
	synopsis := "Usage: dealerline import [flags] FILE\n\nBrings in history from FILE (the format is in docs/IMPORT.md)."
	notes := "DATABASE_URL selects PostgreSQL, as for the server."
	env := map[string]string{"data": "DEALERLINE_DATA", "timezone": "DEALERLINE_TIMEZONE",
		"max-line-quantity": "DEALERLINE_MAX_LINE_QUANTITY", "conflict-due-days": "DEALERLINE_CONFLICT_DUE_DAYS"}
	if err := cli.Parse(fs, args, synopsis, notes, env); err != nil {
		return err
	}
	if err := cli.Args(fs, 1, synopsis, notes, env); err != nil {
		return err
	}
	loc, err := time.LoadLocation(*zone)
	if err != nil {
		return fmt.Errorf("timezone: %q is not a time zone like Asia/Shanghai", *zone)
	}
	days, err := conflicts.ParseDueDays(*due)
	if err != nil {
		return fmt.Errorf("conflict-due-days: %w", err)
	}
	file, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	db, err := store.Open(cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}

	var bars *mpb.Progress
	progress := Progress{}
	var applyBar *mpb.Bar
	if len(file) >= barFrom {
		opts := []mpb.ContainerOption{mpb.WithOutput(stderr), mpb.WithWidth(40), mpb.WithRefreshRate(200 * time.Millisecond)}
		if !terminal(stderr) {
			// A log gets the bars every ten seconds, not five times a second.
			opts = []mpb.ContainerOption{mpb.WithOutput(stderr), mpb.WithWidth(40), mpb.WithAutoRefresh(), mpb.WithRefreshRate(10 * time.Second)}
		}
		bars = mpb.New(opts...)
		readBar := bars.AddBar(int64(len(file)),
			mpb.PrependDecorators(decor.Name("read", decor.WC{W: 8, C: decor.DindentRight}), decor.CountersKibiByte("% .1f / % .1f", decor.WC{W: 24})),
			mpb.AppendDecorators(decor.Percentage(decor.WC{W: 5})))
		progress.Read = func(n int64) { readBar.SetCurrent(min(n, int64(len(file)))) }
		progress.Applied = func(n int) { applyBar.SetCurrent(int64(n)) }
	}
	records, problems, err := Read(bytes.NewReader(file), progress.Read)
	if progress.Read != nil {
		progress.Read(int64(len(file))) // also when reading stopped early
	}
	if err == nil && len(problems) > 0 {
		err = &Refused{Problems: problems}
	}
	var res *Result
	if err == nil {
		if bars != nil {
			applyBar = bars.AddBar(int64(len(records)),
				mpb.PrependDecorators(decor.Name("apply", decor.WC{W: 8, C: decor.DindentRight}), decor.CountersNoUnit("%d / %d", decor.WC{W: 24})),
				mpb.AppendDecorators(decor.Percentage(decor.WC{W: 5})))
		}
		res, err = Apply(ctx, db.Client, Config{Location: loc, MaxLineQuantity: *maxQty, ConflictDueDays: days}, nil, records, progress.Applied)
		if applyBar != nil && err != nil {
			applyBar.Abort(false)
		}
	}
	if bars != nil {
		bars.Wait()
	}
	var refused *Refused
	if errors.As(err, &refused) {
		enc := json.NewEncoder(stdout)
		for _, p := range refused.Problems {
			enc.Encode(p)
		}
		count := fmt.Sprintf("%d problem(s)", len(refused.Problems))
		if len(refused.Problems) >= MaxProblems {
			count = fmt.Sprintf("the first %d problems", MaxProblems)
		}
		return fmt.Errorf("%s: the file was not imported (%s), nothing was written", fs.Arg(0), count)
	}
	if err != nil {
		return err
	}
	printResult(stdout, res)
	return nil
}

func printResult(w io.Writer, res *Result) {
	var kinds []string
	for k := range res.Created {
		kinds = append(kinds, k)
	}
	for k := range res.Unchanged {
		if _, ok := res.Created[k]; !ok {
			kinds = append(kinds, k)
		}
	}
	slices.Sort(kinds)
	fmt.Fprintf(w, "%-20s %10s %10s\n", "kind", "created", "unchanged")
	for _, k := range kinds {
		fmt.Fprintf(w, "%-20s %10d %10d\n", k, res.Created[k], res.Unchanged[k])
	}
	fmt.Fprintf(w, "Imported %d records.\n", res.Records())
}

func terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func envInt(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return def
}
