//! Keyword rules and their compiled matcher.
//!
//! A rule answers when one of its keywords matches the folded message (see
//! [`fold`](crate::fold)), the rule is enabled, inside its active period and inside
//! its weekly schedule. Among the rules that answer, the highest `priority` wins;
//! equal priorities go to the rule listed first.
//!
//! Exact, partial and prefix keywords of every rule share one Aho-Corasick
//! automaton, so matching costs one pass over the message whatever the number of
//! rules; regular expressions share one [`RegexSet`]; postback data is a hash lookup.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use jiff::civil::DateTime;
use jiff::Timestamp;
use regex::{RegexBuilder, RegexSet, RegexSetBuilder};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::error::ConfigError;
use crate::fold::{fold, katakana_to_hiragana};
use crate::hours::Weekly;
use crate::message::Answer;

/// How a rule's keywords are compared with the message.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The whole folded message equals the folded keyword (LINE Official Account
    /// Manager's own auto-reply behaviour).
    #[default]
    Exact,
    /// The folded message contains the folded keyword.
    Partial,
    /// The folded message starts with the folded keyword.
    Prefix,
    /// The regular expression finds a match in the folded message. The pattern is
    /// NFKC-normalised, its katakana turned into hiragana, and it is compiled
    /// case-insensitively, so write it as you would the message.
    Regex,
    /// The postback `data` equals the keyword exactly (not folded): for rich-menu
    /// and button actions.
    Postback,
}

/// The window in which a rule may answer: `from` inclusive, `to` exclusive; a
/// missing bound is open-ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ActivePeriod {
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub from: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub to: Option<Timestamp>,
}

impl ActivePeriod {
    /// Whether `at` lies inside the period.
    pub fn contains(&self, at: Timestamp) -> bool {
        self.from.is_none_or(|from| at >= from) && self.to.is_none_or(|to| at < to)
    }
}

/// One keyword rule as the marketer writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Rule {
    /// Unique within the store; names the rule in decisions and traces.
    pub id: String,
    pub enabled: bool,
    /// Higher answers first.
    pub priority: i32,
    pub kind: MatchKind,
    /// One or more keywords (or patterns, or postback data), any of which matches.
    pub keywords: Vec<String>,
    pub active: ActivePeriod,
    /// When set, the rule answers only inside these weekly intervals (store time).
    pub schedule: Option<Weekly>,
    pub answer: Answer,
}

impl Default for Rule {
    fn default() -> Self {
        Self {
            id: String::new(),
            enabled: true,
            priority: 0,
            kind: MatchKind::Exact,
            keywords: Vec::new(),
            active: ActivePeriod::default(),
            schedule: None,
            answer: Answer::default(),
        }
    }
}

/// The instant a rule set is evaluated at, in both forms rules need.
#[derive(Debug, Clone, Copy)]
pub struct When {
    pub at: Timestamp,
    /// `at` in the store's time zone.
    pub local: DateTime,
}

/// A keyword of a rule that matched the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeywordHit {
    /// Index of the rule in the configuration's list.
    pub rule: usize,
    /// Index of the keyword in that rule's list.
    pub keyword: usize,
}

/// Why a matching rule did not answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Ineligible {
    Disabled,
    /// The rule has no message to send (a draft).
    NoAnswer,
    OutsideActivePeriod,
    OutsideSchedule,
}

#[derive(Debug, Clone, Copy)]
struct Owner {
    rule: u32,
    keyword: u32,
    kind: MatchKind,
}

/// A rule set compiled for matching. Build once per configuration with
/// [`CompiledRules::new`]; matching then never allocates in [`CompiledRules::best_for_text`].
#[derive(Debug, Clone)]
pub struct CompiledRules {
    rules: Vec<Rule>,
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern: the rule keywords it stands for.
    pattern_owners: Vec<Vec<Owner>>,
    regexes: Option<RegexSet>,
    regex_owners: Vec<Owner>,
    postbacks: HashMap<String, Vec<Owner>>,
}

impl CompiledRules {
    /// Compiles `rules`. Costs time linear in the total keyword length (about a
    /// millisecond for 5,000 rules) plus regex compilation.
    ///
    /// Fails when a rule id repeats, a rule has no keywords, a keyword folds to
    /// nothing, or a regular expression does not compile.
    pub fn new(rules: &[Rule]) -> Result<Self, ConfigError> {
        let mut seen_ids = std::collections::HashSet::new();
        let mut pattern_ids: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_owners: Vec<Vec<Owner>> = Vec::new();
        let mut regex_patterns = Vec::new();
        let mut regex_owners = Vec::new();
        let mut postbacks: HashMap<String, Vec<Owner>> = HashMap::new();

        for (rule_index, rule) in rules.iter().enumerate() {
            if !seen_ids.insert(rule.id.as_str()) {
                return Err(ConfigError::DuplicateRuleId {
                    rule_id: rule.id.clone(),
                });
            }
            if rule.keywords.is_empty() {
                return Err(ConfigError::NoKeywords {
                    rule_id: rule.id.clone(),
                });
            }
            for (keyword_index, keyword) in rule.keywords.iter().enumerate() {
                let owner = Owner {
                    rule: rule_index as u32,
                    keyword: keyword_index as u32,
                    kind: rule.kind,
                };
                let empty = || ConfigError::EmptyKeyword {
                    rule_id: rule.id.clone(),
                    index: keyword_index,
                };
                match rule.kind {
                    MatchKind::Exact | MatchKind::Partial | MatchKind::Prefix => {
                        let folded = fold(keyword);
                        if folded.is_empty() {
                            return Err(empty());
                        }
                        let id = *pattern_ids.entry(folded).or_insert_with_key(|folded| {
                            patterns.push(folded.clone());
                            pattern_owners.push(Vec::new());
                            patterns.len() - 1
                        });
                        pattern_owners[id].push(owner);
                    }
                    MatchKind::Regex => {
                        let pattern = fold_pattern(keyword);
                        if pattern.is_empty() {
                            return Err(empty());
                        }
                        regex_patterns.push(pattern);
                        regex_owners.push(owner);
                    }
                    MatchKind::Postback => {
                        if keyword.is_empty() {
                            return Err(empty());
                        }
                        postbacks.entry(keyword.clone()).or_default().push(owner);
                    }
                }
            }
        }

        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(AhoCorasick::new(&patterns)?)
        };
        let regexes = if regex_patterns.is_empty() {
            None
        } else {
            Some(compile_regex_set(rules, &regex_patterns, &regex_owners)?)
        };
        Ok(Self {
            rules: rules.to_vec(),
            automaton,
            pattern_owners,
            regexes,
            regex_owners,
            postbacks,
        })
    }

    /// The rules as configured, in order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Calls `hit` for every keyword of every rule matching the folded text
    /// (eligible or not, in no particular order). Postback rules never match text.
    pub fn for_each_text_hit(&self, folded: &str, mut hit: impl FnMut(KeywordHit)) {
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(folded) {
                for owner in &self.pattern_owners[m.pattern().as_usize()] {
                    let matches = match owner.kind {
                        MatchKind::Partial => true,
                        MatchKind::Prefix => m.start() == 0,
                        MatchKind::Exact => m.start() == 0 && m.end() == folded.len(),
                        MatchKind::Regex | MatchKind::Postback => false,
                    };
                    if matches {
                        hit(owner.hit());
                    }
                }
            }
        }
        if let Some(regexes) = &self.regexes {
            for index in regexes.matches(folded).iter() {
                hit(self.regex_owners[index].hit());
            }
        }
    }

    /// Calls `hit` for every postback rule whose data equals `data`.
    pub fn for_each_postback_hit(&self, data: &str, mut hit: impl FnMut(KeywordHit)) {
        for owner in self.postbacks.get(data).into_iter().flatten() {
            hit(owner.hit());
        }
    }

    /// Why rule `rule` may not answer at `when`, or `None` if it may.
    pub fn ineligible(&self, rule: usize, when: When) -> Option<Ineligible> {
        let rule = &self.rules[rule];
        if !rule.enabled {
            Some(Ineligible::Disabled)
        } else if rule.answer.is_empty() {
            Some(Ineligible::NoAnswer)
        } else if !rule.active.contains(when.at) {
            Some(Ineligible::OutsideActivePeriod)
        } else if rule
            .schedule
            .as_ref()
            .is_some_and(|s| !s.contains(when.local))
        {
            Some(Ineligible::OutsideSchedule)
        } else {
            None
        }
    }

    /// The winning rule for a folded text message at `when`: the eligible match
    /// with the highest priority, ties going to the earlier rule. No allocation.
    pub fn best_for_text(&self, folded: &str, when: When) -> Option<KeywordHit> {
        let mut best = None;
        self.for_each_text_hit(folded, |hit| self.keep_better(&mut best, hit, when));
        best
    }

    /// The winning postback rule for `data` at `when`.
    pub fn best_for_postback(&self, data: &str, when: When) -> Option<KeywordHit> {
        let mut best = None;
        self.for_each_postback_hit(data, |hit| self.keep_better(&mut best, hit, when));
        best
    }

    /// Whether `a` beats `b`: higher priority, then earlier rule, then earlier keyword.
    pub fn beats(&self, a: KeywordHit, b: KeywordHit) -> bool {
        let key = |h: KeywordHit| {
            (
                std::cmp::Reverse(self.rules[h.rule].priority),
                h.rule,
                h.keyword,
            )
        };
        key(a) < key(b)
    }

    fn keep_better(&self, best: &mut Option<KeywordHit>, hit: KeywordHit, when: When) {
        if best.is_none_or(|b| self.beats(hit, b)) && self.ineligible(hit.rule, when).is_none() {
            *best = Some(hit);
        }
    }
}

impl Owner {
    fn hit(&self) -> KeywordHit {
        KeywordHit {
            rule: self.rule as usize,
            keyword: self.keyword as usize,
        }
    }
}

/// Compiles all regular expressions at once; only when that fails are they
/// compiled one by one, to name the faulty rule (compiling each twice would double
/// the cost of a configuration's compilation).
fn compile_regex_set(
    rules: &[Rule],
    patterns: &[String],
    owners: &[Owner],
) -> Result<RegexSet, ConfigError> {
    RegexSetBuilder::new(patterns)
        .case_insensitive(true)
        .build()
        .map_err(|set_error| {
            for (pattern, owner) in patterns.iter().zip(owners) {
                if let Err(source) = RegexBuilder::new(pattern).case_insensitive(true).build() {
                    let rule = &rules[owner.rule as usize];
                    return ConfigError::InvalidRegex {
                        rule_id: rule.id.clone(),
                        pattern: rule.keywords[owner.keyword as usize].clone(),
                        source: Box::new(source),
                    };
                }
            }
            ConfigError::RegexSet(Box::new(set_error))
        })
}

/// Brings a regex pattern to the folded alphabet without touching its syntax:
/// lower-casing is left to the case-insensitive flag because it would turn `\S`
/// into `\s`.
fn fold_pattern(pattern: &str) -> String {
    pattern.nfkc().map(katakana_to_hiragana).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hours::Interval;
    use jiff::civil::date;

    fn rule(id: &str, kind: MatchKind, keywords: &[&str], priority: i32) -> Rule {
        Rule {
            id: id.into(),
            kind,
            priority,
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            answer: Answer::text(id),
            ..Default::default()
        }
    }

    /// Friday 2026-11-20 12:00 local, taken as UTC for simplicity.
    fn noon() -> When {
        let local = date(2026, 11, 20).at(12, 0, 0, 0);
        When {
            at: local.to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp(),
            local,
        }
    }

    fn winner(rules: &[Rule], text: &str) -> Option<String> {
        let compiled = CompiledRules::new(rules).unwrap();
        compiled
            .best_for_text(&fold(text), noon())
            .map(|h| rules[h.rule].id.clone())
    }

    #[test]
    fn exact_matches_only_the_whole_message() {
        let rules = [rule("hours", MatchKind::Exact, &["営業時間"], 0)];
        assert_eq!(winner(&rules, "営業時間").as_deref(), Some("hours"));
        assert_eq!(winner(&rules, "営業時間は？"), None);
    }

    #[test]
    fn partial_matches_anywhere_and_prefix_only_at_the_start() {
        let rules = [
            rule("partial", MatchKind::Partial, &["駐車場"], 0),
            rule("prefix", MatchKind::Prefix, &["予約"], 0),
        ];
        assert_eq!(
            winner(&rules, "近くに駐車場ある?").as_deref(),
            Some("partial")
        );
        assert_eq!(winner(&rules, "予約したい").as_deref(), Some("prefix"));
        assert_eq!(winner(&rules, "明日予約したい"), None);
    }

    #[test]
    fn width_case_and_kana_differences_do_not_prevent_a_match() {
        let rules = [
            rule("menu", MatchKind::Exact, &["メニュー"], 0),
            rule("paypay", MatchKind::Partial, &["PayPay"], 0),
        ];
        assert_eq!(winner(&rules, "ﾒﾆｭｰ").as_deref(), Some("menu"));
        assert_eq!(winner(&rules, "めにゅー").as_deref(), Some("menu"));
        assert_eq!(
            winner(&rules, "ＰＡＹＰＡＹ使える？").as_deref(),
            Some("paypay")
        );
    }

    #[test]
    fn higher_priority_wins_over_rule_order() {
        let rules = [
            rule("low", MatchKind::Partial, &["予約"], 1),
            rule("high", MatchKind::Partial, &["予約"], 5),
        ];
        assert_eq!(winner(&rules, "予約").as_deref(), Some("high"));
    }

    #[test]
    fn equal_priorities_go_to_the_rule_listed_first() {
        let rules = [
            rule("first", MatchKind::Partial, &["予約"], 3),
            rule("second", MatchKind::Exact, &["予約"], 3),
        ];
        assert_eq!(winner(&rules, "予約").as_deref(), Some("first"));
    }

    #[test]
    fn any_of_several_keywords_matches() {
        let rules = [rule(
            "pay",
            MatchKind::Partial,
            &["カード", "現金", "paypay"],
            0,
        )];
        assert_eq!(winner(&rules, "現金のみ？").as_deref(), Some("pay"));
        assert_eq!(winner(&rules, "カードok?").as_deref(), Some("pay"));
    }

    #[test]
    fn regex_matches_on_folded_text_and_katakana_in_patterns_is_folded() {
        let rules = [rule(
            "time",
            MatchKind::Regex,
            &[r"^(何時|なんじ).*(開|あ)く", "ランチ\\d+"],
            0,
        )];
        assert_eq!(winner(&rules, "何時に開くの").as_deref(), Some("time"));
        assert_eq!(winner(&rules, "ﾗﾝﾁ２"), Some("time".into()));
        assert_eq!(winner(&rules, "明日何時に開く"), None);
    }

    #[test]
    fn an_invalid_regex_is_refused_naming_the_rule() {
        let err =
            CompiledRules::new(&[rule("bad", MatchKind::Regex, &["(unclosed"], 0)]).unwrap_err();
        assert!(matches!(err, ConfigError::InvalidRegex { ref rule_id, .. } if rule_id == "bad"));
    }

    #[test]
    fn empty_keywords_and_duplicate_ids_are_refused() {
        assert!(matches!(
            CompiledRules::new(&[rule("a", MatchKind::Exact, &["  "], 0)]),
            Err(ConfigError::EmptyKeyword { .. })
        ));
        assert!(matches!(
            CompiledRules::new(&[rule("a", MatchKind::Exact, &[], 0)]),
            Err(ConfigError::NoKeywords { .. })
        ));
        assert!(matches!(
            CompiledRules::new(&[
                rule("a", MatchKind::Exact, &["x"], 0),
                rule("a", MatchKind::Exact, &["y"], 0)
            ]),
            Err(ConfigError::DuplicateRuleId { .. })
        ));
    }

    #[test]
    fn a_disabled_rule_never_answers_and_the_next_one_does() {
        let mut disabled = rule("disabled", MatchKind::Partial, &["予約"], 9);
        disabled.enabled = false;
        let rules = [disabled, rule("fallback", MatchKind::Partial, &["予約"], 0)];
        assert_eq!(winner(&rules, "予約").as_deref(), Some("fallback"));
    }

    #[test]
    fn a_rule_answers_only_inside_its_active_period() {
        let mut campaign = rule("campaign", MatchKind::Exact, &["クーポン"], 0);
        let at = noon().at;
        campaign.active = ActivePeriod {
            from: Some(at),
            to: Some(at + jiff::SignedDuration::from_hours(1)),
        };
        assert_eq!(
            winner(std::slice::from_ref(&campaign), "クーポン").as_deref(),
            Some("campaign")
        );
        campaign.active.from = Some(at + jiff::SignedDuration::from_secs(1));
        assert_eq!(winner(std::slice::from_ref(&campaign), "クーポン"), None);
        campaign.active = ActivePeriod {
            from: None,
            to: Some(at),
        };
        assert_eq!(winner(&[campaign], "クーポン"), None, "`to` is exclusive");
    }

    #[test]
    fn a_rule_answers_only_inside_its_weekly_schedule() {
        let mut lunch = rule("lunch", MatchKind::Exact, &["ランチ"], 0);
        lunch.schedule = Some(Weekly {
            friday: vec![Interval::new((11, 0), (14, 0))],
            ..Default::default()
        });
        assert_eq!(
            winner(std::slice::from_ref(&lunch), "ランチ").as_deref(),
            Some("lunch")
        );
        lunch.schedule = Some(Weekly {
            friday: vec![Interval::new((17, 0), (22, 0))],
            ..Default::default()
        });
        assert_eq!(winner(&[lunch], "ランチ"), None);
    }

    #[test]
    fn postback_rules_match_the_data_exactly_and_never_text() {
        let rules = [rule(
            "menu-button",
            MatchKind::Postback,
            &["action=menu"],
            0,
        )];
        let compiled = CompiledRules::new(&rules).unwrap();
        assert!(compiled.best_for_postback("action=menu", noon()).is_some());
        assert!(compiled.best_for_postback("ACTION=MENU", noon()).is_none());
        assert!(compiled.best_for_text("action=menu", noon()).is_none());
    }

    #[test]
    fn rules_deserialize_with_defaults_for_missing_fields() {
        let rule: Rule = serde_json::from_str(r#"{"id":"r1","keywords":["予約"]}"#).unwrap();
        assert!(rule.enabled);
        assert_eq!(rule.kind, MatchKind::Exact);
    }

    proptest::proptest! {
        #[test]
        fn a_partial_rule_matches_exactly_when_the_folded_text_contains_the_folded_keyword(
            keyword in "[あいうアイウaAｱ]{1,3}",
            text in "[あいうアイウaAｱ ]{0,8}",
        ) {
            let rules = [rule("p", MatchKind::Partial, &[keyword.as_str()], 0)];
            let expected = fold(&text).contains(fold(&keyword).as_str());
            proptest::prop_assert_eq!(winner(&rules, &text).is_some(), expected);
        }
    }

    #[test]
    fn five_thousand_rules_compile_and_the_right_one_wins() {
        let rules: Vec<Rule> = (0..5000)
            .map(|i| {
                rule(
                    &format!("r{i}"),
                    MatchKind::Partial,
                    &[&format!("商品{i:04}番")],
                    0,
                )
            })
            .collect();
        assert_eq!(
            winner(&rules, "商品4321番の在庫は？").as_deref(),
            Some("r4321")
        );
    }
}
