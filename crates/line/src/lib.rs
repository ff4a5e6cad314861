//! The LINE Messaging API as a library: what LINE sends us (webhooks), how we know it
//! was LINE (signatures), and how we talk back (the client and its message objects).
//!
//! Nothing here knows about AWS or about otodoke's domain; it is the protocol only.

pub mod client;
pub mod messages;
pub mod signature;
pub mod webhook;

pub use client::richmenu::{
    RichMenu, RichMenuAlias, RichMenuArea, RichMenuBatchOperation, RichMenuBatchPhase,
    RichMenuBatchProgress, RichMenuBounds, RichMenuId, RichMenuImage, RichMenuImageType,
    RichMenuResponse, RichMenuRule, RichMenuSize,
};
pub use client::{
    Acceptance, BotInfo, ClientBuildError, ClientConfig, Content, FollowerIds, LineClient,
    LineError, LineResponse, Narrowcast, NarrowcastProgress, Profile, Quota, QuotaConsumption,
    QuotaKind, RetryPolicy, SendOptions, Sent, SentMessage,
};
pub use messages::{
    validate_messages, Action, CarouselColumn, DatetimePickerMode, Emoji, Message, MessageContent,
    QuickReply, QuickReplyItem, Sender, Template, ValidationError,
};
pub use signature::SigningKey;
pub use webhook::{
    parse_webhook, parse_webhook_with, Event, EventKind, ReceivedMessage, Source, WebhookBody,
    WebhookError,
};
