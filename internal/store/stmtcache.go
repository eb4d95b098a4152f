package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"reflect"
)

// stmtCacheSize bounds the prepared statements each SQLite connection
// keeps. ent writes its queries with the values as parameters, so the
// statements of the commonest requests fit; rarer ones are prepared
// afresh. Each holds memory outside the Go heap: 96 a connection cost the
// load test some 10 MB more than 48, for no speed (docs/load.md).
const stmtCacheSize = 48

// cachingConnector gives every SQLite connection a cache of prepared
// statements. Neither ent nor database/sql keeps prepared statements, and
// SQLite parsed each query afresh: a fifth of the CPU of reading one
// household went on parsing the same few statements again.
type cachingConnector struct{ driver.Connector }

// Connect opens a connection with an empty cache.
func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &cachingConn{conn: conn, stmts: map[string]*cachedStmt{}}, nil
}

// cachingConn is one SQLite connection and its prepared statements.
// database/sql uses a connection from one goroutine at a time, so the
// cache needs no lock.
type cachingConn struct {
	conn  driver.Conn
	stmts map[string]*cachedStmt
	order []string // oldest first, for eviction
}

// cachedStmt is a prepared statement; busy while rows read from it are
// open, when a second use of the same query must prepare its own.
type cachedStmt struct {
	stmt driver.Stmt
	busy bool
}

// statement returns the cached statement for query, preparing it on first
// use, or nil when it is in use (or cannot be kept) and the caller should
// go straight to the connection.
func (c *cachingConn) statement(ctx context.Context, query string) (*cachedStmt, error) {
	if cs, ok := c.stmts[query]; ok {
		if cs.busy {
			return nil, nil
		}
		return cs, nil
	}
	st, err := c.conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if _, ok := st.(driver.StmtQueryContext); !ok {
		st.Close()
		return nil, nil
	}
	c.evict()
	cs := &cachedStmt{stmt: st}
	c.stmts[query] = cs
	c.order = append(c.order, query)
	return cs, nil
}

// evict closes the oldest statements not in use once the cache is full.
func (c *cachingConn) evict() {
	for i := 0; len(c.stmts) >= stmtCacheSize && i < len(c.order); {
		q := c.order[i]
		if cs := c.stmts[q]; cs.busy {
			i++
			continue
		}
		c.stmts[q].stmt.Close()
		delete(c.stmts, q)
		c.order = append(c.order[:i], c.order[i+1:]...)
	}
}

// forget drops a statement that failed, in case its failure left it unfit.
func (c *cachingConn) forget(query string) {
	if cs, ok := c.stmts[query]; ok {
		cs.stmt.Close()
		delete(c.stmts, query)
		for i, q := range c.order {
			if q == query {
				c.order = append(c.order[:i], c.order[i+1:]...)
				break
			}
		}
	}
}

// QueryContext runs a query on its cached statement.
func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	cs, err := c.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.conn.(driver.QueryerContext).QueryContext(ctx, query, args)
	}
	rows, err := cs.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		c.forget(query)
		return nil, err
	}
	cs.busy = true
	return &cachedRows{Rows: rows, done: func() { cs.busy = false }}, nil
}

// ExecContext runs a statement on its cached statement.
func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	cs, err := c.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.conn.(driver.ExecerContext).ExecContext(ctx, query, args)
	}
	res, err := cs.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
	if err != nil {
		c.forget(query)
	}
	return res, err
}

// Prepare, Begin and the rest pass straight to the connection.

func (c *cachingConn) Prepare(query string) (driver.Stmt, error) { return c.conn.Prepare(query) }

func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}

//nolint:staticcheck // driver.Conn requires Begin.
func (c *cachingConn) Begin() (driver.Tx, error) { return c.conn.Begin() }

func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *cachingConn) Ping(ctx context.Context) error { return c.conn.(driver.Pinger).Ping(ctx) }

func (c *cachingConn) ResetSession(ctx context.Context) error {
	return c.conn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *cachingConn) IsValid() bool { return c.conn.(driver.Validator).IsValid() }

// Close closes the statements, then the connection.
func (c *cachingConn) Close() error {
	var errs []error
	for _, cs := range c.stmts {
		errs = append(errs, cs.stmt.Close())
	}
	c.stmts, c.order = nil, nil
	return errors.Join(append(errs, c.conn.Close())...)
}

// cachedRows frees its statement for reuse when closed, and passes on the
// column details database/sql asks for.
type cachedRows struct {
	driver.Rows
	done func()
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	if r.done != nil {
		r.done()
		r.done = nil
	}
	return err
}

func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *cachedRows) ColumnTypeLength(i int) (int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return t.ColumnTypeLength(i)
	}
	return 0, false
}

func (r *cachedRows) ColumnTypeNullable(i int) (bool, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return t.ColumnTypeNullable(i)
	}
	return false, false
}

func (r *cachedRows) ColumnTypePrecisionScale(i int) (int64, int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return t.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}

func (r *cachedRows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}
