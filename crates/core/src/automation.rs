//! Automations: when a customer does X, otodoke does Y.
//!
//! An [`Automation`] is a [`Trigger`] and a list of [`AutoAction`]s. [`plan`] is the
//! whole rule engine, pure: given what happened ([`Fired`]), the organization's
//! automations and the friend, it decides every action — including those of
//! automations that the actions themselves trigger (a tag added fires "tag added"),
//! down to [`MAX_DEPTH`] — and returns them as a [`RunPlan`]: edits to the friend
//! ([`FriendEdit`], each idempotent) and effects outside it ([`Effect`]: messages,
//! sequences, hand-offs). The executor records the plan as an [`AutomationRun`]
//! *before* doing anything, keyed by the event that started it, so a redelivered
//! event finds the run and repeats exactly the same edits and effects (every one of
//! which is idempotent) instead of planning again against a friend it already changed.

use crate::friend::{Friend, FriendKey};
use crate::ids::{AutomationId, CampaignId, ChannelId, OrgId, RichMenuId, StaffId, StoreId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// How many automations deep a chain may go (an automation's action firing another
/// automation is one level). A chain that would go deeper stops there, and the run
/// says so ([`RunPlan::depth_limit_reached`]), so loops always end.
pub const MAX_DEPTH: u8 = 5;
/// Automations per organization.
pub const MAX_AUTOMATIONS: usize = 200;
/// Actions per automation.
pub const MAX_ACTIONS: usize = 20;

/// An automation of an organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Automation {
    pub org: OrgId,
    pub id: AutomationId,
    pub name: String,
    /// A disabled automation is kept but never runs.
    pub enabled: bool,
    /// Only events of this channel fire it; `None`: every channel of the organization.
    #[serde(default)]
    pub channel: Option<ChannelId>,
    pub trigger: Trigger,
    pub actions: Vec<AutoAction>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
    pub version: u64,
}

/// What starts an automation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Trigger {
    /// A customer added the account as a friend for the first time.
    Follow,
    /// A customer who had blocked the account unblocked it.
    Unblock,
    /// A customer's text message contains one of `keywords` (after folding width,
    /// case and kana), or equals one when `exact`.
    Keyword {
        keywords: Vec<String>,
        #[serde(default)]
        exact: bool,
    },
    /// A postback with exactly this data (a button of a message, or a menu area
    /// with the store's own data).
    Postback {
        data: String,
    },
    TagAdded {
        tag: String,
    },
    TagRemoved {
        tag: String,
    },
    /// A friend received the last step of this step sequence.
    SequenceFinished {
        campaign: CampaignId,
    },
    /// A friend opened a tracked link to this URL (the destination as written in
    /// the message, whichever campaign, step or automation sent it), the first
    /// time they opened that link.
    LinkClicked {
        link: String,
    },
    /// Runs only when a rich menu area or another automation names it.
    Manual,
}

/// What an automation does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum AutoAction {
    AddTags {
        tags: Vec<String>,
    },
    RemoveTags {
        tags: Vec<String>,
    },
    /// Sets (or with `None`, removes) a custom attribute.
    SetAttribute {
        key: String,
        value: Option<String>,
    },
    /// Assigns the friend to a store (`None`: to none).
    AssignStore {
        store: Option<StoreId>,
    },
    /// Assigns the friend to a staff member (`None`: to nobody).
    AssignStaff {
        staff: Option<StaffId>,
    },
    /// Sends messages: as a reply when the event's reply token is at hand, else as a
    /// push (counted against the quota).
    Send {
        #[cfg_attr(feature = "openapi", schema(value_type = Vec<otodoke_autoreply::openapi::LineMessageObject>))]
        messages: Vec<serde_json::Value>,
        /// Rewrite the messages' URLs to tracked links for the friend, counting
        /// their clicks per friend (`otodoke_core::link`). Default false.
        #[serde(default)]
        track_links: bool,
    },
    StartSequence {
        campaign: CampaignId,
    },
    StopSequence {
        campaign: CampaignId,
    },
    /// Shows this menu to the friend whatever the menu rules say (`None`: back to
    /// the rules).
    SwitchMenu {
        menu: Option<RichMenuId>,
    },
    /// Hands the chat to staff: the bot stays silent for `minutes` (the store's
    /// hand-off window when `None`).
    HandOff {
        #[serde(default)]
        minutes: Option<u32>,
    },
    /// Tells the store's staff (the inbox's notification), with this text.
    NotifyStaff {
        text: String,
    },
    /// Runs another automation's actions (one level deeper).
    Run {
        automation: AutomationId,
    },
}

/// What happened, as automations see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum Fired {
    Follow,
    Unblock,
    Text(String),
    Postback(String),
    TagAdded(String),
    TagRemoved(String),
    SequenceFinished(CampaignId),
    /// A tracked link's destination URL.
    LinkClicked(String),
    /// A menu area or a `Run` action named this automation.
    Direct(AutomationId),
}

impl Trigger {
    /// Whether this trigger fires on `fired`.
    pub fn fires_on(&self, fired: &Fired) -> bool {
        match (self, fired) {
            (Trigger::Follow, Fired::Follow) | (Trigger::Unblock, Fired::Unblock) => true,
            (Trigger::Keyword { keywords, exact }, Fired::Text(text)) => {
                let text = otodoke_autoreply::fold::fold(text);
                keywords.iter().any(|k| {
                    let k = otodoke_autoreply::fold::fold(k);
                    !k.is_empty()
                        && if *exact {
                            text.trim() == k.trim()
                        } else {
                            text.contains(&k)
                        }
                })
            }
            (Trigger::Postback { data }, Fired::Postback(got)) => data == got,
            (Trigger::TagAdded { tag }, Fired::TagAdded(got))
            | (Trigger::TagRemoved { tag }, Fired::TagRemoved(got)) => tag == got,
            (Trigger::SequenceFinished { campaign }, Fired::SequenceFinished(got)) => {
                campaign == got
            }
            (Trigger::LinkClicked { link }, Fired::LinkClicked(got)) => link == got,
            _ => false,
        }
    }
}

/// A change to the friend record. Applying one twice is the same as once, so a
/// redelivered event can apply a recorded plan again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum FriendEdit {
    AddTag {
        tag: String,
    },
    RemoveTag {
        tag: String,
    },
    SetAttribute {
        key: String,
        value: Option<String>,
    },
    AssignStore {
        store: Option<StoreId>,
    },
    AssignStaff {
        staff: Option<StaffId>,
    },
    PinMenu {
        channel: ChannelId,
        menu: Option<RichMenuId>,
    },
}

impl FriendEdit {
    /// Applies the edit; returns whether the friend changed.
    pub fn apply(&self, friend: &mut Friend) -> bool {
        match self {
            FriendEdit::AddTag { tag } => friend.tags.insert(tag.clone()),
            FriendEdit::RemoveTag { tag } => friend.tags.remove(tag),
            FriendEdit::SetAttribute { key, value } => {
                let custom = &mut friend.attributes.custom;
                match value {
                    Some(v) => custom.insert(key.clone(), v.clone()).as_ref() != Some(v),
                    None => custom.remove(key).is_some(),
                }
            }
            FriendEdit::AssignStore { store } => {
                std::mem::replace(&mut friend.store_id, store.clone()) != *store
            }
            FriendEdit::AssignStaff { staff } => {
                std::mem::replace(&mut friend.assignee, staff.clone()) != *staff
            }
            FriendEdit::PinMenu { channel, menu } => {
                let pinned = &mut friend.menus.pinned;
                match menu {
                    Some(m) => pinned.insert(channel.clone(), m.clone()).as_ref() != Some(m),
                    None => pinned.remove(channel).is_some(),
                }
            }
        }
    }
}

/// Something an automation does outside the friend record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Effect {
    Send {
        automation: AutomationId,
        #[cfg_attr(feature = "openapi", schema(value_type = Vec<otodoke_autoreply::openapi::LineMessageObject>))]
        messages: Vec<serde_json::Value>,
        /// The action's `track_links`.
        #[serde(default)]
        track_links: bool,
    },
    StartSequence {
        campaign: CampaignId,
    },
    StopSequence {
        campaign: CampaignId,
    },
    HandOff {
        minutes: Option<u32>,
    },
    NotifyStaff {
        automation: AutomationId,
        text: String,
    },
}

/// One automation that ran, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RunStep {
    pub automation: AutomationId,
    pub name: String,
    /// 1 for an automation the event fired; one more per level of chaining.
    #[cfg_attr(feature = "openapi", schema(maximum = 255))]
    pub depth: u8,
    pub fired_by: Fired,
    pub actions: Vec<AutoAction>,
}

/// Everything one event makes the automations do.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RunPlan {
    pub steps: Vec<RunStep>,
    pub edits: Vec<FriendEdit>,
    pub effects: Vec<Effect>,
    /// Some automation would have fired deeper than [`MAX_DEPTH`] and did not: the
    /// automations form a loop (or a very long chain).
    pub depth_limit_reached: bool,
}

impl RunPlan {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

/// Decides everything `fired` makes the organization's `automations` do for
/// `friend` on `channel`. `friend` is edited in place (the caller passes a copy and
/// saves the recorded edits), so that each level sees the previous level's changes.
///
/// Breadth first: the automations `fired` triggers run in their list order, then
/// whatever their edits fire, and so on; the same automation may run again deeper
/// (that is how a loop shows), but never beyond [`MAX_DEPTH`].
///
/// Cost: O(depth × automations × actions); no I/O.
pub fn plan(
    automations: &[Automation],
    channel: &ChannelId,
    fired: Fired,
    friend: &mut Friend,
) -> RunPlan {
    let mut out = RunPlan::default();
    let mut level: Vec<Fired> = vec![fired];
    for depth in 1..=MAX_DEPTH + 1 {
        let mut next = Vec::new();
        for fired in &level {
            for automation in matching(automations, channel, fired) {
                if depth > MAX_DEPTH {
                    out.depth_limit_reached = true;
                    continue;
                }
                out.steps.push(RunStep {
                    automation: automation.id.clone(),
                    name: automation.name.clone(),
                    depth,
                    fired_by: fired.clone(),
                    actions: automation.actions.clone(),
                });
                for action in &automation.actions {
                    act(automation, action, channel, friend, &mut out, &mut next);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        level = next;
    }
    out
}

fn matching<'a>(
    automations: &'a [Automation],
    channel: &'a ChannelId,
    fired: &'a Fired,
) -> impl Iterator<Item = &'a Automation> {
    automations.iter().filter(move |a| {
        a.enabled
            && a.channel.as_ref().is_none_or(|c| c == channel)
            && match fired {
                Fired::Direct(id) => a.id == *id,
                other => a.trigger.fires_on(other),
            }
    })
}

fn act(
    automation: &Automation,
    action: &AutoAction,
    channel: &ChannelId,
    friend: &mut Friend,
    out: &mut RunPlan,
    next: &mut Vec<Fired>,
) {
    let mut edit = |edit: FriendEdit, fires: Option<Fired>, out: &mut RunPlan| {
        if edit.apply(friend) {
            out.edits.push(edit);
            next.extend(fires);
        }
    };
    match action {
        AutoAction::AddTags { tags } => {
            for tag in tags {
                let fires = Some(Fired::TagAdded(tag.clone()));
                edit(FriendEdit::AddTag { tag: tag.clone() }, fires, out);
            }
        }
        AutoAction::RemoveTags { tags } => {
            for tag in tags {
                let fires = Some(Fired::TagRemoved(tag.clone()));
                edit(FriendEdit::RemoveTag { tag: tag.clone() }, fires, out);
            }
        }
        AutoAction::SetAttribute { key, value } => edit(
            FriendEdit::SetAttribute {
                key: key.clone(),
                value: value.clone(),
            },
            None,
            out,
        ),
        AutoAction::AssignStore { store } => edit(
            FriendEdit::AssignStore {
                store: store.clone(),
            },
            None,
            out,
        ),
        AutoAction::AssignStaff { staff } => edit(
            FriendEdit::AssignStaff {
                staff: staff.clone(),
            },
            None,
            out,
        ),
        AutoAction::SwitchMenu { menu } => edit(
            FriendEdit::PinMenu {
                channel: channel.clone(),
                menu: menu.clone(),
            },
            None,
            out,
        ),
        AutoAction::Send {
            messages,
            track_links,
        } => out.effects.push(Effect::Send {
            automation: automation.id.clone(),
            messages: messages.clone(),
            track_links: *track_links,
        }),
        AutoAction::StartSequence { campaign } => out.effects.push(Effect::StartSequence {
            campaign: campaign.clone(),
        }),
        AutoAction::StopSequence { campaign } => out.effects.push(Effect::StopSequence {
            campaign: campaign.clone(),
        }),
        AutoAction::HandOff { minutes } => out.effects.push(Effect::HandOff { minutes: *minutes }),
        AutoAction::NotifyStaff { text } => out.effects.push(Effect::NotifyStaff {
            automation: automation.id.clone(),
            text: text.clone(),
        }),
        AutoAction::Run { automation } => next.push(Fired::Direct(automation.clone())),
    }
}

/// Why an automation cannot be saved as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AutomationError {
    #[error("the name must be 1–100 characters")]
    Name,
    #[error("an automation needs 1–{MAX_ACTIONS} actions")]
    Actions,
    #[error("a keyword trigger needs at least one non-empty keyword")]
    Keywords,
    #[error("a tag must be 1–50 characters")]
    Tag,
    #[error("postback data must be 1–300 bytes and not start with `otodoke:`")]
    PostbackData,
    #[error("a send action needs 1–5 messages")]
    Messages,
    #[error("an attribute key must be 1–50 characters")]
    AttributeKey,
}

impl Automation {
    /// Checks the automation's shape (the messages themselves are checked against
    /// LINE's rules where the LINE types are, by the caller).
    pub fn check(&self) -> Result<(), AutomationError> {
        let name = self.name.chars().count();
        if name == 0 || name > 100 {
            return Err(AutomationError::Name);
        }
        if self.actions.is_empty() || self.actions.len() > MAX_ACTIONS {
            return Err(AutomationError::Actions);
        }
        let tag_ok = |t: &String| (1..=50).contains(&t.chars().count());
        match &self.trigger {
            Trigger::Keyword { keywords, .. } if keywords.iter().all(|k| k.trim().is_empty()) => {
                return Err(AutomationError::Keywords);
            }
            Trigger::Postback { data }
                if data.is_empty()
                    || data.len() > 300
                    || data.starts_with(crate::richmenu::MenuPostback::PREFIX) =>
            {
                return Err(AutomationError::PostbackData);
            }
            Trigger::TagAdded { tag } | Trigger::TagRemoved { tag } if !tag_ok(tag) => {
                return Err(AutomationError::Tag);
            }
            _ => {}
        }
        for action in &self.actions {
            match action {
                AutoAction::AddTags { tags } | AutoAction::RemoveTags { tags }
                    if tags.is_empty() || !tags.iter().all(tag_ok) =>
                {
                    return Err(AutomationError::Tag);
                }
                AutoAction::Send { messages, .. } if !(1..=5).contains(&messages.len()) => {
                    return Err(AutomationError::Messages);
                }
                AutoAction::SetAttribute { key, .. }
                    if !(1..=50).contains(&key.chars().count()) =>
                {
                    return Err(AutomationError::AttributeKey);
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// One event's automations, as recorded before they act (see the module doc).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AutomationRun {
    pub org: OrgId,
    /// Derived from what started the run (the webhook event, the staff action), so
    /// that the same start finds the same run.
    pub id: String,
    pub friend: FriendKey,
    pub channel: ChannelId,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: Timestamp,
    pub fired: Fired,
    pub plan: RunPlan,
    /// What became of the effects, once done (`None` while running).
    #[serde(default)]
    pub outcome: Option<RunOutcome>,
}

impl AutomationRun {
    /// The automations this run involved (each listed once, in order).
    pub fn automations(&self) -> Vec<&AutomationId> {
        let mut seen = Vec::new();
        for step in &self.plan.steps {
            if !seen.contains(&&step.automation) {
                seen.push(&step.automation);
            }
        }
        seen
    }
}

/// What the effects of a run came to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RunOutcome {
    /// One line per effect, in order (e.g. `sent as a reply`, `pushed`,
    /// `not sent: quota exhausted`, `sequence started`).
    pub effects: Vec<String>,
    /// The rich menu the friend was linked to afterwards, if it changed.
    #[serde(default)]
    pub menu: Option<String>,
}

impl RunOutcome {
    /// The effect line of a message sent with the event's reply token.
    pub const SENT_AS_REPLY: &'static str = "sent as a reply";
    /// The effect line of a message pushed.
    pub const PUSHED: &'static str = "pushed";

    /// Whether the run sent the friend a message (reports count it as an answer).
    pub fn sent_a_message(&self) -> bool {
        self.effects
            .iter()
            .any(|e| e == Self::SENT_AS_REPLY || e == Self::PUSHED)
    }
}

#[cfg(test)]
mod tests;
