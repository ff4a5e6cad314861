//! After an event's answer: the organization's automations, and the friend's rich
//! menu following the menu rules.
//!
//! Automations run after the answer, so their messages go by reply only when the
//! answer used no reply token (a menu tap on an automation, a keyword nothing else
//! answered); otherwise by push. Storage failures fail the event (the queue retries
//! it; the run repeats its recorded plan) unless an answer was already sent: a retry
//! would send that answer again, so then the failure is logged with the run's id.

use crate::error::RespondError;
use crate::handler::{Cx, EventHandler, Handled};
use crate::notify::StaffNotice;
use async_trait::async_trait;
use otodoke_automation::{AutomationFailure, Notify, Start};
use otodoke_autoreply::Mode;
use otodoke_core::automation::Fired;
use otodoke_core::friend::FriendKey;
use otodoke_core::metrics::Counter;
use otodoke_core::organization::{Channel, Store};
use otodoke_core::richmenu::MenuPostback;
use otodoke_line::{EventKind, ReceivedMessage};

/// What an event is to the automations (`None`: nothing they act on).
fn fired(kind: &EventKind) -> Option<Fired> {
    match kind {
        EventKind::Follow(f) if f.is_unblocked => Some(Fired::Unblock),
        EventKind::Follow(_) => Some(Fired::Follow),
        EventKind::Message(ReceivedMessage::Text(t)) => Some(Fired::Text(t.text.clone())),
        EventKind::Postback(p) => match MenuPostback::parse(&p.data) {
            Some(MenuPostback::Automation(id)) => Some(Fired::Direct(id)),
            // LINE already switched the menu on the customer's phone.
            Some(MenuPostback::Tab(_)) => None,
            None => Some(Fired::Postback(p.data.clone())),
        },
        _ => None,
    }
}

impl EventHandler {
    pub(crate) async fn automate(&self, cx: &Cx<'_>, handled: Handled) -> Result<(), RespondError> {
        let Some(automator) = &self.automator else {
            return Ok(());
        };
        // Standby: another channel answers; automations would act behind its back.
        if cx.mode != Mode::Active {
            return Ok(());
        }
        let (Some(fired), Some(key)) = (fired(&cx.event.kind), cx.friend_key()) else {
            return Ok(());
        };
        let answered = matches!(handled, Handled::Replied | Handled::Pushed);
        let age_ms = cx.now.as_millisecond() - cx.envelope.received_at_ms;
        let reply_token = cx
            .event
            .reply_token
            .as_deref()
            .filter(|_| !answered && age_ms <= self.options.reply_window_ms);
        let is_follow = matches!(fired, Fired::Follow | Fired::Unblock);
        let start = Start {
            channel: &cx.channel,
            store: None,
            friend: &key,
            fired,
            run_id: format!("ev:{}:{}", cx.channel.id, cx.event_id()),
            reply_token,
            now: cx.now,
        };
        let ran = match automator.run(start).await {
            Ok(ran) => ran,
            Err(error) => return self.after_answer(answered, error, cx),
        };
        if let Some(run) = &ran {
            cx.tally.add(Counter::AutomationRuns);
            if run.outcome.as_ref().is_some_and(|o| o.sent_a_message()) {
                cx.tally.add(Counter::AnswerAutomation);
            }
        }
        // A new friend gets the menu the rules give them even when no automation ran
        // (a run re-links by itself).
        if ran.is_none() && is_follow {
            if let Err(error) = automator.follow_menu(&cx.channel, &key, cx.now).await {
                return self.after_answer(answered, error, cx);
            }
        }
        Ok(())
    }

    fn after_answer(
        &self,
        answered: bool,
        error: AutomationFailure,
        cx: &Cx<'_>,
    ) -> Result<(), RespondError> {
        if answered {
            tracing::error!(%error, event = cx.event_id(), "automations failed after the answer was sent; not retried");
            return Ok(());
        }
        Err(match error {
            AutomationFailure::Store(e) => RespondError::Store(e),
            AutomationFailure::Line(why) => RespondError::Automation(why),
        })
    }
}

/// The responder's staff notifier as the automations' [`Notify`].
pub struct NotifyByWebhook(pub crate::notify::StaffNotifier);

#[async_trait]
impl Notify for NotifyByWebhook {
    async fn notify(
        &self,
        store: Option<&Store>,
        channel: &Channel,
        friend: &FriendKey,
        text: &str,
    ) -> bool {
        let Some((store, url)) = store.and_then(|s| s.staff_notify_url.as_deref().map(|u| (s, u)))
        else {
            return false;
        };
        let notice = StaffNotice {
            store: store.id.to_string(),
            channel: channel.id.to_string(),
            friend: friend.user_id.to_string(),
            text: text.to_owned(),
            at: jiff::Timestamp::now(),
        };
        self.0.notify(url, &notice).await
    }
}

/// The automator over the responder's own ports, calling LINE at `line_base_url`
/// (the one way every process that runs the responder builds it).
pub fn automator_for(
    ports: &crate::handler::Ports,
    line_base_url: &str,
    notifier: crate::notify::StaffNotifier,
) -> otodoke_automation::Automator {
    let line = std::sync::Arc::new(otodoke_inbox::LineChat::new(
        line_base_url,
        ports.secrets.clone(),
    ));
    otodoke_automation::Automator::new(
        otodoke_automation::AutomatorPorts {
            friends: ports.friends.clone(),
            automations: ports.automations.clone(),
            menus: ports.richmenus.clone(),
            enrolments: ports.enrolments.clone(),
            campaigns: ports.campaigns.clone(),
            orgs: ports.orgs.clone(),
            quota: ports.quota.clone(),
        },
        line.clone(),
        line,
    )
    .with_notify(std::sync::Arc::new(NotifyByWebhook(notifier)))
}
