package server

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is everything an operator can set. Each setting is read once, from
// a flag or else the environment (DESIGN.md §3), over the defaults of
// DefaultConfig.
type Config struct {
	Addr       string // --addr, DEALERLINE_ADDR
	DataDir    string // --data, DEALERLINE_DATA: the SQLite file lives here
	Production bool   // --production, DEALERLINE_PRODUCTION
	// Demo loads the demo data into an empty database: nil means "unless in
	// production" (--demo, DEALERLINE_DEMO).
	Demo        *bool
	Timezone    *time.Location // --timezone, DEALERLINE_TIMEZONE: business dates
	Currency    string         // --currency, DEALERLINE_CURRENCY
	DatabaseURL string         // DATABASE_URL: PostgreSQL instead of SQLite
	RedisURL    string         // REDIS_URL: fan-out across instances
	// RedisPrefix begins the names of Dealerline's Redis keys
	// (--redis-prefix, DEALERLINE_REDIS_PREFIX): installations sharing
	// one Redis differ here.
	RedisPrefix string

	// The PostgreSQL connection pool of each instance
	// (--db-max-open-conns, --db-max-idle-conns, --db-conn-max-lifetime).
	DBMaxOpenConns    int
	DBMaxIdleConns    int
	DBConnMaxLifetime time.Duration // 0: connections are reused forever
	// DBDeliveryConns is a second pool, for loading what subscribers are
	// sent (--db-delivery-conns): deliveries never wait for a connection
	// behind writers waiting for their commit to be flushed.
	DBDeliveryConns int

	MaxBodyBytes    int64         // largest accepted request body
	ShutdownTimeout time.Duration // how long in-flight requests get on SIGTERM

	SessionTTL time.Duration // --session-ttl, DEALERLINE_SESSION_TTL: how long a sign-in lasts
	// ViewerCacheTTL is how long a token's viewer is reused without a query
	// (--viewer-cache-ttl, DEALERLINE_VIEWER_CACHE_TTL; 0 turns it off):
	// revocations apply at once, other changes to a user within it.
	ViewerCacheTTL time.Duration
	// MetricsAddr serves Prometheus metrics at /metrics on a separate
	// listener (--metrics-addr, DEALERLINE_METRICS_ADDR), empty for none:
	// kept off the public address.
	MetricsAddr string

	MaxLineQuantity int // --max-line-quantity, DEALERLINE_MAX_LINE_QUANTITY: most units on one order line
	// TrustedProxies are the proxies whose X-Forwarded-For is believed for
	// the client's address (--trusted-proxies, DEALERLINE_TRUSTED_PROXIES:
	// comma-separated CIDRs).
	TrustedProxies []netip.Prefix

	// EventRetention is how long events are kept for subscribers to resume
	// after (--event-retention, DEALERLINE_EVENT_RETENTION; at least 24h).
	EventRetention time.Duration
	// AllowedOrigins are the web origins, besides the API's own, whose pages
	// may open websockets (--allowed-origins, DEALERLINE_ALLOWED_ORIGINS:
	// comma-separated, e.g. https://portal.example.com).
	AllowedOrigins []string
	Websocket      WebsocketConfig
}

// WebsocketConfig bounds the subscription connections.
type WebsocketConfig struct {
	InitTimeout  time.Duration // for connection_init after the upgrade; then 4408
	PingInterval time.Duration // keep-alive: ping/pong (graphql-transport-ws), ka (graphql-ws)
	WriteTimeout time.Duration // for one message to be taken by the client
	// QueueLen events may wait for one subscription; more, and its
	// connection is closed with 1013 (the client resumes from its cursor).
	QueueLen         int
	MaxSubscriptions int // per connection
	// SendBuffer caps the kernel's send buffer of each socket (bytes; 0 for
	// the system's default, which grows to megabytes): it bounds the memory
	// a stalled client holds, and lets the queue above notice it sooner.
	SendBuffer int
}

// DefaultConfig is what `go run .` uses with nothing set.
func DefaultConfig() Config {
	return Config{
		Addr:            ":8080",
		DataDir:         "./data",
		Timezone:        time.UTC,
		Currency:        "CNY",
		RedisPrefix:     "dealerline",
		MaxBodyBytes:    1 << 20,
		ShutdownTimeout: 15 * time.Second,
		DBMaxOpenConns:  20,
		DBMaxIdleConns:  10,
		DBDeliveryConns: 8,
		// Renewed now and then, so a load balancer or failover in front of
		// PostgreSQL can move connections.
		DBConnMaxLifetime: 30 * time.Minute,
		SessionTTL:        12 * time.Hour,
		ViewerCacheTTL:    10 * time.Second,
		MaxLineQuantity:   10_000,
		EventRetention:    48 * time.Hour,
		Websocket: WebsocketConfig{
			InitTimeout:      10 * time.Second,
			PingInterval:     25 * time.Second,
			WriteTimeout:     10 * time.Second,
			QueueLen:         128,
			MaxSubscriptions: 20,
			SendBuffer:       128 << 10,
		},
	}
}

// minEventRetention is the resume window DESIGN.md §5 promises.
const minEventRetention = 24 * time.Hour

// DemoWanted reports whether an empty database gets the demo data set.
func (c Config) DemoWanted() bool {
	if c.Demo != nil {
		return *c.Demo
	}
	return !c.Production
}

// ParseConfig reads flags from args and the environment through getenv. A
// flag wins over its environment variable.
func ParseConfig(args []string, getenv func(string) string) (Config, error) {
	c := DefaultConfig()
	fs := flag.NewFlagSet("dealerline", flag.ContinueOnError)
	fs.SetOutput(io.Discard)

	var tz, demo, production, sessionTTL, proxies, origins string
	viewerTTL := c.ViewerCacheTTL.String()
	retention := c.EventRetention.String()
	bind := func(p *string, name, env, usage string) {
		if v := getenv(env); v != "" {
			*p = v
		}
		fs.StringVar(p, name, *p, usage+" ("+env+")")
	}
	bind(&c.Addr, "addr", "DEALERLINE_ADDR", "listen address")
	bind(&c.DataDir, "data", "DEALERLINE_DATA", "directory of the embedded database")
	bind(&demo, "demo", "DEALERLINE_DEMO", "load demo data into an empty database: true or false")
	bind(&production, "production", "DEALERLINE_PRODUCTION", "production mode: true or false")
	bind(&tz, "timezone", "DEALERLINE_TIMEZONE", "business time zone, e.g. Asia/Shanghai")
	bind(&c.Currency, "currency", "DEALERLINE_CURRENCY", "ISO 4217 currency code with two decimal places")
	bind(&sessionTTL, "session-ttl", "DEALERLINE_SESSION_TTL", "how long a sign-in lasts, e.g. 12h")
	bind(&viewerTTL, "viewer-cache-ttl", "DEALERLINE_VIEWER_CACHE_TTL", "how long a token's sign-in is reused without a query, e.g. 10s; 0 for never")
	bind(&c.MetricsAddr, "metrics-addr", "DEALERLINE_METRICS_ADDR", "address of a listener for Prometheus metrics at /metrics, e.g. 127.0.0.1:9090; empty for none")
	bind(&proxies, "trusted-proxies", "DEALERLINE_TRUSTED_PROXIES", "comma-separated CIDRs of proxies whose X-Forwarded-For is trusted")
	bind(&retention, "event-retention", "DEALERLINE_EVENT_RETENTION", "how long events are kept for subscribers to resume after, at least 24h")
	bind(&origins, "allowed-origins", "DEALERLINE_ALLOWED_ORIGINS", "comma-separated web origins, besides this server's, allowed to open websockets")
	bind(&c.RedisPrefix, "redis-prefix", "DEALERLINE_REDIS_PREFIX", "first part of the names of Redis keys")
	maxQuantity := strconv.Itoa(c.MaxLineQuantity)
	bind(&maxQuantity, "max-line-quantity", "DEALERLINE_MAX_LINE_QUANTITY", "most units on one order line")
	maxOpen, maxIdle, maxLifetime := strconv.Itoa(c.DBMaxOpenConns), strconv.Itoa(c.DBMaxIdleConns), c.DBConnMaxLifetime.String()
	deliveryConns := strconv.Itoa(c.DBDeliveryConns)
	bind(&maxOpen, "db-max-open-conns", "DEALERLINE_DB_MAX_OPEN_CONNS", "PostgreSQL: most connections open at once")
	bind(&maxIdle, "db-max-idle-conns", "DEALERLINE_DB_MAX_IDLE_CONNS", "PostgreSQL: most idle connections kept")
	bind(&deliveryConns, "db-delivery-conns", "DEALERLINE_DB_DELIVERY_CONNS", "PostgreSQL: connections of a second pool that loads what subscribers are sent")
	bind(&maxLifetime, "db-conn-max-lifetime", "DEALERLINE_DB_CONN_MAX_LIFETIME", "PostgreSQL: how long a connection is reused, e.g. 30m; 0 for ever")
	c.DatabaseURL = getenv("DATABASE_URL")
	c.RedisURL = getenv("REDIS_URL")

	if err := fs.Parse(args); err != nil {
		return c, fmt.Errorf("%w\n\n%s", err, usage(fs))
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q\n\n%s", fs.Arg(0), usage(fs))
	}
	var errs []error
	if production != "" {
		v, err := strconv.ParseBool(production)
		errs = append(errs, named("production", err))
		c.Production = v
	}
	if demo != "" {
		v, err := strconv.ParseBool(demo)
		errs = append(errs, named("demo", err))
		c.Demo = &v
	}
	if tz != "" {
		loc, err := time.LoadLocation(tz)
		errs = append(errs, named("timezone", err))
		if loc != nil {
			c.Timezone = loc
		}
	}
	if sessionTTL != "" {
		d, err := time.ParseDuration(sessionTTL)
		if err == nil && d <= 0 {
			err = fmt.Errorf("must be positive")
		}
		errs = append(errs, named("session-ttl", err))
		if err == nil {
			c.SessionTTL = d
		}
	}
	if d, err := time.ParseDuration(viewerTTL); err != nil || d < 0 {
		errs = append(errs, fmt.Errorf("viewer-cache-ttl: %q is not a duration like 10s", viewerTTL))
	} else {
		c.ViewerCacheTTL = d
	}
	for _, cidr := range strings.Split(proxies, ",") {
		if cidr = strings.TrimSpace(cidr); cidr == "" {
			continue
		}
		p, err := netip.ParsePrefix(cidr)
		errs = append(errs, named("trusted-proxies", err))
		c.TrustedProxies = append(c.TrustedProxies, p.Masked())
	}
	if d, err := time.ParseDuration(retention); err != nil || d < minEventRetention {
		errs = append(errs, fmt.Errorf("event-retention: %q is not a duration of at least 24h, like 48h", retention))
	} else {
		c.EventRetention = d
	}
	for _, o := range strings.Split(origins, ",") {
		if o = strings.TrimRight(strings.TrimSpace(o), "/"); o == "" {
			continue
		}
		if u, err := url.Parse(o); err != nil || u.Scheme == "" || u.Host == "" || u.Path != "" {
			errs = append(errs, fmt.Errorf("allowed-origins: %q is not an origin like https://portal.example.com", o))
			continue
		}
		c.AllowedOrigins = append(c.AllowedOrigins, o)
	}
	errs = append(errs,
		named("max-line-quantity", atLeast(maxQuantity, 1, &c.MaxLineQuantity)),
		named("db-max-open-conns", atLeast(maxOpen, 1, &c.DBMaxOpenConns)),
		named("db-max-idle-conns", atLeast(maxIdle, 0, &c.DBMaxIdleConns)),
		named("db-delivery-conns", atLeast(deliveryConns, 1, &c.DBDeliveryConns)))
	if d, err := time.ParseDuration(maxLifetime); err != nil || d < 0 {
		errs = append(errs, fmt.Errorf("db-conn-max-lifetime: %q is not a duration like 30m", maxLifetime))
	} else {
		c.DBConnMaxLifetime = d
	}
	if c.RedisURL != "" && c.DatabaseURL == "" {
		errs = append(errs, fmt.Errorf("REDIS_URL: instances share events through Redis only on a shared database: set DATABASE_URL too"))
	}
	if c.RedisPrefix == "" {
		errs = append(errs, fmt.Errorf("redis-prefix: must not be empty"))
	}
	if len(c.Currency) != 3 {
		errs = append(errs, fmt.Errorf("currency: %q is not an ISO 4217 code like CNY", c.Currency))
	}
	return c, errors.Join(errs...)
}

// atLeast parses s into *n, a whole number no smaller than least.
func atLeast(s string, least int, n *int) error {
	v, err := strconv.Atoi(s)
	if err != nil || v < least {
		return fmt.Errorf("%q is not a whole number of at least %d", s, least)
	}
	*n = v
	return nil
}

func named(name string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", name, err)
}

func usage(fs *flag.FlagSet) string {
	s := "Usage of dealerline:\n"
	fs.VisitAll(func(f *flag.Flag) {
		s += fmt.Sprintf("  --%s\t%s (default %q)\n", f.Name, f.Usage, f.DefValue)
	})
	return s + "  DATABASE_URL\tPostgreSQL instead of the embedded database\n  REDIS_URL\tRedis for several instances\n" +
		"\n`dealerline migrate` applies the database migrations and exits.\n"
}
