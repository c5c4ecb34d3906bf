package server

import (
	"errors"
	"flag"
	"fmt"
	"io"
	netmail "net/mail"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dealerline/dealerline/attachments"
	"github.com/dealerline/dealerline/cli"
	"github.com/dealerline/dealerline/conflicts"
	"github.com/dealerline/dealerline/graph/limits"
	"github.com/dealerline/dealerline/mail"
	"github.com/dealerline/dealerline/notify"
	"github.com/dealerline/dealerline/store"
)

// Config is everything an operator can set. Each setting is read once, from
// a flag or else the environment (DESIGN.md §3), over the defaults of
// DefaultConfig.
type Config struct {
	Addr string // --addr, DEALERLINE_ADDR
	// The database: --data, DATABASE_URL and the PostgreSQL pool.
	store.Config
	Production bool // --production, DEALERLINE_PRODUCTION
	// Demo loads the demo data into an empty database: nil means "unless in
	// production" (--demo, DEALERLINE_DEMO).
	Demo     *bool
	Timezone *time.Location // --timezone, DEALERLINE_TIMEZONE: business dates
	Currency string         // --currency, DEALERLINE_CURRENCY
	// Locale is the installation's language, of users who chose none
	// (--locale, DEALERLINE_LOCALE): en or zh-CN.
	Locale   string
	RedisURL string // REDIS_URL: fan-out across instances
	// RedisPrefix begins the names of Dealerline's Redis keys
	// (--redis-prefix, DEALERLINE_REDIS_PREFIX): installations sharing
	// one Redis differ here.
	RedisPrefix string

	MaxBodyBytes    int64         // largest accepted request body
	ShutdownTimeout time.Duration // how long in-flight requests get on SIGTERM
	// Limits bound what one GraphQL operation may ask for: depth,
	// complexity, aliases, page sizes.
	Limits limits.Config
	// HTTP bounds how long a request may take and what one client may hold
	// at once.
	HTTP HTTPConfig

	SessionTTL time.Duration // --session-ttl, DEALERLINE_SESSION_TTL: how long a sign-in lasts
	// ViewerCacheTTL is how long a token's viewer is reused without a query
	// (--viewer-cache-ttl, DEALERLINE_VIEWER_CACHE_TTL; 0 turns it off):
	// revocations apply at once, other changes to a user within it.
	ViewerCacheTTL time.Duration
	// MetricsAddr serves Prometheus metrics at /metrics on a separate
	// listener (--metrics-addr, DEALERLINE_METRICS_ADDR), empty for none:
	// kept off the public address.
	MetricsAddr string

	// AttachmentMaxBytes is the largest file that may be attached
	// (--attachment-max-bytes, DEALERLINE_ATTACHMENT_MAX_BYTES); the files
	// of one ticket, case, return… together hold at most 10 times as much.
	AttachmentMaxBytes int64

	MaxLineQuantity int // --max-line-quantity, DEALERLINE_MAX_LINE_QUANTITY: most units on one order line
	// ShowStockQuantities tells dealers how many units of a product are
	// free (--show-stock-quantities, DEALERLINE_SHOW_STOCK_QUANTITIES); off,
	// they see only in stock, limited or backorder. Staff always see them.
	ShowStockQuantities bool
	// ConflictDueDays is how many days after it is opened a conflict case
	// is due, by severity (--conflict-due-days,
	// DEALERLINE_CONFLICT_DUE_DAYS: "HIGH=2,MEDIUM=5,LOW=10"; a severity
	// left out keeps its default).
	ConflictDueDays conflicts.DueDays
	// TrustedProxies are the proxies whose X-Forwarded-For is believed for
	// the client's address (--trusted-proxies, DEALERLINE_TRUSTED_PROXIES:
	// comma-separated CIDRs).
	TrustedProxies []netip.Prefix

	// WebhookAllowPrivate lets webhook endpoints be on loopback, private
	// and link-local addresses (--webhook-allow-private,
	// DEALERLINE_WEBHOOK_ALLOW_PRIVATE): for a receiver on the server's own
	// network, and for tests. Off, such addresses are refused when an
	// endpoint is registered and at every connection.
	WebhookAllowPrivate bool

	// EventRetention is how long events are kept for subscribers to resume
	// after (--event-retention, DEALERLINE_EVENT_RETENTION; at least 24h).
	EventRetention time.Duration
	// AllowedOrigins are the web origins, besides the API's own, whose pages
	// may open websockets (--allowed-origins, DEALERLINE_ALLOWED_ORIGINS:
	// comma-separated, e.g. https://portal.example.com).
	AllowedOrigins []string
	Websocket      WebsocketConfig

	// APQCacheSize is how many persisted queries (sent by hash after the
	// first time) each instance remembers (--apq-cache-size,
	// DEALERLINE_APQ_CACHE_SIZE).
	APQCacheSize int
	// OperationsAllowlist, when set, lets dealer users and callers not
	// signed in run only the operations it lists (--operations-allowlist,
	// DEALERLINE_OPERATIONS_ALLOWLIST): a JSON file like
	// portal/operations.json, or "portal" for the one built in.
	OperationsAllowlist string

	// PushSubject is the contact push services may write to about this
	// installation's Web Push traffic, a mailto: or https: URL
	// (--push-subject, DEALERLINE_PUSH_SUBJECT); empty for
	// mailto:postmaster@ and the host's name.
	PushSubject string

	// Tracing exports OpenTelemetry traces to TracesEndpoint, when that is
	// set (--tracing, DEALERLINE_TRACING; true by default, so setting the
	// endpoint is enough).
	Tracing bool
	// TracesEndpoint is where traces are sent over OTLP/HTTP:
	// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT
	// with /v1/traces; empty for none.
	TracesEndpoint string

	// Mail is where e-mail goes: none is sent without an SMTP server.
	Mail MailConfig
}

// MailConfig is the e-mail's settings.
type MailConfig struct {
	// SMTPURL names the SMTP server (--smtp-url, DEALERLINE_SMTP_URL):
	// smtp://user:password@host:port (STARTTLS when offered) or smtps://…;
	// empty sends no e-mail.
	SMTPURL string
	// From is the sender (--mail-from, DEALERLINE_MAIL_FROM), e.g.
	// "Dealerline <noreply@example.com>"; required with SMTPURL.
	From string
	// PublicURL is where people open the portal (--public-url,
	// DEALERLINE_PUBLIC_URL): the start of every link an e-mail carries.
	PublicURL string
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
	// MaxPerClient is how many websockets one client address may hold open
	// (--max-websockets-per-client; 0 for no limit); more are refused with
	// 429 RATE_LIMITED.
	MaxPerClient int
	// SendBuffer caps the kernel's send buffer of each socket (bytes; 0 for
	// the system's default, which grows to megabytes): it bounds the memory
	// a stalled client holds, and lets the queue above notice it sooner.
	SendBuffer int
}

// HTTPConfig bounds the HTTP connections. The timeouts do not apply to
// websockets, which have their own (WebsocketConfig); 0 turns one off.
type HTTPConfig struct {
	ReadTimeout  time.Duration // --read-timeout: to read a request, body included
	WriteTimeout time.Duration // --write-timeout: from a request's headers to the end of its response
	IdleTimeout  time.Duration // --idle-timeout: a keep-alive connection between requests
	// MaxConnsPerClient is how many HTTP connections one TCP peer may hold
	// open (--max-conns-per-client; 0 for no limit). Trusted proxies are
	// not counted: they carry many clients.
	MaxConnsPerClient int
	// RequestRate is the requests a second allowed to each signed-in token,
	// and to each client address for requests not signed in, after a burst
	// of RequestBurst (--request-rate, --request-burst; rate 0 for no
	// limit). More are refused with 429 RATE_LIMITED and Retry-After.
	RequestRate  float64
	RequestBurst int
}

// DefaultConfig is what `go run .` uses with nothing set.
func DefaultConfig() Config {
	return Config{
		Addr:               ":8080",
		Mail:               MailConfig{PublicURL: "http://localhost:8080"},
		Config:             store.DefaultConfig(),
		Timezone:           time.UTC,
		Currency:           "CNY",
		Locale:             "en",
		RedisPrefix:        "dealerline",
		MaxBodyBytes:       1 << 20,
		ShutdownTimeout:    15 * time.Second,
		Limits:             limits.DefaultConfig(),
		SessionTTL:         12 * time.Hour,
		ViewerCacheTTL:     10 * time.Second,
		MaxLineQuantity:    10_000,
		AttachmentMaxBytes: attachments.DefaultMaxBytes,
		ConflictDueDays:    conflicts.DefaultDueDays(),
		EventRetention:     48 * time.Hour,
		APQCacheSize:       100,
		Tracing:            true,
		HTTP: HTTPConfig{
			ReadTimeout:       30 * time.Second,
			WriteTimeout:      60 * time.Second,
			IdleTimeout:       60 * time.Second,
			MaxConnsPerClient: 256,
			RequestRate:       50,
			RequestBurst:      1000,
		},
		Websocket: WebsocketConfig{
			InitTimeout:      10 * time.Second,
			PingInterval:     25 * time.Second,
			WriteTimeout:     10 * time.Second,
			QueueLen:         128,
			MaxSubscriptions: 20,
			MaxPerClient:     100,
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
	env := map[string]string{} // flag name: its environment variable
	with := func(name, variable string) string { env[name] = variable; return name }

	fs.StringVar(&c.Addr, with("addr", "DEALERLINE_ADDR"), c.Addr, "listen address")
	fs.StringVar(&c.DataDir, with("data", "DEALERLINE_DATA"), c.DataDir, "directory of the embedded database")
	fs.Var(optionalBool{&c.Demo}, with("demo", "DEALERLINE_DEMO"), "load demo data into an empty database: true or false")
	fs.BoolVar(&c.Production, with("production", "DEALERLINE_PRODUCTION"), c.Production, "production mode: true or false")
	fs.Var(location{&c.Timezone}, with("timezone", "DEALERLINE_TIMEZONE"), "business time zone, e.g. Asia/Shanghai")
	fs.StringVar(&c.Currency, with("currency", "DEALERLINE_CURRENCY"), c.Currency, "ISO 4217 currency code with two decimal places")
	fs.StringVar(&c.Locale, with("locale", "DEALERLINE_LOCALE"), c.Locale, "language of users who chose none: en or zh-CN")
	fs.DurationVar(&c.SessionTTL, with("session-ttl", "DEALERLINE_SESSION_TTL"), c.SessionTTL, "how long a sign-in lasts, e.g. 12h")
	fs.DurationVar(&c.ViewerCacheTTL, with("viewer-cache-ttl", "DEALERLINE_VIEWER_CACHE_TTL"), c.ViewerCacheTTL, "how long a token's sign-in is reused without a query, e.g. 10s; 0 for never")
	fs.StringVar(&c.MetricsAddr, with("metrics-addr", "DEALERLINE_METRICS_ADDR"), c.MetricsAddr, "address of a listener for Prometheus metrics at /metrics, e.g. 127.0.0.1:9090; empty for none")
	fs.Var(prefixes{&c.TrustedProxies}, with("trusted-proxies", "DEALERLINE_TRUSTED_PROXIES"), "comma-separated CIDRs of proxies whose X-Forwarded-For is trusted")
	fs.DurationVar(&c.EventRetention, with("event-retention", "DEALERLINE_EVENT_RETENTION"), c.EventRetention, "how long events are kept for subscribers to resume after, at least 24h")
	fs.Var(origins{&c.AllowedOrigins}, with("allowed-origins", "DEALERLINE_ALLOWED_ORIGINS"), "comma-separated web origins, besides this server's, allowed to open websockets")
	fs.StringVar(&c.RedisPrefix, with("redis-prefix", "DEALERLINE_REDIS_PREFIX"), c.RedisPrefix, "first part of the names of Redis keys")
	fs.Int64Var(&c.AttachmentMaxBytes, with("attachment-max-bytes", "DEALERLINE_ATTACHMENT_MAX_BYTES"), c.AttachmentMaxBytes, "largest file that may be attached, in bytes; the files of one ticket, case or return hold at most 10 times as much")
	fs.IntVar(&c.MaxLineQuantity, with("max-line-quantity", "DEALERLINE_MAX_LINE_QUANTITY"), c.MaxLineQuantity, "most units on one order line")
	fs.BoolVar(&c.ShowStockQuantities, with("show-stock-quantities", "DEALERLINE_SHOW_STOCK_QUANTITIES"), c.ShowStockQuantities, "show dealers how many units of a product are free, not only whether it is in stock: true or false")
	fs.Var(dueDays{&c.ConflictDueDays}, with("conflict-due-days", "DEALERLINE_CONFLICT_DUE_DAYS"), "days to handle a conflict case by severity, e.g. HIGH=2,MEDIUM=5,LOW=10")
	fs.IntVar(&c.Limits.MaxTokens, with("max-query-tokens", "DEALERLINE_MAX_QUERY_TOKENS"), c.Limits.MaxTokens, "most tokens in one GraphQL document, counted before it is validated")
	fs.IntVar(&c.Limits.MaxFields, with("max-query-fields", "DEALERLINE_MAX_QUERY_FIELDS"), c.Limits.MaxFields, "most fields written in one GraphQL document, counted before it is validated")
	fs.IntVar(&c.Limits.MaxDirectives, with("max-query-directives", "DEALERLINE_MAX_QUERY_DIRECTIVES"), c.Limits.MaxDirectives, "most directives in one GraphQL document")
	fs.IntVar(&c.Limits.MaxErrors, with("max-errors", "DEALERLINE_MAX_ERRORS"), c.Limits.MaxErrors, "most errors in one answer; then one saying the rest were left out")
	fs.IntVar(&c.APQCacheSize, with("apq-cache-size", "DEALERLINE_APQ_CACHE_SIZE"), c.APQCacheSize, "how many persisted queries each instance remembers by hash")
	fs.StringVar(&c.OperationsAllowlist, with("operations-allowlist", "DEALERLINE_OPERATIONS_ALLOWLIST"), c.OperationsAllowlist, "JSON file of the only operations dealers may run (sha256 of the query: name), or \"portal\" for the portal's; empty for any")
	fs.BoolVar(&c.WebhookAllowPrivate, with("webhook-allow-private", "DEALERLINE_WEBHOOK_ALLOW_PRIVATE"), c.WebhookAllowPrivate, "let webhook endpoints be on loopback, private and link-local addresses: true or false")
	fs.StringVar(&c.PushSubject, with("push-subject", "DEALERLINE_PUSH_SUBJECT"), c.PushSubject, "contact for push services about this installation's notifications: mailto:ops@example.com or an https URL; empty for mailto:postmaster@ and the host's name")
	fs.BoolVar(&c.Tracing, with("tracing", "DEALERLINE_TRACING"), c.Tracing, "export OpenTelemetry traces when OTEL_EXPORTER_OTLP_ENDPOINT is set: true or false")
	fs.IntVar(&c.DBMaxOpenConns, with("db-max-open-conns", "DEALERLINE_DB_MAX_OPEN_CONNS"), c.DBMaxOpenConns, "PostgreSQL: most connections open at once")
	fs.IntVar(&c.DBMaxIdleConns, with("db-max-idle-conns", "DEALERLINE_DB_MAX_IDLE_CONNS"), c.DBMaxIdleConns, "PostgreSQL: most idle connections kept")
	fs.IntVar(&c.DBDeliveryConns, with("db-delivery-conns", "DEALERLINE_DB_DELIVERY_CONNS"), c.DBDeliveryConns, "PostgreSQL: connections of a second pool that loads what subscribers are sent")
	fs.DurationVar(&c.DBConnMaxLifetime, with("db-conn-max-lifetime", "DEALERLINE_DB_CONN_MAX_LIFETIME"), c.DBConnMaxLifetime, "PostgreSQL: how long a connection is reused, e.g. 30m; 0 for ever")
	fs.DurationVar(&c.HTTP.ReadTimeout, with("read-timeout", "DEALERLINE_READ_TIMEOUT"), c.HTTP.ReadTimeout, "how long a client may take to send a request, body included; 0 for no limit")
	fs.DurationVar(&c.HTTP.WriteTimeout, with("write-timeout", "DEALERLINE_WRITE_TIMEOUT"), c.HTTP.WriteTimeout, "how long a request may take from its headers to the end of its response; 0 for no limit")
	fs.DurationVar(&c.HTTP.IdleTimeout, with("idle-timeout", "DEALERLINE_IDLE_TIMEOUT"), c.HTTP.IdleTimeout, "how long a keep-alive connection may wait for its next request; 0 for no limit")
	fs.IntVar(&c.HTTP.MaxConnsPerClient, with("max-conns-per-client", "DEALERLINE_MAX_CONNS_PER_CLIENT"), c.HTTP.MaxConnsPerClient, "most HTTP connections open from one address (trusted proxies not counted); 0 for no limit")
	fs.Float64Var(&c.HTTP.RequestRate, with("request-rate", "DEALERLINE_REQUEST_RATE"), c.HTTP.RequestRate, "GraphQL requests a second per token, or per address when not signed in; 0 for no limit")
	fs.IntVar(&c.HTTP.RequestBurst, with("request-burst", "DEALERLINE_REQUEST_BURST"), c.HTTP.RequestBurst, "GraphQL requests allowed at once above the rate")
	fs.StringVar(&c.Mail.SMTPURL, with("smtp-url", "DEALERLINE_SMTP_URL"), c.Mail.SMTPURL, "SMTP server for e-mail, smtp://user:password@host:port (STARTTLS when offered) or smtps://…; empty for no e-mail")
	fs.StringVar(&c.Mail.From, with("mail-from", "DEALERLINE_MAIL_FROM"), c.Mail.From, "sender of e-mail, e.g. \"Dealerline <noreply@example.com>\"")
	fs.StringVar(&c.Mail.PublicURL, with("public-url", "DEALERLINE_PUBLIC_URL"), c.Mail.PublicURL, "where people open the portal, e.g. https://dealers.example.com: the start of links in e-mail")
	fs.IntVar(&c.Websocket.MaxPerClient, with("max-websockets-per-client", "DEALERLINE_MAX_WEBSOCKETS_PER_CLIENT"), c.Websocket.MaxPerClient, "most websockets open from one client address; 0 for no limit")
	c.DatabaseURL = getenv("DATABASE_URL")
	c.RedisURL = getenv("REDIS_URL")
	c.TracesEndpoint = getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
	if base := getenv("OTEL_EXPORTER_OTLP_ENDPOINT"); c.TracesEndpoint == "" && base != "" {
		c.TracesEndpoint = strings.TrimRight(base, "/") + "/v1/traces"
	}

	// The environment first, as the defaults the command line overrides.
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		if v := getenv(env[f.Name]); v != "" {
			if err := fs.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Errorf("%s: invalid value %q: %w", env[f.Name], v, err))
			}
		}
	})
	if err := cli.Parse(fs, args, Synopsis, usageNotes, env); err != nil {
		return c, err
	}
	if err := cli.Args(fs, 0, Synopsis, usageNotes, env); err != nil {
		return c, err
	}
	check := func(ok bool, name, format string, args ...any) {
		if !ok {
			errs = append(errs, fmt.Errorf("%s: "+format, append([]any{name}, args...)...))
		}
	}
	check(c.SessionTTL > 0, "session-ttl", "must be positive")
	check(c.ViewerCacheTTL >= 0, "viewer-cache-ttl", "must not be negative")
	check(c.EventRetention >= minEventRetention, "event-retention", "must be at least 24h, the window subscribers may resume within")
	check(c.APQCacheSize >= 1, "apq-cache-size", "must be at least 1")
	check(c.MaxLineQuantity >= 1, "max-line-quantity", "must be at least 1")
	check(c.AttachmentMaxBytes >= 1<<10 && c.AttachmentMaxBytes <= 1<<30, "attachment-max-bytes", "must be from 1024 to 1073741824")
	check(c.Limits.MaxTokens >= 1, "max-query-tokens", "must be at least 1")
	check(c.Limits.MaxFields >= 1, "max-query-fields", "must be at least 1")
	check(c.Limits.MaxDirectives >= 1, "max-query-directives", "must be at least 1")
	check(c.Limits.MaxErrors >= 1, "max-errors", "must be at least 1")
	check(c.DBMaxOpenConns >= 1, "db-max-open-conns", "must be at least 1")
	check(c.DBMaxIdleConns >= 0, "db-max-idle-conns", "must not be negative")
	check(c.DBDeliveryConns >= 1, "db-delivery-conns", "must be at least 1")
	check(c.DBConnMaxLifetime >= 0, "db-conn-max-lifetime", "must not be negative")
	check(c.HTTP.ReadTimeout >= 0, "read-timeout", "must not be negative")
	check(c.HTTP.WriteTimeout >= 0, "write-timeout", "must not be negative")
	check(c.HTTP.IdleTimeout >= 0, "idle-timeout", "must not be negative")
	check(c.HTTP.MaxConnsPerClient >= 0, "max-conns-per-client", "must not be negative")
	check(c.HTTP.RequestRate >= 0, "request-rate", "must not be negative")
	check(c.HTTP.RequestBurst >= 1, "request-burst", "must be at least 1")
	check(c.Websocket.MaxPerClient >= 0, "max-websockets-per-client", "must not be negative")
	check(c.PushSubject == "" || validPushSubject(c.PushSubject), "push-subject", "%q is not a mailto: or https: URL", c.PushSubject)
	check(c.RedisPrefix != "", "redis-prefix", "must not be empty")
	check(notify.ValidLocale(c.Locale), "locale", "%q is not a language: en or zh-CN", c.Locale)
	check(len(c.Currency) == 3, "currency", "%q is not an ISO 4217 code like CNY", c.Currency)
	if c.Mail.SMTPURL != "" {
		if _, err := mail.ParseSMTP(c.Mail.SMTPURL, c.Mail.From); err != nil {
			errs = append(errs, fmt.Errorf("smtp-url, mail-from: %w", err))
		}
	}
	if u, err := url.Parse(c.Mail.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") != "" {
		errs = append(errs, fmt.Errorf("public-url: %q is not a URL like https://dealers.example.com", c.Mail.PublicURL))
	}
	c.Mail.PublicURL = strings.TrimRight(c.Mail.PublicURL, "/")
	if c.RedisURL != "" && c.DatabaseURL == "" {
		errs = append(errs, fmt.Errorf("REDIS_URL: instances share events through Redis only on a shared database: set DATABASE_URL too"))
	}
	return c, errors.Join(errs...)
}

// validPushSubject reports whether s is a VAPID contact (RFC 8292 §2.1):
// a mailto: URL with an address, or an https: URL with a host.
func validPushSubject(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "mailto":
		return strings.Contains(u.Opaque, "@")
	case "https":
		return u.Host != ""
	}
	return false
}

// PushContact is the VAPID subject the installation signs with:
// PushSubject, else the address e-mail is sent from, else
// mailto:postmaster@ and the host's name.
func (c Config) PushContact() string {
	if c.PushSubject != "" {
		return c.PushSubject
	}
	if a, err := netmail.ParseAddress(c.Mail.From); err == nil {
		return "mailto:" + a.Address
	}
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	return "mailto:postmaster@" + host
}

// optionalBool is a bool flag that may be left unset (nil).
type optionalBool struct{ p **bool }

func (b optionalBool) IsBoolFlag() bool { return true }

func (b optionalBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("%q is not true or false", s)
	}
	*b.p = &v
	return nil
}

func (b optionalBool) String() string {
	if b.p == nil || *b.p == nil {
		return ""
	}
	return strconv.FormatBool(**b.p)
}

// location is a time zone flag, by its IANA name.
type location struct{ p **time.Location }

func (l location) Set(s string) error {
	loc, err := time.LoadLocation(s)
	if err != nil {
		return fmt.Errorf("%q is not a time zone like Asia/Shanghai", s)
	}
	*l.p = loc
	return nil
}

func (l location) String() string {
	if l.p == nil || *l.p == nil {
		return ""
	}
	return (*l.p).String()
}

// dueDays is the days to handle a conflict case by severity.
type dueDays struct{ p *conflicts.DueDays }

func (d dueDays) Set(s string) error {
	v, err := conflicts.ParseDueDays(s)
	if err != nil {
		return err
	}
	*d.p = v
	return nil
}

func (d dueDays) String() string {
	if d.p == nil || *d.p == nil {
		return ""
	}
	return d.p.String()
}

// prefixes is a comma-separated list of CIDRs.
type prefixes struct{ p *[]netip.Prefix }

func (ps prefixes) Set(s string) error {
	var list []netip.Prefix
	for _, cidr := range strings.Split(s, ",") {
		if cidr = strings.TrimSpace(cidr); cidr == "" {
			continue
		}
		p, err := netip.ParsePrefix(cidr)
		if err != nil {
			return fmt.Errorf("%q is not a CIDR like 10.0.0.0/8", cidr)
		}
		list = append(list, p.Masked())
	}
	*ps.p = list
	return nil
}

func (ps prefixes) String() string {
	if ps.p == nil {
		return ""
	}
	var s []string
	for _, p := range *ps.p {
		s = append(s, p.String())
	}
	return strings.Join(s, ",")
}

// origins is a comma-separated list of web origins.
type origins struct{ p *[]string }

func (og origins) Set(s string) error {
	var list []string
	for _, o := range strings.Split(s, ",") {
		if o = strings.TrimRight(strings.TrimSpace(o), "/"); o == "" {
			continue
		}
		if u, err := url.Parse(o); err != nil || u.Scheme == "" || u.Host == "" || u.Path != "" {
			return fmt.Errorf("%q is not an origin like https://portal.example.com", o)
		}
		list = append(list, o)
	}
	*og.p = list
	return nil
}

func (og origins) String() string {
	if og.p == nil {
		return ""
	}
	return strings.Join(*og.p, ",")
}

// Synopsis is the first line of the server's usage; `dealerline migrate`
// takes the same flags.
const Synopsis = "Usage: dealerline [serve | migrate] [flags]"

// usageNotes follow the flags in the server's usage.
const usageNotes = `Environment only:
  DATABASE_URL                 PostgreSQL instead of the embedded database
  REDIS_URL                    Redis for several instances
  OTEL_EXPORTER_OTLP_ENDPOINT  OpenTelemetry collector for traces (OTLP/HTTP), e.g. http://localhost:4318

A flag wins over its environment variable. ` + "`dealerline migrate`" + ` applies the database
migrations and exits; ` + "`dealerline --help`" + ` lists the other commands.`
