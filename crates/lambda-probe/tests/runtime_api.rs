//! The emulator against the real `lambda_runtime` client: the hello-world binary of
//! this crate is started with `AWS_LAMBDA_RUNTIME_API` pointing at the emulator.

use otodoke_lambda_probe::{Outcome, RuntimeApi};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(10);

/// Kills the function when the test ends, however it ends.
struct Function(Child);

impl Drop for Function {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_hello(api: &RuntimeApi) -> Function {
    let child = Command::new(env!("CARGO_BIN_EXE_hello-lambda"))
        .env_clear()
        .env("AWS_LAMBDA_RUNTIME_API", api.host_port())
        .env("AWS_LAMBDA_FUNCTION_NAME", "hello")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the hello-lambda binary starts");
    Function(child)
}

#[tokio::test]
async fn events_are_delivered_to_the_function_and_its_responses_come_back_in_order() {
    let api = RuntimeApi::start("hello", Duration::from_secs(30))
        .await
        .unwrap();
    // Queued before the process exists, as on a cold start.
    let first = api.submit(r#"{"n":1}"#);
    let spawned = Instant::now();
    let _function = start_hello(&api);
    let first = first.wait(WAIT).await.unwrap();
    assert_eq!(first.outcome, Outcome::Response(r#"{"n":1}"#.into()));
    let polled = api.first_poll().expect("the function asked for an event");
    assert!(spawned <= polled && polled <= first.completed_at);
    for n in 2..=3 {
        let payload = format!(r#"{{"n":{n}}}"#);
        let answer = api.invoke(payload.clone(), WAIT).await.unwrap();
        assert_eq!(answer.outcome.response().unwrap(), payload.as_bytes());
    }
}

#[tokio::test]
async fn a_handler_error_is_reported_on_the_error_route_and_the_function_goes_on() {
    let api = RuntimeApi::start("hello", Duration::from_secs(30))
        .await
        .unwrap();
    let _function = start_hello(&api);
    let failed = api.invoke(r#"{"fail":"no"}"#, WAIT).await.unwrap();
    match failed.outcome {
        Outcome::FunctionError { body, .. } => {
            let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(body["errorMessage"], "no");
        }
        other => panic!("expected a function error, got {other:?}"),
    }
    let next = api.invoke(r#"{"ok":true}"#, WAIT).await.unwrap();
    assert_eq!(next.outcome, Outcome::Response(r#"{"ok":true}"#.into()));
}

#[tokio::test]
async fn an_init_error_fails_the_queued_events_instead_of_leaving_them_waiting() {
    let api = RuntimeApi::start("broken", Duration::from_secs(30))
        .await
        .unwrap();
    let pending = api.submit("{}");
    let status = reqwest::Client::new()
        .post(format!(
            "http://{}/2018-06-01/runtime/init/error",
            api.host_port()
        ))
        .header("lambda-runtime-function-error-type", "Runtime.Init")
        .body(r#"{"errorType":"Runtime.Init","errorMessage":"missing setting"}"#)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 202);
    let answer = pending.wait(WAIT).await.unwrap();
    assert!(
        matches!(answer.outcome, Outcome::InitError(body) if body.starts_with(b"{\"errorType\""))
    );
}

#[tokio::test]
async fn an_answer_for_an_unknown_request_id_is_refused_with_400() {
    let api = RuntimeApi::start("hello", Duration::from_secs(30))
        .await
        .unwrap();
    let status = reqwest::Client::new()
        .post(format!(
            "http://{}/2018-06-01/runtime/invocation/nope/response",
            api.host_port()
        ))
        .body("{}")
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 400);
}
