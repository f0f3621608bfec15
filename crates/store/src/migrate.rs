//! Moving an archive between backends (`shuzibao migrate`): every table's
//! rows copied from one store to a new, empty one, ids kept, in one
//! transaction (a copy stopped half-way leaves the target empty), then both
//! checked: the rows of each table counted and hashed in the same order, the
//! same way on both backends.
//!
//! A table's hash is the SHA-256 of its rows in key order (all columns for
//! a table without a key; NULLs first on both backends), each column by
//! name order: NULL, an integer (8 bytes), a real (its bits) or bytes (text
//! and bytes alike, with their length). The search index is not copied: it
//! is derived, and made again from the change log when the archive is next
//! opened for writing (or `shuzibao reindex`).

use crate::db::{Db, Row, ToDb, Value};
use crate::{Store, StoreError};
use sha2::{Digest, Sha256};

/// The tables of an archive, parents before children, with the columns they
/// are ordered by: their key, read a page after the last row (keyset), or
/// `*`, all of them, read by OFFSET (a table without a key: its pages cost
/// more the further they are, so only small tables may be so). The schema version is each backend's
/// own (made with the target) and not copied.
const TABLES: &[(&str, &str)] = &[
    ("meta", "key"),
    ("issues", "id"),
    ("issue_versions", "id"),
    ("articles", "id"),
    ("changes", "seq"),
    ("event_dates", "*"),
    ("mentions", "article_id, kind, name"),
    ("people_summary", "name"),
    ("dictionaries", "id"),
    ("page_assets", "version_id"),
    ("corrections", "id"),
    ("correction_bases", "issue_id"),
    ("corrected_articles", "article_id"),
];

/// Tables whose ids PostgreSQL hands out (set past the copied ones).
const IDENTITIES: &[(&str, &str)] =
    &[("issues", "id"), ("issue_versions", "id"), ("articles", "id"), ("changes", "seq"), ("corrections", "id")];

/// Rows read from the source at a time.
const PAGE: usize = 2_000;

/// One table as both stores hold it after a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCheck {
    /// The table.
    pub table: &'static str,
    /// Its rows in the source and in the target.
    pub rows: (u64, u64),
    /// The SHA-256 of its rows (hex) in the source and in the target.
    pub hash: (String, String),
}

impl TableCheck {
    /// Whether the target holds what the source does.
    pub fn same(&self) -> bool {
        self.rows.0 == self.rows.1 && self.hash.0 == self.hash.1
    }
}

/// A column value, owned, as either backend gives it.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Bytes(Vec<u8>),
}

impl ToDb for Cell {
    fn to_value(&self) -> Value<'_> {
        match self {
            Cell::Null => Value::Null,
            Cell::Int(i) => Value::Int(*i),
            Cell::Real(r) => Value::Real(*r),
            Cell::Text(t) => Value::Text(t),
            Cell::Bytes(b) => Value::Blob(b),
        }
    }
}

/// Column `i` of a row, whatever its type.
fn cell(row: &Row<'_>, i: usize, table: &str) -> Result<Cell, StoreError> {
    use postgres::types::Type;
    use rusqlite::types::ValueRef;
    let bad = |what: String| StoreError::Corrupt(format!("table {table}, column {i}: {what}"));
    match row {
        Row::Sqlite(r) => Ok(match r.get_ref(i)? {
            ValueRef::Null => Cell::Null,
            ValueRef::Integer(v) => Cell::Int(v),
            ValueRef::Real(v) => Cell::Real(v),
            ValueRef::Text(t) => {
                Cell::Text(String::from_utf8(t.to_vec()).map_err(|_| bad("a text that is not UTF-8".into()))?)
            }
            ValueRef::Blob(b) => Cell::Bytes(b.to_vec()),
        }),
        Row::Pg(r) => {
            let ty = r.columns().get(i).map(|c| c.type_().clone()).ok_or_else(|| bad("no such column".into()))?;
            Ok(if ty == Type::INT8 {
                r.try_get::<_, Option<i64>>(i)?.map_or(Cell::Null, Cell::Int)
            } else if ty == Type::INT4 {
                r.try_get::<_, Option<i32>>(i)?.map_or(Cell::Null, |v| Cell::Int(v.into()))
            } else if ty == Type::FLOAT8 {
                r.try_get::<_, Option<f64>>(i)?.map_or(Cell::Null, Cell::Real)
            } else if ty == Type::BYTEA {
                r.try_get::<_, Option<Vec<u8>>>(i)?.map_or(Cell::Null, Cell::Bytes)
            } else if ty == Type::TEXT || ty == Type::VARCHAR {
                r.try_get::<_, Option<String>>(i)?.map_or(Cell::Null, Cell::Text)
            } else {
                return Err(bad(format!("a column of type {ty} this build does not copy")));
            })
        }
    }
}

/// The tables of a store (its own bookkeeping left out).
fn tables(db: &Db) -> Result<Vec<String>, StoreError> {
    db.query(
        crate::db::Both {
            sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            postgres: "SELECT table_name::TEXT FROM information_schema.tables
                       WHERE table_schema = current_schema() AND table_name <> 'schema_version' ORDER BY 1",
        },
        crate::db::p![],
        |r| r.get(0),
    )
}

/// The columns of a table, by name.
fn columns(db: &Db, table: &str) -> Result<Vec<String>, StoreError> {
    let mut cols: Vec<String> = db.query(
        crate::db::Both {
            sqlite: "SELECT name FROM pragma_table_info(?1)",
            postgres: "SELECT column_name::TEXT FROM information_schema.columns
                       WHERE table_schema = current_schema() AND table_name = ?1",
        },
        crate::db::p![table],
        |r| r.get(0),
    )?;
    cols.sort();
    Ok(cols)
}

/// A page of a table's rows in key order: those after `after` (the last
/// row read) by its key, or by OFFSET for a table without one (`*`).
fn page(
    db: &Db,
    (table, cols, order): (&str, &[String], &str),
    size: usize,
    after: Option<&[Cell]>,
    offset: usize,
) -> Result<Vec<Vec<Cell>>, StoreError> {
    let keyed = order != "*";
    let key: Vec<&str> = if keyed { order.split(',').map(str::trim).collect() } else { Vec::new() };
    let sorted: Vec<String> = if keyed {
        key.iter().map(|c| c.to_string()).collect()
    } else {
        cols.iter().map(|c| format!("{c} NULLS FIRST")).collect()
    };
    let select = cols.join(", ");
    let mut params: Vec<&dyn ToDb> = Vec::new();
    let mut filter = String::new();
    let last: Vec<Cell>;
    if let Some(row) = after.filter(|_| keyed) {
        // (row values compare as tuples on both backends; a key is never NULL)
        last = key.iter().filter_map(|k| cols.iter().position(|c| c == k).map(|i| row[i].clone())).collect();
        let marks: Vec<String> = (2..2 + last.len()).map(|i| format!("?{i}")).collect();
        filter = format!("WHERE ({}) > ({})", key.join(", "), marks.join(", "));
        params.extend(last.iter().map(|c| c as &dyn ToDb));
    }
    let skip = if keyed { 0 } else { offset };
    let sql = format!("SELECT {select} FROM {table} {filter} ORDER BY {} LIMIT ?1 OFFSET {skip}", sorted.join(", "));
    let mut all: Vec<&dyn ToDb> = vec![&size];
    all.extend(params);
    db.query(sql, &all, |r| (0..cols.len()).map(|i| cell(r, i, table)).collect())
}

/// Rows and hash of a table.
fn check(db: &Db, table: &str, cols: &[String], order: &str, size: usize) -> Result<(u64, String), StoreError> {
    let mut hash = Sha256::new();
    let mut rows = 0u64;
    let mut last: Option<Vec<Cell>> = None;
    loop {
        let got = page(db, (table, cols, order), size, last.as_deref(), rows as usize)?;
        for row in &got {
            for c in row {
                match c {
                    Cell::Null => hash.update([0]),
                    Cell::Int(i) => {
                        hash.update([1]);
                        hash.update(i.to_le_bytes());
                    }
                    Cell::Real(r) => {
                        hash.update([2]);
                        hash.update(r.to_bits().to_le_bytes());
                    }
                    Cell::Text(t) => bytes(&mut hash, t.as_bytes()),
                    Cell::Bytes(b) => bytes(&mut hash, b),
                }
            }
        }
        rows += got.len() as u64;
        last = got.last().cloned();
        if got.len() < size {
            return Ok((rows, hash.finalize().iter().map(|b| format!("{b:02x}")).collect()));
        }
    }
}

fn bytes(hash: &mut Sha256, b: &[u8]) {
    hash.update([3]);
    hash.update((b.len() as u64).to_le_bytes());
    hash.update(b);
}

/// Copies every row of `from` into `to`, an archive just made (no issue,
/// nothing but its own bookkeeping), in one transaction; `progress` is told
/// each table. Then counts and hashes every table in both and returns them
/// (see [`TableCheck::same`]). A target holding anything is refused, as is a
/// source with a table this build does not know.
pub fn copy(from: &Store, to: &mut Store, progress: impl FnMut(&str, u64)) -> Result<Vec<TableCheck>, StoreError> {
    copy_in_pages(from, to, PAGE, progress)
}

/// [`copy`], reading `size` rows at a time (tests read a few at a time).
#[doc(hidden)]
pub fn copy_in_pages(
    from: &Store,
    to: &mut Store,
    size: usize,
    mut progress: impl FnMut(&str, u64),
) -> Result<Vec<TableCheck>, StoreError> {
    let size = size.max(1);
    let known: Vec<&str> = TABLES.iter().map(|(t, _)| *t).collect();
    for t in tables(&from.db)? {
        if !known.contains(&t.as_str()) {
            return Err(StoreError::Corrupt(format!("the archive has a table {t} this build cannot copy")));
        }
    }
    for (table, _) in TABLES.iter().filter(|(t, _)| *t != "meta") {
        let n: i64 = to.db.value(format!("SELECT count(*) FROM {table}"), crate::db::p![])?;
        if n > 0 {
            return Err(StoreError::Conflict(format!(
                "the target archive is not empty ({n} rows in {table}): migrate into a new one"
            )));
        }
    }
    let mut plan = Vec::new();
    for &(table, order) in TABLES {
        let cols = columns(&from.db, table)?;
        if cols != columns(&to.db, table)? {
            return Err(StoreError::Corrupt(format!("table {table} has other columns in the target")));
        }
        plan.push((table, order, cols));
    }
    let tx = to.db.transaction()?;
    tx.execute("DELETE FROM meta", crate::db::p![])?;
    for (table, order, cols) in &plan {
        let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        let insert = format!("INSERT INTO {table} ({}) VALUES ({})", cols.join(", "), marks.join(", "));
        // an article may continue one with a larger id: linked once all are in
        let link = cols.iter().position(|c| c == "continues").filter(|_| *table == "articles");
        let id = cols.iter().position(|c| c == "id");
        let mut links = Vec::new();
        let mut done = 0usize;
        let mut last: Option<Vec<Cell>> = None;
        loop {
            let rows = page(&from.db, (table, cols, order), size, last.as_deref(), done)?;
            last = rows.last().cloned();
            for mut row in rows.iter().cloned() {
                if let (Some(l), Some(id)) = (link, id) {
                    if row[l] != Cell::Null {
                        links.push((row[id].clone(), std::mem::replace(&mut row[l], Cell::Null)));
                    }
                }
                let params: Vec<&dyn ToDb> = row.iter().map(|c| c as &dyn ToDb).collect();
                tx.execute(insert.as_str(), &params)?;
            }
            done += rows.len();
            if rows.len() < size {
                break;
            }
        }
        for (id, to) in &links {
            tx.execute("UPDATE articles SET continues = ?1 WHERE id = ?2", crate::db::p![to, id])?;
        }
        progress(table, done as u64);
    }
    if tx.backend() == crate::Backend::Postgres {
        for (table, col) in IDENTITIES {
            tx.batch(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', '{col}'), coalesce(max({col}), 0) + 1, false) \
                 FROM {table}"
            ))?;
        }
    }
    tx.commit()?;
    to.dicts.load(&to.db)?;
    let mut checks = Vec::new();
    for (table, order, cols) in &plan {
        let (rows_from, hash_from) = check(&from.db, table, cols, order, size)?;
        let (rows_to, hash_to) = check(&to.db, table, cols, order, size)?;
        checks.push(TableCheck { table, rows: (rows_from, rows_to), hash: (hash_from, hash_to) });
    }
    Ok(checks)
}
