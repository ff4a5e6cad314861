//! Serving HTTP/1.1 connections ourselves (hyper + hyper-util) instead of `axum::serve`,
//! so a handler can have its own TCP connection dropped without an answer: the
//! "accepted, then the connection died" fault a retrying client must survive.
//!
//! Each connection gets a [`ConnectionKill`] in its requests' extensions. Killing
//! drops the connection future, which closes the socket: the client sees the
//! connection close before any response byte.

use axum::body::Body;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tower::ServiceExt;

/// Drops the connection the request arrived on.
#[derive(Debug, Clone)]
pub(crate) struct ConnectionKill(Arc<Notify>);

impl ConnectionKill {
    pub fn kill(&self) {
        self.0.notify_one();
    }
}

/// Accepts connections on `listener` until `shutdown` turns true.
pub(crate) async fn serve(listener: TcpListener, app: Router, mut shutdown: watch::Receiver<bool>) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors and the like: pause instead of spinning.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = shutdown.changed() => break,
        };
        let _ = stream.set_nodelay(true);
        let kill = Arc::new(Notify::new());
        let app = app.clone();
        let marker = ConnectionKill(kill.clone());
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(marker.clone());
            let app = app.clone();
            async move {
                Ok::<_, Infallible>(
                    app.oneshot(req.map(Body::new))
                        .await
                        .unwrap_or_else(|e| match e {}),
                )
            }
        });
        let mut conn_shutdown = shutdown.clone();
        tokio::spawn(async move {
            let connection = http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = kill.notified() => {}
                _ = conn_shutdown.changed() => {}
            }
        });
    }
}
