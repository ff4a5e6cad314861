//! Auto-reply folding and rule compilation with user-supplied keywords and regular
//! expressions: nothing panics; folding is idempotent (a folded keyword and a folded
//! message stay comparable); compiling either succeeds or names an error; and an
//! exact or prefix or partial keyword always matches a message that is that keyword.
#![no_main]

use jiff::tz::TimeZone;
use jiff::Timestamp;
use libfuzzer_sys::fuzz_target;
use otodoke_autoreply::fold::fold;
use otodoke_autoreply::rules::{CompiledRules, MatchKind, Rule, When};
use otodoke_autoreply::Answer;

const KINDS: [MatchKind; 5] = [
    MatchKind::Exact,
    MatchKind::Partial,
    MatchKind::Prefix,
    MatchKind::Regex,
    MatchKind::Postback,
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The last line is the customer's message; the others are keywords, the first
    // character of each choosing the rule's kind.
    let mut lines: Vec<&str> = text.split('\n').collect();
    let message = lines.pop().unwrap_or_default();

    let folded = fold(message);
    assert_eq!(
        fold(&folded),
        folded,
        "fold is not idempotent on {message:?}"
    );

    let rules: Vec<Rule> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut chars = line.chars();
            let kind = KINDS[chars.next().map_or(0, |c| c as usize) % KINDS.len()];
            Rule {
                id: format!("r{i}"),
                kind,
                keywords: vec![chars.as_str().to_owned()],
                answer: Answer::text("ok"),
                ..Rule::default()
            }
        })
        .collect();
    let Ok(compiled) = CompiledRules::new(&rules) else {
        return;
    };
    let at = Timestamp::from_second(1_763_000_000).unwrap();
    let when = When {
        at,
        local: at.to_zoned(TimeZone::UTC).datetime(),
    };
    let _ = compiled.best_for_text(&folded, when);
    let _ = compiled.best_for_postback(message, when);

    for (i, rule) in rules.iter().enumerate() {
        let keyword = &rule.keywords[0];
        match rule.kind {
            MatchKind::Exact | MatchKind::Partial | MatchKind::Prefix => {
                let mut hits = Vec::new();
                compiled.for_each_text_hit(&fold(keyword), |hit| hits.push(hit.rule));
                assert!(hits.contains(&i), "{keyword:?} does not match itself");
            }
            MatchKind::Postback => {
                assert!(compiled.best_for_postback(keyword, when).is_some());
            }
            MatchKind::Regex => {}
        }
    }
});
