//! A general Japanese vocabulary, so that a store's five examples per intent are
//! not the only words the recogniser knows.
//!
//! Each of about 400,000 content words (written with at least one kanji or katakana)
//! belongs to one of 20,000 **word classes**: the word vectors of chiVe (Works
//! Applications, Apache-2.0) as GiNZA's `ja_ginza` 5.3.0 package on PyPI ships them,
//! pruned by spaCy to 20,000 rows with every other word mapped to its nearest row.
//! Words of one class are near-synonyms or close relatives (`スタッドレス`,
//! `履き替え`, `冬道`), so a customer's `スタッドレス` meets an owner's `履き替え`.
//! Each class also has a **vector** (128 dimensions), so that words of different
//! classes can still be compared (`汚れ` and `シミ`): the recogniser compares the
//! mean vector of a message's words with each intent's
//! ([`NgramModel::embedding_share`](crate::intents::NgramModel::embedding_share)).
//!
//! The data is two files compiled into the binary (`data/words.fst`, an
//! [`fst::Map`] from word to class, and `data/vectors.bin`; 6.5 MB together), read
//! in place: nothing is parsed at start-up, and only the pages a lookup touches are
//! loaded. `data/README.md` says where they come from and under which licences;
//! `scripts/intent-vocabulary` rebuilds them from the PyPI package.

use fst::raw::{Fst, Output};

static WORDS: &[u8] = include_bytes!("../data/words.fst");
static VECTORS: &[u8] = include_bytes!("../data/vectors.bin");

/// Dimensions of a class's vector in `vectors.bin`, one signed byte each
/// (`DIMENSIONS` in `scripts/intent-vocabulary.py`).
pub const DIMENSIONS: usize = 128;
/// Longest word in the vocabulary, in characters (`LONGEST_WORD` in
/// `scripts/intent-vocabulary.py`).
const LONGEST_WORD: usize = 8;

/// A word class: words with (nearly) the same vector.
pub type WordClass = u16;

/// The compiled-in vocabulary.
pub struct Vocabulary {
    words: Fst<&'static [u8]>,
    vectors: &'static [u8],
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocabulary")
            .field("words", &self.words.len())
            .field("classes", &(self.vectors.len() / DIMENSIONS))
            .finish()
    }
}

impl Vocabulary {
    /// The vocabulary compiled into this crate.
    pub fn shared() -> &'static Vocabulary {
        static SHARED: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| Vocabulary {
            // Reads the header and footer only. The file is this crate's own and a
            // test reads it, so a broken one cannot ship.
            words: Fst::new(WORDS).expect("data/words.fst is an fst"),
            vectors: VECTORS,
        })
    }

    /// The class of exactly `word`, if the vocabulary has it.
    pub fn class_of(&self, word: &str) -> Option<WordClass> {
        self.words.get(word).map(|o| o.value() as WordClass)
    }

    /// The vector of `class`: centred, unit length, quantised to signed bytes
    /// (stored as their bit patterns); empty for a class the table lacks.
    fn vector(&self, class: WordClass) -> &'static [u8] {
        let at = class as usize * DIMENSIONS;
        self.vectors.get(at..at + DIMENSIONS).unwrap_or(&[])
    }

    /// The weighted mean of the vectors of `classes`, unit length; `None` when
    /// there is no class or the mean is zero.
    pub fn sentence_vector(
        &self,
        classes: impl Iterator<Item = (WordClass, f32)>,
    ) -> Option<SentenceVector> {
        let mut sum = [0.0f32; DIMENSIONS];
        for (class, weight) in classes {
            for (s, x) in sum.iter_mut().zip(self.vector(class)) {
                *s += weight * f32::from(*x as i8);
            }
        }
        unit(sum)
    }

    /// Cuts `text` into the longest vocabulary words, left to right, and calls `f`
    /// with each word's byte range and class. Characters that start no word are
    /// skipped.
    pub fn for_each_word(&self, text: &str, mut f: impl FnMut(std::ops::Range<usize>, WordClass)) {
        let bytes = text.as_bytes();
        let mut start = 0;
        while start < bytes.len() {
            match longest_match(&self.words, &bytes[start..]) {
                Some((len, class)) => {
                    f(start..start + len, class);
                    start += len;
                }
                None => start += utf8_len(bytes[start]),
            }
        }
    }
}

/// A text's meaning as the mean of its words' vectors, unit length.
pub type SentenceVector = [f32; DIMENSIONS];

/// `v` scaled to unit length, or `None` when it is zero.
pub fn unit(mut v: SentenceVector) -> Option<SentenceVector> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm == 0.0 {
        return None;
    }
    for x in &mut v {
        *x /= norm;
    }
    Some(v)
}

/// The cosine similarity of two unit vectors.
pub fn cosine(a: &SentenceVector, b: &SentenceVector) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The longest word at the start of `bytes` ending on a character boundary: its
/// length in bytes and its class.
fn longest_match(fst: &Fst<&'static [u8]>, bytes: &[u8]) -> Option<(usize, WordClass)> {
    let mut node = fst.root();
    let mut output = Output::zero();
    let mut best = None;
    let mut chars = 0;
    for (i, b) in bytes.iter().enumerate() {
        let Some(t) = node.find_input(*b) else { break };
        let transition = node.transition(t);
        output = output.cat(transition.out);
        node = fst.node(transition.addr);
        let boundary = bytes.get(i + 1).is_none_or(|next| (*next as i8) >= -0x40);
        if boundary {
            chars += 1;
            if node.is_final() {
                best = Some((i + 1, output.cat(node.final_output()).value() as WordClass));
            }
            if chars == LONGEST_WORD {
                break;
            }
        }
    }
    best
}

pub(crate) fn utf8_len(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        Vocabulary::shared().for_each_word(text, |range, _| out.push(&text[range]));
        out
    }

    #[test]
    fn a_text_is_cut_into_its_longest_words() {
        assert_eq!(
            words("スタッドレスに履き替えたい"),
            ["スタッドレス", "履き替え"]
        );
    }

    #[test]
    fn every_word_class_has_a_whole_vector() {
        use fst::Streamer;
        let v = Vocabulary::shared();
        let mut classes = 0;
        let mut words = v.words.stream();
        while let Some((_, class)) = words.next() {
            classes = classes.max(class.value() + 1);
        }
        assert_eq!(classes, 20_000, "the word map's classes");
        assert_eq!(
            v.vectors.len(),
            classes as usize * DIMENSIONS,
            "vectors.bin holds one row of DIMENSIONS bytes per class"
        );
    }

    #[test]
    fn near_synonyms_share_a_class() {
        let v = Vocabulary::shared();
        assert_eq!(v.class_of("スタッドレス"), v.class_of("履き替え"));
        assert_ne!(v.class_of("スタッドレス"), v.class_of("駐車場"));
        assert_eq!(v.class_of("です"), None, "function words are not in it");
    }
}
