//! The twenty stores of other kinds: every part's figures, and floors on them.

use otodoke_autoreply::intents::{
    BuiltinIntent, IntentRecognizer, IntentSettings, NgramRecognizer, DEFAULT_MARGIN,
    DEFAULT_THRESHOLD,
};
use otodoke_autoreply::teach::MIN_SUGGESTION_SCORE;

/// One store's evaluation set.
pub struct StoreSet {
    pub name: &'static str,
    pub store: &'static str,
    pub tuning: &'static str,
    pub heldout: &'static str,
}

macro_rules! store_set {
    ($name:literal) => {
        StoreSet {
            name: $name,
            store: include_str!(concat!("../eval/", $name, "/store.json")),
            tuning: include_str!(concat!("../eval/", $name, "/tuning.tsv")),
            heldout: include_str!(concat!("../eval/", $name, "/heldout.tsv")),
        }
    };
}

pub const SETS: [StoreSet; 20] = [
    store_set!("salon"),
    store_set!("gym"),
    store_set!("clinic"),
    store_set!("realestate"),
    store_set!("izakaya"),
    store_set!("nail"),
    store_set!("trimming"),
    store_set!("garage"),
    store_set!("cleaning"),
    store_set!("ryokan"),
    store_set!("school"),
    store_set!("seitai"),
    store_set!("patisserie"),
    store_set!("photostudio"),
    store_set!("eikaiwa"),
    store_set!("hotel"),
    store_set!("esthe"),
    store_set!("florist"),
    store_set!("bicycle"),
    store_set!("driving"),
];

/// The first four sets (written in the first round of issue #16, with the
/// recogniser's first changes); the last two were written in the second round,
/// before the recogniser's later changes, and are the fairer "unseen" measurement.
pub const FIRST_ROUND: usize = 4;
/// The sets of the first two rounds; the next two (a pet grooming salon and a car
/// repair shop) were written in the third round, before its changes.
pub const SECOND_ROUND: usize = 6;
/// The sets of the first three rounds; the last three (a dry cleaner, a hot-spring
/// inn, a cram school) were written in the fourth round by someone who never saw
/// the recogniser, and committed before it was measured on them.
pub const THIRD_ROUND: usize = 8;
/// The sets of the first four rounds; the last three (a bodywork clinic, a cake
/// shop, a photo studio) were written in the fifth round, likewise blind, and
/// committed before the recogniser was measured on them.
pub const FOURTH_ROUND: usize = 11;
/// The sets of the first five rounds; the last three (an English conversation
/// school, a city hotel, an esthetic salon) were written in the sixth round, blind
/// to the recogniser and to the trade lexicons written at the same time by someone
/// else, and committed before either met them. Their stores pick a trade lexicon.
pub const FIFTH_ROUND: usize = 14;
/// The sets of the first six rounds; the last three (a florist, a bicycle shop, a
/// driving school) were written in the seventh round, blind to the recogniser and
/// to the common questions (written at the same time by someone else), and
/// committed before either met them.
pub const SIXTH_ROUND: usize = 17;

/// The label of a message that asks for a person.
const HANDOFF: &str = "handoff";
/// The label of a message that must be declined.
const SMALL_TALK: &str = "small_talk";

impl StoreSet {
    pub fn settings(&self) -> IntentSettings {
        serde_json::from_str(self.store).expect("store.json is an IntentSettings")
    }

    /// The store's settings as if it had picked no kind of business.
    pub fn settings_without_lexicons(&self) -> IntentSettings {
        IntentSettings {
            business_lexicons: Vec::new(),
            ..self.settings()
        }
    }
}

/// What a recogniser made of one part (tuning or held-out).
#[derive(Debug, Default, Clone, Copy)]
pub struct Figures {
    /// Questions (intent or hand-off requests).
    pub questions: usize,
    pub right: usize,
    /// Answered with another intent (or hand-off when an intent was asked, and the
    /// other way round): the customer gets a confident wrong reply.
    pub wrong: usize,
    pub declined: usize,
    /// Declined questions whose intent is the teaching loop's first suggestion,
    /// and among its first three.
    pub suggested_first: usize,
    pub suggested_top3: usize,
    pub small_talk: usize,
    pub small_talk_declined: usize,
}

fn percent(n: usize, of: usize) -> f64 {
    100.0 * n as f64 / of.max(1) as f64
}

impl Figures {
    pub fn right(&self) -> f64 {
        percent(self.right, self.questions)
    }
    pub fn wrong(&self) -> f64 {
        percent(self.wrong, self.questions)
    }
    pub fn small_talk_declined(&self) -> f64 {
        percent(self.small_talk_declined, self.small_talk)
    }

    pub fn add(&mut self, other: &Figures) {
        self.questions += other.questions;
        self.right += other.right;
        self.wrong += other.wrong;
        self.declined += other.declined;
        self.suggested_first += other.suggested_first;
        self.suggested_top3 += other.suggested_top3;
        self.small_talk += other.small_talk;
        self.small_talk_declined += other.small_talk_declined;
    }

    /// One Markdown table row.
    pub fn row(&self, label: &str) -> String {
        format!(
            "| {label} | {}/{} = {:.1} % | {} = {:.1} % | {} = {:.1} % | {}/{} = {:.1} % | {} / {} |",
            self.right,
            self.questions,
            self.right(),
            self.wrong,
            self.wrong(),
            self.declined,
            percent(self.declined, self.questions),
            self.small_talk_declined,
            self.small_talk,
            self.small_talk_declined(),
            self.suggested_first,
            self.suggested_top3
        )
    }
}

fn labelled(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split_once('\t').expect("label<TAB>message"))
}

/// Scores one part; `misses` receives a line per miss (pass `None` for held-out
/// parts, whose misses nobody should read while tuning).
pub fn evaluate(
    recognizer: &dyn IntentRecognizer,
    part: &str,
    mut misses: Option<&mut Vec<String>>,
) -> Figures {
    let mut f = Figures::default();
    for (expected, text) in labelled(part) {
        let r = recognizer.recognise(text);
        let got = match (&r.best, r.builtin) {
            (Some(best), _) => Some(best.intent.as_str()),
            (None, Some(BuiltinIntent::HumanHandoff)) => Some(HANDOFF),
            (None, None) => None,
        };
        let ok = if expected == SMALL_TALK {
            f.small_talk += 1;
            f.small_talk_declined += usize::from(got.is_none());
            got.is_none()
        } else {
            f.questions += 1;
            match got {
                Some(got) if got == expected => f.right += 1,
                Some(_) => f.wrong += 1,
                None => {
                    f.declined += 1;
                    let rank = r
                        .scores
                        .iter()
                        .filter(|s| s.score >= MIN_SUGGESTION_SCORE)
                        .position(|s| s.intent == expected);
                    f.suggested_first += usize::from(rank == Some(0));
                    f.suggested_top3 += usize::from(rank.is_some_and(|r| r < 3));
                }
            }
            got == Some(expected)
        };
        if let (false, Some(misses)) = (ok, misses.as_deref_mut()) {
            misses.push(format!(
                "{text:?}: expected {expected}, got {got:?} ({:?}); top {:?}",
                r.declined,
                r.scores.iter().take(2).collect::<Vec<_>>()
            ));
        }
    }
    f
}

/// Both parts of every set, printed as a Markdown table (misses of tuning parts
/// first). Returns (tuning, held-out) per set.
pub fn report() -> Vec<(Figures, Figures)> {
    let mut rows = Vec::new();
    let mut out = Vec::new();
    let mut groups = [(Figures::default(), Figures::default()); 8];
    for (i, set) in SETS.iter().enumerate() {
        let recognizer = NgramRecognizer::new(&set.settings()).unwrap();
        let mut misses = Vec::new();
        let tuning = evaluate(&recognizer, set.tuning, Some(&mut misses));
        let heldout = evaluate(&recognizer, set.heldout, None);
        for miss in misses {
            println!("{} tuning miss: {miss}", set.name);
        }
        rows.push(tuning.row(&format!("{} tuning", set.name)));
        rows.push(heldout.row(&format!("{} **held-out**", set.name)));
        let group = if i < FIRST_ROUND {
            0
        } else if i < SECOND_ROUND {
            1
        } else if i < THIRD_ROUND {
            2
        } else if i < FOURTH_ROUND {
            3
        } else if i < FIFTH_ROUND {
            4
        } else if i < SIXTH_ROUND {
            5
        } else {
            6
        };
        for g in [group, 7] {
            groups[g].0.add(&tuning);
            groups[g].1.add(&heldout);
        }
        out.push((tuning, heldout));
    }
    for ((tuning, heldout), label) in groups.iter().zip([
        "first four",
        "second round two",
        "third round two",
        "fourth round three",
        "fifth round three",
        "sixth round three",
        "seventh round three",
        "all twenty",
    ]) {
        rows.push(tuning.row(&format!("{label}, tuning")));
        rows.push(heldout.row(&format!("{label}, **held-out**")));
    }
    println!("| set | right | wrong | declined | small talk declined | declined with the right intent suggested first / in the top 3 |");
    println!("|---|---|---|---|---|---|");
    for row in rows {
        println!("{row}");
    }
    out
}

#[test]
fn every_store_set_has_ten_intents_of_five_examples_and_both_parts() {
    for set in &SETS {
        let settings = set.settings();
        assert_eq!(settings.intents.len(), 10, "{}", set.name);
        assert!(settings.intents.iter().all(|i| i.examples.len() == 5));
        for part in [set.tuning, set.heldout] {
            let names: Vec<&str> = settings.intents.iter().map(|i| i.name.as_str()).collect();
            for (label, _) in labelled(part) {
                assert!(
                    names.contains(&label) || label == HANDOFF || label == SMALL_TALK,
                    "{}: unknown label {label}",
                    set.name
                );
            }
            let f = evaluate(&NgramRecognizer::new(&settings).unwrap(), part, None);
            assert!(f.questions >= 45 && f.small_talk >= 10, "{}", set.name);
        }
    }
}

/// Per set, in [`SETS`] order: the held-out part's minimum right and maximum wrong
/// percentages (the figures reached less about two questions).
const HELDOUT_FLOORS: [(&str, f64, f64); 20] = [
    ("salon", 83.0, 6.0),
    ("gym", 83.0, 4.0),
    ("clinic", 82.5, 9.5),
    ("realestate", 86.5, 6.0),
    ("izakaya", 80.0, 13.0),
    ("nail", 78.0, 7.5),
    ("trimming", 85.5, 7.5),
    ("garage", 74.5, 5.5),
    ("cleaning", 60.0, 9.5),
    ("ryokan", 76.5, 9.5),
    ("school", 67.0, 9.5),
    ("seitai", 74.5, 4.0),
    ("patisserie", 69.0, 5.5),
    ("photostudio", 81.5, 7.5),
    ("eikaiwa", 71.0, 9.0),
    ("hotel", 69.0, 14.5),
    ("esthe", 60.0, 11.0),
    ("florist", 71.0, 11.0),
    ("bicycle", 65.5, 11.0),
    ("driving", 67.0, 9.0),
];

/// The goal of issue #16 on held-out data is ≥ 92 % right, ≤ 2 % wrong, ≥ 95 % of
/// small talk declined. It is not reached (see docs/perf/autoreply.md): held-out,
/// all twenty sets, 79.3 % right, 5.0 % wrong, 98.0 % of small talk declined,
/// each store with the kind of business it would pick. The seventh round's three
/// sets (florist, bicycle shop, driving school), written blind: 71.5 % / 7.3 %
/// before any change, 71.5 % / 6.7 % now. The floors are the
/// figures reached less a margin (about two questions per set, about one per set for
/// the totals), so that a regression fails and an honest improvement does not.
#[test]
fn other_stores_figures_stay_above_their_floors() {
    let figures = report();
    // All twenty sets, and the held-out parts of each later round's sets.
    let (mut tuning, mut heldout) = (Figures::default(), Figures::default());
    let mut rounds = [Figures::default(); 6];
    for (i, ((set, (t, h)), (name, right, wrong))) in
        SETS.iter().zip(&figures).zip(HELDOUT_FLOORS).enumerate()
    {
        assert_eq!(set.name, name);
        assert!(
            h.right() >= right,
            "{name} held-out right {:.1} %",
            h.right()
        );
        assert!(
            h.wrong() <= wrong,
            "{name} held-out wrong {:.1} %",
            h.wrong()
        );
        tuning.add(t);
        heldout.add(h);
        if i >= SIXTH_ROUND {
            rounds[5].add(h);
        } else if i >= FIFTH_ROUND {
            rounds[4].add(h);
        } else if i >= FOURTH_ROUND {
            rounds[3].add(h);
        } else if i >= THIRD_ROUND {
            rounds[2].add(h);
        } else if i >= SECOND_ROUND {
            rounds[1].add(h);
        } else if i >= FIRST_ROUND {
            rounds[0].add(h);
        }
    }
    assert_eq!(SETS.len(), HELDOUT_FLOORS.len());
    assert!(
        tuning.right() >= 83.0 && tuning.wrong() <= 4.0,
        "{tuning:?}"
    );
    assert!(tuning.small_talk_declined() >= 95.0, "{tuning:?}");
    assert!(
        heldout.right() >= 78.3 && heldout.wrong() <= 5.5,
        "all twenty held-out: right {:.1} %, wrong {:.1} %",
        heldout.right(),
        heldout.wrong()
    );
    assert!(
        heldout.small_talk_declined() >= 95.0,
        "held-out small talk declined {:.1} %",
        heldout.small_talk_declined()
    );
    for ((round, right, wrong), f) in [
        ("izakaya and nail", 81.0, 8.0),
        ("pet grooming and car repair", 81.5, 4.5),
        ("dry cleaner, hot-spring inn and cram school", 69.5, 8.5),
        ("bodywork clinic, cake shop and photo studio", 76.5, 3.5),
        ("English school, hotel and esthetic salon", 68.5, 9.0),
        ("florist, bicycle shop and driving school", 69.5, 8.5),
    ]
    .into_iter()
    .zip(rounds)
    {
        assert!(
            f.right() >= right && f.wrong() <= wrong,
            "{round} held-out: right {:.1} %, wrong {:.1} %",
            f.right(),
            f.wrong()
        );
    }
}

/// Every set's tuning part together, with the given knobs.
pub fn tuning_figures(
    threshold: f32,
    margin: f32,
    model: otodoke_autoreply::intents::NgramModel,
) -> Figures {
    let mut all = Figures::default();
    for set in &SETS {
        let settings = IntentSettings {
            threshold,
            margin,
            ..set.settings()
        };
        let recognizer = NgramRecognizer::with_model(&settings, model).unwrap();
        all.add(&evaluate(&recognizer, set.tuning, None));
    }
    all
}

#[test]
#[ignore = "a parameter sweep over the tuning parts (never the held-out ones); prints a table"]
fn sweep_the_tuning_parts() {
    use otodoke_autoreply::intents::NgramModel;
    for concept_boost in [2.0, 4.0, 6.0] {
        for unknown_weight in [0.25, 0.5, 1.0] {
            for example_share in [0.5, 0.7] {
                for threshold in [0.2, 0.25, 0.3, 0.35, 0.4] {
                    for margin in [0.02, 0.04, 0.08, 0.12] {
                        let model = NgramModel {
                            unknown_weight,
                            concept_boost,
                            example_share,
                            ..NgramModel::default()
                        };
                        let f = tuning_figures(threshold, margin, model);
                        println!(
                            "boost {concept_boost} unknown {unknown_weight} share {example_share} threshold {threshold} margin {margin}: right {:.1} wrong {:.1} small talk declined {:.1}",
                            f.right(),
                            f.wrong(),
                            f.small_talk_declined()
                        );
                    }
                }
            }
        }
    }
}

/// Every set's tuning and held-out parts together (aggregates only), with the
/// store's threshold and margin and the given model knobs.
pub fn all_figures(model: otodoke_autoreply::intents::NgramModel) -> (Figures, Figures) {
    figures_of(&SETS, model)
}

/// The tuning and held-out parts of `sets` together (aggregates only), with the
/// store's threshold and margin and the given model knobs.
pub fn figures_of(
    sets: &[StoreSet],
    model: otodoke_autoreply::intents::NgramModel,
) -> (Figures, Figures) {
    let (mut tuning, mut heldout) = (Figures::default(), Figures::default());
    for set in sets {
        let recognizer = NgramRecognizer::with_model(&set.settings(), model).unwrap();
        tuning.add(&evaluate(&recognizer, set.tuning, None));
        heldout.add(&evaluate(&recognizer, set.heldout, None));
    }
    (tuning, heldout)
}

fn summary(f: &Figures) -> String {
    format!(
        "{}/{} right, {} wrong (right − 2·wrong {}), small talk {}/{}",
        f.right,
        f.questions,
        f.wrong,
        f.right as i64 - 2 * f.wrong as i64,
        f.small_talk_declined,
        f.small_talk
    )
}

#[test]
#[ignore = "the calibration knobs of the third round; prints tuning and held-out aggregates"]
fn sweep_the_calibration() {
    use otodoke_autoreply::intents::{ConceptCheck, NgramModel};
    for check in [ConceptCheck::RunnerUp, ConceptCheck::AnyIntent] {
        for check_margin in [0.1, 0.14, 0.2] {
            for floor in [1.0, 0.25, 0.2, 0.15, 0.12] {
                for ratio in [1.5, 2.0, 3.0] {
                    let model = NgramModel {
                        concept_check: check,
                        concept_check_margin: check_margin,
                        dominance_floor: floor,
                        dominance_ratio: ratio,
                        ..NgramModel::default()
                    };
                    let (t, h) = all_figures(model);
                    println!(
                        "{check:?} {check_margin} floor {floor} ratio {ratio}: tuning {} | held-out {}",
                        summary(&t),
                        summary(&h)
                    );
                }
            }
        }
    }
}

#[test]
#[ignore = "the weight of script runs (third round); prints tuning and held-out aggregates"]
fn sweep_the_script_run_weight() {
    use otodoke_autoreply::intents::NgramModel;
    for (script_runs, script_run_weight) in [
        (false, 1.0),
        (true, 0.5),
        (true, 1.0),
        (true, 1.5),
        (true, 2.0),
        (true, 3.0),
    ] {
        let (t, h) = all_figures(NgramModel {
            script_runs,
            script_run_weight,
            ..NgramModel::default()
        });
        println!(
            "script runs {script_runs} weight {script_run_weight}: tuning {} | held-out {}",
            summary(&t),
            summary(&h)
        );
    }
}

#[test]
#[ignore = "the weight of word classes from the general vocabulary (fourth round); prints tuning and held-out aggregates"]
fn sweep_the_word_class_weight() {
    use otodoke_autoreply::intents::NgramModel;
    for word_class_weight in [0.0, 0.5, 1.0, 1.5, 2.0, 3.0] {
        let (t, h) = all_figures(NgramModel {
            word_class_weight,
            ..NgramModel::default()
        });
        println!(
            "word classes {word_class_weight}: tuning {} | held-out {}",
            summary(&t),
            summary(&h)
        );
    }
}

#[test]
#[ignore = "the fourth and fifth rounds' sets with the general vocabulary off (the recogniser as the third round left it) and on; aggregates only"]
fn the_later_rounds_with_and_without_the_vocabulary() {
    use otodoke_autoreply::intents::NgramModel;
    let off = NgramModel {
        word_class_weight: 0.0,
        embedding_share: 0.0,
        ..NgramModel::default()
    };
    for (round, sets) in [
        ("fourth", &SETS[THIRD_ROUND..FOURTH_ROUND]),
        ("fifth", &SETS[FOURTH_ROUND..FIFTH_ROUND]),
        ("sixth", &SETS[FIFTH_ROUND..SIXTH_ROUND]),
        ("seventh", &SETS[SIXTH_ROUND..]),
    ] {
        for (label, model) in [("off", off), ("on", NgramModel::default())] {
            let (t, h) = figures_of(sets, model);
            println!(
                "{round} round, vocabulary {label}: tuning {} | held-out {}",
                summary(&t),
                summary(&h)
            );
        }
    }
}

#[test]
#[ignore = "the share of word-vector similarity (fourth round); prints tuning aggregates, and the fourth round's tuning parts"]
fn sweep_the_embedding_share() {
    use otodoke_autoreply::intents::NgramModel;
    for embedding_share in [0.0, 0.2, 0.3, 0.4, 0.5, 0.6] {
        for threshold in [0.3, 0.35, 0.4, 0.45] {
            let model = NgramModel {
                embedding_share,
                ..NgramModel::default()
            };
            let mut old = Figures::default();
            let mut new = Figures::default();
            for (i, set) in SETS.iter().enumerate() {
                let settings = IntentSettings {
                    threshold,
                    ..set.settings()
                };
                let r = NgramRecognizer::with_model(&settings, model).unwrap();
                let f = evaluate(&r, set.tuning, None);
                if i < THIRD_ROUND {
                    old.add(&f)
                } else {
                    new.add(&f)
                }
            }
            println!("share {embedding_share} threshold {threshold}: eight tuning {} | fourth-round tuning {}", summary(&old), summary(&new));
        }
    }
}

#[test]
#[ignore = "the kana readings of the store's words off and on (fifth round); prints tuning and held-out aggregates per round"]
fn the_kana_readings_off_and_on() {
    use otodoke_autoreply::intents::NgramModel;
    for kana_readings in [false, true] {
        let model = NgramModel {
            kana_readings,
            ..NgramModel::default()
        };
        for (round, sets) in [
            ("first three rounds", &SETS[..THIRD_ROUND]),
            ("fourth round", &SETS[THIRD_ROUND..FOURTH_ROUND]),
            ("fifth round", &SETS[FOURTH_ROUND..FIFTH_ROUND]),
            ("sixth round", &SETS[FIFTH_ROUND..SIXTH_ROUND]),
            ("seventh round", &SETS[SIXTH_ROUND..]),
            ("all twenty", &SETS[..]),
        ] {
            let (t, h) = figures_of(sets, model);
            println!(
                "readings {kana_readings}, {round}: tuning {} | held-out {}",
                summary(&t),
                summary(&h)
            );
        }
    }
}

#[test]
#[ignore = "every set with the kinds of business its store picked, and without any (sixth round); aggregates per round"]
fn the_trade_lexicons_off_and_on() {
    use otodoke_autoreply::intents::NgramModel;
    for (round, sets) in [
        ("first five rounds", &SETS[..FIFTH_ROUND]),
        ("sixth round", &SETS[FIFTH_ROUND..SIXTH_ROUND]),
        ("seventh round", &SETS[SIXTH_ROUND..]),
    ] {
        for picked in [false, true] {
            let (mut t, mut h) = (Figures::default(), Figures::default());
            for set in sets {
                let settings = if picked {
                    set.settings()
                } else {
                    set.settings_without_lexicons()
                };
                let r = NgramRecognizer::with_model(&settings, NgramModel::default()).unwrap();
                t.add(&evaluate(&r, set.tuning, None));
                h.add(&evaluate(&r, set.heldout, None));
            }
            println!(
                "{round}, lexicons picked {picked}: tuning {} | held-out {}",
                summary(&t),
                summary(&h)
            );
        }
    }
}

/// The console's caution presets (console/src/features/autoreply/caution.ts), as
/// (name, threshold, margin): chosen on the tuning parts, standard first.
const CAUTIONS: [(&str, f32, f32); 3] = [
    ("standard", DEFAULT_THRESHOLD, DEFAULT_MARGIN),
    ("careful", 0.4, 0.08),
    ("very careful", 0.45, 0.16),
];

/// Every set's tuning and held-out parts at one threshold and margin.
fn figures_at(threshold: f32, margin: f32) -> (Figures, Figures) {
    let (mut tuning, mut heldout) = (Figures::default(), Figures::default());
    for set in &SETS {
        let settings = IntentSettings {
            threshold,
            margin,
            ..set.settings()
        };
        let recognizer = NgramRecognizer::new(&settings).unwrap();
        tuning.add(&evaluate(&recognizer, set.tuning, None));
        heldout.add(&evaluate(&recognizer, set.heldout, None));
    }
    (tuning, heldout)
}

#[test]
fn each_stricter_caution_preset_answers_wrongly_less_often() {
    let figures: Vec<_> = CAUTIONS
        .iter()
        .map(|(name, threshold, margin)| {
            let (tuning, heldout) = figures_at(*threshold, *margin);
            println!(
                "{name} ({threshold}/{margin}): tuning {} | held-out {}",
                summary(&tuning),
                summary(&heldout)
            );
            (tuning, heldout)
        })
        .collect();
    for pair in figures.windows(2) {
        let ((looser_tuning, looser_heldout), (stricter_tuning, stricter_heldout)) =
            (&pair[0], &pair[1]);
        assert!(stricter_tuning.wrong < looser_tuning.wrong);
        assert!(stricter_heldout.wrong < looser_heldout.wrong);
        assert!(stricter_tuning.small_talk_declined >= looser_tuning.small_talk_declined);
    }
    // The levels' promise on the tuning parts they were chosen on.
    assert!(
        figures[1].0.wrong() <= 2.0,
        "careful: {}",
        summary(&figures[1].0)
    );
    assert!(
        figures[2].0.wrong() <= 1.2,
        "very careful: {}",
        summary(&figures[2].0)
    );
}

#[test]
#[ignore = "the common questions off and on, per round; aggregates only"]
fn the_common_questions_off_and_on() {
    use otodoke_autoreply::intents::NgramModel;
    for (round, sets) in [
        ("first six rounds", &SETS[..SIXTH_ROUND]),
        ("seventh round", &SETS[SIXTH_ROUND..]),
        ("all twenty", &SETS[..]),
    ] {
        for common_question_weight in [0.0, NgramModel::default().common_question_weight] {
            let model = NgramModel {
                common_question_weight,
                ..NgramModel::default()
            };
            let (t, h) = figures_of(sets, model);
            println!(
                "{round}, common questions {common_question_weight}: tuning {} | held-out {}",
                summary(&t),
                summary(&h)
            );
            println!(
                "    tuning {:.1} / {:.1} | held-out {:.1} / {:.1}",
                t.right(),
                t.wrong(),
                h.right(),
                h.wrong()
            );
        }
    }
}

#[test]
#[ignore = "thresholds and margins over every tuning part (how the caution presets were chosen); prints a table"]
fn sweep_the_threshold_and_margin() {
    use otodoke_autoreply::intents::NgramModel;
    for threshold in [0.3, 0.35, 0.4, 0.45, 0.5] {
        for margin in [0.04, 0.08, 0.12, 0.16, 0.2] {
            let f = tuning_figures(threshold, margin, NgramModel::default());
            println!("threshold {threshold} margin {margin}: {}", summary(&f));
        }
    }
}

#[test]
#[ignore = "the common questions' weight and vote share; prints tuning and held-out aggregates"]
fn sweep_the_common_questions() {
    use otodoke_autoreply::intents::NgramModel;
    for common_question_votes in [0.3, 0.6, 0.8] {
        for common_question_weight in [0.0, 0.5, 0.6, 0.7, 1.0] {
            let model = NgramModel {
                common_question_weight,
                common_question_votes,
                ..NgramModel::default()
            };
            let (t, h) = all_figures(model);
            println!(
                "votes {common_question_votes} weight {common_question_weight}: tuning {} | held-out {}",
                summary(&t),
                summary(&h)
            );
        }
    }
}
