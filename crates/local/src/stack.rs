//! Starting and stopping the whole local stack in one process.

use crate::broadcast::Pipeline;
use crate::clock::StackClock;
use crate::consumers::spawn_responders;
use crate::keys::{keys_path, KeysError, LocalKeys};
use crate::secrets::LocalSecrets;
use crate::seed::{self, BOT_NAME, CHANNEL};
use crate::simulator::Simulator;
use crate::{gateway, platform};
use jiff::{SignedDuration, Timestamp};
use otodoke_broadcast::line::LineMessenger;
use otodoke_core::organization::Role;
use otodoke_core::{OrgId, StaffId, StoreError};
use otodoke_embedded::{
    Embedded, EmbeddedMedia, EmbeddedQueue, EmbeddedRateLimiter, PersistError, QueueConfig,
    StaticSecrets,
};
use otodoke_fn_admin_api::{AppState, AuthMode, Identity, MemorySecrets};
use otodoke_ingest::{ChannelDirectory, Ingest, IngestConfig};
use otodoke_line_sandbox::{ChannelConfig, Plan, Sandbox, SandboxHandle, StartError};
use otodoke_responder::{EventHandler, LineClients, Ports, ResponderOptions};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How the stack starts. [`LocalConfig::default`] is what `cargo run -p
/// otodoke-local` uses; [`LocalConfig::ephemeral`] is for tests.
#[derive(Debug, Clone)]
pub struct LocalConfig {
    /// The gateway (webhook, admin API, pages). Default `127.0.0.1:8700`.
    pub gateway: SocketAddr,
    /// The LINE sandbox. Default `127.0.0.1:8701`.
    pub sandbox: SocketAddr,
    /// The embedded store's file (its keys go beside it as `<file>.keys.json`);
    /// `None` keeps everything in memory.
    pub state_path: Option<PathBuf>,
    /// Deletes the state and keys files before starting.
    pub reset: bool,
    /// Starts the stack's clock at this instant (then real speed); default now.
    pub start_at: Option<Timestamp>,
    /// How many tasks take events to the responder.
    pub responder_workers: usize,
    /// How many tasks send fan-out batches to LINE.
    pub sender_workers: usize,
    /// How often the scheduler runs (EventBridge's every minute in AWS).
    pub scheduler_every: Duration,
    /// How often the embedded store is written to its file.
    pub flush_every: Duration,
    /// The built console (`console/dist`) served at `/console/`; `None` answers 503.
    pub console_dist: Option<PathBuf>,
    /// The role the dev token stands for (the demo organization's owner by default;
    /// `viewer` and the others to try the console as that role).
    pub dev_role: Role,
}

impl Default for LocalConfig {
    fn default() -> Self {
        Self {
            gateway: SocketAddr::from(([127, 0, 0, 1], 8700)),
            sandbox: SocketAddr::from(([127, 0, 0, 1], 8701)),
            state_path: Some(PathBuf::from(".otodoke/local-state.json")),
            reset: false,
            start_at: None,
            responder_workers: 4,
            sender_workers: 2,
            scheduler_every: Duration::from_secs(60),
            flush_every: Duration::from_secs(2),
            console_dist: None,
            dev_role: Role::Owner,
        }
    }
}

impl LocalConfig {
    /// Ephemeral ports on 127.0.0.1, state in `state_path` (or memory).
    pub fn ephemeral(state_path: Option<PathBuf>) -> Self {
        Self {
            gateway: SocketAddr::from(([127, 0, 0, 1], 0)),
            sandbox: SocketAddr::from(([127, 0, 0, 1], 0)),
            state_path,
            ..Self::default()
        }
    }
}

/// Why the stack did not start.
#[derive(Debug, thiserror::Error)]
pub enum LocalError {
    #[error(transparent)]
    State(#[from] PersistError),
    #[error(transparent)]
    Keys(#[from] KeysError),
    #[error("could not seed the demo data: {0}")]
    Seed(#[from] StoreError),
    #[error("could not listen on {addr}: {source} (is another otodoke-local running? try --port)")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the LINE sandbox did not start: {0}")]
    Sandbox(#[from] StartError),
    #[error("could not restore the simulator's friends: {0}")]
    Friends(#[from] otodoke_line_sandbox::ActionError),
    #[error("could not resume the running campaigns: {0}")]
    Resume(String),
    #[error("the keys file's link_key is too short: {0}")]
    LinkKey(#[from] otodoke_core::link::WeakKey),
    #[error("could not delete {path} for --reset: {source}")]
    Reset {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The URLs a person (or a test) needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    pub gateway: String,
    pub simulator: String,
    pub marketer: String,
    /// The web console (`.../console/`).
    pub console: String,
    /// The admin API's root (`.../admin`).
    pub admin: String,
    /// Where the sandbox POSTs the demo channel's webhooks.
    pub webhook: String,
    /// The LINE sandbox: the Messaging API base URL and `/sandbox/...` inspection.
    pub sandbox: String,
}

/// A running stack. [`RunningStack::shutdown`] stops it and saves the state;
/// dropping it stops the servers without the final save.
pub struct RunningStack {
    urls: Urls,
    dev_token: String,
    dev_role: Role,
    sandbox: Arc<SandboxHandle>,
    embedded: Embedded,
    tasks: Vec<JoinHandle<()>>,
    stop: watch::Sender<bool>,
    server: Option<JoinHandle<()>>,
    /// Media jobs (`otodoke_media::MediaJob`), kept by the media workers.
    media_queue: Arc<EmbeddedQueue>,
    /// Kept customer media and staff uploads (`.otodoke/media` beside the state file).
    media: Arc<EmbeddedMedia>,
    /// Whether this start wrote the demo data (first start).
    pub seeded: bool,
}

impl RunningStack {
    /// Starts everything on the current Tokio runtime: loads (or creates) the state,
    /// seeds the demo data on first start, starts the sandbox, the gateway, and the
    /// responder workers. Fails on an unreadable state file or a port in use.
    pub async fn start(config: LocalConfig) -> Result<Self, LocalError> {
        let keys_file = config.state_path.as_deref().map(keys_path);
        if config.reset {
            for path in config.state_path.iter().chain(keys_file.iter()) {
                match std::fs::remove_file(path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(source) => {
                        return Err(LocalError::Reset {
                            path: path.clone(),
                            source,
                        })
                    }
                }
            }
        }
        let keys = match keys_file.as_deref() {
            Some(path) => match LocalKeys::load(path)? {
                // Saved again: a file from before tracked links gets its link key
                // kept, so links already sent still verify after a restart.
                Some(keys) => {
                    keys.save(path)?;
                    keys
                }
                None => {
                    let keys = LocalKeys::generate();
                    keys.save(path)?;
                    keys
                }
            },
            None => LocalKeys::generate(),
        };
        let link_key = otodoke_core::link::LinkKey::new(keys.link_key.as_bytes())?;
        let clock = match config.start_at {
            Some(at) => StackClock::starting_at(at),
            None => StackClock::wall(),
        };

        // A failed event is retried after 10 s rather than SQS's 30: a local demo
        // should recover while someone is watching.
        let events = QueueConfig::fifo().with_visibility_timeout(Duration::from_secs(10));
        let fanout = QueueConfig::standard();
        let embedded = match &config.state_path {
            Some(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|source| {
                        LocalError::State(PersistError::Write {
                            path: path.clone(),
                            source,
                        })
                    })?;
                }
                Embedded::open_with_queues(path, events, fanout)?
            }
            None => Embedded::with_queues(events, fanout),
        };
        let seeded = seed::seed_if_empty(&*embedded.orgs, &keys, clock.now()).await?;
        let dev_staff = seed::dev_staff(&*embedded.orgs, config.dev_role).await?;

        let written = Arc::new(MemorySecrets::default());
        let secrets = Arc::new(LocalSecrets::new(
            StaticSecrets::new()
                .with(seed::SECRET_REF, keys.channel_secret.clone())
                .with(seed::TOKEN_REF, keys.access_token.clone()),
            written.clone(),
        ));

        let listener = tokio::net::TcpListener::bind(config.gateway)
            .await
            .map_err(|source| LocalError::Bind {
                addr: config.gateway,
                source,
            })?;
        let gateway_addr = listener.local_addr().map_err(|source| LocalError::Bind {
            addr: config.gateway,
            source,
        })?;
        let gateway_url = format!("http://{gateway_addr}");
        // Media sits beside the state file (`.otodoke/media`), or in memory without one.
        let media = Arc::new(match &config.state_path {
            Some(path) => EmbeddedMedia::in_folder(
                path.parent()
                    .unwrap_or(std::path::Path::new("."))
                    .join("media"),
                &gateway_url,
            ),
            None => EmbeddedMedia::in_memory(&gateway_url),
        });
        // Not in the state file (as SQS messages are not in a backup): jobs pending at
        // a stop are not kept. Retried after 10 s while LINE is transcoding.
        let media_queue = Arc::new(EmbeddedQueue::new(
            QueueConfig::standard().with_visibility_timeout(Duration::from_secs(10)),
        ));
        let webhook_url = format!("{gateway_url}/webhook/{CHANNEL}");

        let sandbox = Sandbox::builder()
            .listen(config.sandbox)
            .clock(clock.sandbox())
            .channel(ChannelConfig {
                channel_id: CHANNEL.into(),
                bot_user_id: keys.bot_user_id.clone(),
                channel_secret: keys.channel_secret.clone(),
                access_tokens: vec![keys.access_token.clone()],
                plan: Plan::Light,
                webhook_url: Some(webhook_url.clone()),
                display_name: BOT_NAME.into(),
                basic_id: "@otodoke0".into(),
                followers_api: true,
            })
            // A local demo has a handful of friends: let a campaign targeted by LINE's
            // demographics reach them (LINE itself fails one matching fewer than ~50).
            .narrowcast_min_recipients(1)
            // A demo's handful of friends would show LINE's withheld (null) counts.
            .insight_min_count(0)
            .start()
            .await?;
        let sandbox = Arc::new(sandbox);

        let dev_token = keys.dev_token.clone();
        let simulator = Arc::new(Simulator {
            sandbox: sandbox.clone(),
            channel_id: CHANNEL.into(),
            bot_name: BOT_NAME.into(),
            keys: Arc::new(Mutex::new(keys)),
            keys_path: keys_file,
        });
        simulator.restore_friends()?;

        let ingest = Arc::new(Ingest::new(
            ChannelDirectory::new(
                embedded.orgs.clone(),
                secrets.clone(),
                SignedDuration::from_mins(1),
            ),
            embedded.idempotency.clone(),
            embedded.events.clone(),
            IngestConfig::default(),
        ));
        let ports = Ports {
            orgs: embedded.orgs.clone(),
            friends: embedded.friends.clone(),
            idempotency: embedded.idempotency.clone(),
            quota: embedded.quota.clone(),
            conversations: embedded.conversations.clone(),
            campaigns: embedded.campaigns.clone(),
            enrolments: embedded.enrolments.clone(),
            threads: embedded.threads.clone(),
            richmenus: embedded.richmenus.clone(),
            automations: embedded.automations.clone(),
            metrics: embedded.metrics.clone(),
            secrets: secrets.clone(),
            media_jobs: media_queue.clone(),
        };
        let automator = otodoke_responder::automate::automator_for(
            &ports,
            &sandbox.base_url(),
            otodoke_responder::StaffNotifier::allowing_local_receivers(Duration::from_secs(2)),
        )
        // `send` actions with `track_links` go out with URLs through the gateway's /r/.
        .with_links(otodoke_automation::LinkTracking {
            links: embedded.links.clone(),
            key: link_key.clone(),
            base: gateway_url.clone(),
        });
        let handler = Arc::new(
            EventHandler::new(
                ports,
                LineClients::new(sandbox.base_url(), secrets.clone()),
                ResponderOptions::default(),
            )
            .with_automator(automator.clone()),
        );
        // Relink requests, worked by the menu worker below (the menus Lambda in AWS).
        let menu_jobs = Arc::new(EmbeddedQueue::new(
            QueueConfig::standard().with_visibility_timeout(Duration::from_secs(30)),
        ));

        // The planning queue is not in the state file: running campaigns are
        // requeued at start and the planner resumes from their saved checkpoints.
        let planning = Arc::new(EmbeddedQueue::new(QueueConfig::standard()));
        let mut admin_state = admin_state(
            admin_ports(
                &embedded,
                written,
                secrets.clone(),
                planning.clone(),
                &sandbox.base_url(),
            ),
            &dev_token,
            &dev_staff,
            &clock,
        );
        admin_state.ports = admin_state
            .ports
            .with_media(media.clone())
            .with_menu_jobs(menu_jobs.clone())
            // Automations a staff edit fires track links as the responder's do.
            .with_link_tracking(otodoke_automation::LinkTracking {
                links: embedded.links.clone(),
                key: link_key.clone(),
                base: gateway_url.clone(),
            });
        let admin = otodoke_fn_admin_api::router(admin_state);
        let platform = platform::routes(embedded.orgs.clone(), &dev_token, clock.clone())
            .merge(crate::media::routes(media.clone()));
        let console = crate::console::routes(
            config.console_dist.clone(),
            &crate::console::ConsoleConfig {
                dev_token: dev_token.clone(),
                org: seed::ORG.into(),
                staff: dev_staff.as_str().to_owned(),
                role: config.dev_role,
            },
        );
        let redirector = Arc::new(otodoke_fn_redirect::Redirector {
            links: embedded.links.clone(),
            key: Some(link_key.clone()),
            jobs: menu_jobs.clone(),
        });
        let app = gateway::router(
            ingest,
            redirector,
            clock.clone(),
            simulator,
            admin,
            platform,
            console,
        );
        let (stop, mut stopped) = watch::channel(false);
        let server = tokio::spawn(async move {
            let serving = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = stopped.wait_for(|s| *s).await;
            });
            if let Err(error) = serving.await {
                tracing::error!(%error, "gateway stopped");
            }
        });

        let mut tasks = spawn_responders(
            config.responder_workers,
            embedded.events.clone(),
            handler,
            clock.clone(),
        );
        let pipeline = otodoke_broadcast::Ports {
            orgs: embedded.orgs.clone(),
            friends: embedded.friends.clone(),
            campaigns: embedded.campaigns.clone(),
            campaign_stats: embedded.campaign_stats.clone(),
            enrolments: embedded.enrolments.clone(),
            quota: embedded.quota.clone(),
            idempotency: embedded.idempotency.clone(),
            rate: Arc::new(EmbeddedRateLimiter::new()),
            fanout: embedded.fanout.clone(),
            planning: planning.clone(),
            after_sequence: menu_jobs.clone(),
            // Campaigns and steps with `track_links` go out through the gateway's /r/.
            links: Some(otodoke_automation::LinkTracking {
                links: embedded.links.clone(),
                key: link_key,
                base: gateway_url.clone(),
            }),
        };
        let org = OrgId::new(seed::ORG).expect("valid id");
        crate::broadcast::requeue_running(&pipeline, &org)
            .await
            .map_err(|e| LocalError::Resume(e.to_string()))?;
        tasks.extend(
            Pipeline {
                ports: pipeline,
                line: Arc::new(LineMessenger::new(sandbox.base_url(), secrets.clone())),
                planning,
                fanout: embedded.fanout.clone(),
                clock,
                tick: config.scheduler_every,
                senders: config.sender_workers,
            }
            .spawn(),
        );
        let keeper = otodoke_media::Keeper::new(
            Arc::new(otodoke_media::LineContent::new(
                sandbox.base_url(),
                sandbox.base_url(),
                embedded.orgs.clone(),
                secrets.clone(),
            )),
            media.clone(),
            embedded.conversations.clone(),
        );
        tasks.extend(crate::consumers::spawn_media_keepers(
            2,
            media_queue.clone(),
            Arc::new(keeper),
        ));
        tasks.push(crate::consumers::spawn_menu_worker(menu_jobs, automator));
        if config.state_path.is_some() {
            tasks.push(embedded.spawn_autoflush(config.flush_every));
        }

        let urls = Urls {
            simulator: format!("{gateway_url}/simulator"),
            marketer: format!("{gateway_url}/marketer"),
            console: format!("{gateway_url}/console/"),
            admin: format!("{gateway_url}/admin"),
            webhook: webhook_url,
            sandbox: sandbox.base_url(),
            gateway: gateway_url,
        };
        Ok(Self {
            urls,
            dev_token,
            dev_role: config.dev_role,
            sandbox,
            embedded,
            tasks,
            stop,
            server: Some(server),
            media_queue,
            media,
            seeded,
        })
    }

    /// Where everything is.
    pub fn urls(&self) -> &Urls {
        &self.urls
    }

    /// The admin API's bearer token (the demo organization's owner).
    pub fn dev_token(&self) -> &str {
        &self.dev_token
    }

    /// The role the dev token stands for.
    pub fn dev_role(&self) -> Role {
        self.dev_role
    }

    /// The in-process LINE sandbox (to drive friends and read transcripts).
    pub fn sandbox(&self) -> &SandboxHandle {
        &self.sandbox
    }

    /// The queue of media jobs the media workers consume (enqueue
    /// `otodoke_media::job_message`s here).
    pub fn media_queue(&self) -> &Arc<EmbeddedQueue> {
        &self.media_queue
    }

    /// Where the stack keeps media.
    pub fn media(&self) -> &Arc<EmbeddedMedia> {
        &self.media
    }

    /// The embedded adapters the stack runs on.
    pub fn embedded(&self) -> &Embedded {
        &self.embedded
    }

    /// Stops the consumers and the gateway, then writes the state file one last
    /// time. Fails only when that write fails.
    pub async fn shutdown(mut self) -> Result<(), PersistError> {
        for task in self.tasks.drain(..) {
            task.abort();
        }
        let _ = self.stop.send(true);
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        let embedded = self.embedded.clone();
        tokio::task::spawn_blocking(move || embedded.flush())
            .await
            .unwrap_or(Ok(()))
    }
}

impl Drop for RunningStack {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
        let _ = self.stop.send(true);
    }
}

/// The admin API's ports on the embedded adapters. Staff messages go out with the
/// channel's access token: the demo channel's is in the start-up `secrets`, which the
/// admin API's own (`written`) secrets do not hold.
fn admin_ports(
    embedded: &Embedded,
    written: Arc<MemorySecrets>,
    secrets: Arc<LocalSecrets>,
    planning: Arc<EmbeddedQueue>,
    line_base_url: &str,
) -> otodoke_fn_admin_api::Ports {
    let mut ports =
        otodoke_fn_admin_api::Ports::embedded(embedded, written, planning, line_base_url);
    // Staff messages and rich menus call LINE as the demo channel, whose token the
    // stack's own secrets hold.
    let line = Arc::new(otodoke_inbox::LineChat::new(line_base_url, secrets.clone()));
    ports.chat_line = line.clone();
    ports.menu_line = line;
    // So do the follower import and LINE's insight (the demo channel's follower
    // counts): the stack's secrets hold both the demo token and those written since.
    ports.followers = Arc::new(otodoke_fn_admin_api::LineFollowerSources::new(
        line_base_url,
        secrets,
    ));
    ports
}

/// The admin API with the dev token identifying `staff` of the demo organization
/// (`dev`, the owner, unless `--dev-role`), on the stack's clock.
fn admin_state(
    ports: otodoke_fn_admin_api::Ports,
    dev_token: &str,
    staff: &StaffId,
    clock: &StackClock,
) -> AppState {
    // The dev token identifies the member; their staff record (seeded) authorizes.
    let identity = Identity {
        staff: staff.clone(),
        org: OrgId::new(seed::ORG).expect("valid id"),
    };
    let clock = clock.clone();
    AppState::new(
        ports,
        AuthMode::DevToken {
            token: dev_token.to_owned(),
            identity,
        },
    )
    .with_clock(move || clock.now())
}
