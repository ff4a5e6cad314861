//! The AI-style responder: recognise which of a store's intents a message asks
//! about, or decline when unsure so that the fallback and a human take over.
//!
//! [`NgramRecognizer`] needs no external service. A message is folded, its synonyms
//! replaced by concept symbols (see [`lexicon`](crate::lexicon)), and cut into
//! character n-grams: 2- and 3-grams everywhere, 1-grams for kanji and concepts
//! (single hiragana say nothing). Each n-gram is weighted by its inverse document
//! frequency over all examples of all intents, so particles shared by every question
//! (`ますか`) weigh little and a concept or a rare kanji pair weighs a lot. The score
//! of an intent is the cosine similarity between the message and the intent, taken
//! as the best of its closest example and the centroid of its examples. n-grams the
//! examples never use still count in the message's length (at a reduced weight), so
//! a message about something else scores low.
//!
//! Five examples rarely use the customer's words, so a general vocabulary (see
//! [`vocabulary`](crate::vocabulary)) adds meaning: each vocabulary word of the
//! message is one more feature, its word class (near-synonyms share one), and a
//! share of the score is the cosine between the mean of the message's word vectors
//! and the intent's. A message that writes the store's words in kana is first
//! respelled with the owner's spelling (see [`readings`](crate::readings)).
//!
//! The recogniser declines when the best score is below `threshold`, or when the
//! runner-up is within `margin` of it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use crate::builtin::{BuiltinMatch, Builtins};
use crate::business::Business;
use crate::error::ConfigError;
use crate::fold::fold_into;
use crate::lexicon::{is_concept, Lexicon, SynonymGroup};
use crate::message::Answer;
use crate::readings::StoreReadings;
use crate::vocabulary::{cosine, unit, SentenceVector, Vocabulary, WordClass, DIMENSIONS};

/// One intent as the store writes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Intent {
    /// Unique within the store; names the intent in decisions and traces.
    pub name: String,
    /// A handful of questions customers ask for this intent (4–20 is typical).
    pub examples: Vec<String>,
    pub answer: Answer,
}

/// The intent part of a store's configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct IntentSettings {
    pub intents: Vec<Intent>,
    /// Minimum score (0..=1) to answer.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1))]
    pub threshold: f32,
    /// Minimum lead of the best score over the runner-up to answer (0..=1).
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1))]
    pub margin: f32,
    /// Whether to use the built-in shop lexicon ([`crate::lexicon::BUILTIN`]).
    pub builtin_lexicon: bool,
    /// The kinds of business whose vocabulary the store uses (see
    /// [`crate::business`]), e.g. `["salon"]`, or `["salon", "retail"]` for a salon
    /// that also sells hair care.
    pub business_lexicons: Vec<Business>,
    /// The store's own synonyms, added to (or extending) the built-in ones.
    pub synonyms: Vec<SynonymGroup>,
    /// Whether to recognise the built-in intents (see [`crate::builtin`]): a request
    /// for a person becomes [`BuiltinIntent::HumanHandoff`], small talk is declined,
    /// and the store's intents learn how else customers ask the questions every
    /// store is asked (see [`crate::common_questions`]).
    pub builtin_intents: bool,
    /// Sent when a customer asks for a person; when unset, the fallback is sent.
    /// Staff is notified either way.
    pub handoff_answer: Option<Answer>,
}

impl IntentSettings {
    /// Scores are similarities from 0 to 1, so a threshold or margin outside that
    /// range (or not a number) could only make the recogniser answer always or
    /// never; it is refused when the configuration is compiled.
    pub fn check_ranges(&self) -> Result<(), ConfigError> {
        for (setting, value) in [("threshold", self.threshold), ("margin", self.margin)] {
            if !(0.0..=1.0).contains(&value) {
                return Err(ConfigError::OutOfRange { setting, value });
            }
        }
        Ok(())
    }
}

/// Defaults tuned on the evaluation set in `tests/eval` (see docs/perf/autoreply.md).
pub const DEFAULT_THRESHOLD: f32 = 0.3;
/// See [`DEFAULT_THRESHOLD`].
pub const DEFAULT_MARGIN: f32 = 0.04;

impl Default for IntentSettings {
    fn default() -> Self {
        Self {
            intents: Vec::new(),
            threshold: DEFAULT_THRESHOLD,
            margin: DEFAULT_MARGIN,
            builtin_lexicon: true,
            business_lexicons: Vec::new(),
            synonyms: Vec::new(),
            builtin_intents: true,
            handoff_answer: None,
        }
    }
}

impl IntentSettings {
    /// Adds `text` (typically a message nobody could answer) as a new example of
    /// intent `name`, so that the next similar message is recognised. Fails when no
    /// intent has that name, when the text folds to nothing, or when the intent
    /// already has an example that folds to the same text.
    pub fn add_example(&mut self, name: &str, text: &str) -> Result<(), ConfigError> {
        let folded = crate::fold::fold(text);
        if folded.is_empty() {
            return Err(ConfigError::EmptyExample);
        }
        let intent = self
            .intents
            .iter_mut()
            .find(|i| i.name == name)
            .ok_or_else(|| ConfigError::UnknownIntent { name: name.into() })?;
        if intent
            .examples
            .iter()
            .any(|e| crate::fold::fold(e) == folded)
        {
            return Err(ConfigError::DuplicateExample { name: name.into() });
        }
        intent.examples.push(text.trim().to_owned());
        Ok(())
    }
}

/// One intent's score for a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntentScore {
    pub intent: String,
    /// Similarity in 0..=1.
    pub score: f32,
}

/// An intent every store has without writing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BuiltinIntent {
    /// The customer asks for a person ("スタッフさんと話したい"): staff should take
    /// the chat over.
    HumanHandoff,
}

/// Why a recogniser did not pick an intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decline {
    /// The store has no intents.
    NoIntents,
    /// Greetings, thanks and acknowledgements ("よろしくお願いします"): nothing to answer.
    SmallTalk,
    /// The best score is below the threshold.
    BelowThreshold,
    /// The best two intents are too close to tell apart.
    TooClose,
}

/// What a recogniser made of a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recognition {
    /// The recognised store intent, if any.
    pub best: Option<IntentScore>,
    /// The recognised built-in intent, if any (then `best` is `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builtin: Option<BuiltinIntent>,
    /// Set exactly when neither `best` nor `builtin` is.
    pub declined: Option<Decline>,
    /// Every intent's score, best first.
    pub scores: Vec<IntentScore>,
}

/// Anything that can tell which intent a message asks about. The built-in one is
/// [`NgramRecognizer`]; a generative backend can implement the same trait.
pub trait IntentRecognizer: Send + Sync + std::fmt::Debug {
    /// Recognises the intent of `text` (raw, unfolded).
    fn recognise(&self, text: &str) -> Recognition;

    /// The same, when the caller has already folded the text (see
    /// [`fold`](crate::fold::fold)): a recogniser that works on folded text can skip
    /// folding again. The default ignores `folded`.
    fn recognise_folded(&self, text: &str, folded: &str) -> Recognition {
        let _ = folded;
        self.recognise(text)
    }

    /// The common questions the store's intents learned how else customers ask
    /// (see [`crate::common_questions`]), for the preview to explain. None by
    /// default.
    fn learned(&self) -> Vec<LearnedQuestion> {
        Vec::new()
    }
}

/// A common question (see [`crate::common_questions`]) matched to one of the
/// store's intents: its phrasings count as that intent's examples, a little below
/// the store's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LearnedQuestion {
    /// The common question's name (`booking`, `payment`, `parking`, …).
    pub question: String,
    /// The store's intent it was matched to.
    pub intent: String,
}

type Feature = u64;

/// A hasher for keys that are already hashes.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type FeatureMap<V> = HashMap<Feature, V, BuildHasherDefault<PassThrough>>;

/// Tuning knobs of the n-gram model. They are not part of a store's configuration:
/// the defaults were chosen on the evaluation set in `tests/eval` and are meant to
/// hold for any shop; the type is public so that evaluation can compare settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NgramModel {
    /// Weight multiplier of n-grams no example uses (they lengthen the message
    /// vector, so off-topic words lower the score).
    pub unknown_weight: f32,
    /// Weight multiplier of concept symbols (lexicon hits), which carry most of a
    /// question's meaning but are a single n-gram among many.
    pub concept_boost: f32,
    /// Share of the closest-example similarity in the score; the rest is the
    /// similarity to the centroid of the intent's examples.
    pub example_share: f32,
    /// Whether a best intent that misses one of the message's concepts is declined.
    pub concept_check: ConceptCheck,
    /// The check applies only while the best score leads the runner-up by less
    /// than this (a wider margin than [`IntentSettings::margin`]).
    pub concept_check_margin: f32,
    /// A best score below the store's threshold is still answered when it is at
    /// least this high and at least [`NgramModel::dominance_ratio`] times the
    /// runner-up's: a short message whose only content word belongs to one intent
    /// (`パンクしちゃいました、直せますか`) scores low because most of it is
    /// unknown filler, but nothing else competes. 1.0 or more switches it off.
    pub dominance_floor: f32,
    /// See [`NgramModel::dominance_floor`].
    pub dominance_ratio: f32,
    /// Weight multiplier of word classes from the general vocabulary (see
    /// [`crate::vocabulary`]): each vocabulary word of the raw text adds its class
    /// as a feature, so near-synonyms no example uses still meet. 0 switches it off.
    pub word_class_weight: f32,
    /// Share of the score taken by the cosine between the message's sentence
    /// vector and the intent's (see [`crate::vocabulary`]: the mean of the word
    /// vectors of a text's vocabulary words, weighted like their classes; an
    /// intent's is the mean of its examples'). It relates words no example shares
    /// (`汚れ` and `シミ`). Compared with intents only, not with each example: as
    /// good on the tuning parts at a tenth of the cost. 0 switches it off.
    pub embedding_share: f32,
    /// Whether each run of one script in the raw text (a katakana word such as
    /// `オイル`, a kanji compound such as `交換`, a Latin word) counts as one more
    /// feature beside the n-grams: a cheap word boundary, which n-grams that run
    /// across a particle (`るお` in `ネイルお願い`) do not give.
    pub script_runs: bool,
    /// Weight multiplier of those script runs. 1: the sweep over the tuning parts
    /// peaks at 2 but not at 1.5 or 3 (an isolated point), and 2 loses on the
    /// first four sets and the café set what it gains on the newest two.
    pub script_run_weight: f32,
    /// Whether a message is respelled with the store's own words before it is
    /// scored, where it writes them in kana (see [`crate::readings`]):
    /// `げっしゃおしえて` is read as `月謝おしえて` by a store whose examples say
    /// `月謝`.
    pub kana_readings: bool,
    /// Weight (0..=1) of the common questions' phrasings (see
    /// [`crate::common_questions`]) added to the store's intent each kind is matched
    /// to: a store's five examples say `駐車場ありますか`; customers also write
    /// `車で行っても大丈夫？`. Scaled below the store's own examples, so they win
    /// where both match. 0 switches it off.
    pub common_question_weight: f32,
    /// Share of a kind's phrasings that must rank one intent first (and twice as
    /// many as any other) for the kind to be matched to it.
    pub common_question_votes: f32,
}

/// When a best intent whose examples never use one of the message's concepts is
/// declined as too close instead of answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConceptCheck {
    /// Never.
    Off,
    /// When the runner-up's examples use that concept.
    RunnerUp,
    /// When any other intent's examples use it.
    AnyIntent,
}

impl Default for NgramModel {
    fn default() -> Self {
        Self {
            unknown_weight: 0.5,
            concept_boost: 4.0,
            example_share: 0.5,
            concept_check: ConceptCheck::RunnerUp,
            concept_check_margin: 0.14,
            dominance_floor: 0.2,
            dominance_ratio: 2.0,
            script_runs: true,
            script_run_weight: 1.0,
            word_class_weight: 2.0,
            embedding_share: 0.3,
            kana_readings: true,
            common_question_weight: 0.6,
            common_question_votes: 0.6,
        }
    }
}

/// The built-in recogniser. Build once per configuration; recognition then costs a
/// few microseconds for a short message (a hash lookup per n-gram, a sum per posting).
#[derive(Debug, Clone)]
pub struct NgramRecognizer {
    lexicon: Lexicon,
    names: Vec<String>,
    threshold: f32,
    margin: f32,
    /// Documents are examples, then one centroid per intent, then the common
    /// questions' phrasings matched to an intent (see [`NgramRecognizer::widen`]).
    doc_intent: Vec<u32>,
    doc_count_examples: usize,
    postings: FeatureMap<Vec<(u32, f32)>>,
    idf: FeatureMap<f32>,
    unknown_idf: f32,
    model: NgramModel,
    builtins: Option<&'static Builtins>,
    /// For each concept (lexicon hit), the intents whose examples use it, sorted.
    concept_intents: FeatureMap<Vec<u32>>,
    /// Per intent, the mean of its examples' sentence vectors (see
    /// [`NgramModel::embedding_share`]), `None` when they have no vocabulary word.
    intent_vectors: Vec<Option<SentenceVector>>,
    /// The store's words as customers type them in kana (see
    /// [`NgramModel::kana_readings`]).
    readings: StoreReadings,
    /// Each common question matched to an intent (name, intent index).
    learned: Vec<(&'static str, u32)>,
}

impl NgramRecognizer {
    /// Builds the model from the store's intents. Costs time linear in the total
    /// length of the examples. Fails only when two intents share a name or a store
    /// synonym cannot be compiled.
    pub fn new(settings: &IntentSettings) -> Result<Self, ConfigError> {
        Self::with_model(settings, NgramModel::default())
    }

    /// [`NgramRecognizer::new`] with explicit model knobs (for evaluation).
    pub fn with_model(settings: &IntentSettings, model: NgramModel) -> Result<Self, ConfigError> {
        let mut recognizer = Self::build(settings, model)?;
        if settings.builtin_intents
            && model.common_question_weight > 0.0
            && recognizer.names.len() >= 2
        {
            let (learned, widened) = recognizer.common_phrasings(settings);
            recognizer.widen(&widened);
            recognizer.learned = learned;
        }
        Ok(recognizer)
    }

    /// A feature's weight in a message with `count` of it: its TF-IDF over the
    /// store's examples (features no example uses weigh [`NgramModel::unknown_weight`]),
    /// times its kind's boost.
    fn weight_of(&self, feature: Feature, count: u32) -> f32 {
        let idf = self.idf.get(&feature).copied().unwrap_or(self.unknown_idf);
        tf(count) * idf * boost(feature, &self.model)
    }

    /// Adds `widened` groups of phrasings (intent index, texts) as documents, one
    /// per group, that score like examples at
    /// [`NgramModel::common_question_weight`] but shape neither the IDF nor the
    /// intents' centroids and vectors (they come after the centroids).
    fn widen(&mut self, widened: &[PhrasingGroup]) {
        let mut scratch = Scratch::default();
        let weight = self.model.common_question_weight;
        let mut docs = Vec::with_capacity(widened.len());
        for (intent, texts) in widened {
            let mut sum: FeatureMap<f32> = FeatureMap::default();
            for text in *texts {
                let counts = scratch.features(&self.lexicon, Text::Raw(text), &self.model);
                let one = normalised(counts.iter().map(|(f, c)| (*f, self.weight_of(*f, *c))));
                for (f, w) in one {
                    *sum.entry(f).or_default() += w;
                }
            }
            if !sum.is_empty() {
                docs.push((*intent, normalised(sum.into_iter())));
            }
        }
        for (intent, doc) in docs {
            let id = self.doc_intent.len() as u32;
            self.doc_intent.push(intent);
            for (f, w) in doc {
                self.postings.entry(f).or_default().push((id, w * weight));
            }
        }
    }

    /// The common questions' phrasings, in groups of [`COMMON_GROUP`] (intent
    /// index, texts), for each kind matched to one of the store's intents both
    /// ways: the kind's phrasings mostly rank that intent first, and one of the
    /// intent's own examples asks that kind (see [`kinds_asked`]). The first alone
    /// is not enough: a café whose only booking-related intent is cancellation
    /// (`予約をキャンセルしたい`) would draw every booking phrasing to it. A kind the
    /// store has no intent for splits its votes or scores low, and adds nothing.
    /// The votes are taken on every [`VOTE_EVERY`]th phrasing, which decides as
    /// well as all of them at a fraction of the cost. Returns the learned kinds
    /// (name, intent index) and their phrasings.
    fn common_phrasings(
        &self,
        settings: &IntentSettings,
    ) -> (Vec<(&'static str, u32)>, Vec<PhrasingGroup>) {
        let (mut learned, mut widened) = (Vec::new(), Vec::new());
        let asked: Vec<Vec<&'static str>> = settings
            .intents
            .iter()
            .map(|intent| kinds_asked(&intent.examples))
            .collect();
        for kind in crate::common_questions::COMMON_QUESTIONS {
            let mut votes = vec![0u32; self.names.len()];
            for phrasing in kind.phrasings.iter().step_by(VOTE_EVERY) {
                if let Some(best) = best_at_least(&self.scores(phrasing), self.threshold * 0.5) {
                    votes[best] += 1;
                }
            }
            let mut ranked: Vec<(usize, u32)> = votes.iter().copied().enumerate().collect();
            ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
            let (winner, top) = ranked[0];
            let runner_up = ranked.get(1).map_or(0, |r| r.1);
            let cast = kind.phrasings.len().div_ceil(VOTE_EVERY) as f32;
            let needed = (cast * self.model.common_question_votes).ceil();
            let asks_it = asked
                .get(winner)
                .is_some_and(|kinds| kinds.contains(&kind.name));
            if top as f32 >= needed.max(1.0) && top >= 2 * runner_up && asks_it {
                learned.push((kind.name, winner as u32));
                widened.extend(
                    kind.phrasings
                        .chunks(COMMON_GROUP)
                        .map(|group| (winner as u32, group)),
                );
            }
        }
        (learned, widened)
    }

    /// Builds the recogniser from the store's own intents.
    fn build(settings: &IntentSettings, model: NgramModel) -> Result<Self, ConfigError> {
        let lexicon = Lexicon::new(
            settings.builtin_lexicon,
            &settings.business_lexicons,
            &settings.synonyms,
        )?;
        let mut names: Vec<String> = Vec::new();
        let mut doc_intent = Vec::new();
        let mut example_features: Vec<FeatureMap<u32>> = Vec::new();
        let mut scratch = Scratch::default();
        for (index, intent) in settings.intents.iter().enumerate() {
            if names.contains(&intent.name) {
                return Err(ConfigError::DuplicateIntent {
                    name: intent.name.clone(),
                });
            }
            names.push(intent.name.clone());
            for example in &intent.examples {
                let counts = scratch.features(&lexicon, Text::Raw(example), &model);
                if counts.is_empty() {
                    continue;
                }
                example_features.push(counts.iter().copied().collect());
                doc_intent.push(index as u32);
            }
        }

        let mut concept_intents: FeatureMap<Vec<u32>> = FeatureMap::default();
        for (doc, intent) in example_features.iter().zip(&doc_intent) {
            for feature in doc.keys().filter(|f| is_concept_feature(**f)) {
                let owners = concept_intents.entry(*feature).or_default();
                if !owners.contains(intent) {
                    owners.push(*intent);
                }
            }
        }
        let n = example_features.len() as f32;
        let mut df: FeatureMap<u32> = FeatureMap::default();
        for doc in &example_features {
            for feature in doc.keys() {
                *df.entry(*feature).or_default() += 1;
            }
        }
        let idf: FeatureMap<f32> = df
            .iter()
            .map(|(f, d)| (*f, (1.0 + n / *d as f32).ln()))
            .collect();
        let unknown_idf = (1.0 + n.max(1.0)).ln() * model.unknown_weight;

        let mut docs: Vec<FeatureMap<f32>> = example_features
            .iter()
            .map(|counts| {
                normalised(
                    counts
                        .iter()
                        .map(|(f, c)| (*f, tf(*c) * idf[f] * boost(*f, &model))),
                )
            })
            .collect();
        let doc_count_examples = docs.len();
        for intent in 0..names.len() {
            let mut sum: FeatureMap<f32> = FeatureMap::default();
            for (doc, _) in docs
                .iter()
                .zip(&doc_intent)
                .filter(|(_, i)| **i as usize == intent)
            {
                for (f, w) in doc {
                    *sum.entry(*f).or_default() += w;
                }
            }
            docs.push(normalised(sum.into_iter()));
            doc_intent.push(intent as u32);
        }

        let mut sums = vec![[0.0f32; DIMENSIONS]; names.len()];
        for (counts, intent) in example_features.iter().zip(&doc_intent) {
            let example = sentence_vector(counts.iter().map(|(f, c)| (*f, *c)), &idf, unknown_idf);
            for (s, x) in sums[*intent as usize]
                .iter_mut()
                .zip(example.iter().flatten())
            {
                *s += x;
            }
        }
        let intent_vectors = sums.into_iter().map(unit).collect();
        let mut postings: FeatureMap<Vec<(u32, f32)>> = FeatureMap::default();
        for (doc_id, doc) in docs.iter().enumerate() {
            for (f, w) in doc {
                postings.entry(*f).or_default().push((doc_id as u32, *w));
            }
        }
        Ok(Self {
            lexicon,
            names,
            threshold: settings.threshold,
            margin: settings.margin,
            doc_intent,
            doc_count_examples,
            postings,
            idf,
            unknown_idf,
            model,
            builtins: settings.builtin_intents.then(Builtins::shared),
            concept_intents,
            intent_vectors,
            readings: if model.kana_readings {
                StoreReadings::new(
                    settings
                        .intents
                        .iter()
                        .flat_map(|i| i.examples.iter().map(String::as_str)),
                )
            } else {
                StoreReadings::default()
            },
            learned: Vec::new(),
        })
    }

    /// Every intent's score for `text`, in configuration order.
    pub fn scores(&self, text: &str) -> Vec<f32> {
        self.scores_of(Text::Raw(text)).0
    }

    /// The scores, and whether the best-scoring intent misses a concept of the
    /// message that another intent's examples use (see [`NgramModel::concept_check`]).
    fn scores_of(&self, text: Text<'_>) -> (Vec<f32>, bool) {
        let respelled = self.readings.respell(text.raw());
        let text = respelled.as_deref().map_or(text, Text::Raw);
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
        }
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => self.scores_with(&mut scratch, text),
            // Only reachable if a recogniser is called from inside another's scoring.
            Err(_) => self.scores_with(&mut Scratch::default(), text),
        })
    }

    fn scores_with(&self, scratch: &mut Scratch, text: Text<'_>) -> (Vec<f32>, bool) {
        let counts = scratch.features(&self.lexicon, text, &self.model);
        let mut query_norm = 0.0f32;
        let mut dots = vec![0.0f32; self.doc_intent.len()];
        for (feature, count) in counts {
            let weight = self.weight_of(*feature, *count);
            query_norm += weight * weight;
            if let Some(postings) = self.postings.get(feature) {
                for (doc, w) in postings {
                    dots[*doc as usize] += weight * w;
                }
            }
        }
        let mut best_example = vec![0.0f32; self.names.len()];
        let mut centroid = vec![0.0f32; self.names.len()];
        if query_norm > 0.0 {
            let query_norm = query_norm.sqrt();
            for (doc, dot) in dots.iter().enumerate() {
                let intent = self.doc_intent[doc] as usize;
                let cosine = dot / query_norm;
                if (self.doc_count_examples..self.doc_count_examples + self.names.len())
                    .contains(&doc)
                {
                    centroid[intent] = cosine;
                } else {
                    best_example[intent] = best_example[intent].max(cosine);
                }
            }
        }
        let mut scores: Vec<f32> = best_example
            .iter()
            .zip(&centroid)
            .map(|(e, c)| {
                (self.model.example_share * e + (1.0 - self.model.example_share) * c)
                    .clamp(0.0, 1.0)
            })
            .collect();
        if self.model.embedding_share > 0.0 {
            if let Some(query) =
                sentence_vector(counts.iter().copied(), &self.idf, self.unknown_idf)
            {
                let share = self.model.embedding_share;
                for (score, intent) in scores.iter_mut().zip(&self.intent_vectors) {
                    let similarity = intent.as_ref().map_or(0.0, |v| cosine(v, &query).max(0.0));
                    *score = ((1.0 - share) * *score + share * similarity).clamp(0.0, 1.0);
                }
            }
        }
        let missing = self.model.concept_check != ConceptCheck::Off
            && self.best_misses_a_concept(&scores, counts);
        (scores, missing)
    }

    /// Whether the best intent's examples never use a concept of the message that
    /// the runner-up's (or, with [`ConceptCheck::AnyIntent`], any other intent's)
    /// examples use: `飲み放題ありますか` scoring highest for "menu" although only
    /// "course" talks about 飲み放題 is a guess, not an answer.
    fn best_misses_a_concept(&self, scores: &[f32], counts: &[(Feature, u32)]) -> bool {
        let (mut best, mut second) = (None::<usize>, None::<usize>);
        for (i, s) in scores.iter().enumerate() {
            if best.is_none_or(|b| *s > scores[b]) {
                second = best;
                best = Some(i);
            } else if second.is_none_or(|b| *s > scores[b]) {
                second = Some(i);
            }
        }
        let Some(best) = best else { return false };
        let lead = scores[best] - second.map_or(0.0, |s| scores[s]);
        if lead >= self.model.concept_check_margin {
            return false;
        }
        let best = best as u32;
        counts
            .iter()
            .filter(|(f, _)| is_concept_feature(*f))
            .filter_map(|(f, _)| self.concept_intents.get(f))
            .any(|owners| {
                !owners.contains(&best)
                    && match self.model.concept_check {
                        ConceptCheck::RunnerUp => {
                            second.is_some_and(|s| owners.contains(&(s as u32)))
                        }
                        _ => true,
                    }
            })
    }
}

impl IntentRecognizer for NgramRecognizer {
    fn learned(&self) -> Vec<LearnedQuestion> {
        self.learned
            .iter()
            .map(|(question, intent)| LearnedQuestion {
                question: (*question).to_owned(),
                intent: self.names[*intent as usize].clone(),
            })
            .collect()
    }

    fn recognise(&self, text: &str) -> Recognition {
        self.recognise_folded(text, &crate::fold::fold(text))
    }

    fn recognise_folded(&self, text: &str, folded: &str) -> Recognition {
        let (scores, misses_a_concept) = self.scores_of(Text::Folded(text, folded));
        let mut recognition = self.recognition(scores);
        if misses_a_concept && recognition.best.is_some() {
            recognition.best = None;
            recognition.declined = Some(Decline::TooClose);
        }
        let builtin = self.builtins.and_then(|b| b.recognise(folded));
        match builtin {
            Some(BuiltinMatch::HumanHandoff) => {
                recognition.best = None;
                recognition.declined = None;
                recognition.builtin = Some(BuiltinIntent::HumanHandoff);
            }
            Some(BuiltinMatch::SmallTalk) => {
                recognition.best = None;
                recognition.declined = Some(Decline::SmallTalk);
            }
            None => {}
        }
        recognition
    }
}

impl NgramRecognizer {
    fn recognition(&self, raw: Vec<f32>) -> Recognition {
        let mut scores: Vec<IntentScore> = self
            .names
            .iter()
            .zip(raw)
            .map(|(name, score)| IntentScore {
                intent: name.clone(),
                score,
            })
            .collect();
        scores.sort_by(|a, b| b.score.total_cmp(&a.score));
        let decline = match scores.as_slice() {
            [] => Some(Decline::NoIntents),
            [best, rest @ ..]
                if best.score < self.threshold
                    && !(best.score >= self.model.dominance_floor
                        && rest.first().map_or(0.0, |s| s.score) * self.model.dominance_ratio
                            <= best.score) =>
            {
                Some(Decline::BelowThreshold)
            }
            [best, second, ..] if best.score - second.score < self.margin => {
                Some(Decline::TooClose)
            }
            _ => None,
        };
        Recognition {
            best: decline.is_none().then(|| scores[0].clone()),
            builtin: None,
            declined: decline,
            scores,
        }
    }
}

/// The common questions a store intent's own examples ask: each example's best
/// kind among the common questions, told by a recogniser whose intents are the
/// common questions themselves (built once per process).
fn kinds_asked(examples: &[String]) -> Vec<&'static str> {
    static KINDS: std::sync::OnceLock<NgramRecognizer> = std::sync::OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        let settings = IntentSettings {
            intents: crate::common_questions::COMMON_QUESTIONS
                .iter()
                .map(|kind| Intent {
                    name: kind.name.to_owned(),
                    examples: kind.phrasings.iter().map(|p| (*p).to_owned()).collect(),
                    answer: Answer::default(),
                })
                .collect(),
            builtin_intents: false,
            ..IntentSettings::default()
        };
        // Without kana readings: building them for 591 phrasings would cost more
        // than the rest of the build, and the phrasings already spell kana.
        let model = NgramModel {
            kana_readings: false,
            ..NgramModel::default()
        };
        NgramRecognizer::build(&settings, model).expect("the common questions compile")
    });
    let mut asked = Vec::new();
    for example in examples {
        if let Some(best) = best_at_least(&kinds.scores(example), kinds.threshold) {
            let name = crate::common_questions::COMMON_QUESTIONS[best].name;
            if !asked.contains(&name) {
                asked.push(name);
            }
        }
    }
    asked
}

/// The index of the highest score, if it is at least `floor`.
fn best_at_least(scores: &[f32], floor: f32) -> Option<usize> {
    scores
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .filter(|(_, s)| **s >= floor)
        .map(|(i, _)| i)
}

/// Some of a common question's phrasings, for one of the store's intents (its
/// index): one document of [`NgramRecognizer::widen`].
type PhrasingGroup = (u32, &'static [&'static str]);

/// A common question's phrasings vote on every this-many-th phrasing (see
/// [`NgramRecognizer::common_phrasings`]).
const VOTE_EVERY: usize = 3;

/// How many of a common question's phrasings make one document: a small group
/// matches a customer's message about as well as a single phrasing does (the
/// tuning parts: right − 2 × wrong 748 against 746), with a quarter of the
/// documents to score (the reply decision's p99 13.5 µs against 16.9–21.9 µs).
const COMMON_GROUP: usize = 4;

/// Whether a feature is a concept unigram (a lexicon hit).
fn is_concept_feature(feature: Feature) -> bool {
    feature & 1 == 1
}

/// The concept boost for concept unigrams, 1 for every other feature.
fn boost(feature: Feature, model: &NgramModel) -> f32 {
    if is_concept_feature(feature) {
        model.concept_boost
    } else if feature & SCRIPT_RUN_BIT != 0 {
        model.script_run_weight
    } else if feature & WORD_CLASS_BIT != 0 {
        model.word_class_weight
    } else {
        1.0
    }
}

/// Marks a script run (see [`NgramModel::script_runs`]).
const SCRIPT_RUN_BIT: Feature = 2;
/// Marks a word class (see [`NgramModel::word_class_weight`]).
const WORD_CLASS_BIT: Feature = 4;

fn word_class_feature(class: WordClass) -> Feature {
    (u64::from(class) << 3) | WORD_CLASS_BIT
}

/// The word class a feature stands for, if it is one (the inverse of
/// [`word_class_feature`]).
fn word_class_of(feature: Feature) -> Option<WordClass> {
    (feature & (WORD_CLASS_BIT | SCRIPT_RUN_BIT | 1) == WORD_CLASS_BIT)
        .then_some((feature >> 3) as WordClass)
}

/// The sentence vector of a text's word classes, each weighted like its feature.
fn sentence_vector(
    counts: impl Iterator<Item = (Feature, u32)>,
    idf: &FeatureMap<f32>,
    unknown_idf: f32,
) -> Option<SentenceVector> {
    Vocabulary::shared().sentence_vector(counts.filter_map(|(f, c)| {
        word_class_of(f).map(|class| (class, tf(c) * idf.get(&f).copied().unwrap_or(unknown_idf)))
    }))
}

fn tf(count: u32) -> f32 {
    1.0 + (count as f32).ln()
}

fn normalised(weights: impl Iterator<Item = (Feature, f32)>) -> FeatureMap<f32> {
    let weights: Vec<(Feature, f32)> = weights.collect();
    let norm = weights.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    weights
        .into_iter()
        .filter(|_| norm > 0.0)
        .map(|(f, w)| (f, w / norm))
        .collect()
}

/// A text to score, folded or not yet.
#[derive(Clone, Copy)]
enum Text<'a> {
    Raw(&'a str),
    /// The raw text and its folded form.
    Folded(&'a str, &'a str),
}

impl<'a> Text<'a> {
    fn raw(self) -> &'a str {
        match self {
            Text::Raw(raw) | Text::Folded(raw, _) => raw,
        }
    }
}

/// Reusable buffers for turning a text into counted n-gram features.
#[derive(Default)]
struct Scratch {
    folded: String,
    canonical: String,
    symbols: Vec<char>,
    features: Vec<Feature>,
    counts: Vec<(Feature, u32)>,
}

impl Scratch {
    /// The distinct features of `text` with their counts.
    fn features(
        &mut self,
        lexicon: &Lexicon,
        text: Text<'_>,
        model: &NgramModel,
    ) -> &[(Feature, u32)] {
        let (raw, folded) = match text {
            Text::Raw(raw) => {
                fold_into(raw, &mut self.folded);
                (raw, self.folded.as_str())
            }
            Text::Folded(raw, folded) => (raw, folded),
        };
        self.canonical.clear();
        lexicon.canonicalise(folded, &mut self.canonical);
        self.features.clear();
        self.symbols.clear();
        for c in self.canonical.chars() {
            if is_content(c) {
                self.symbols.push(c);
            } else {
                push_ngrams(&self.symbols, &mut self.features);
                self.symbols.clear();
            }
        }
        push_ngrams(&self.symbols, &mut self.features);
        if model.script_runs {
            push_script_runs(raw, &mut self.symbols, &mut self.features);
        }
        if model.word_class_weight > 0.0 {
            let features = &mut self.features;
            Vocabulary::shared()
                .for_each_word(raw, |_, class| features.push(word_class_feature(class)));
        }
        self.features.sort_unstable();
        self.counts.clear();
        for f in &self.features {
            match self.counts.last_mut() {
                Some((last, count)) if last == f => *count += 1,
                _ => self.counts.push((*f, 1)),
            }
        }
        &self.counts
    }
}

/// Characters that carry meaning; everything else (punctuation, emoji, spaces)
/// separates runs.
fn is_content(c: char) -> bool {
    c.is_alphanumeric() || is_concept(c)
}

/// Kanji and concepts mean something on their own; a lone kana or letter does not.
fn is_meaningful_alone(c: char) -> bool {
    is_concept(c) || matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn push_ngrams(run: &[char], out: &mut Vec<Feature>) {
    for (i, c) in run.iter().enumerate() {
        if is_meaningful_alone(*c) {
            out.push(hash(&run[i..=i]));
        }
        for n in 2..=3 {
            if i + n <= run.len() {
                out.push(hash(&run[i..i + n]));
            }
        }
    }
}

/// FNV-1a over the code points; collisions between distinct short n-grams are
/// vanishingly rare at 63 bits. The lowest bit marks a lone concept symbol, so
/// weighting can tell concepts apart without looking the n-gram up again.
/// The script of a character, for cutting the raw text into words: a run of
/// katakana (`オイル`), of kanji (`交換`) or of Latin letters is a content word.
fn script(c: char) -> u8 {
    match c {
        '\u{30A1}'..='\u{30FA}' | 'ー' => 1,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' => 2,
        'a'..='z' | 'A'..='Z' => 3,
        _ => 0,
    }
}

/// Adds one feature per run of two or more characters of one script (see
/// [`script`]), folded, and marked apart from the n-grams.
fn push_script_runs(raw: &str, run: &mut Vec<char>, out: &mut Vec<Feature>) {
    let mut current = 0;
    run.clear();
    for c in raw.chars().chain(std::iter::once(' ')) {
        let kind = script(c);
        if kind != current || kind == 0 {
            if run.len() >= 3 {
                out.push(hash(run) | SCRIPT_RUN_BIT);
            }
            run.clear();
            run.push('\u{1}');
            current = kind;
        }
        if kind != 0 {
            run.push(crate::fold::katakana_to_hiragana(c.to_ascii_lowercase()));
        }
    }
    run.clear();
}

fn hash(gram: &[char]) -> Feature {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in gram {
        for b in (*c as u32).to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    let concept = matches!(gram, [c] if is_concept(*c));
    (h & !WORD_CLASS_BIT & !SCRIPT_RUN_BIT & !1) | u64::from(concept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intent(name: &str, examples: &[&str]) -> Intent {
        Intent {
            name: name.into(),
            examples: examples.iter().map(|e| e.to_string()).collect(),
            answer: Answer::text(name),
        }
    }

    fn shop() -> IntentSettings {
        IntentSettings {
            intents: vec![
                intent(
                    "parking",
                    &[
                        "駐車場はありますか",
                        "車で行っても大丈夫ですか",
                        "近くにパーキングはある？",
                    ],
                ),
                intent(
                    "price",
                    &[
                        "料金を教えてください",
                        "カットはいくらですか",
                        "値段が知りたい",
                    ],
                ),
                intent(
                    "hours",
                    &[
                        "営業時間は？",
                        "何時まで開いていますか",
                        "日曜日もやっていますか",
                    ],
                ),
            ],
            ..Default::default()
        }
    }

    fn best(settings: &IntentSettings, text: &str) -> Option<String> {
        NgramRecognizer::new(settings)
            .unwrap()
            .recognise(text)
            .best
            .map(|b| b.intent)
    }

    #[test]
    fn a_paraphrase_with_a_synonym_is_recognised() {
        let shop = shop();
        assert_eq!(best(&shop, "ﾊﾟｰｷﾝｸﾞありますか？").as_deref(), Some("parking"));
        assert_eq!(
            best(&shop, "費用ってどのくらい？").as_deref(),
            Some("price")
        );
        assert_eq!(
            best(&shop, "今日って何時までですか").as_deref(),
            Some("hours")
        );
    }

    #[test]
    fn an_english_question_reaches_its_intent_through_the_lexicon() {
        let shop = shop();
        assert_eq!(
            best(&shop, "Do you have parking?").as_deref(),
            Some("parking")
        );
        assert_eq!(
            best(&shop, "What time do you close?").as_deref(),
            Some("hours")
        );
        assert_eq!(best(&shop, "How much is it?").as_deref(), Some("price"));
    }

    #[test]
    fn recognising_pre_folded_text_gives_the_same_result() {
        let recognizer = NgramRecognizer::new(&shop()).unwrap();
        for text in ["ﾊﾟｰｷﾝｸﾞありますか？", "こんにちは", "営業時間は"]
        {
            let folded = crate::fold::fold(text);
            assert_eq!(
                recognizer.recognise_folded(text, &folded),
                recognizer.recognise(text)
            );
        }
    }

    #[test]
    fn a_greeting_is_declined_as_small_talk_with_every_score_still_listed() {
        let recognition = NgramRecognizer::new(&shop())
            .unwrap()
            .recognise("こんにちは！");
        assert_eq!(recognition.best, None);
        assert_eq!(recognition.declined, Some(Decline::SmallTalk));
        assert_eq!(recognition.scores.len(), 3);
    }

    #[test]
    fn an_off_topic_message_is_declined_below_the_threshold() {
        let recognition = NgramRecognizer::new(&shop())
            .unwrap()
            .recognise("昨日のサッカーの試合見ましたか");
        assert_eq!(recognition.declined, Some(Decline::BelowThreshold));
    }

    /// A café's intents, without the built-in lexicon (which knows parking words).
    fn cafe() -> IntentSettings {
        IntentSettings {
            intents: vec![
                intent(
                    "payment",
                    &["クレジットカードは使えますか", "支払い方法を教えてください"],
                ),
                intent("parking", &["駐車場はありますか", "車で行けますか"]),
                intent(
                    "menu",
                    &["ランチのメニューを見たいです", "おすすめの料理は何ですか"],
                ),
            ],
            builtin_lexicon: false,
            ..Default::default()
        }
    }

    fn lexical_only() -> NgramModel {
        NgramModel {
            word_class_weight: 0.0,
            embedding_share: 0.0,
            common_question_weight: 0.0,
            ..NgramModel::default()
        }
    }

    #[test]
    fn an_intent_matched_to_a_common_question_learns_how_else_customers_ask_it() {
        let own_examples_only = NgramModel {
            common_question_weight: 0.0,
            ..NgramModel::default()
        };
        let without = NgramRecognizer::with_model(&cafe(), own_examples_only).unwrap();
        let with = NgramRecognizer::new(&cafe()).unwrap();
        let best = |r: &NgramRecognizer, text| r.recognise(text).best.map(|b| b.intent);
        // The café's payment examples never mention a receipt; the common payment
        // question does, and the café's payment intent is where it lands.
        assert_eq!(best(&without, "領収書もらえますか"), None);
        assert_eq!(
            best(&with, "領収書もらえますか").as_deref(),
            Some("payment")
        );
        // The café has no intent for opening hours: the common hours question
        // matches none of its intents and teaches none of them.
        assert_eq!(best(&with, "何時まで開いてますか"), None);
        assert_eq!(
            best(&with, "何時まで開いてますか"),
            best(&without, "何時まで開いてますか")
        );
    }

    #[test]
    fn a_common_question_is_learned_only_by_an_intent_whose_own_examples_ask_it() {
        let settings = IntentSettings {
            intents: vec![
                intent(
                    "cancellation",
                    &[
                        "予約をキャンセルしたいです",
                        "キャンセル料はかかりますか",
                        "予約を取り消すにはどうすればいいですか",
                        "当日のキャンセルはできますか",
                    ],
                ),
                intent("parking", &["駐車場はありますか", "車で行けますか"]),
                intent(
                    "payment",
                    &["クレジットカードは使えますか", "現金のみですか"],
                ),
            ],
            ..Default::default()
        };
        let learned: Vec<(String, String)> = NgramRecognizer::new(&settings)
            .unwrap()
            .learned()
            .into_iter()
            .map(|l| (l.question, l.intent))
            .collect();
        let has = |q: &str, i: &str| learned.contains(&(q.to_owned(), i.to_owned()));
        assert!(has("cancel", "cancellation"), "{learned:?}");
        // Booking questions share 予約 with the cancellation examples and rank that
        // intent first, but none of its examples asks to book.
        assert!(!learned.iter().any(|(q, _)| q == "booking"), "{learned:?}");
    }

    #[test]
    fn words_no_example_uses_are_understood_through_the_general_vocabulary() {
        let lexical = NgramRecognizer::with_model(&cafe(), lexical_only()).unwrap();
        let general = NgramRecognizer::new(&cafe()).unwrap();
        let best = |r: &NgramRecognizer, text| r.recognise(text).best.map(|b| b.intent);
        // バイク and 停める are near 車 and 駐車場; デザート near 料理 and ランチ.
        assert_eq!(best(&lexical, "バイクは停められますか"), None);
        assert_eq!(
            best(&general, "バイクは停められますか").as_deref(),
            Some("parking")
        );
        // Without meaning, `はありますか` alone pulls towards 駐車場はありますか.
        assert_eq!(
            best(&lexical, "デザートは何がありますか").as_deref(),
            Some("parking")
        );
        assert_eq!(
            best(&general, "デザートは何がありますか").as_deref(),
            Some("menu")
        );
    }

    #[test]
    fn a_question_typed_in_kana_meets_the_store_words_through_their_readings() {
        let settings = IntentSettings {
            intents: vec![
                intent("fees", &["月謝はいくらですか", "入塾金はかかりますか"]),
                intent(
                    "schedule",
                    &["時間割を教えてください", "授業は何曜日ですか"],
                ),
            ],
            ..IntentSettings::default()
        };
        let without = NgramRecognizer::with_model(
            &settings,
            NgramModel {
                kana_readings: false,
                ..NgramModel::default()
            },
        )
        .unwrap();
        let with = NgramRecognizer::new(&settings).unwrap();
        let best = |r: &NgramRecognizer, text| r.recognise(text).best.map(|b| b.intent);
        assert_eq!(best(&without, "げっしゃしりたいです"), None);
        assert_eq!(best(&with, "げっしゃしりたいです").as_deref(), Some("fees"));
        assert_eq!(
            best(&with, "じかんわりみたいです").as_deref(),
            Some("schedule")
        );
    }

    #[test]
    fn a_clear_winner_below_the_threshold_is_answered_only_with_dominance_on() {
        let settings = IntentSettings {
            intents: vec![
                intent(
                    "tyres",
                    &["タイヤ交換をお願いしたいです", "パンク修理はできますか"],
                ),
                intent(
                    "oil",
                    &["オイル交換はいくらですか", "オイル交換の時期を知りたいです"],
                ),
            ],
            ..Default::default()
        };
        let text = "さっき高速道路でパンクしちゃったんですけど見てもらえますか";
        // Without the general vocabulary, which relates 高速道路 to tyres and
        // lifts the score above the threshold.
        let lexical = lexical_only();
        let on = NgramRecognizer::with_model(&settings, lexical)
            .unwrap()
            .recognise(text);
        let best = on.scores[0].score;
        assert!(best < DEFAULT_THRESHOLD, "{on:?}");
        assert_eq!(
            on.best.as_ref().map(|b| b.intent.as_str()),
            Some("tyres"),
            "{on:?}"
        );
        let off = NgramModel {
            dominance_floor: 1.0,
            ..lexical
        };
        let recognition = NgramRecognizer::with_model(&settings, off)
            .unwrap()
            .recognise(text);
        assert_eq!(recognition.declined, Some(Decline::BelowThreshold));
    }

    #[test]
    fn asking_for_a_person_is_the_built_in_hand_off_unless_switched_off() {
        let recognizer = NgramRecognizer::new(&shop()).unwrap();
        let recognition = recognizer.recognise("スタッフさんと直接話したいです");
        assert_eq!(recognition.builtin, Some(BuiltinIntent::HumanHandoff));
        assert_eq!((recognition.best, recognition.declined), (None, None));

        let off = IntentSettings {
            builtin_intents: false,
            ..shop()
        };
        let recognition = NgramRecognizer::new(&off)
            .unwrap()
            .recognise("スタッフさんと直接話したいです");
        assert_eq!(recognition.builtin, None);
    }

    #[test]
    fn a_business_lexicon_lets_trade_words_reach_an_intent() {
        let mut settings = shop();
        settings.intents.push(intent(
            "menu",
            &["カラーはやっていますか", "パーマはできますか"],
        ));
        assert_ne!(
            best(&settings, "ブリーチも頼めますか").as_deref(),
            Some("menu")
        );
        settings.business_lexicons = vec![Business::Salon];
        assert_eq!(
            best(&settings, "ブリーチも頼めますか").as_deref(),
            Some("menu")
        );
    }

    #[test]
    fn a_message_equally_close_to_two_intents_is_declined_as_too_close() {
        let settings = IntentSettings {
            intents: vec![intent("a", &["駐車場"]), intent("b", &["駐車場"])],
            ..Default::default()
        };
        let recognition = NgramRecognizer::new(&settings).unwrap().recognise("駐車場");
        assert_eq!(recognition.declined, Some(Decline::TooClose));
    }

    #[test]
    fn a_best_intent_missing_a_concept_the_runner_up_uses_is_declined_not_guessed() {
        // "price" wins on the shared words, but only "cancellation" talks about
        // キャンセル: answering with the price list would be a confident guess.
        let settings = IntentSettings {
            intents: vec![
                intent("price", &["当日の料金はいくらですか", "料金表はありますか"]),
                intent(
                    "cancellation",
                    &["キャンセルしたいです", "予約を取り消したい"],
                ),
            ],
            ..Default::default()
        };
        let text = "当日だとキャンセルの料金はいくらですか";
        let off = NgramModel {
            concept_check: ConceptCheck::Off,
            ..NgramModel::default()
        };
        let guess = NgramRecognizer::with_model(&settings, off)
            .unwrap()
            .recognise(text);
        assert_eq!(guess.best.map(|b| b.intent).as_deref(), Some("price"));
        // Whatever the lead (the default checks only leads below 0.14).
        let always = NgramModel {
            concept_check_margin: 1.0,
            ..NgramModel::default()
        };
        let checked = NgramRecognizer::with_model(&settings, always).unwrap();
        let recognition = checked.recognise(text);
        assert_eq!(recognition.best, None);
        assert_eq!(recognition.declined, Some(Decline::TooClose));
        // A message with no such concept is still answered.
        let plain = checked.recognise("料金はいくら？");
        assert_eq!(plain.best.map(|b| b.intent).as_deref(), Some("price"));
    }

    #[test]
    fn no_intents_means_declined() {
        let recognition = NgramRecognizer::new(&IntentSettings::default())
            .unwrap()
            .recognise("駐車場");
        assert_eq!(recognition.declined, Some(Decline::NoIntents));
    }

    #[test]
    fn scores_are_sorted_best_first_and_within_zero_to_one() {
        let recognition = NgramRecognizer::new(&shop())
            .unwrap()
            .recognise("駐車場はありますか");
        let scores: Vec<f32> = recognition.scores.iter().map(|s| s.score).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]));
        assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)));
        assert!(scores[0] > 0.8, "an example itself scores high: {scores:?}");
    }

    #[test]
    fn store_synonyms_let_a_store_word_reach_an_intent() {
        let mut settings = shop();
        assert_eq!(best(&settings, "お代はおいくら").as_deref(), Some("price"));
        settings.intents.push(intent("cut", &["ヘアカットの予約"]));
        settings.synonyms.push(SynonymGroup {
            canonical: "ヘアカット".into(),
            words: vec!["散髪".into()],
        });
        assert_eq!(best(&settings, "散髪の予約").as_deref(), Some("cut"));
    }

    #[test]
    fn an_unanswered_message_becomes_an_example_and_is_then_recognised() {
        let mut settings = shop();
        let question = "荷物置ける?";
        assert_ne!(best(&settings, question).as_deref(), Some("parking"));
        settings.add_example("parking", question).unwrap();
        assert_eq!(best(&settings, question).as_deref(), Some("parking"));
    }

    #[test]
    fn adding_an_example_refuses_unknown_intents_duplicates_and_blank_text() {
        let mut settings = shop();
        assert!(matches!(
            settings.add_example("nope", "x"),
            Err(ConfigError::UnknownIntent { .. })
        ));
        assert!(matches!(
            settings.add_example("parking", "ﾁｭｳｼｬｼﾞｮｳはありますか"),
            Ok(())
        ));
        assert!(matches!(
            settings.add_example("parking", "駐車場はありますか"),
            Err(ConfigError::DuplicateExample { .. })
        ));
        assert!(matches!(
            settings.add_example("parking", "  "),
            Err(ConfigError::EmptyExample)
        ));
    }

    #[test]
    fn duplicate_intent_names_are_refused() {
        let settings = IntentSettings {
            intents: vec![intent("a", &["x"]), intent("a", &["y"])],
            ..Default::default()
        };
        assert!(matches!(
            NgramRecognizer::new(&settings),
            Err(ConfigError::DuplicateIntent { .. })
        ));
    }
}
