package store

import "time"

// Config is where the database is and how many connections each instance
// keeps to it: the database part of the server's configuration, and what
// `dealerline seed` opens.
type Config struct {
	DataDir     string // --data, DEALERLINE_DATA: the SQLite file lives here
	DatabaseURL string // DATABASE_URL: PostgreSQL instead of SQLite

	// The PostgreSQL connection pool of each instance
	// (--db-max-open-conns, --db-max-idle-conns, --db-conn-max-lifetime).
	DBMaxOpenConns    int
	DBMaxIdleConns    int
	DBConnMaxLifetime time.Duration // 0: connections are reused forever
	// DBDeliveryConns is a second pool, for loading what subscribers are
	// sent (--db-delivery-conns): deliveries never wait for a connection
	// behind writers waiting for their commit to be flushed.
	DBDeliveryConns int
}

// DefaultConfig is the embedded database under ./data, and the pool sizes
// an instance on PostgreSQL starts with.
func DefaultConfig() Config {
	return Config{
		DataDir:         "./data",
		DBMaxOpenConns:  20,
		DBMaxIdleConns:  10,
		DBDeliveryConns: 8,
		// Renewed now and then, so a load balancer or failover in front of
		// PostgreSQL can move connections.
		DBConnMaxLifetime: 30 * time.Minute,
	}
}

// Open opens the database c names: PostgreSQL, with c's pool, when it has
// a DatabaseURL, else the embedded SQLite file in DataDir.
func Open(c Config) (*DB, error) {
	if c.DatabaseURL == "" {
		return OpenSQLite(c.DataDir)
	}
	db, err := OpenPostgres(c.DatabaseURL)
	if err != nil {
		return nil, err
	}
	db.SQL.SetMaxOpenConns(c.DBMaxOpenConns)
	db.SQL.SetMaxIdleConns(c.DBMaxIdleConns)
	db.SQL.SetConnMaxLifetime(c.DBConnMaxLifetime)
	return db, nil
}

// Deliveries is c for the second pool, which loads what subscribers are
// sent: DBDeliveryConns connections.
func (c Config) Deliveries() Config {
	c.DBMaxOpenConns, c.DBMaxIdleConns = c.DBDeliveryConns, c.DBDeliveryConns
	return c
}
