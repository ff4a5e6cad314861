//! Rich menus (リッチメニュー) that follow the customer.
//!
//! A channel has menus (an image with tappable areas) and an ordered list of
//! [`MenuRules`]: the first rule whose segment a friend matches decides their menu,
//! otherwise the channel's default. [`menu_for`] is that decision, the one place it
//! is made; whoever changes what a friend matches (the responder, an automation,
//! staff in the console, the relink job) calls it and links the result if it
//! differs from what the friend has ([`FriendMenus::linked`]).
//!
//! otodoke keeps its own menu ([`RichMenu`]) and publishes it to LINE; LINE's
//! `richMenuId` is only the current publication ([`Published`]). Taps that should
//! reach otodoke carry structured postback data ([`MenuPostback`]), namespaced so a
//! tap maps to its automation or tab and never collides with a store's own data.

use crate::campaign::Audience;
use crate::friend::Friend;
use crate::ids::{AutomationId, CampaignId, ChannelId, OrgId, RichMenuId, StoreId};
use crate::media::MediaKey;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// LINE's limits on a rich menu (Messaging API reference, "Rich menu object").
pub mod limits {
    /// Tappable areas per menu.
    pub const MAX_AREAS: usize = 20;
    pub const MIN_WIDTH: u32 = 800;
    pub const MAX_WIDTH: u32 = 2500;
    pub const MIN_HEIGHT: u32 = 250;
    /// Width divided by height must be at least this.
    pub const MIN_ASPECT: f64 = 1.45;
    /// The text on the chat bar that opens the menu.
    pub const MAX_CHAT_BAR_TEXT: usize = 14;
    pub const MAX_NAME: usize = 300;
    /// The menu image: JPEG or PNG, at most 1 MB.
    pub const MAX_IMAGE_BYTES: usize = 1024 * 1024;
    /// Rich menus per channel.
    pub const MAX_MENUS_PER_CHANNEL: usize = 1000;
    /// Menu rules per channel (otodoke's own bound: rules are evaluated per friend
    /// on every change, so they stay a short list).
    pub const MAX_RULES: usize = 50;
    /// Postback data LINE carries (an action's `data`).
    pub const MAX_POSTBACK_DATA: usize = 300;
    /// Text a `message` action sends.
    pub const MAX_MESSAGE_TEXT: usize = 300;
    /// URIs of `uri` actions.
    pub const MAX_URI: usize = 1000;
}

/// A menu's pixel size (the image must have exactly this size).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MenuSize {
    /// `limits::MIN_WIDTH`..=`limits::MAX_WIDTH`.
    #[cfg_attr(feature = "openapi", schema(minimum = 800, maximum = 2500))]
    pub width: u32,
    /// At least `limits::MIN_HEIGHT`, and at most width ÷ `limits::MIN_ASPECT`.
    #[cfg_attr(feature = "openapi", schema(minimum = 250))]
    pub height: u32,
}

/// A tappable rectangle, in the image's pixels from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Bounds {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// What tapping an area does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum MenuAction {
    /// The customer sends `text`, as if typed (keyword rules and intents answer it).
    Message { text: String },
    /// Opens a web page (or `tel:`, `line:`); otodoke is not told.
    Uri { uri: String },
    /// Runs an automation (its actions, whatever its own trigger is); LINE shows
    /// `display_text` as the customer's message when set.
    Automation {
        automation: AutomationId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        display_text: Option<String>,
    },
    /// A tab: switches to another menu of the channel on the customer's phone
    /// (LINE's `richmenuswitch` through the target's alias).
    Tab { menu: RichMenuId },
    /// Sends the store's own postback data (for its own integrations).
    Postback {
        data: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        display_text: Option<String>,
    },
}

/// One tappable area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MenuArea {
    pub bounds: Bounds,
    pub action: MenuAction,
    /// What screen readers say for the area (LINE's action `label`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The menu as LINE currently has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Published {
    /// LINE's `richMenuId` of this publication.
    pub line_id: String,
    /// The menu `version` that was published; an edit after it needs publishing again.
    pub version: u64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: Timestamp,
}

/// A rich menu of one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RichMenu {
    pub org: OrgId,
    pub channel: ChannelId,
    pub id: RichMenuId,
    /// For staff (LINE's `name`; customers never see it).
    pub name: String,
    /// The chat bar's label (at most 14 characters).
    pub chat_bar_text: String,
    pub size: MenuSize,
    /// Whether the menu opens by itself when the chat is opened.
    #[serde(default)]
    pub selected: bool,
    pub areas: Vec<MenuArea>,
    /// The image otodoke keeps (S3 in AWS), once uploaded.
    #[serde(default)]
    pub image: Option<MenuImage>,
    #[serde(default)]
    pub published: Option<Published>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
    /// Optimistic-concurrency version (0 for a menu never saved).
    pub version: u64,
}

/// A menu's image as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MenuImage {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub key: MediaKey,
    pub content_type: String,
    pub bytes: u64,
}

impl RichMenu {
    /// The LINE alias that tabs use to switch to this menu: derived from otodoke's
    /// id, so it never changes when the menu is published again (LINE alias ids are
    /// 1–32 characters of `[A-Za-z0-9_-]`, unique per channel).
    pub fn alias_id(&self) -> String {
        alias_id(&self.id)
    }

    /// Whether LINE has this version of the menu.
    pub fn is_published(&self) -> bool {
        self.published
            .as_ref()
            .is_some_and(|p| p.version == self.version)
    }
}

/// The alias of menu `id` (see [`RichMenu::alias_id`]).
pub fn alias_id(id: &RichMenuId) -> String {
    let clean: String = id
        .as_str()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    // "om-" + at most 29 characters: the longest alias LINE takes is 32.
    let tail = if clean.len() > 29 {
        &clean[clean.len() - 29..]
    } else {
        &clean
    };
    format!("om-{tail}")
}

/// Why a menu cannot be saved as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MenuError {
    #[error("the menu size must be {min_w}–{max_w} px wide, at least {min_h} px high, and at least 1.45 times as wide as high", min_w = limits::MIN_WIDTH, max_w = limits::MAX_WIDTH, min_h = limits::MIN_HEIGHT)]
    Size,
    #[error("a menu has at most {} tappable areas", limits::MAX_AREAS)]
    TooManyAreas,
    #[error("area {0} is empty or reaches outside the image")]
    AreaOutside(usize),
    #[error("the chat bar text must be 1–{} characters", limits::MAX_CHAT_BAR_TEXT)]
    ChatBarText,
    #[error("the name must be 1–{} characters", limits::MAX_NAME)]
    Name,
    #[error("area {0}: {1}")]
    Action(usize, &'static str),
    #[error("area {0} switches to the menu itself")]
    TabToItself(usize),
}

impl RichMenu {
    /// Checks the menu against LINE's rules, so that publishing cannot fail on shape.
    pub fn check(&self) -> Result<(), MenuError> {
        let s = self.size;
        if !(limits::MIN_WIDTH..=limits::MAX_WIDTH).contains(&s.width)
            || s.height < limits::MIN_HEIGHT
            || f64::from(s.width) / f64::from(s.height) < limits::MIN_ASPECT
        {
            return Err(MenuError::Size);
        }
        let bar = self.chat_bar_text.chars().count();
        if bar == 0 || bar > limits::MAX_CHAT_BAR_TEXT {
            return Err(MenuError::ChatBarText);
        }
        let name = self.name.chars().count();
        if name == 0 || name > limits::MAX_NAME {
            return Err(MenuError::Name);
        }
        if self.areas.len() > limits::MAX_AREAS {
            return Err(MenuError::TooManyAreas);
        }
        for (i, area) in self.areas.iter().enumerate() {
            let b = area.bounds;
            let inside = b.width > 0
                && b.height > 0
                && u64::from(b.x) + u64::from(b.width) <= u64::from(s.width)
                && u64::from(b.y) + u64::from(b.height) <= u64::from(s.height);
            if !inside {
                return Err(MenuError::AreaOutside(i));
            }
            check_action(i, &area.action)?;
            if matches!(&area.action, MenuAction::Tab { menu } if *menu == self.id) {
                return Err(MenuError::TabToItself(i));
            }
        }
        Ok(())
    }
}

fn check_action(i: usize, action: &MenuAction) -> Result<(), MenuError> {
    let too_long = |s: &str, max: usize| s.chars().count() > max;
    match action {
        MenuAction::Message { text } => {
            if text.trim().is_empty() || too_long(text, limits::MAX_MESSAGE_TEXT) {
                return Err(MenuError::Action(i, "the message must be 1–300 characters"));
            }
        }
        MenuAction::Uri { uri } => {
            let scheme_ok = ["https://", "http://", "tel:", "line://"]
                .iter()
                .any(|p| uri.starts_with(p));
            if !scheme_ok || too_long(uri, limits::MAX_URI) {
                return Err(MenuError::Action(
                    i,
                    "the link must be an http(s), tel: or line:// URI of at most 1000 characters",
                ));
            }
        }
        MenuAction::Postback { data, display_text } => {
            if data.is_empty() || data.len() > limits::MAX_POSTBACK_DATA {
                return Err(MenuError::Action(i, "postback data must be 1–300 bytes"));
            }
            if data.starts_with(MenuPostback::PREFIX) {
                return Err(MenuError::Action(
                    i,
                    "postback data starting with `otodoke:` is reserved",
                ));
            }
            if display_text
                .as_deref()
                .is_some_and(|t| too_long(t, limits::MAX_MESSAGE_TEXT))
            {
                return Err(MenuError::Action(i, "the display text is too long"));
            }
        }
        MenuAction::Automation { display_text, .. } => {
            if display_text
                .as_deref()
                .is_some_and(|t| too_long(t, limits::MAX_MESSAGE_TEXT))
            {
                return Err(MenuError::Action(i, "the display text is too long"));
            }
        }
        MenuAction::Tab { .. } => {}
    }
    Ok(())
}

/// The postback data otodoke puts on its own taps: `otodoke:a:<automation>` runs an
/// automation, `otodoke:tab:<menu>` reports a tab switch. Anything else is the
/// store's own data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuPostback {
    Automation(AutomationId),
    Tab(RichMenuId),
}

impl MenuPostback {
    pub const PREFIX: &'static str = "otodoke:";

    pub fn encode(&self) -> String {
        match self {
            Self::Automation(id) => format!("{}a:{id}", Self::PREFIX),
            Self::Tab(id) => format!("{}tab:{id}", Self::PREFIX),
        }
    }

    /// The tap `data` stands for, or `None` for data that is not otodoke's.
    pub fn parse(data: &str) -> Option<Self> {
        let rest = data.strip_prefix(Self::PREFIX)?;
        if let Some(id) = rest.strip_prefix("a:") {
            return AutomationId::new(id).ok().map(Self::Automation);
        }
        if let Some(id) = rest.strip_prefix("tab:") {
            return RichMenuId::new(id).ok().map(Self::Tab);
        }
        None
    }
}

/// Who a menu rule is for: a campaign audience's filters (tags, attributes, stores,
/// follow date) and, optionally, being in a step sequence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MenuSegment {
    #[serde(default)]
    pub audience: Audience,
    /// Friends with an active enrolment in this step sequence only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_sequence: Option<CampaignId>,
}

/// One rule: friends matching `segment` get `menu`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MenuRule {
    pub name: String,
    pub segment: MenuSegment,
    pub menu: RichMenuId,
}

/// A channel's menu rules, in order, and its default menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MenuRules {
    pub org: OrgId,
    pub channel: ChannelId,
    pub rules: Vec<MenuRule>,
    /// Who matches no rule sees this (LINE's default menu); none shows no menu.
    pub default: Option<RichMenuId>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub updated_at: Option<Timestamp>,
    pub version: u64,
}

impl MenuRules {
    /// No rules and no default: what a channel has before anyone sets them.
    pub fn empty(org: OrgId, channel: ChannelId) -> Self {
        Self {
            org,
            channel,
            rules: Vec::new(),
            default: None,
            updated_at: None,
            version: 0,
        }
    }

    /// Every menu the rules name (they must exist on the channel to be saved).
    pub fn menus(&self) -> BTreeSet<&RichMenuId> {
        self.rules
            .iter()
            .map(|r| &r.menu)
            .chain(self.default.as_ref())
            .collect()
    }

    /// Checks the rules' shape; `known` are the channel's menus.
    pub fn check(&self, known: &BTreeSet<RichMenuId>) -> Result<(), RulesError> {
        if self.rules.len() > limits::MAX_RULES {
            return Err(RulesError::TooMany);
        }
        if let Some(missing) = self.menus().into_iter().find(|m| !known.contains(*m)) {
            return Err(RulesError::UnknownMenu(missing.clone()));
        }
        if self
            .rules
            .iter()
            .any(|r| r.segment.audience.line_demographics.is_some())
        {
            return Err(RulesError::LineDemographics);
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error("a channel has at most {} menu rules", limits::MAX_RULES)]
    TooMany,
    #[error("menu {0} is not a menu of this channel")]
    UnknownMenu(RichMenuId),
    #[error(
        "LINE's demographic estimate cannot choose a menu per friend; use otodoke's own filters"
    )]
    LineDemographics,
}

/// What [`menu_for`] needs to know about the friend besides the friend record.
#[derive(Debug, Clone, Copy)]
pub struct MenuContext<'a> {
    pub channel: &'a ChannelId,
    pub now: Timestamp,
    /// The step sequences the friend is actively enrolled in on this channel.
    pub active_sequences: &'a BTreeSet<CampaignId>,
    /// The organization's stores, to expand a rule's stores to their subtrees.
    pub stores: &'a [crate::organization::Store],
}

/// The menu `friend` should see on `cx.channel`: a pinned menu (an automation's
/// "switch menu" action) first, then the first rule that matches, then the default.
/// `None`: no menu (the friend blocked the channel, or nothing applies).
pub fn menu_for(rules: &MenuRules, friend: &Friend, cx: &MenuContext<'_>) -> Option<RichMenuId> {
    let following = friend
        .channels
        .get(cx.channel)
        .is_some_and(|l| l.state == crate::friend::FollowState::Following);
    if !following {
        return None;
    }
    if let Some(pinned) = friend.menus.pinned.get(cx.channel) {
        return Some(pinned.clone());
    }
    let year = crate::audience::jst_year(cx.now);
    for rule in &rules.rules {
        let subtree: Option<BTreeSet<StoreId>> = rule.segment.audience.store_subtree(cx.stores);
        let in_audience =
            rule.segment
                .audience
                .matches_in_year(friend, cx.channel, year, subtree.as_ref());
        let in_sequence = rule
            .segment
            .in_sequence
            .as_ref()
            .is_none_or(|c| cx.active_sequences.contains(c));
        if in_audience && in_sequence {
            return Some(rule.menu.clone());
        }
    }
    rules.default.clone()
}

/// What a friend has of menus, per channel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FriendMenus {
    /// The menu otodoke last linked to the friend (absent: LINE shows the default).
    #[serde(default)]
    pub linked: std::collections::BTreeMap<ChannelId, RichMenuId>,
    /// A menu an automation switched the friend to; it wins over the rules until an
    /// automation or staff clears it.
    #[serde(default)]
    pub pinned: std::collections::BTreeMap<ChannelId, RichMenuId>,
}

/// What to tell LINE so that the friend sees `wanted`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuLink {
    /// Nothing to do: LINE already shows it.
    Keep,
    /// Link this menu to the friend.
    Link(RichMenuId),
    /// Remove the friend's own menu, so LINE shows the channel default.
    Unlink,
}

/// The one decision of what changes on LINE: `wanted` is [`menu_for`]'s answer and
/// `default` the channel's default menu. Friends who should see the default are
/// unlinked (LINE shows the default to anyone without a menu of their own), so a
/// new default reaches them without a call per friend.
pub fn link_change(
    menus: &FriendMenus,
    channel: &ChannelId,
    wanted: Option<&RichMenuId>,
    default: Option<&RichMenuId>,
) -> MenuLink {
    let linked = menus.linked.get(channel);
    let wants_own = wanted.is_some() && wanted != default;
    match (linked, wants_own) {
        (Some(have), true) if Some(have) == wanted => MenuLink::Keep,
        (_, true) => MenuLink::Link(wanted.expect("wants_own implies wanted").clone()),
        (Some(_), false) => MenuLink::Unlink,
        (None, false) => MenuLink::Keep,
    }
}

impl FriendMenus {
    /// Records the outcome of `change` on `channel`.
    pub fn record(&mut self, channel: &ChannelId, change: &MenuLink) {
        match change {
            MenuLink::Keep => {}
            MenuLink::Link(menu) => {
                self.linked.insert(channel.clone(), menu.clone());
            }
            MenuLink::Unlink => {
                self.linked.remove(channel);
            }
        }
    }
}

/// A background job that re-links every friend of a channel after its rules or a
/// published menu changed. Progress is saved after each page, so a killed worker
/// resumes from `cursor` and re-links nothing twice that it already counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelinkJob {
    pub org: OrgId,
    pub channel: ChannelId,
    /// A ULID.
    pub id: String,
    pub status: RelinkStatus,
    /// The friend page to read next (`None`: start, or done).
    #[serde(default)]
    pub cursor: Option<String>,
    /// The rules version the job links to; a newer rules save starts a new job and
    /// this one stops as superseded.
    pub rules_version: u64,
    pub examined: u64,
    pub linked: u64,
    pub unlinked: u64,
    pub unchanged: u64,
    /// Friends LINE refused (blocked since, or unknown); they are skipped.
    pub failed: u64,
    /// A menu published anew: friends linked to it are linked again (to its new
    /// publication) even though their menu did not change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh: Option<RichMenuId>,
    /// LINE's id of the publication `refresh` replaced: deleted once the job is done
    /// (no friend is linked to it any more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retire_line_id: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
    pub version: u64,
}

impl RelinkJob {
    /// A new job for `rules_version` of the channel's rules.
    pub fn new(org: OrgId, channel: ChannelId, rules_version: u64, now: Timestamp) -> Self {
        Self {
            org,
            channel,
            id: ulid::Ulid::new().to_string(),
            status: RelinkStatus::Running,
            cursor: None,
            rules_version,
            examined: 0,
            linked: 0,
            unlinked: 0,
            unchanged: 0,
            failed: 0,
            refresh: None,
            retire_line_id: None,
            created_at: now,
            updated_at: now,
            version: 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RelinkStatus {
    Running,
    Done,
    /// A newer rules change started another job.
    Superseded,
}

/// What the menus function's queue carries: re-link a channel after its rules
/// changed, or act on a friend's finished step sequence (its `sequence_finished`
/// automations, and their menu: a rule on "in the sequence" no longer matches).
/// Work done off the event path, where a repeat is harmless (a relink resumes from
/// its cursor; a finished sequence's run is keyed by campaign and friend).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MenuJob {
    Relink {
        org: OrgId,
        channel: ChannelId,
        job: String,
    },
    SequenceFinished {
        friend: crate::friend::FriendKey,
        channel: ChannelId,
        campaign: CampaignId,
    },
    /// A friend's first click of a tracked link (the redirect reports it): runs
    /// the organization's `link_clicked` automations for that friend, on each
    /// channel they follow.
    LinkClicked {
        friend: crate::friend::FriendKey,
        link: crate::ids::LinkId,
        /// The link's destination (what a `link_clicked` trigger names).
        url: String,
    },
}

impl MenuJob {
    /// The job as a queue message (a standard queue: no group, no dedup id).
    pub fn message(&self) -> crate::ports::QueueMessage {
        crate::ports::QueueMessage {
            body: serde_json::to_string(self).expect("a job serializes"),
            group_id: None,
            dedup_id: None,
        }
    }

    /// The job in a queue message's body.
    pub fn parse(body: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(body)
    }
}

#[cfg(test)]
mod tests;
