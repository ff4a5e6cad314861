//! The sandbox's mutable world and LINE's sending rules applied to it: who receives a
//! send, retry-key idempotency, reply tokens, the monthly quota, narrowcast progress.
//!
//! Every operation here runs under one lock, so "check the key, check the quota,
//! deliver, record" is atomic: two concurrent requests with one retry key deliver once.

use crate::api_error::ApiError;
use crate::config::Plan;
use crate::demographic::Demographics;
use crate::endpoint::Endpoint;
use crate::friends::{FriendBook, UserKey};
use crate::quota::JstMonth;
use crate::records::{ChatEntry, Delivery, FriendMessage, Logged, RequestRecord};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use uuid::Uuid;

/// Who a send goes to.
#[derive(Debug)]
pub(crate) enum Target<'a> {
    /// A user, group or room id.
    One(&'a str),
    /// Up to 500 user ids.
    Many(Vec<&'a str>),
    /// Every friend who follows (broadcast, narrowcast without a filter).
    Followers,
    /// The followers LINE's demographic filter selects, at most `max` of them; when
    /// fewer than `min` match, nobody receives it (LINE fails such a narrowcast
    /// with error code 2, "not enough recipients").
    Filtered {
        filter: crate::demographic::Filter,
        /// The audience groups (and operators over them) a friend must be in.
        recipient: Option<crate::audience::Recipient>,
        max: Option<u64>,
        /// `limit.upToRemainingQuota`: send to at most what the month has left
        /// instead of refusing the whole narrowcast.
        up_to_quota: bool,
        min: u64,
    },
}

/// Whom a paid send targeted and reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reach {
    pub target: u64,
    pub delivered: u64,
}

/// The facts of one send request.
#[derive(Debug)]
pub(crate) struct Send<'a> {
    pub channel: u32,
    pub endpoint: Endpoint,
    pub request_id: Uuid,
    pub retry_key: Option<Uuid>,
    pub now_ms: i64,
    pub target: Target<'a>,
    pub messages: Arc<[Value]>,
}

#[derive(Debug)]
pub(crate) struct ReplyToken {
    pub channel: u32,
    pub friend: u32,
    pub expires_at_ms: i64,
    pub used: bool,
}

#[derive(Debug, Clone, Copy)]
struct AcceptedKey {
    request_id: Uuid,
    at_ms: i64,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct NarrowcastRun {
    pub accepted_ms: i64,
    pub target: u64,
    pub delivered: u64,
    /// Too few friends matched its filter: it fails, having delivered nothing.
    pub failed: bool,
    pub polls: u32,
}

/// Something a friend did, placed in the transcript after the first `after_seq` requests.
#[derive(Debug, Clone)]
struct Said {
    after_seq: u32,
    at_ms: i64,
    event: Value,
}

/// A webhook event the sandbox sent, kept for redelivery.
#[derive(Debug, Clone)]
pub(crate) struct SentEvent {
    pub channel: u32,
    pub event: Value,
}

/// Everything that changes while the sandbox runs.
#[derive(Debug)]
pub(crate) struct World {
    pub plans: Vec<Plan>,
    pub channel_ids: Vec<String>,
    pub books: Vec<FriendBook>,
    log: Vec<Logged>,
    by_request_id: HashMap<Uuid, u32>,
    by_endpoint: BTreeMap<Endpoint, Vec<u32>>,
    retry_keys: HashMap<(u32, Uuid), AcceptedKey>,
    usage: HashMap<(u32, JstMonth), u64>,
    pub reply_tokens: HashMap<String, ReplyToken>,
    /// `markAsReadToken`s handed out on message events: the chat and the time of
    /// the message each marks read (with everything before it).
    pub read_tokens: HashMap<String, (u32, UserKey, i64)>,
    /// Per chat, up to when the friend's messages show 既読.
    read_up_to: HashMap<(u32, UserKey), i64>,
    pub narrowcasts: HashMap<Uuid, NarrowcastRun>,
    /// Uploaded audience groups, every channel's.
    pub audiences: crate::audience::AudienceBook,
    pub events: HashMap<String, SentEvent>,
    /// What each friend did, per (channel, friend), for the chat transcript.
    said: HashMap<(u32, UserKey), Vec<Said>>,
    pub retry_key_ttl_ms: i64,
    /// Aggregation units, views and taps (LINE's numbers).
    pub insight: crate::insight::InsightBook,
}

impl World {
    pub fn new(channel_ids: Vec<String>, plans: Vec<Plan>, retry_key_ttl_ms: i64) -> Self {
        Self {
            books: channel_ids.iter().map(|_| FriendBook::default()).collect(),
            plans,
            channel_ids,
            log: Vec::new(),
            by_request_id: HashMap::new(),
            by_endpoint: BTreeMap::new(),
            retry_keys: HashMap::new(),
            usage: HashMap::new(),
            reply_tokens: HashMap::new(),
            read_tokens: HashMap::new(),
            read_up_to: HashMap::new(),
            narrowcasts: HashMap::new(),
            audiences: Default::default(),
            events: HashMap::new(),
            said: HashMap::new(),
            retry_key_ttl_ms,
            insight: Default::default(),
        }
    }

    /// Forgets all traffic (requests, deliveries, keys, tokens, usage, narrowcasts,
    /// webhook events) but keeps channels and friends with their follow state.
    pub fn reset_traffic(&mut self) {
        for book in &mut self.books {
            book.clear_deliveries();
        }
        self.log = Vec::new();
        self.insight.reset();
        self.by_request_id = HashMap::new();
        self.by_endpoint = BTreeMap::new();
        self.retry_keys = HashMap::new();
        self.usage = HashMap::new();
        self.reply_tokens = HashMap::new();
        self.narrowcasts = HashMap::new();
        self.events = HashMap::new();
        self.said = HashMap::new();
    }

    /// Notes that a friend did something (the webhook event), for the transcript.
    pub fn note_friend_event(&mut self, channel: u32, key: UserKey, at_ms: i64, event: Value) {
        let after_seq = self.log.len() as u32;
        self.said.entry((channel, key)).or_default().push(Said {
            after_seq,
            at_ms,
            event,
        });
    }

    /// Marks the friend's messages read up to the one `token` was given with;
    /// `false` for a token this sandbox never gave.
    pub fn mark_as_read(&mut self, token: &str) -> bool {
        let Some(&(channel, key, at_ms)) = self.read_tokens.get(token) else {
            return false;
        };
        let mark = self.read_up_to.entry((channel, key)).or_insert(at_ms);
        *mark = (*mark).max(at_ms);
        true
    }

    /// The chat between `channel`'s bot and `user_id` as both sides saw it, in order:
    /// the friend's events and the bot's message bubbles.
    pub fn conversation(&self, channel: u32, user_id: &str) -> Vec<ChatEntry> {
        let Some(key) = UserKey::parse(user_id) else {
            return Vec::new();
        };
        let bot: Vec<u32> = self.books[channel as usize]
            .get(key)
            .map(|f| f.deliveries.iter().collect())
            .unwrap_or_default();
        let said = self
            .said
            .get(&(channel, key))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut out = Vec::new();
        let mut bot = bot.into_iter().peekable();
        let bubbles = |seq: u32, out: &mut Vec<ChatEntry>| {
            let l = &self.log[seq as usize];
            let delivery = Delivery {
                request_id: l.request_id.to_string(),
                endpoint: l.endpoint,
                channel_id: self.channel_ids[l.channel as usize].clone(),
                user_id: user_id.to_owned(),
                accepted_at_ms: l.at_ms,
                messages: l.messages.to_vec(),
            };
            out.extend(FriendMessage::split(&delivery).map(ChatEntry::Bot));
        };
        let read_up_to = self.read_up_to.get(&(channel, key)).copied();
        for s in said {
            while let Some(seq) = bot.next_if(|&seq| seq < s.after_seq) {
                bubbles(seq, &mut out);
            }
            out.push(ChatEntry::Friend {
                at_ms: s.at_ms,
                event: s.event.clone(),
                read: read_up_to.is_some_and(|up_to| s.at_ms <= up_to),
            });
        }
        for seq in bot {
            bubbles(seq, &mut out);
        }
        out
    }

    /// Applies a paid send (push, multicast, narrowcast, broadcast): retry key, quota,
    /// delivery, record, in that order. Returns the friends targeted and reached
    /// (only a filtered narrowcast with too few targets reaches fewer).
    ///
    /// Fails with 409 for a retry key accepted within its lifetime (nothing sent) and
    /// 429 "monthly limit" when the recipients would pass the plan (nothing sent).
    pub fn send(&mut self, send: Send<'_>) -> Result<Reach, ApiError> {
        if let Some(key) = send.retry_key {
            if let Some(accepted) = self.retry_keys.get(&(send.channel, key)) {
                if send.now_ms - accepted.at_ms < self.retry_key_ttl_ms {
                    return Err(ApiError::retry_key_accepted(
                        accepted.request_id.to_string(),
                    ));
                }
            }
        }
        let book = &self.books[send.channel as usize];
        let mut recipients: Vec<u32> = match &send.target {
            Target::One(id) => UserKey::parse(id)
                .and_then(|k| book.find(k))
                .into_iter()
                .collect(),
            Target::Many(ids) => ids
                .iter()
                .filter_map(|id| UserKey::parse(id).and_then(|k| book.find(k)))
                .collect(),
            Target::Followers => book.followers().collect(),
            Target::Filtered {
                filter,
                recipient,
                max,
                ..
            } => {
                if let Some(r) = recipient {
                    r.check_ready(&self.audiences, send.channel, send.now_ms)?;
                }
                let audiences = &self.audiences;
                let matching = book.followers().filter(|&i| {
                    let key = book.friends[i as usize].key;
                    filter.matches(&Demographics::of(key))
                        && recipient
                            .as_ref()
                            .is_none_or(|r| r.matches(key, audiences, send.channel))
                });
                // LINE picks `max` at random; the first ones keep tests predictable.
                matching
                    .take(max.map_or(usize::MAX, |m| m as usize))
                    .collect()
            }
        };
        recipients.retain(|&i| book.friends[i as usize].following);
        recipients.sort_unstable();
        recipients.dedup();
        let target = recipients.len() as u64;
        if let Target::Filtered { min, .. } = send.target {
            if target < min {
                recipients.clear();
            }
        }
        let month = JstMonth::of_epoch_ms(send.now_ms);
        let used = self.usage.get(&(send.channel, month)).copied().unwrap_or(0);
        if let Some(limit) = self.plans[send.channel as usize].monthly_limit() {
            let left = limit.saturating_sub(used) as usize;
            if matches!(
                send.target,
                Target::Filtered {
                    up_to_quota: true,
                    ..
                }
            ) && recipients.len() > left
            {
                // LINE picks whom at random; the first ones keep tests predictable.
                recipients.truncate(left);
            }
            if used + recipients.len() as u64 > limit {
                return Err(ApiError::monthly_limit());
            }
        }
        let count = recipients.len() as u64;
        *self.usage.entry((send.channel, month)).or_insert(0) += count;
        if let Some(key) = send.retry_key {
            self.retry_keys.insert(
                (send.channel, key),
                AcceptedKey {
                    request_id: send.request_id,
                    at_ms: send.now_ms,
                },
            );
        }
        let seq = self.record(&send, count);
        let book = &mut self.books[send.channel as usize];
        for i in recipients {
            book.friends[i as usize].deliveries.push(seq);
        }
        Ok(Reach {
            target,
            delivered: count,
        })
    }

    /// Applies a reply: the token must exist for this channel, be unused and unexpired;
    /// it is then spent and the messages go to the friend it was issued for. Free.
    pub fn reply(&mut self, channel: u32, token: &str, send: Send<'_>) -> Result<(), ApiError> {
        let friend = match self.reply_tokens.get_mut(token) {
            Some(t) if t.channel == channel && !t.used && send.now_ms < t.expires_at_ms => {
                t.used = true;
                t.friend
            }
            _ => {
                return Err(ApiError::bad_request(
                    crate::api_error::text::INVALID_REPLY_TOKEN,
                ))
            }
        };
        let seq = self.record(&send, 1);
        self.books[channel as usize].friends[friend as usize]
            .deliveries
            .push(seq);
        Ok(())
    }

    fn record(&mut self, send: &Send<'_>, recipients: u64) -> u32 {
        let seq = self.log.len() as u32;
        self.log.push(Logged {
            request_id: send.request_id,
            channel: send.channel,
            endpoint: send.endpoint,
            at_ms: send.now_ms,
            retry_key: send.retry_key,
            messages: send.messages.clone(),
            recipients,
        });
        self.by_request_id.insert(send.request_id, seq);
        self.by_endpoint.entry(send.endpoint).or_default().push(seq);
        seq
    }

    /// The log sequence number of an accepted request.
    pub fn seq_of(&self, request_id: Uuid) -> Option<u32> {
        self.by_request_id.get(&request_id).copied()
    }

    /// When the send `seq` was accepted.
    pub fn logged_at_ms(&self, seq: u32) -> i64 {
        self.log.get(seq as usize).map_or(0, |l| l.at_ms)
    }

    /// The messages of the send `seq`.
    pub fn logged_messages(&self, seq: u32) -> &[Value] {
        self.log.get(seq as usize).map_or(&[], |l| &l.messages[..])
    }

    /// Messages counted this JST month for `channel`.
    pub fn usage(&self, channel: u32, now_ms: i64) -> u64 {
        self.usage
            .get(&(channel, JstMonth::of_epoch_ms(now_ms)))
            .copied()
            .unwrap_or(0)
    }

    fn view(&self, seq: u32) -> RequestRecord {
        let l = &self.log[seq as usize];
        RequestRecord {
            request_id: l.request_id.to_string(),
            endpoint: l.endpoint,
            channel_id: self.channel_ids[l.channel as usize].clone(),
            accepted_at_ms: l.at_ms,
            retry_key: l.retry_key.map(|k| k.to_string()),
            recipient_count: l.recipients,
            messages: l.messages.to_vec(),
        }
    }

    pub fn request(&self, request_id: &str) -> Option<RequestRecord> {
        let id = Uuid::parse_str(request_id).ok()?;
        self.by_request_id.get(&id).map(|&seq| self.view(seq))
    }

    pub fn requests(&self, endpoint: Endpoint) -> Vec<RequestRecord> {
        self.by_endpoint
            .get(&endpoint)
            .map(|seqs| seqs.iter().map(|&s| self.view(s)).collect())
            .unwrap_or_default()
    }

    /// Everything `user_id` received, over all channels, in acceptance order.
    pub fn deliveries_to(&self, user_id: &str) -> Vec<Delivery> {
        let Some(key) = UserKey::parse(user_id) else {
            return Vec::new();
        };
        let mut seqs: Vec<u32> = self
            .books
            .iter()
            .filter_map(|b| b.get(key))
            .flat_map(|f| f.deliveries.iter())
            .collect();
        seqs.sort_unstable();
        seqs.into_iter()
            .map(|seq| {
                let l = &self.log[seq as usize];
                Delivery {
                    request_id: l.request_id.to_string(),
                    endpoint: l.endpoint,
                    channel_id: self.channel_ids[l.channel as usize].clone(),
                    user_id: user_id.to_owned(),
                    accepted_at_ms: l.at_ms,
                    messages: l.messages.to_vec(),
                }
            })
            .collect()
    }

    /// Total friend-deliveries recorded (one per recipient per request).
    pub fn delivery_count(&self) -> u64 {
        self.books
            .iter()
            .flat_map(|b| b.friends.iter())
            .map(|f| f.deliveries.len() as u64)
            .sum()
    }

    /// LINE's progress object for a narrowcast, advancing it by one poll.
    /// `phase_ms` is how long each of `waiting` and `sending` lasts, or, with
    /// `per_poll`, each poll moves one phase on.
    pub fn narrowcast_progress(
        &mut self,
        id: Uuid,
        now_ms: i64,
        phase_ms: i64,
        per_poll: bool,
    ) -> Option<Value> {
        let run = self.narrowcasts.get_mut(&id)?;
        let step = if per_poll {
            let s = run.polls;
            run.polls += 1;
            s as i64
        } else {
            (now_ms - run.accepted_ms) / phase_ms.max(1)
        };
        let accepted = iso_ms(run.accepted_ms);
        Some(match step {
            0 => json!({"phase": "waiting", "acceptedTime": accepted}),
            1 => json!({"phase": "sending", "acceptedTime": accepted}),
            _ => {
                let completed = if per_poll {
                    now_ms
                } else {
                    run.accepted_ms + 2 * phase_ms
                };
                if run.failed {
                    return Some(json!({
                        "phase": "failed",
                        "targetCount": run.target,
                        "failedDescription": "not enough recipients",
                        "errorCode": 2,
                        "acceptedTime": accepted,
                        "completedTime": iso_ms(completed),
                    }));
                }
                json!({
                    "phase": "succeeded",
                    "successCount": run.delivered,
                    "failureCount": 0,
                    "targetCount": run.target,
                    "acceptedTime": accepted,
                    "completedTime": iso_ms(completed),
                })
            }
        })
    }
}

/// `2020-12-03T10:15:30.121Z`, the way LINE writes times in progress objects.
pub(crate) fn iso_ms(epoch_ms: i64) -> String {
    jiff::Timestamp::from_millisecond(epoch_ms)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NOW: i64 = 1_780_000_000_000;

    fn world_with_friends(plan: Plan, friends: u32, blocked_every: u32) -> (World, Vec<String>) {
        let mut world = World::new(vec!["c".to_owned()], vec![plan], 86_400_000);
        let ids: Vec<String> = (0..friends)
            .map(|i| {
                let key = UserKey::from_u128(u128::from(i) + 1);
                world.books[0].upsert(key, None, (i + 1) % blocked_every != 0);
                key.to_id()
            })
            .collect();
        (world, ids)
    }

    fn multicast<'a>(to: Vec<&'a str>) -> Send<'a> {
        Send {
            channel: 0,
            endpoint: Endpoint::Multicast,
            request_id: Uuid::new_v4(),
            retry_key: None,
            now_ms: NOW,
            target: Target::Many(to),
            messages: Arc::from(vec![json!({"type": "text", "text": "x"})]),
        }
    }

    proptest! {
        #[test]
        fn usage_never_passes_the_plan_and_always_equals_what_was_delivered(
            sends in proptest::collection::vec((0u32..300, 1u32..200), 1..60),
        ) {
            let (mut world, ids) = world_with_friends(Plan::Communication, 300, 7);
            for (start, len) in sends {
                let to: Vec<&str> = ids.iter().cycle().skip(start as usize).take(len as usize).map(String::as_str).collect();
                let before = (world.usage(0, NOW), world.delivery_count());
                match world.send(multicast(to)) {
                    Ok(reached) => prop_assert_eq!(world.delivery_count(), before.1 + reached.delivered),
                    // A refused send changes nothing.
                    Err(_) => prop_assert_eq!((world.usage(0, NOW), world.delivery_count()), before),
                }
                prop_assert!(world.usage(0, NOW) <= 200);
                prop_assert_eq!(world.usage(0, NOW), world.delivery_count());
            }
        }
    }

    #[test]
    fn a_send_that_would_pass_the_limit_is_refused_whole() {
        let (mut world, ids) = world_with_friends(Plan::Communication, 300, u32::MAX);
        let first: Vec<&str> = ids[..150].iter().map(String::as_str).collect();
        let next: Vec<&str> = ids[150..201].iter().map(String::as_str).collect();
        assert_eq!(world.send(multicast(first)).unwrap().delivered, 150);
        assert_eq!(
            world.send(multicast(next)).unwrap_err().kind,
            crate::api_error::Refusal::MonthlyLimit
        );
        assert_eq!(world.usage(0, NOW), 150);
    }
}
