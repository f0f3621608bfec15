//! For tests only: a throw-away PostgreSQL server.
//!
//! [`Server::start`] finds Debian's PostgreSQL (`/usr/lib/postgresql/NN/bin`,
//! the package `postgresql`), makes a cluster in a temporary folder with
//! `initdb` (as `nobody` when running as root: `initdb` refuses root), and
//! starts `postgres` on a Unix socket in that folder, with no TCP at all.
//! [`Server::database`] makes a fresh database and gives its connection URL:
//! one server per test binary, one database per test.
//!
//! The server is stopped and its folder removed when the [`Server`] is
//! dropped, and also, since a server kept in a `static` is never dropped,
//! by a watchdog that does so once the test process is gone (however it
//! ended).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The Debian package that brings `initdb`, `pg_ctl` and `postgres`.
pub const PACKAGE: &str = "postgresql";

/// The superuser the cluster is made with (local connections are trusted).
const SUPERUSER: &str = "postgres";

/// How long the server may take to accept connections.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A running throw-away PostgreSQL server.
pub struct Server {
    /// The temporary folder: `data/` (the cluster) and `socket/`.
    root: PathBuf,
    /// Where `postgres`, `initdb` and `createdb` are.
    bin: PathBuf,
    /// The server process.
    child: std::process::Child,
    /// The databases made so far, to name the next.
    made: AtomicU64,
}

impl Server {
    /// Makes a cluster in a new temporary folder and starts a server on it.
    /// Fails with a message naming the package when PostgreSQL is not
    /// installed.
    pub fn start() -> Result<Server, String> {
        let bin = find_bin()?;
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let root = std::env::temp_dir().join(format!("shuzibao-pg-{}-{stamp}", std::process::id()));
        let data = root.join("data");
        let socket = root.join("socket");
        for d in [&root, &socket] {
            std::fs::create_dir_all(d).map_err(|e| format!("cannot make {}: {e}", d.display()))?;
        }
        let as_user = unprivileged()?;
        if let Some((user, _)) = &as_user {
            let status = Command::new("chown")
                .args(["-R", &format!("{user}:"), &root.to_string_lossy()])
                .status()
                .map_err(|e| format!("cannot run chown: {e}"))?;
            if !status.success() {
                return Err(format!("chown of {} to {user} failed", root.display()));
            }
        }
        let mut initdb = command(&bin.join("initdb"), as_user.as_ref());
        initdb
            .arg("-D")
            .arg(&data)
            .args(["-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
            .stdin(Stdio::null());
        let out = initdb.output().map_err(|e| format!("cannot run initdb: {e}"))?;
        if !out.status.success() {
            let _ = std::fs::remove_dir_all(&root);
            return Err(format!(
                "initdb failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let log = std::fs::File::create(root.join("server.log")).map_err(|e| format!("cannot make the log: {e}"))?;
        let mut postgres = command(&bin.join("postgres"), as_user.as_ref());
        postgres
            .arg("-D")
            .arg(&data)
            .arg("-k")
            .arg(&socket)
            // a throw-away server: no TCP, nothing flushed to disk
            .args(["-c", "listen_addresses=", "-c", "fsync=off", "-c", "synchronous_commit=off"])
            .args(["-c", "full_page_writes=off", "-c", "max_connections=100"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log);
        let child = postgres.spawn().map_err(|e| format!("cannot start postgres: {e}"))?;
        let server = Server { root, bin, child, made: AtomicU64::new(0) };
        server.watch()?;
        server.wait_ready()?;
        Ok(server)
    }

    /// Where the server's programs are (`pg_dump`, `pg_restore`, `psql` too):
    /// the client programs of its own version.
    pub fn bin_dir(&self) -> &Path {
        &self.bin
    }

    /// The folder of the server's Unix socket.
    pub fn socket_dir(&self) -> PathBuf {
        self.root.join("socket")
    }

    /// Makes a new empty database and returns its connection URL
    /// (`postgresql://postgres@/NAME?host=SOCKET_DIR`).
    pub fn database(&self) -> Result<String, String> {
        let n = self.made.fetch_add(1, Ordering::Relaxed) + 1;
        let name = format!("test{n}");
        let out = Command::new(self.bin.join("createdb"))
            .arg("-h")
            .arg(self.socket_dir())
            .args(["-U", SUPERUSER, &name])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run createdb: {e}"))?;
        if !out.status.success() {
            return Err(format!("createdb {name} failed: {}", String::from_utf8_lossy(&out.stderr)));
        }
        Ok(self.url(&name))
    }

    /// The connection URL of database `name` on this server.
    pub fn url(&self, name: &str) -> String {
        format!("postgresql://{SUPERUSER}@/{name}?host={}", self.socket_dir().display())
    }

    /// Waits until the server accepts connections on its socket.
    fn wait_ready(&self) -> Result<(), String> {
        let started = Instant::now();
        loop {
            let ready = Command::new(self.bin.join("pg_isready"))
                .arg("-h")
                .arg(self.socket_dir())
                .args(["-U", SUPERUSER, "-q"])
                .status()
                .is_ok_and(|s| s.success());
            if ready {
                return Ok(());
            }
            if started.elapsed() > START_TIMEOUT {
                let log = std::fs::read_to_string(self.root.join("server.log")).unwrap_or_default();
                return Err(format!("PostgreSQL did not start within {START_TIMEOUT:?}: {log}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Starts a watchdog that stops the server and removes its folder once
    /// this process is gone: a server kept in a `static` is never dropped.
    fn watch(&self) -> Result<(), String> {
        // (nothing is killed once the folder is gone: the server was dropped
        // and its process id may be another's by then)
        let script = "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; \
                      [ -d \"$3\" ] || exit 0; kill -INT \"$2\" 2>/dev/null; \
                      i=0; while kill -0 \"$2\" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; \
                      kill -KILL \"$2\" 2>/dev/null; rm -rf \"$3\"";
        Command::new("sh")
            .args(["-c", script, "watchdog"])
            .arg(std::process::id().to_string())
            .arg(self.child.id().to_string())
            .arg(&self.root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the server's watchdog: {e}"))?;
        Ok(())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // a fast shutdown (SIGINT): sessions ended, nothing kept
        let _ = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// `program`, run as `user` (with `setpriv`) when given.
fn command(program: &Path, user: Option<&(String, String)>) -> Command {
    match user {
        Some((user, group)) => {
            let mut c = Command::new("setpriv");
            c.arg(format!("--reuid={user}")).arg(format!("--regid={group}")).arg("--clear-groups").arg(program);
            c
        }
        None => Command::new(program),
    }
}

/// The user and group to run PostgreSQL as when this process is root
/// (`initdb` and `postgres` refuse to run as root), `None` otherwise.
fn unprivileged() -> Result<Option<(String, String)>, String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").map_err(|e| format!("cannot tell who runs the tests: {e}"))?.uid();
    if uid != 0 {
        return Ok(None);
    }
    let group = if Path::new("/etc/group").is_file()
        && std::fs::read_to_string("/etc/group").unwrap_or_default().lines().any(|l| l.starts_with("nogroup:"))
    {
        "nogroup"
    } else {
        "nobody"
    };
    Ok(Some(("nobody".to_string(), group.to_string())))
}

/// Where Debian keeps each major version of PostgreSQL (`NN/bin`).
const DEBIAN_ROOT: &str = "/usr/lib/postgresql";

/// The newest `/usr/lib/postgresql/NN/bin` that has `initdb` and `postgres`.
fn find_bin() -> Result<PathBuf, String> {
    find_bin_in(Path::new(DEBIAN_ROOT))
}

/// The newest `ROOT/NN/bin` that has `initdb` and `postgres`.
fn find_bin_in(root: &Path) -> Result<PathBuf, String> {
    let missing = || {
        format!(
            "PostgreSQL is not installed: no {}/NN/bin/initdb. The PostgreSQL tests need \
             Debian's package `{PACKAGE}` (apt-get install {PACKAGE}; scripts/install-deps.sh installs it)",
            root.display()
        )
    };
    let entries = std::fs::read_dir(root).map_err(|_| missing())?;
    let mut found: Vec<(u32, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let version: u32 = e.file_name().to_str()?.split('.').next()?.parse().ok()?;
            let bin = e.path().join("bin");
            (bin.join("initdb").is_file() && bin.join("postgres").is_file()).then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin).ok_or_else(missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_postgresql_the_error_names_the_package() {
        let empty = std::env::temp_dir().join(format!("shuzibao-no-pg-{}", std::process::id()));
        std::fs::create_dir_all(empty.join("15")).unwrap_or_else(|e| panic!("{e}"));
        for root in [empty.clone(), empty.join("absent")] {
            let err = find_bin_in(&root).err().unwrap_or_default();
            assert!(err.contains("apt-get install postgresql") && err.contains("not installed"), "{err}");
        }
        let _ = std::fs::remove_dir_all(&empty);
    }

    #[test]
    fn a_server_starts_makes_databases_and_is_removed_on_drop() {
        let server = match Server::start() {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let root = server.root.clone();
        assert!(server.socket_dir().join(".s.PGSQL.5432").exists(), "a Unix socket");
        let a = server.database().unwrap_or_else(|e| panic!("{e}"));
        let b = server.database().unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(a, b, "a fresh database each time");
        assert!(a.starts_with("postgresql://postgres@/test1?host="), "{a}");
        drop(server);
        assert!(!root.exists(), "the folder is removed");
    }
}
