//! The server's defences against clients that are slow, greedy or guessing:
//!
//! - [`serve_on`]: the accept loop. HTTP/1.1 through hyper with a timeout on
//!   reading a request's head (a client sending its headers a byte a second,
//!   or an idle keep-alive connection, is dropped after
//!   [`Limits::header_read_timeout`]), a cap on open connections (the ones
//!   over it get a short 503 and are closed at once rather than left in the
//!   kernel's queue), a connection dropped when its client stops reading a
//!   response for [`Limits::write_timeout`], and a graceful shutdown bounded
//!   in time.
//! - `in_flight`: a cap on requests being handled at once; a request waits
//!   at most [`Limits::queue_wait`] for a place, then gets 503 with
//!   `Retry-After`.
//! - `Guesses`: wrong admin tokens, counted per client address; after
//!   [`GUESS_BURST`] wrong tokens a client is refused with 429 until its
//!   allowance refills (one try per [`GUESS_REFILL`]), and each wrong token is
//!   logged as a warning with the client's address.

use crate::error::{ApiError, Failure, PageError};
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{ready, Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How much the server takes from its clients.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Longest a client may take to send a request's line and headers, and
    /// longest a kept-alive connection may stay idle between requests.
    pub header_read_timeout: Duration,
    /// Connections open at once; more are answered 503 and closed.
    pub max_connections: usize,
    /// Requests handled at once; more wait, then get 503.
    pub max_in_flight: usize,
    /// Longest a request waits for one of the `max_in_flight` places.
    pub queue_wait: Duration,
    /// On shutdown, longest the connections in flight are waited for.
    pub shutdown_grace: Duration,
    /// Longest a response may wait for a client that has stopped reading it
    /// (its socket buffer full) before the connection is dropped.
    pub write_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(10),
            max_connections: default_max_connections(),
            max_in_flight: 64,
            queue_wait: Duration::from_secs(2),
            shutdown_grace: Duration::from_secs(15),
            write_timeout: Duration::from_secs(30),
        }
    }
}

/// 10,000 connections, or fewer if the process may not open that many
/// files (each connection is one; some are kept for the archive).
fn default_max_connections() -> usize {
    max_connections_for(std::fs::read_to_string("/proc/self/limits").ok().as_deref())
}

/// The connection limit for the soft limit on open files read from the
/// text of `/proc/self/limits`, if any.
fn max_connections_for(proc_limits: Option<&str>) -> usize {
    let soft = proc_limits.and_then(|s| {
        let line = s.lines().find(|l| l.starts_with("Max open files"))?;
        line.split_whitespace().nth(3)?.parse::<usize>().ok()
    });
    match soft {
        Some(n) => n.saturating_sub(256).clamp(64, 10_000),
        None => 10_000,
    }
}

/// Serves `router` on `listener` until `shutdown` completes, within `limits`;
/// then stops accepting, lets the connections in flight finish (for at most
/// [`Limits::shutdown_grace`]) and returns.
pub async fn serve_on<F>(listener: TcpListener, router: Router, limits: Limits, shutdown: F) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true)
        .max_buf_size(64 * 1024);
    let graceful = GracefulShutdown::new();
    let open = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(c) => c,
                Err(e) => {
                    accept_error(e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            tracing::warn!(%peer, "too many connections ({}): refused", limits.max_connections);
            tokio::spawn(refuse(stream));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = router.clone().map_request(move |req: Request<hyper::body::Incoming>| {
            let mut req = req.map(Body::new);
            req.extensions_mut().insert(ConnectInfo(peer));
            req
        });
        let io = TokioIo::new(Lingering::new(stream, limits.write_timeout));
        let conn = http.serve_connection(io, TowerToHyperService::new(service));
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(%peer, "connection closed: {e}");
            }
            drop(permit);
        });
    }
    drop(listener);
    tracing::info!("waiting for {} connection(s) to finish", graceful.count());
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!("connections still open after {:?}: closing them", limits.shutdown_grace);
        }
    }
    Ok(())
}

/// What to do when `accept` fails: nothing for an error of that one
/// connection; a pause when out of file descriptors or memory, so as not to
/// spin.
async fn accept_error(e: std::io::Error) {
    use std::io::ErrorKind::*;
    if matches!(e.kind(), ConnectionAborted | ConnectionRefused | ConnectionReset | Interrupted) {
        return;
    }
    tracing::error!("accept: {e}");
    tokio::time::sleep(Duration::from_millis(100)).await;
}

/// Answers a connection over the limit with a 503 and closes it.
async fn refuse(mut stream: TcpStream) {
    const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\n\
retry-after: 1\r\nconnection: close\r\ncontent-length: 27\r\n\r\ntoo many connections, retry";
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        stream.write_all(BUSY).await?;
        stream.shutdown().await?;
        // read what the client sent, so that closing does not reset the
        // connection before it reads the answer
        let mut sink = [0u8; 4096];
        while stream.read(&mut sink).await? > 0 {}
        Ok::<(), std::io::Error>(())
    })
    .await;
}

/// Longest the server reads and discards what a client still sends after
/// the server has answered and closed its side.
const LINGER: Duration = Duration::from_secs(1);
/// Most it reads so.
const LINGER_BYTES: usize = 16 << 20;

/// A connection that, when the server closes it, first closes its own side
/// (FIN) and then reads and discards what the client is still sending, for
/// at most [`LINGER`]. Closing a socket that holds unread data makes the
/// kernel reset the connection, and the client may then lose the answer it
/// was sent: a 413 for a body it is still sending, most of all.
///
/// It also drops a client that stops reading: a write that cannot go on for
/// [`Limits::write_timeout`] fails, and the connection with it.
struct Lingering<S> {
    stream: S,
    shut: bool,
    linger: Option<Pin<Box<tokio::time::Sleep>>>,
    drained: usize,
    write_timeout: Duration,
    /// Running while a write waits for the client to read.
    stall: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<S> Lingering<S> {
    fn new(stream: S, write_timeout: Duration) -> Lingering<S> {
        Lingering { stream, shut: false, linger: None, drained: 0, write_timeout, stall: None }
    }

    /// Passes on a write's outcome; a write still waiting after the write
    /// timeout becomes an error.
    fn unless_stalled<T>(&mut self, cx: &mut Context<'_>, r: Poll<std::io::Result<T>>) -> Poll<std::io::Result<T>> {
        if r.is_ready() {
            self.stall = None;
            return r;
        }
        let timeout = self.write_timeout;
        let stall = self.stall.get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        if stall.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "the client stopped reading")));
        }
        Poll::Pending
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Lingering<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncWrite for Lingering<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.stream).poll_write(cx, buf);
        self.unless_stalled(cx, r)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        self.unless_stalled(cx, r)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let r = Pin::new(&mut self.stream).poll_flush(cx);
        self.unless_stalled(cx, r)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        if !this.shut {
            ready!(Pin::new(&mut this.stream).poll_shutdown(cx))?;
            this.shut = true;
        }
        let deadline = this.linger.get_or_insert_with(|| Box::pin(tokio::time::sleep(LINGER)));
        let mut sink = [0u8; 8192];
        loop {
            if deadline.as_mut().poll(cx).is_ready() || this.drained > LINGER_BYTES {
                return Poll::Ready(Ok(()));
            }
            let mut buf = ReadBuf::new(&mut sink);
            match Pin::new(&mut this.stream).poll_read(cx, &mut buf) {
                Poll::Ready(Ok(())) if buf.filled().is_empty() => return Poll::Ready(Ok(())),
                Poll::Ready(Ok(())) => this.drained += buf.filled().len(),
                Poll::Ready(Err(_)) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

/// The places for requests being handled at once.
#[derive(Debug)]
pub(crate) struct Gate {
    places: Semaphore,
    wait: Duration,
}

impl Gate {
    pub(crate) fn new(limits: &Limits) -> Arc<Gate> {
        Arc::new(Gate { places: Semaphore::new(limits.max_in_flight.max(1)), wait: limits.queue_wait })
    }
}

/// Takes a place for the request, or answers 503 if none frees up in time.
pub(crate) async fn in_flight(State(gate): State<Arc<Gate>>, req: Request, next: Next) -> Response {
    let place = tokio::time::timeout(gate.wait, gate.places.acquire()).await;
    let Ok(Ok(_place)) = place else {
        let busy = Failure::Busy("服务器繁忙，请稍后再试 (server busy, retry shortly)".into(), 1);
        return if req.uri().path().starts_with("/api/") {
            ApiError(busy).into_response()
        } else {
            PageError(busy).into_response()
        };
    };
    next.run(req).await
}

/// Wrong admin tokens a client may send in a row before it must wait.
pub const GUESS_BURST: f64 = 5.0;
/// One more try is allowed after this long.
pub const GUESS_REFILL: Duration = Duration::from_secs(10);
/// Clients tracked at most; beyond, those with a full allowance are forgotten.
const GUESS_CLIENTS: usize = 4096;

/// Wrong admin tokens by client address (a token bucket each).
#[derive(Debug, Default)]
pub(crate) struct Guesses {
    clients: Mutex<HashMap<Option<IpAddr>, (f64, Instant)>>,
}

impl Guesses {
    /// The allowance of `client` now, refilled for the time gone by.
    fn allowance(entry: &mut (f64, Instant), now: Instant) -> f64 {
        let refill = now.duration_since(entry.1).as_secs_f64() / GUESS_REFILL.as_secs_f64();
        entry.0 = (entry.0 + refill).min(GUESS_BURST);
        entry.1 = now;
        entry.0
    }

    /// Whether `client` may try a token now; if not, in how many seconds.
    pub(crate) fn check(&self, client: Option<IpAddr>) -> Result<(), u64> {
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let Some(entry) = clients.get_mut(&client) else {
            return Ok(());
        };
        let left = Self::allowance(entry, now);
        if left < 1.0 {
            Err(((1.0 - left) * GUESS_REFILL.as_secs_f64()).ceil().max(1.0) as u64)
        } else {
            Ok(())
        }
    }

    /// Counts a wrong token from `client`.
    pub(crate) fn wrong(&self, client: Option<IpAddr>) {
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if clients.len() >= GUESS_CLIENTS && !clients.contains_key(&client) {
            clients.retain(|_, e| Self::allowance(e, now) < GUESS_BURST);
            if clients.len() >= GUESS_CLIENTS {
                clients.clear();
            }
        }
        let entry = clients.entry(client).or_insert((GUESS_BURST, now));
        Self::allowance(entry, now);
        entry.0 -= 1.0;
    }
}

/// The client's address, when the request came through [`serve_on`].
pub(crate) fn client_ip(req: &axum::http::request::Parts) -> Option<IpAddr> {
    req.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_are_refused_after_the_burst_and_per_client() {
        let g = Guesses::default();
        let a: Option<IpAddr> = "10.0.0.1".parse().ok();
        let b: Option<IpAddr> = "10.0.0.2".parse().ok();
        for _ in 0..GUESS_BURST as usize {
            assert!(g.check(a).is_ok());
            g.wrong(a);
        }
        let wait = g.check(a).unwrap_err();
        assert!((1..=GUESS_REFILL.as_secs()).contains(&wait), "{wait}");
        assert!(g.check(b).is_ok(), "another client is not affected");
    }

    #[test]
    fn the_connection_limit_follows_the_file_limit() {
        let limits = |soft: &str| {
            format!(
                "Limit                     Soft Limit           Hard Limit           Units\n\
                 Max processes             63704                63704                processes\n\
                 Max open files            {soft:<20} 1048576              files\n"
            )
        };
        assert_eq!(max_connections_for(Some(&limits("1024"))), 768, "room kept for the archive's files");
        assert_eq!(max_connections_for(Some(&limits("20000"))), 10_000);
        assert_eq!(max_connections_for(Some(&limits("100"))), 64);
        assert_eq!(max_connections_for(Some(&limits("unlimited"))), 10_000);
        assert_eq!(max_connections_for(None), 10_000);
    }

    #[tokio::test]
    async fn a_client_that_stops_reading_is_dropped_one_that_reads_is_not() {
        let big = vec![b'x'; 256 * 1024];
        // the client never reads: the write fails after the write timeout
        let (server, _client) = tokio::io::duplex(4096);
        let mut conn = Lingering::new(server, Duration::from_millis(200));
        let err = tokio::time::timeout(Duration::from_secs(10), conn.write_all(&big)).await.unwrap().unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::TimedOut);
        // a client that reads, however slowly overall, gets everything
        let (server, mut client) = tokio::io::duplex(4096);
        let reader = tokio::spawn(async move {
            let mut got = Vec::new();
            client.read_to_end(&mut got).await.map(|_| got.len())
        });
        let mut conn = Lingering::new(server, Duration::from_millis(200));
        conn.write_all(&big).await.unwrap();
        drop(conn);
        assert_eq!(reader.await.unwrap().unwrap(), big.len());
    }
}
