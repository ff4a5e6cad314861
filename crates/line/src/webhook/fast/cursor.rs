//! A forward-only cursor over JSON text, for the fast path.
//!
//! It reads the common shapes itself (objects, arrays, strings without escapes, small
//! integers, booleans) and hands everything else to serde_json from the same position:
//! escaped strings, floats, large numbers, skipped values and the rarely seen nested
//! payloads. So a value either means exactly what serde_json makes of it, or the cursor
//! answers `None` and the fast path gives up. `None` never says the JSON is invalid:
//! only that the careful path must decide.

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::Deserialize;

/// Deeper values are left to the careful path, whose serde_json passes stop at 128
/// levels counted from the body's root (the cursor's hand-offs would count from the
/// value and so accept more).
const MAX_NESTING: usize = 100;

pub(super) struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Cursor { text, pos: 0 }
    }

    /// The next byte that is not JSON whitespace, left unconsumed.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.pos) {
            match byte {
                b' ' | b'\n' | b'\r' | b'\t' => self.pos += 1,
                _ => return Some(byte),
            }
        }
        None
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        if self.peek()? == byte {
            self.pos += 1;
            Some(())
        } else {
            None
        }
    }

    /// True when only whitespace is left.
    pub(super) fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }

    /// Reads an object, calling `member` with each key and the cursor at its value;
    /// `member` must consume the value.
    pub(super) fn object(
        &mut self,
        mut member: impl FnMut(&mut Self, &str) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            let key = self.str()?;
            self.eat(b':')?;
            member(self, &key)?;
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Reads an array, calling `element` with the cursor at each element, which
    /// `element` must consume.
    pub(super) fn array(&mut self, mut element: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        if self.eat(b']').is_some() {
            return Some(());
        }
        loop {
            element(self)?;
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A string, borrowed from the text unless it has escapes (those serde_json decodes).
    /// Inlined: most strings are short ids and keys, and a call costs as much as the scan.
    #[inline(always)]
    pub(super) fn str(&mut self) -> Option<Cow<'a, str>> {
        if self.peek()? != b'"' {
            return None;
        }
        let bytes = self.text.as_bytes();
        let start = self.pos + 1;
        let end = start + special_byte(&bytes[start..])?;
        if bytes[end] != b'"' {
            return self.unusual_str();
        }
        // `start` and `end` sit next to ASCII quotes, so they are char boundaries.
        let text = self.text.get(start..end)?;
        self.pos = end + 1;
        Some(Cow::Borrowed(text))
    }

    /// A string with an escape (decoded by serde_json) or a raw control character
    /// (which serde_json refuses). Kept out of line: the common case is short.
    #[cold]
    #[inline(never)]
    fn unusual_str(&mut self) -> Option<Cow<'a, str>> {
        self.serde::<String>().map(Cow::Owned)
    }

    /// A string, owned.
    pub(super) fn string(&mut self) -> Option<String> {
        self.str().map(Cow::into_owned)
    }

    /// An integer that fits `T`. Plain integers of up to 18 digits are read here, which
    /// is every id and timestamp LINE sends; anything else goes to serde_json.
    pub(super) fn int<T: TryFrom<i64> + Deserialize<'a>>(&mut self) -> Option<T> {
        match self.small_int() {
            Some(value) => T::try_from(value).ok(),
            None => self.serde(),
        }
    }

    /// Reads `-?(0|[1-9][0-9]{0,17})` not followed by a fraction or exponent; leaves
    /// the cursor where it was when the number is anything else.
    fn small_int(&mut self) -> Option<i64> {
        self.peek()?;
        let bytes = self.text.as_bytes();
        let negative = bytes[self.pos] == b'-';
        let digits_start = self.pos + usize::from(negative);
        let mut end = digits_start;
        let mut value: i64 = 0;
        while let Some(&byte @ b'0'..=b'9') = bytes.get(end) {
            if end - digits_start == 18 {
                return None;
            }
            value = value * 10 + i64::from(byte - b'0');
            end += 1;
        }
        let digits = end - digits_start;
        let leading_zero = digits > 1 && bytes[digits_start] == b'0';
        if digits == 0 || leading_zero || matches!(bytes.get(end), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        self.pos = end;
        Some(if negative { -value } else { value })
    }

    pub(super) fn bool(&mut self) -> Option<bool> {
        self.peek()?;
        let rest = &self.text.as_bytes()[self.pos..];
        let (value, len) = if rest.starts_with(b"true") {
            (true, 4)
        } else if rest.starts_with(b"false") {
            (false, 5)
        } else {
            return None;
        };
        self.pos += len;
        Some(value)
    }

    /// Skips any one value, as serde_json would ignore it.
    pub(super) fn skip(&mut self) -> Option<()> {
        self.serde::<IgnoredAny>().map(drop)
    }

    /// Has serde_json read one value of type `T` from the cursor's position.
    pub(super) fn serde<T: Deserialize<'a>>(&mut self) -> Option<T> {
        let start = self.pos;
        let rest = self.text.get(start..)?;
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        let value = values.next()?.ok()?;
        let end = start + values.byte_offset();
        // Nesting deeper than MAX_NESTING needs at least that many brackets.
        if end - start > MAX_NESTING && nesting(&self.text.as_bytes()[start..end]) > MAX_NESTING {
            return None;
        }
        self.pos = end;
        Some(value)
    }
}

/// The index of the first `"`, `\\` or control character in `text`: where a string
/// ends or needs a closer look. Eight bytes at a time, as serde_json does.
#[inline(always)]
fn special_byte(text: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Marks the bytes of `word` equal to zero. Borrows can mark bytes above a zero
    // byte too, never below one, so the lowest mark is exact.
    let zeros = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    let mut at = 0;
    while let Some(chunk) = text.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let marks = zeros(word ^ (ONES * u64::from(b'"')))
            | zeros(word ^ (ONES * u64::from(b'\\')))
            // Bytes below 0x20 (the high bit is cleared again for bytes >= 0x80).
            | (word.wrapping_sub(ONES * 0x20) & !word & HIGHS);
        if marks != 0 {
            return Some(at + (marks.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = text[at..]
        .iter()
        .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)?;
    Some(at + tail)
}

/// The deepest nesting of arrays and objects in one JSON value.
fn nesting(value: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &byte in value {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match byte {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_with_escapes_are_decoded_by_serde_json() {
        let mut cursor = Cursor::new(r#" "plain" "a\"b\u3042\n" "#);
        assert_eq!(cursor.str(), Some(Cow::Borrowed("plain")));
        assert_eq!(cursor.str(), Some(Cow::Owned("a\"bあ\n".to_owned())));
        assert!(cursor.at_end());
    }

    #[test]
    fn the_first_quote_backslash_or_control_character_is_found_at_any_offset() {
        for at in 0..20 {
            for special in [b'"', b'\\', b'\n', 0x00, 0x1f] {
                // Multi-byte UTF-8 and bytes just outside the special ranges around it.
                let mut text = "\u{3042}!~ #".repeat(4).into_bytes();
                text.truncate(at);
                text.push(special);
                text.extend_from_slice(b"\"\\\x01");
                assert_eq!(special_byte(&text), Some(at), "{at} {special}");
            }
        }
        assert_eq!(special_byte("no end \u{3042}".as_bytes()), None);
    }

    #[test]
    fn control_characters_and_lone_surrogates_are_refused() {
        assert_eq!(Cursor::new("\"a\tb\"").str(), None);
        assert_eq!(Cursor::new(r#""\ud800""#).str(), None);
    }

    #[test]
    fn integers_outside_the_plain_form_go_to_serde_json_or_are_refused() {
        let int = |text: &str| Cursor::new(text).int::<i64>();
        assert_eq!(int("1700000000000,"), Some(1_700_000_000_000));
        assert_eq!(int("-0"), Some(0));
        assert_eq!(int("-42}"), Some(-42));
        assert_eq!(int("9223372036854775807"), Some(i64::MAX));
        assert_eq!(int("9223372036854775808"), None);
        assert_eq!(int("01"), None);
        assert_eq!(int("1.0"), None);
        assert_eq!(int("1e3"), None);
        assert_eq!(int("-"), None);
        assert_eq!(Cursor::new("-1").int::<u64>(), None);
        assert_eq!(Cursor::new("4294967296").int::<u32>(), None);
    }

    #[test]
    fn values_nested_deeper_than_the_careful_path_allows_are_refused() {
        let deep = format!(
            "{}{}",
            "[".repeat(MAX_NESTING + 1),
            "]".repeat(MAX_NESTING + 1)
        );
        assert_eq!(Cursor::new(&deep).skip(), None);
        let shallow = format!("{}{}", "[".repeat(MAX_NESTING), "]".repeat(MAX_NESTING));
        assert_eq!(Cursor::new(&shallow).skip(), Some(()));
    }

    #[test]
    fn objects_and_arrays_need_their_separators() {
        let mut keys = Vec::new();
        let read = Cursor::new(r#"{"a": [1, 2], "b": true}"#).object(|cursor, key| {
            keys.push(key.to_owned());
            match key {
                "a" => cursor.array(|cursor| cursor.int::<u8>().map(drop)),
                _ => cursor.bool().map(drop),
            }
        });
        assert_eq!(read, Some(()));
        assert_eq!(keys, ["a", "b"]);
        for broken in [r#"{"a":1,}"#, r#"{"a" 1}"#, r#"{"a":1 "b":2}"#, "{"] {
            let read = Cursor::new(broken).object(|cursor, _| cursor.skip());
            assert_eq!(read, None, "{broken}");
        }
        for broken in ["[1,]", "[1 2]", "[1"] {
            let read = Cursor::new(broken).array(|cursor| cursor.skip());
            assert_eq!(read, None, "{broken}");
        }
    }
}
