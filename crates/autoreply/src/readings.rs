//! The kana spellings of a store's own words. A customer who does not convert types
//! `げっしゃおしえてください` where the owner's example says `月謝はいくらですか`;
//! the n-grams of the two share nothing, and the general vocabulary (see
//! [`vocabulary`](crate::vocabulary)) knows words only in kanji and katakana.
//!
//! When a store's intents are compiled, each noun of its examples that IPADIC knows
//! is looked up for its reading (`月謝` → `げっしゃ`), each katakana word is read as
//! it sounds (`キャンセル` → `きゃんせる`), and so is each pair of such words written
//! together (`保管` + `料金` → `ほかんりょうきん`; `貸切` + `風呂` also as
//! `かしきりぶろ`, since the second word of a compound is often voiced). A message is then
//! respelled before it is scored: every such reading in it becomes the owner's
//! spelling. Only the store's words are respelled, not every word IPADIC has, so
//! that kana meant otherwise (`きかん` in a message to a shop with no `期間`) stays
//! as it is; readings shorter than [`MIN_READING`] kana are left alone for the
//! same reason.
//!
//! The readings are one file compiled into the binary (`data/readings.fst`, an
//! [`fst::Set`] of `word` + separator + `reading`, 1.4 MB), read in place;
//! `data/README.md` says where they come from and under which licence, and
//! `scripts/intent-vocabulary` rebuilds it.

use std::collections::BTreeMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use fst::raw::Fst;
use fst::{IntoStreamer, Set, Streamer};

static READINGS: &[u8] = include_bytes!("../data/readings.fst");

/// Ends a word in the keys of `readings.fst` (`SEPARATOR` in
/// `examples/build_readings.rs`).
const SEPARATOR: u8 = 0x1F;
/// Longest word with a reading, in characters (`LONGEST_WORD` in
/// `scripts/intent-readings.py`).
const LONGEST_WORD: usize = 8;
/// Shortest reading a message is respelled for, in kana: two kana (`えき`, `かみ`)
/// occur inside too many unrelated words.
pub const MIN_READING: usize = 3;

fn readings() -> &'static Set<&'static [u8]> {
    static SHARED: std::sync::OnceLock<Set<&'static [u8]>> = std::sync::OnceLock::new();
    // Reads the header and footer only. The file is this crate's own and a test
    // reads it, so a broken one cannot ship.
    SHARED.get_or_init(|| Set::new(READINGS).expect("data/readings.fst is an fst set"))
}

/// The store's words as customers type them in kana, and how the owner spells them.
#[derive(Debug, Clone, Default)]
pub struct StoreReadings {
    /// Finds the readings, longest first; `None` when the store has none.
    readings: Option<AhoCorasick>,
    /// The owner's spelling of each reading, in the matcher's pattern order.
    spellings: Vec<String>,
}

impl StoreReadings {
    /// Collects the readings of the nouns in `examples`. When two words share a
    /// reading, the first example's word keeps it.
    pub fn new<'a>(examples: impl IntoIterator<Item = &'a str>) -> Self {
        let mut spelling_of: BTreeMap<String, String> = BTreeMap::new();
        for example in examples {
            let mut previous: Option<(Range<usize>, Vec<String>)> = None;
            for_each_word(example, |range| {
                let word = &example[range.clone()];
                let own = readings_of(word);
                let voiced: Vec<String> = own.iter().filter_map(|r| voiced(r)).collect();
                if let Some((before, before_readings)) = previous.take() {
                    if before.end == range.start {
                        let compound = &example[before.start..range.end];
                        for first in &before_readings {
                            for second in own.iter().chain(&voiced) {
                                spelling_of
                                    .entry(format!("{first}{second}"))
                                    .or_insert_with(|| compound.to_owned());
                            }
                        }
                    }
                }
                for reading in &own {
                    spelling_of
                        .entry(reading.clone())
                        .or_insert_with(|| word.to_owned());
                }
                previous = Some((range, own));
            });
        }
        spelling_of.retain(|reading, _| reading.chars().count() >= MIN_READING);
        if spelling_of.is_empty() {
            return Self::default();
        }
        let (patterns, spellings): (Vec<String>, Vec<String>) = spelling_of.into_iter().unzip();
        let readings = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("a few hundred kana patterns build");
        Self {
            readings: Some(readings),
            spellings,
        }
    }

    /// `text` with every reading of a store word replaced by the owner's spelling,
    /// or `None` when it has none.
    pub fn respell(&self, text: &str) -> Option<String> {
        let readings = self.readings.as_ref()?;
        let mut matches = readings.find_iter(text).peekable();
        matches.peek()?;
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for m in matches {
            out.push_str(&text[copied..m.start()]);
            out.push_str(&self.spellings[m.pattern().as_usize()]);
            copied = m.end();
        }
        out.push_str(&text[copied..]);
        Some(out)
    }
}

/// Cuts `text` into words that have a reading, left to right: each run of katakana,
/// and otherwise the longest word of the readings set. Calls `f` with each word's
/// byte range; characters that start no word are skipped.
fn for_each_word(text: &str, mut f: impl FnMut(Range<usize>)) {
    let fst = readings().as_fst();
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let katakana: usize = text[start..]
            .chars()
            .take_while(|c| is_katakana(*c))
            .map(char::len_utf8)
            .sum();
        if katakana > 0 {
            f(start..start + katakana);
            start += katakana;
            continue;
        }
        match longest_word(fst, &bytes[start..]) {
            Some(len) => {
                f(start..start + len);
                start += len;
            }
            None => start += crate::vocabulary::utf8_len(bytes[start]),
        }
    }
}

/// The length in bytes of the longest word at the start of `bytes`: a prefix
/// ending on a character boundary that the set continues with the separator.
fn longest_word(fst: &Fst<&'static [u8]>, bytes: &[u8]) -> Option<usize> {
    let mut node = fst.root();
    let mut best = None;
    let mut chars = 0;
    for (i, b) in bytes.iter().enumerate() {
        let Some(t) = node.find_input(*b) else { break };
        node = fst.node(node.transition(t).addr);
        let boundary = bytes.get(i + 1).is_none_or(|next| (*next as i8) >= -0x40);
        if boundary {
            chars += 1;
            if node.find_input(SEPARATOR).is_some() {
                best = Some(i + 1);
            }
            if chars == LONGEST_WORD {
                break;
            }
        }
    }
    best
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー')
}

/// `reading` with its first kana voiced (`ふろ` → `ぶろ`), as the second word of a
/// compound often is (rendaku); `None` when that kana has no voiced form.
fn voiced(reading: &str) -> Option<String> {
    const PLAIN: &str = "かきくけこさしすせそたちつてとはひふへほ";
    const VOICED: &str = "がぎぐげござじずぜぞだぢづでどばびぶべぼ";
    let first = reading.chars().next()?;
    let at = PLAIN.chars().position(|c| c == first)?;
    let voiced = VOICED.chars().nth(at)?;
    Some(format!("{voiced}{}", &reading[first.len_utf8()..]))
}

/// The readings of exactly `word`, in hiragana: a katakana word's is itself.
fn readings_of(word: &str) -> Vec<String> {
    if word.chars().all(is_katakana) {
        return vec![word
            .chars()
            .map(crate::fold::katakana_to_hiragana)
            .collect()];
    }
    let mut from = word.as_bytes().to_vec();
    from.push(SEPARATOR);
    let mut to = word.as_bytes().to_vec();
    to.push(SEPARATOR + 1);
    let mut keys = readings().range().ge(&from).lt(&to).into_stream();
    let mut out = Vec::new();
    while let Some(key) = keys.next() {
        if let Ok(reading) = std::str::from_utf8(&key[from.len()..]) {
            out.push(reading.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_noun_has_its_reading() {
        assert_eq!(readings_of("月謝"), ["げっしゃ"]);
        assert_eq!(readings_of("時間割"), ["じかんわり"]);
        assert!(
            readings_of("ください").is_empty(),
            "only nouns with a kanji"
        );
    }

    #[test]
    fn a_message_in_kana_is_respelled_with_the_store_words() {
        let spellings = StoreReadings::new(["月謝はいくらですか", "保管料金を教えてください"]);
        assert_eq!(
            spellings.respell("げっしゃおしえてください").as_deref(),
            Some("月謝教えてください"),
            "教え is a noun of the second example"
        );
        assert_eq!(
            spellings.respell("ほかんりょうきんは？").as_deref(),
            Some("保管料金は？"),
            "two nouns written together are read together"
        );
        assert_eq!(
            spellings.respell("月謝はいくら"),
            None,
            "nothing to respell"
        );
    }

    #[test]
    fn katakana_words_and_voiced_compounds_are_read_too() {
        let spellings = StoreReadings::new(["オイル交換の予約", "貸切風呂はありますか"]);
        assert_eq!(
            spellings.respell("おいるこうかんおねがいします").as_deref(),
            Some("オイル交換おねがいします")
        );
        assert_eq!(
            spellings.respell("かしきりぶろってありますか").as_deref(),
            Some("貸切風呂ってありますか")
        );
    }

    #[test]
    fn only_the_store_words_and_only_long_readings_are_respelled() {
        let spellings = StoreReadings::new(["駅から近いですか"]);
        assert_eq!(
            spellings.respell("えきからちかい"),
            None,
            "えき is too short"
        );
        assert_eq!(
            spellings.respell("げっしゃ"),
            None,
            "not a word of this store"
        );
        assert_eq!(StoreReadings::new(["ください"]).respell("ください"), None);
    }
}
