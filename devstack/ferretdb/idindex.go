package main

// FerretDB 1.24's SQLite backend pushes a filter `{_id: <string|ObjectId>}` down to SQL as
// `WHERE _ferretdb_sjson->'$._id' = ?` (finds, updates and deletes by _id alike), but its own `_id_`
// index is on `_ferretdb_sjson->"_id"`, an expression SQLite does not match with that one: every
// lookup by _id scanned its whole table. keepIDIndexes adds to each collection's table an index on
// the exact expression those statements use. FerretDB does not know of it (listIndexes does not show
// it, its metadata is untouched); SQLite drops it with its table (drop, dropDatabase).

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the driver FerretDB itself uses, registered as "sqlite"
)

const (
	idIndexSuffix = "_gardien_id"
	// metadata.IDColumn in FerretDB 1.24: the index must be on this exact text to be used.
	idExpression = "_ferretdb_sjson->'$._id'"
)

// stamp tells whether a database was written since it was last looked at, without opening it.
type stamp struct{ size, mtime, walSize, walMtime int64 }

func stampOf(file string) (stamp, bool) {
	db, err := os.Stat(file)
	if err != nil {
		return stamp{}, false
	}
	s := stamp{size: db.Size(), mtime: db.ModTime().UnixNano()}
	if wal, err := os.Stat(file + "-wal"); err == nil {
		s.walSize, s.walMtime = wal.Size(), wal.ModTime().UnixNano()
	}
	return s, true
}

// keepIDIndexes looks at the data directory once at start and then every interval; a database not
// written since its last look is not even opened, so an idle server costs a few stat calls.
func keepIDIndexes(ctx context.Context, dir string, interval time.Duration, logger *slog.Logger) {
	seen := map[string]stamp{}
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		current := map[string]stamp{}
		for _, file := range files {
			// Taken before opening: a write that lands while we look (ours included) shows at the next tick.
			s, ok := stampOf(file)
			if !ok {
				continue
			}
			current[file] = s
			if s == seen[file] {
				continue
			}
			// On failure too the database is looked at again only once written again: no warning every second.
			if err := indexTables(ctx, file, logger); err != nil {
				logger.Warn("gardien: cannot add the _id lookup index", slog.String("database", file), slog.Any("error", err))
			}
		}
		seen = current // dropped databases are forgotten
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
	}
}

// indexTables creates the lookup index on every collection table of one database that lacks it.
// The connection lives for milliseconds. A dropDatabase landing in them leaves this connection to
// remove the -wal and -shm files as it closes; only recreating that same database in that instant
// could mix the two (Gardien drops databases in tests only, each under a unique name).
func indexTables(ctx context.Context, file string, logger *slog.Logger) error {
	// mode=rw: a database dropped meanwhile is not created again; the busy timeout is FerretDB's own.
	query := url.Values{"mode": {"rw"}, "_pragma": {"busy_timeout(10000)"}}
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: file, RawQuery: query.Encode()}).String())
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	rows, err := db.QueryContext(ctx, `SELECT table_name FROM _ferretdb_collections
		WHERE table_name || ? NOT IN (SELECT name FROM sqlite_master WHERE type = 'index')`, idIndexSuffix)
	if err != nil {
		return ignoreVanished(err)
	}
	var tables []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, table)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, table := range tables {
		started := time.Now()
		q := fmt.Sprintf("CREATE INDEX IF NOT EXISTS %s ON %s (%s)", quoteIdent(table+idIndexSuffix), quoteIdent(table), idExpression)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return ignoreVanished(err)
		}
		logger.Info("gardien: _id lookup index added", slog.String("database", file), slog.String("table", table), slog.Duration("took", time.Since(started)))
	}
	return nil
}

// ignoreVanished: a database still being created, or a collection dropped since it was listed, is no failure.
func ignoreVanished(err error) error {
	if err != nil && strings.Contains(err.Error(), "no such table") {
		return nil // looked at again when next written
	}
	return err
}

func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
