//! Japanese-aware text folding: the one normalisation every matcher uses, so a
//! keyword, an intent example and a customer's message compare equal when a
//! person would say they say the same thing.
//!
//! The steps, in order:
//! 1. **NFKC**: full-width ASCII becomes ASCII (`ＡＢＣ１２３` → `ABC123`), half-width
//!    katakana becomes full-width and composes its voicing marks (`ｶﾞｲﾄﾞ` → `ガイド`),
//!    compatibility characters are unfolded (`㈱` → `(株)`).
//! 2. **lower case** (`ABC` → `abc`).
//! 3. **katakana → hiragana** (`カタカナ` → `かたかな`), so a keyword written in either
//!    script matches a message written in the other. `ヴ` becomes `ゔ`; `ヷ`–`ヺ`, which
//!    have no hiragana form, stay as they are.
//! 4. **whitespace**: leading and trailing whitespace is removed and every inner run of
//!    whitespace (including the ideographic space `　`) becomes one ASCII space.
//! 5. **long-vowel runs**: a run of the long-vowel mark `ー` (and the wave dashes
//!    `〜`/`~` that people type in its place when stretching a word) collapses to one
//!    `ー`, so `ありがとーーー` and `ありがと〜〜` both fold to `ありがとー`.
//!
//! Deliberately *not* done:
//! - small kana are kept distinct from full-size kana (`きゃく` ≠ `きやく`): they change
//!   the word, and customers type them correctly;
//! - a single long-vowel mark is kept (`めにゅー` ≠ `めにゅ`): dropping it would merge
//!   distinct words, and the n-gram intent matcher already tolerates a missing one;
//! - punctuation and emoji are kept: exact keywords such as `予約!` stay possible;
//!   the intent matcher ignores them on its own.
//!
//! Cost: one pass over the input when it is already NFKC (almost all real Japanese and
//! ASCII messages), two passes otherwise. [`fold_into`] reuses the caller's buffer and
//! allocates only when that buffer must grow.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Folds `text` into a new `String`. See the [module documentation](self) for the
/// steps. Never fails.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Folds `text` into `out`, clearing `out` first. Reusing one buffer across calls
/// makes folding allocation-free in the steady state.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    let mut folder = Folder {
        out,
        pending_space: false,
        last_was_long_vowel: false,
    };
    if text.is_ascii() || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().for_each(|c| folder.push(c));
    } else {
        text.nfkc().for_each(|c| folder.push(c));
    }
}

/// Maps one katakana character to its hiragana twin; any other character is
/// returned unchanged. The katakana block `ァ`..`ヶ` sits exactly 0x60 above
/// hiragana `ぁ`..`ゖ`, and the iteration marks `ヽヾ` above `ゝゞ`.
pub fn katakana_to_hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}'..='\u{30FE}' => {
            char::from_u32(c as u32 - 0x60).unwrap_or(c)
        }
        _ => c,
    }
}

struct Folder<'a> {
    out: &'a mut String,
    pending_space: bool,
    last_was_long_vowel: bool,
}

impl Folder<'_> {
    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            // Emitted lazily so trailing whitespace never reaches the output.
            self.pending_space = !self.out.is_empty();
            return;
        }
        if self.pending_space {
            self.out.push(' ');
            self.pending_space = false;
            self.last_was_long_vowel = false;
        }
        if is_long_vowel_like(c) || (c == '~' && self.follows_kana()) {
            if !self.last_was_long_vowel {
                self.out.push('ー');
                self.last_was_long_vowel = true;
            }
            return;
        }
        self.last_was_long_vowel = false;
        if c.is_ascii() {
            self.out.push(c.to_ascii_lowercase());
        } else if c.is_uppercase() {
            self.out.extend(c.to_lowercase());
        } else {
            self.out.push(katakana_to_hiragana(c));
        }
    }
}

impl Folder<'_> {
    /// Whether the last emitted character is kana (or the long-vowel mark itself).
    fn follows_kana(&self) -> bool {
        self.out
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}'))
    }
}

/// The long-vowel mark and the wave dash people type instead of it when stretching
/// a word. The ASCII `~` (also what NFKC makes of the full-width `～`) only counts
/// after kana (`ね~`), so URLs and `~/path` survive intact.
fn is_long_vowel_like(c: char) -> bool {
    matches!(c, 'ー' | '〜')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_katakana_becomes_full_width_hiragana() {
        assert_eq!(fold("ｱｲｳ"), "あいう");
        assert_eq!(fold("ｶﾞｲﾄﾞ"), "がいど");
        assert_eq!(fold("ﾒﾆｭｰ"), "めにゅー");
    }

    #[test]
    fn full_width_latin_and_digits_become_lower_case_ascii() {
        assert_eq!(fold("ＡＢＣ１２３"), "abc123");
        assert_eq!(fold("PayPay"), "paypay");
    }

    #[test]
    fn katakana_and_hiragana_fold_to_the_same_text() {
        assert_eq!(fold("カタカナ"), fold("かたかな"));
        assert_eq!(fold("ヴァイオリン"), "ゔぁいおりん");
    }

    #[test]
    fn kanji_and_punctuation_are_kept() {
        assert_eq!(fold("営業時間は？"), "営業時間は?");
        assert_eq!(fold("予約!"), "予約!");
    }

    #[test]
    fn whitespace_runs_collapse_and_ends_are_trimmed() {
        assert_eq!(fold("  駐車場　　 ありますか \n"), "駐車場 ありますか");
        assert_eq!(fold("\t"), "");
    }

    #[test]
    fn long_vowel_runs_and_wave_dashes_collapse_to_one_mark() {
        assert_eq!(fold("ありがとーーー"), "ありがとー");
        assert_eq!(fold("ありがと〜〜"), "ありがとー");
        assert_eq!(fold("ｱﾘｶﾞﾄｰｰ"), "ありがとー");
        assert_eq!(fold("すごい～～"), "すごいー");
        assert_eq!(fold("~/path"), "~/path");
    }

    #[test]
    fn small_kana_stay_distinct_from_full_size_kana() {
        assert_ne!(fold("きゃく"), fold("きやく"));
    }

    #[test]
    fn folding_twice_changes_nothing() {
        for s in ["ｶﾀｶﾅ ＡＢＣ", "  ありがと〜〜 ", "㈱テスト", "Ünïcödé ẞ"]
        {
            let once = fold(s);
            assert_eq!(fold(&once), once, "input {s:?}");
        }
    }

    #[test]
    fn fold_into_reuses_the_buffer_and_clears_it_first() {
        let mut buf = String::from("old content");
        fold_into("ＡＢ", &mut buf);
        assert_eq!(buf, "ab");
    }

    proptest::proptest! {
        #[test]
        fn fold_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            proptest::prop_assert_eq!(fold(&once), once);
        }
    }
}
