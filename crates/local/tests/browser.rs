//! A real browser on the simulator and marketer pages: Debian's chromium, headless,
//! driven through chromedriver (WebDriver) by `fantoccini`, against the stack started
//! in-process on ephemeral ports.
//!
//! `scripts/browser-test-deps` installs chromium first (apt, root). When that is not
//! possible the test fails if `CI` is set and skips loudly otherwise.

use fantoccini::{Client, ClientBuilder, Locator};
use otodoke_local::{LocalConfig, RunningStack};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A Friday, 12:00 in Tokyo: the demo store is open.
const FRIDAY_NOON: &str = "2026-11-20T03:00:00Z";
const WAIT: Duration = Duration::from_secs(20);

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `scripts/browser-test-deps`; `Err` says why the browser is not available.
fn install_browser() -> Result<(), String> {
    let script = workspace_root().join("scripts/browser-test-deps");
    let output = Command::new(&script)
        .output()
        .map_err(|e| format!("could not run {}: {e}", script.display()))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} failed ({}): {}",
            script.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// chromedriver on a free local port; killed on drop.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_chromedriver() -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver { child, port };
    let status = format!("http://127.0.0.1:{port}/status");
    for _ in 0..100 {
        if reqwest::get(&status).await.is_ok_and(|r| r.status() == 200) {
            return driver;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not answer on {status} within 10 s");
}

async fn open_browser(driver: &Driver, profile: &Path) -> Client {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1000,900",
        &format!("--user-data-dir={}", profile.display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": "/usr/bin/chromium", "args": args }),
    );
    // Only plain http to 127.0.0.1 is used, but the client is built with TLS support.
    let _ = rustls::crypto::ring::default_provider().install_default();
    ClientBuilder::rustls()
        .expect("rustls client")
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a chromium session")
}

/// Waits for an element matching `xpath` and returns its text.
async fn text_of(client: &Client, xpath: &str) -> String {
    let element = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("no element {xpath}: {e}"));
    element.text().await.unwrap()
}

async fn click(client: &Client, css: &str) {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
        .click()
        .await
        .unwrap();
}

async fn bot_bubble(client: &Client, containing: &str) -> String {
    text_of(
        client,
        &format!("//div[contains(@class,'row') and contains(@class,'bot')]//div[contains(@class,'bubble') and contains(., '{containing}')]"),
    )
    .await
}

#[tokio::test]
async fn a_customer_conversation_and_a_campaign_in_a_real_browser() {
    if let Err(reason) = install_browser() {
        if std::env::var_os("CI").is_some() {
            panic!("the browser test needs chromium and chromedriver, and they could not be installed: {reason}");
        }
        eprintln!("\n!!!!!!!! SKIPPED: the browser test needs chromium and chromedriver: {reason}\n!!!!!!!! run scripts/browser-test-deps as root, or set CI=1 to make this a failure\n");
        return;
    }
    let stack = RunningStack::start(LocalConfig {
        start_at: Some(FRIDAY_NOON.parse().unwrap()),
        scheduler_every: Duration::from_millis(300),
        ..LocalConfig::ephemeral(None)
    })
    .await
    .expect("the stack starts");
    let driver = start_chromedriver().await;
    let profile = tempfile::tempdir().unwrap();
    let client = open_browser(&driver, profile.path()).await;

    // The simulator: create a friend, follow, be greeted by name.
    client.goto(&stack.urls().simulator).await.unwrap();
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#new-friend-name"))
        .await
        .unwrap()
        .send_keys("花子")
        .await
        .unwrap();
    click(&client, "#create-friend").await;
    text_of(
        &client,
        "//li[contains(., '花子') and contains(., '未追加')]",
    )
    .await;
    click(&client, "#follow:not([disabled])").await;
    let greeting = bot_bubble(&client, "友だちに追加していただき").await;
    assert!(greeting.starts_with("花子さん、"), "{greeting}");

    // A keyword, typed and sent.
    client
        .find(Locator::Css("#message"))
        .await
        .unwrap()
        .send_keys("営業時間")
        .await
        .unwrap();
    click(&client, "#send").await;
    text_of(
        &client,
        "//div[contains(@class,'row') and contains(@class,'me')]//div[contains(., '営業時間')]",
    )
    .await;
    bot_bubble(&client, "営業時間は10:00〜20:00です").await;

    // A quick-reply button of that answer.
    click(&client, "#quick button:nth-child(2)").await;
    bot_bubble(&client, "本日のおすすめ").await;
    text_of(
        &client,
        "//div[contains(@class,'bubble') and contains(@class,'image')]",
    )
    .await;

    // A question in the customer's own words.
    client
        .find(Locator::Css("#message"))
        .await
        .unwrap()
        .send_keys("駐車場はありますか")
        .await
        .unwrap();
    click(&client, "#send").await;
    bot_bubble(&client, "コインパーキング").await;

    let png = client.screenshot().await.unwrap();
    let shot = workspace_root().join("target/otodoke-local-simulator.png");
    std::fs::write(&shot, png).unwrap();

    // The marketer page: create a campaign and send it.
    client
        .goto(&format!(
            "{}#token={}",
            stack.urls().marketer,
            stack.dev_token()
        ))
        .await
        .unwrap();
    text_of(
        &client,
        "//select[@id='channel']/option[contains(., '2000000001')]",
    )
    .await;
    click(&client, "#create-campaign").await;
    text_of(&client, "//strong[@id='status' and @data-status='draft']").await;
    click(&client, "#estimate-button").await;
    let estimate = text_of(&client, "//span[@id='estimate' and contains(., '人')]").await;
    assert!(estimate.starts_with('1'), "{estimate}");
    click(&client, "#send:not([disabled])").await;
    text_of(
        &client,
        "//strong[@id='status' and @data-status='completed']",
    )
    .await;
    assert_eq!(text_of(&client, "//span[@id='percent']").await, "100");
    assert_eq!(text_of(&client, "//span[@id='sent']").await, "1");
    text_of(
        &client,
        "//tbody[@id='campaigns']/tr[contains(., '週末限定クーポン')]",
    )
    .await;
    let png = client.screenshot().await.unwrap();
    std::fs::write(
        workspace_root().join("target/otodoke-local-marketer.png"),
        png,
    )
    .unwrap();

    // The campaign reached the friend: back in the simulator.
    client.goto(&stack.urls().simulator).await.unwrap();
    bot_bubble(&client, "ケーキセットが10%OFF").await;

    client.close().await.unwrap();
    stack.shutdown().await.unwrap();
}
