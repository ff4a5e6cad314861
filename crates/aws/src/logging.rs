//! How every function's logs look in CloudWatch.

/// Installs the JSON log subscriber the functions share: level from `RUST_LOG`
/// (default `info`); no timestamp, because CloudWatch stamps each line; the span list
/// but not a second copy of the current span. Call once, first thing in `main`.
pub fn init_lambda_logging() {
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_current_span(false)
        .without_time()
        .init();
}
