//! The archive as its users (the CLI and the web edition) drive it. One test
//! binary; what goes where:
//!
//! - `store`: identity and versions, history kept, continuations linked,
//!   re-parsing, the change log.
//! - `people`: people, posts over time and dates inferred across issues.
//! - `packing`: raw texts packed with a dictionary of the archive's own.
//! - `assets`: pages from PDFs: regions and page assets kept and returned.
//! - `files_measure`: (ignored) page images from the database or from
//!   files, measured.
//! - `corrections`: corrections by editors, each kind, surviving reparse,
//!   a changed parser and a new text, conflicts refused, hot zones moved.
//!
//! The pages are placed by [`placement`]: the masthead's paper and date.
//!
//! Every test that is not about SQLite's own file runs on both backends
//! ([`on_both_backends!`]: `…::sqlite` and `…::postgres`) against an
//! [`Archive`]; the PostgreSQL runs share one throw-away server per test
//! binary (`shuzibao-testpg`), a fresh database each. Without PostgreSQL
//! installed they fail, naming the package.

#![allow(clippy::unwrap_used)]

mod assets;
mod backends;
mod corrections;
mod files_measure;
mod packing;
mod people;
mod store;

use shuzibao_core::Issue;
use shuzibao_store::{Backend, Location, Placement, Store};
use std::path::Path;
use std::sync::OnceLock;

/// Runs each named test (a `fn(Backend)`) on SQLite and on PostgreSQL, as
/// the tests `NAME::sqlite` and `NAME::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                super::$name(shuzibao_store::Backend::Sqlite)
            }
            #[test]
            fn postgres() {
                super::$name(shuzibao_store::Backend::Postgres)
            }
        }
    )+};
}

/// The PostgreSQL server of this test binary, started by the first test
/// that needs it.
fn server() -> &'static shuzibao_testpg::Server {
    static SERVER: OnceLock<Result<shuzibao_testpg::Server, String>> = OnceLock::new();
    match SERVER.get_or_init(shuzibao_testpg::Server::start) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

/// A test's archive: a data folder, and on PostgreSQL a fresh database.
pub struct Archive {
    dir: tempfile::TempDir,
    location: Location,
}

impl Archive {
    /// A new empty archive on `backend`.
    pub fn new(backend: Backend) -> Archive {
        let dir = tempfile::tempdir().unwrap();
        let location = match backend {
            Backend::Sqlite => Location::Dir(dir.path().to_path_buf()),
            Backend::Postgres => Location::Postgres(server().database().unwrap_or_else(|e| panic!("{e}"))),
        };
        Archive { dir, location }
    }

    /// The data folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Opens it for writing.
    pub fn open(&self) -> Store {
        Store::open_at(&self.location, self.dir.path()).unwrap()
    }

    /// Opens it for writing, or says why not.
    pub fn try_open(&self) -> Result<Store, shuzibao_store::StoreError> {
        Store::open_at(&self.location, self.dir.path())
    }

    /// Opens it for reading only, or says why not.
    pub fn try_open_read_only(&self) -> Result<Store, shuzibao_store::StoreError> {
        Store::open_read_only_at(&self.location, self.dir.path())
    }

    /// Opens it for reading only.
    pub fn open_read_only(&self) -> Store {
        Store::open_read_only_at(&self.location, self.dir.path()).unwrap()
    }

    /// The one integer a query gives, read behind the store's back.
    pub fn number(&self, query: &str) -> i64 {
        match &self.location {
            Location::Dir(d) => rusqlite::Connection::open(d.join(shuzibao_store::DB_FILE))
                .unwrap()
                .query_row(query, [], |r| r.get(0))
                .unwrap(),
            Location::Postgres(url) => {
                postgres::Client::connect(url, postgres::NoTls).unwrap().query_one(query, &[]).unwrap().get(0)
            }
        }
    }

    /// Runs SQL on the database behind the store's back (a test that
    /// tampers with what the store keeps).
    pub fn sql(&self, statements: &str) {
        match &self.location {
            Location::Dir(d) => {
                rusqlite::Connection::open(d.join(shuzibao_store::DB_FILE)).unwrap().execute_batch(statements).unwrap()
            }
            Location::Postgres(url) => {
                postgres::Client::connect(url, postgres::NoTls).unwrap().batch_execute(statements).unwrap()
            }
        }
    }
}

/// Where the tests' pages go: the masthead's paper and date (the caller
/// decides this in real use; see the archive crate), page 1 of a front page.
pub fn placement(issue: &Issue) -> Placement {
    let m = issue.masthead.as_ref();
    Placement {
        paper: m.and_then(|m| m.paper.clone()).unwrap_or_else(|| "示例区报".into()),
        date: m.and_then(|m| m.date),
        page: m.map(|_| shuzibao_core::PageNo::plain(1)),
        ..Placement::default()
    }
}
