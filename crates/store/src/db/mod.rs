//! The store's connection to its database, one interface over two backends:
//! an embedded SQLite file (the default) or a PostgreSQL server.
//!
//! Statements are written once with SQLite's `?N` placeholders (rewritten to
//! `$N` for PostgreSQL, once per statement: both backends keep a statement
//! prepared once per connection); a statement whose text differs between
//! the two is a [`Both`], written twice side by side. Rows are read through
//! [`Row`], in place. Transactions and savepoints are SQL of their own
//! ([`Tx`]), so everything reads and writes through `&Db`: PostgreSQL's
//! client, which needs `&mut`, is kept in a `RefCell`.

mod row;
mod value;

pub(crate) use row::{FromDb, Raw, Row};
pub(crate) use value::{p, Params, ToDb, Value};

use crate::StoreError;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// Which database an archive is kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file in the data folder.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A statement written for each backend (where their SQL differs).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Both {
    pub(crate) sqlite: &'static str,
    pub(crate) postgres: &'static str,
}

/// A statement's text, the same for both backends or a [`Both`].
pub(crate) trait Sql {
    /// The text for `backend`.
    fn text(&self, backend: Backend) -> &str;
}

impl Sql for str {
    fn text(&self, _: Backend) -> &str {
        self
    }
}

impl Sql for String {
    fn text(&self, _: Backend) -> &str {
        self
    }
}

impl Sql for Both {
    fn text(&self, backend: Backend) -> &str {
        match backend {
            Backend::Sqlite => self.sqlite,
            Backend::Postgres => self.postgres,
        }
    }
}

impl<T: Sql + ?Sized> Sql for &T {
    fn text(&self, backend: Backend) -> &str {
        (**self).text(backend)
    }
}

/// The transaction of a PostgreSQL writer: the archive's advisory lock
/// (its key the bytes of `shuzibao`), released at commit or rollback, and a
/// notice on [`CHANGES_CHANNEL`], which PostgreSQL delivers to its
/// listeners when (and only if) the transaction commits: the followers of
/// the change log wake to read what the commit made visible.
const WRITE_LOCK: &str = "BEGIN; SELECT pg_advisory_xact_lock(8316025880554135919); NOTIFY shuzibao_changes";

/// The channel a PostgreSQL writer notifies at each commit (see
/// [`crate::Listener`]).
pub const CHANGES_CHANNEL: &str = "shuzibao_changes";

/// An open connection.
pub(crate) enum Db {
    Sqlite(rusqlite::Connection),
    // (boxed: the client is three times the size of a SQLite connection)
    Pg(Box<Pg>),
}

/// A PostgreSQL connection: its client, the statements prepared on it (by
/// their SQLite text) and whether a transaction is open.
pub(crate) struct Pg {
    client: RefCell<Client>,
    prepared: RefCell<HashMap<String, postgres::Statement>>,
    in_transaction: Cell<bool>,
}

impl Pg {
    pub(crate) fn new(client: Client) -> Pg {
        Pg { client: RefCell::new(client), prepared: RefCell::default(), in_transaction: Cell::new(false) }
    }

    /// The statement for `sql` (SQLite's placeholders), prepared once.
    fn statement(&self, sql: &str) -> Result<postgres::Statement, StoreError> {
        if let Some(st) = self.prepared.borrow().get(sql) {
            return Ok(st.clone());
        }
        let text = placeholders(sql);
        let mut client = self.client.borrow_mut();
        let client: &mut postgres::Client = &mut client;
        let st = off_runtime(move || client.prepare(&text))?;
        self.prepared.borrow_mut().insert(sql.to_string(), st.clone());
        Ok(st)
    }

    /// Runs the prepared statement of `sql` with `params` through `run`,
    /// off any async runtime.
    fn run<T: Send>(
        &self,
        sql: &str,
        params: Params<'_>,
        run: impl FnOnce(
                &mut postgres::Client,
                &postgres::Statement,
                &[&(dyn postgres::types::ToSql + Sync)],
            ) -> Result<T, postgres::Error>
            + Send,
    ) -> Result<T, StoreError> {
        let st = self.statement(sql)?;
        let values: Vec<Value<'_>> = params.iter().map(|p| p.to_value()).collect();
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
            values.iter().map(|v| v as &(dyn postgres::types::ToSql + Sync)).collect();
        let mut client = self.client.borrow_mut();
        let client: &mut postgres::Client = &mut client;
        Ok(off_runtime(move || run(client, &st, &refs))?)
    }

    fn rows(&self, sql: &str, params: Params<'_>) -> Result<Vec<postgres::Row>, StoreError> {
        self.run(sql, params, |c, st, refs| c.query(st, refs))
    }

    fn execute(&self, sql: &str, params: Params<'_>) -> Result<usize, StoreError> {
        let n = self.run(sql, params, |c, st, refs| c.execute(st, refs))?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }
}

/// Runs `f`, a call of PostgreSQL's blocking client, off any async runtime:
/// the client blocks on a runtime of its own, which tokio refuses inside
/// another (a web server's handlers read the store from its workers). There
/// it runs on a scoped thread of its own (tens of microseconds, against a
/// round trip to the server); anywhere else (the command line, the
/// follower's thread) on the caller's thread, at no cost.
pub(crate) fn off_runtime<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    if tokio::runtime::Handle::try_current().is_err() {
        return f();
    }
    std::thread::scope(|s| match s.spawn(f).join() {
        Ok(r) => r,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}

/// PostgreSQL's blocking client, closed off any async runtime when dropped
/// (closing blocks on its runtime too: see [`off_runtime`]).
pub(crate) struct Client(Option<postgres::Client>);

impl Client {
    /// Wraps a connected client.
    pub(crate) fn new(client: postgres::Client) -> Client {
        Client(Some(client))
    }
}

impl std::ops::Deref for Client {
    type Target = postgres::Client;
    fn deref(&self) -> &postgres::Client {
        self.0.as_ref().unwrap_or_else(|| unreachable!("a client is present until dropped"))
    }
}

impl std::ops::DerefMut for Client {
    fn deref_mut(&mut self) -> &mut postgres::Client {
        self.0.as_mut().unwrap_or_else(|| unreachable!("a client is present until dropped"))
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Some(client) = self.0.take() {
            if tokio::runtime::Handle::try_current().is_ok() {
                let _ = std::thread::Builder::new().name("pg-close".into()).spawn(move || drop(client));
            }
        }
    }
}

/// SQLite's `?N` (and `?`) placeholders as PostgreSQL's `$N`, outside quotes.
pub(crate) fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    let mut next = 0u32;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                out.push(c);
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                let n = if digits.is_empty() {
                    next += 1;
                    next
                } else {
                    digits.parse().unwrap_or(0)
                };
                next = next.max(n);
                out.push('$');
                out.push_str(&n.to_string());
            }
            None => out.push(c),
        }
    }
    out
}

impl Db {
    /// Which backend this is.
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Pg(_) => Backend::Postgres,
        }
    }

    /// The SQLite connection, for what only SQLite does (pragmas, the
    /// upgrade of old archives); `None` on PostgreSQL.
    pub(crate) fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Db::Sqlite(c) => Some(c),
            Db::Pg(_) => None,
        }
    }

    /// Runs a statement; returns the rows it changed.
    pub(crate) fn execute(&self, sql: impl Sql, params: Params<'_>) -> Result<usize, StoreError> {
        let sql = sql.text(self.backend());
        match self {
            Db::Sqlite(c) => Ok(c.prepare_cached(sql)?.execute(rusqlite::params_from_iter(lite(params)))?),
            Db::Pg(pg) => pg.execute(sql, params),
        }
    }

    /// Runs an `INSERT` into a table with an `id` key made by the database;
    /// returns the new row's id.
    pub(crate) fn insert(&self, sql: impl Sql, params: Params<'_>) -> Result<i64, StoreError> {
        let sql = sql.text(self.backend());
        match self {
            Db::Sqlite(c) => {
                c.prepare_cached(sql)?.execute(rusqlite::params_from_iter(lite(params)))?;
                Ok(c.last_insert_rowid())
            }
            Db::Pg(pg) => {
                let rows = pg.rows(&format!("{sql} RETURNING id"), params)?;
                let row = rows.first().ok_or_else(|| StoreError::Corrupt(format!("no id from {sql}")))?;
                Row::Pg(row).get(0)
            }
        }
    }

    /// Runs a query and maps each row with `f`.
    pub(crate) fn query<T>(
        &self,
        sql: impl Sql,
        params: Params<'_>,
        mut f: impl FnMut(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        let sql = sql.text(self.backend());
        let mut out = Vec::new();
        match self {
            Db::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let mut rows = st.query(rusqlite::params_from_iter(lite(params)))?;
                while let Some(r) = rows.next()? {
                    out.push(f(&Row::Sqlite(r))?);
                }
            }
            Db::Pg(pg) => {
                // (all rows fetched first: `f` may query again)
                for r in &pg.rows(sql, params)? {
                    out.push(f(&Row::Pg(r))?);
                }
            }
        }
        Ok(out)
    }

    /// The first row of a query, mapped with `f`, or `None`.
    pub(crate) fn query_opt<T>(
        &self,
        sql: impl Sql,
        params: Params<'_>,
        f: impl FnOnce(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        let sql = sql.text(self.backend());
        match self {
            Db::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let mut rows = st.query(rusqlite::params_from_iter(lite(params)))?;
                match rows.next()? {
                    Some(r) => Ok(Some(f(&Row::Sqlite(r))?)),
                    None => Ok(None),
                }
            }
            Db::Pg(pg) => match pg.rows(sql, params)?.first() {
                Some(r) => Ok(Some(f(&Row::Pg(r))?)),
                None => Ok(None),
            },
        }
    }

    /// The first row of a query that always gives one (a count).
    pub(crate) fn query_one<T>(
        &self,
        sql: impl Sql,
        params: Params<'_>,
        f: impl FnOnce(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let text = sql.text(self.backend());
        self.query_opt(text, params, f)?.ok_or_else(|| StoreError::Corrupt(format!("no row from {text}")))
    }

    /// Column 0 of the one row of a query.
    pub(crate) fn value<T: FromDb>(&self, sql: impl Sql, params: Params<'_>) -> Result<T, StoreError> {
        self.query_one(sql, params, |r| r.get(0))
    }

    /// Inserts many rows by one `INSERT`: `head` is the statement up to
    /// `VALUES`, each row `width` of the flat `params`, `tail` what follows
    /// the rows (an `ON CONFLICT` clause). SQLite runs its one-row statement
    /// a row (prepared once, no round trips to save); PostgreSQL takes the
    /// rows in statements of 64, 32, … 1 rows, a round trip each, so that a
    /// handful of statements are prepared a table. Rows of one statement
    /// must not conflict with each other (PostgreSQL refuses to update a row
    /// twice in one statement).
    pub(crate) fn insert_rows(
        &self,
        head: &str,
        width: usize,
        tail: &str,
        params: Params<'_>,
    ) -> Result<(), StoreError> {
        const MOST: usize = 64;
        if width == 0 || params.len() % width != 0 {
            return Err(StoreError::Corrupt(format!("{} values for rows of {width}: {head}", params.len())));
        }
        let statement = |rows: usize| {
            let mut sql = format!("{head} ");
            for r in 0..rows {
                sql.push_str(if r == 0 { "(" } else { ", (" });
                for c in 0..width {
                    if c > 0 {
                        sql.push_str(", ");
                    }
                    sql.push_str(&format!("?{}", r * width + c + 1));
                }
                sql.push(')');
            }
            sql.push(' ');
            sql.push_str(tail);
            sql
        };
        if let Db::Sqlite(_) = self {
            let one = statement(1);
            return params.chunks(width).try_for_each(|row| self.execute(&one, row).map(drop));
        }
        let mut rest = params;
        while !rest.is_empty() {
            // (the greatest power of two no more than the rows left)
            let left = (rest.len() / width).min(MOST);
            let rows = 1 << (usize::BITS - 1 - left.leading_zeros());
            let (now, later) = rest.split_at(rows * width);
            self.execute(statement(rows), now)?;
            rest = later;
        }
        Ok(())
    }

    /// Runs statements without parameters, `;`-separated.
    pub(crate) fn batch(&self, sql: impl Sql) -> Result<(), StoreError> {
        let sql = sql.text(self.backend());
        match self {
            Db::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Db::Pg(pg) => {
                let mut client = pg.client.borrow_mut();
                let client: &mut postgres::Client = &mut client;
                Ok(off_runtime(move || client.batch_execute(sql))?)
            }
        }
    }

    /// Whether a transaction is open.
    pub(crate) fn in_transaction(&self) -> bool {
        match self {
            Db::Sqlite(c) => !c.is_autocommit(),
            Db::Pg(pg) => pg.in_transaction.get(),
        }
    }

    /// Opens a transaction that takes the archive's write lock at once,
    /// left to [`Db::end`]: SQLite's `BEGIN IMMEDIATE`, and on PostgreSQL a
    /// lock of the archive's own held to the end of the transaction. One
    /// writer at a time on both (readers are never blocked): two writers
    /// never race for a page's key, and the change log's numbers are taken
    /// in the order their transactions commit, so that a reader following
    /// the log never skips a change committed after a later number.
    pub(crate) fn begin_open(&self) -> Result<(), StoreError> {
        self.batch(Both { sqlite: "BEGIN IMMEDIATE", postgres: WRITE_LOCK })?;
        if let Db::Pg(pg) = self {
            pg.in_transaction.set(true);
        }
        Ok(())
    }

    /// Ends the open transaction: commits it, or rolls it back.
    pub(crate) fn end(&self, commit: bool) -> Result<(), StoreError> {
        let done = self.batch(if commit { "COMMIT" } else { "ROLLBACK" });
        if let Db::Pg(pg) = self {
            pg.in_transaction.set(false);
        }
        done
    }

    /// A transaction of its own (rolled back unless committed).
    pub(crate) fn transaction(&self) -> Result<Tx<'_>, StoreError> {
        self.begin_open()?;
        Ok(Tx { db: self, savepoint: false, done: false })
    }

    /// A transaction of its own when none is open, else a savepoint in the
    /// open one (rolled back alone unless committed).
    pub(crate) fn unit(&self) -> Result<Tx<'_>, StoreError> {
        if !self.in_transaction() {
            return self.transaction();
        }
        self.batch("SAVEPOINT unit")?;
        Ok(Tx { db: self, savepoint: true, done: false })
    }
}

/// A transaction or savepoint in progress: rolled back when dropped
/// uncommitted. Reads and writes go through it as through the [`Db`].
pub(crate) struct Tx<'a> {
    db: &'a Db,
    savepoint: bool,
    done: bool,
}

impl Tx<'_> {
    /// Commits (or releases the savepoint).
    pub(crate) fn commit(mut self) -> Result<(), StoreError> {
        self.done = true;
        if self.savepoint {
            self.db.batch("RELEASE unit")
        } else {
            self.db.end(true)
        }
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = if self.savepoint { self.db.batch("ROLLBACK TO unit; RELEASE unit") } else { self.db.end(false) };
        }
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Db;

    fn deref(&self) -> &Db {
        self.db
    }
}

/// Connects to the PostgreSQL database at `url` (a `postgres://` URL or
/// `key=value` pairs), without TLS (a Unix socket or a trusted network).
pub(crate) fn connect_pg(url: &str) -> Result<Db, StoreError> {
    Ok(Db::Pg(Box::new(Pg::new(client_pg(url)?))))
}

/// A client of the PostgreSQL database at `url` (see [`connect_pg`]).
pub(crate) fn client_pg(url: &str) -> Result<Client, StoreError> {
    let fail = |reason: String| StoreError::Connect { url: redacted(url), reason };
    let config: postgres::Config = url.parse().map_err(|e: postgres::Error| fail(e.to_string()))?;
    let client = off_runtime(|| config.connect(postgres::NoTls)).map_err(|e| {
        fail(match e.as_db_error() {
            Some(db) => db.message().to_string(),
            None => std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| format!("{e}: {s}")),
        })
    })?;
    Ok(Client::new(client))
}

/// A database URL fit to show: its password, if any, hidden.
pub(crate) fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let Some((auth, host)) = rest.split_once('@') else { return url.to_string() };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

fn lite<'a>(params: Params<'a>) -> impl Iterator<Item = value::Lite<'a>> + 'a {
    params.iter().map(|p| value::Lite(*p))
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn a_store_moves_between_threads() {
        // (a web server's pool hands its read-only stores to other threads:
        // this does not compile once a backend's connection cannot move)
        fn movable<T: Send + 'static>(_: Option<T>) -> bool {
            true
        }
        assert!(movable::<crate::Store>(None));
    }

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(super::redacted("postgres://ann:secret@db/x"), "postgres://ann:***@db/x");
        assert_eq!(super::redacted("postgres://ann@db/x"), "postgres://ann@db/x");
    }

    #[test]
    fn placeholders_are_numbered_outside_quotes() {
        assert_eq!(
            placeholders("SELECT a FROM t WHERE b = ?1 AND c = ?12"),
            "SELECT a FROM t WHERE b = $1 AND c = $12"
        );
        assert_eq!(placeholders("SELECT '?1', \"a?\" FROM t WHERE x = ?2"), "SELECT '?1', \"a?\" FROM t WHERE x = $2");
        assert_eq!(placeholders("VALUES (?, ?)"), "VALUES ($1, $2)");
    }
}
