//! Synonyms for common shop questions, so that `値段`, `いくら` and `料金` count as the
//! same word before the intent matcher compares messages with examples.
//!
//! Each group of synonyms is a *concept*. [`Lexicon::canonicalise`] replaces every
//! occurrence of a synonym (longest match first, on folded text) with one private-use
//! character standing for its concept, so the n-gram matcher sees the concept as a
//! single, rare and therefore heavily weighted symbol.
//!
//! Concepts also carry common English words (`parking`, `how much`, `take out`), so a
//! visitor's English question reaches an intent whose examples are Japanese, and
//! hiragana readings of the main kanji words (`ちゅうしゃじょう`), for customers who
//! do not convert. Katakana words need no reading: folding makes them hiragana.
//!
//! Words are chosen to be safe inside longer text: no single kana, and a longer
//! phrase is listed where a short word would hide in an unrelated one (`電車` and
//! `車椅子` keep `車` from meaning parking; `どうやって` keeps `やって` from meaning
//! "are you open").

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

use crate::business::Business;
use crate::error::ConfigError;
use crate::fold::fold;
use crate::spelling::SPELLINGS;

/// A group of words a store wants treated as one, e.g. its own product names.
/// When `canonical` (or one of `words`) is already a built-in concept's word,
/// `words` extend that concept; otherwise they form a new concept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SynonymGroup {
    pub canonical: String,
    pub words: Vec<String>,
}

/// The built-in concepts: canonical name first, then its synonyms.
#[rustfmt::skip]
pub const BUILTIN: &[(&str, &[&str])] = &[
    ("料金", &[
        "料金", "値段", "価格", "いくら", "おいくら", "費用", "金額", "代金", "何円", "円", "税込", "税抜", "相場", "予算",
        "ねだん", "りょうきん", "プライス", "値段表", "料金表", "高い", "安い", "お値段", "お金", "会費", "単価", "円くらい",
        "円ぐらい",
        // Kansai "how much", and a price named by its suffix (`シャンプー代を`,
        // `送迎代って`): 代 followed by a particle, so that 代車 and 代わり stay apart.
        "なんぼ", "代を", "代は", "代って", "代も", "代っていくら",
        "price", "prices", "cost", "how much", "fee", "budget",
    ]),
    ("駐車場", &[
        "駐車場", "駐車", "パーキング", "コインパーキング", "車", "停め", "止められ", "止めれ", "停車", "ちゅうしゃじょう", "くるま",
        "駐車スペース", "とめられ", "とめれ", "とめる", "駐輪場", "バイク", "駐禁", "マイカー", "駐車代", "自転車", "駐輪",
        "parking", "park", "car", "ちゅうしゃ",
    ]),
    ("予約", &[
        "予約", "予約枠", "空き", "空いて", "空席", "空き状況", "取れ", "リザーブ", "よやく", "席", "ブッキング", "満席", "予約制",
        "キャンセル待ち", "予約可能", "ネット予約", "web予約", "リザベーション", "枠", "空き枠",
        // Typed in kana, "can I come (then)" asks for a slot; the way there is
        // asked in kanji (`歩いて行けますか`) or with a place word.
        "いけます", "いけますか", "入れますか",
        "reservation", "reserve", "booking", "book", "available", "availability",
    ]),
    ("営業時間", &[
        "営業時間", "何時", "なんじ", "開いて", "開いてる", "開店", "閉店", "営業", "開く", "閉まる", "閉まり", "閉め",
        "ラストオーダー", "オープン", "クローズ", "やって", "やってる", "えいぎょう", "開始時間", "終了時間", "受付時間", "閉まっ",
        "閉店時間", "開店時間", "営業中", "何時頃", "何時ごろ",
        "open", "opening", "close", "closing", "hours", "what time",
    ]),
    ("定休日", &[
        "定休日", "休み", "休業", "休日", "祝日", "年末年始", "お盆", "営業日", "休館",
        "年中無休", "無休", "休館日", "定休",
        "holiday", "closed", "day off", "ていきゅうび",
    ]),
    ("場所", &[
        "場所", "アクセス", "行き方", "行きかた", "最寄り", "最寄駅", "最寄り駅", "駅", "住所", "地図", "道順", "どこ", "徒歩",
        "電車", "バス", "出口", "所在地", "マップ", "迷っ", "行けば", "たどり着", "辿り着", "ばしょ", "じゅうしょ", "近くの駅",
        "ナビ", "グーグルマップ", "googleマップ", "道のり", "駅近", "何駅", "乗り換え", "タクシー", "どの辺", "どのへん", "位置",
        "where", "address", "access", "station", "map", "directions", "location",
    ]),
    ("支払い", &[
        "支払い", "支払", "お支払い", "払い", "払え", "カード", "クレジット", "クレカ", "現金", "paypay", "ペイペイ", "電子マネー",
        "キャッシュレス", "qr", "決済", "交通系", "suica", "楽天ペイ", "d払い", "aupay", "後払い", "分割", "しはらい",
        "会計", "お会計", "visa", "mastercard", "jcb", "amex", "アメックス", "デビット", "レジ", "電子決済",
        "quicpay", "nanaco", "waon", "edy", "ペイ",
        "pay", "payment", "card", "cash", "credit", "げんきん",
    ]),
    ("キャンセル", &[
        "キャンセル", "取り消し", "取消", "取りやめ", "とりけし", "中止", "やめたい", "行けなくなった", "行けなく", "いけなくなった",
        "キャンセル料", "ドタキャン", "来られなく", "これなく", "来れなく", "伺えなく", "伺えな", "行けない", "行けません",
        "行けそうにな", "なしにして", "はなしで",
        "伺いできな", "伺うことができな", "行くことができな", "来店できな",
        "cancel", "cancellation",
    ]),
    ("変更", &[
        "変更", "変えたい", "変え", "日程変更", "ずらし", "ずらせ", "遅らせ", "早め", "振替", "振り替え", "へんこう",
    ]),
    ("持ち物", &[
        "持ち物", "持参", "持っていく", "持って行く", "持っていけば", "持って行けば", "必要なもの", "必要な物", "準備", "用意", "手ぶら",
        "服装", "もちもの",
    ]),
    ("子供", &[
        "子供", "子ども", "こども", "キッズ", "お子様", "お子さま", "お子さん", "子連れ", "赤ちゃん", "赤ん坊", "ベビー", "ベビーカー",
        "幼児", "小学生", "乳児", "未就学", "娘", "息子", "幼稚園", "園児", "ちびっこ", "小さい子", "小さな子", "授乳", "おむつ",
        "オムツ", "キッズチェア", "子供椅子", "チャイルドシート", "家族連れ", "ファミリー", "離乳食", "お子", "子育て", "子連",
        "kids", "kid", "child", "children", "baby", "stroller", "family",
    ]),
    ("テイクアウト", &[
        "テイクアウト", "テークアウト", "持ち帰り", "お持ち帰り", "持ち帰れ", "持ち帰", "お弁当", "弁当", "takeout", "もちかえり",
        "持って帰", "受け取り", "取りに行", "持ち帰る", "包んで", "お土産", "ドライブスルー", "事前注文", "取り置き",
        "take out", "take away", "takeaway", "to go",
    ]),
    ("メニュー", &[
        "メニュー", "品書き", "お品書き", "料理", "コース", "おすすめ", "人気", "食べ物", "飲み物", "ドリンク", "取り扱い", "扱って",
        "商品", "ランチ", "ディナー", "めにゅー", "デザート", "スイーツ", "アルコール", "お酒", "ビール", "ワイン", "ソフトドリンク",
        "ベジタリアン", "ヴィーガン", "ビーガン", "品数", "限定", "食べ放題", "飲み放題", "アラカルト", "単品", "名物", "看板メニュー",
        "食事", "定食",
        "menu", "vegan", "vegetarian", "dish", "dishes", "food", "drink", "drinks",
    ]),
    ("電話", &[
        "電話", "電話番号", "tel", "連絡先", "問い合わせ", "問合せ", "でんわ",
    ]),
    ("喫煙", &[
        "喫煙", "禁煙", "タバコ", "たばこ", "煙草", "喫煙所", "分煙", "電子タバコ",
    ]),
    ("ペット", &[
        "ペット", "犬", "猫", "わんちゃん", "ワンコ", "小型犬", "同伴",
    ]),
    ("アレルギー", &[
        "アレルギー", "卵", "小麦", "乳製品", "ナッツ", "除去", "グルテン",
    ]),
    ("wifi", &[
        "wifi", "wi-fi", "ワイファイ", "電源", "コンセント", "充電",
    ]),
    ("混雑", &[
        "混雑", "混んで", "混み", "待ち時間", "並ぶ", "並び", "行列", "すいてる",
    ]),
    ("所要時間", &[
        "所要時間", "何分", "何時間", "時間がかかり", "時間かかり", "時間はかかり", "時間どれくらい", "時間どのくらい",
        "時間はどれくらい", "時間はどのくらい", "時間ってどれくらい", "時間ってどのくらい",
        // "When will it be done" is asked the same way in any trade.
        "終わりますか", "終わります", "終わるまで", "終わる", "終われ", "何時に終わ", "で終わ", "仕上が",
    ]),
    ("団体", &[
        "個室", "人数", "何名", "何人", "団体", "大人数", "貸切", "貸し切り", "宴会",
    ]),
    ("配送", &[
        "配達", "デリバリー", "出前", "配送", "宅配", "送料", "通販", "ウーバー", "uber",
    ]),
    ("割引", &[
        "割引", "クーポン", "セール", "キャンペーン", "特典", "値引き", "ポイント", "ポイントカード", "学割", "学生割",
        "家族割", "初回割", "ペア割", "早割",
    ]),
    ("方法", &[
        "どうやって", "どうすれば", "方法", "やり方", "手順", "どうしたら",
    ]),
    ("車椅子", &[
        "車椅子", "車いす", "バリアフリー", "段差", "エレベーター",
    ]),
];

/// What a matched word becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Replacement {
    /// The concept's private-use symbol.
    Concept(u32),
    /// A plain spelling (see [`crate::spelling`]).
    Text(Box<str>),
}

/// The compiled lexicon: one leftmost-longest automaton over every folded synonym
/// and spelling variant.
#[derive(Debug, Clone)]
pub struct Lexicon {
    automaton: Option<AhoCorasick>,
    /// What each automaton pattern becomes.
    replacements: Vec<Replacement>,
    concepts: Vec<String>,
    /// Object concepts and the action concepts they yield to (see [`YIELDS`]).
    yields: Vec<(char, Vec<char>)>,
}

/// A concept that names what a question is about (`予約`) stands back when the
/// same text names what to do with it (`キャンセル`, `変更`): `予約をキャンセル
/// したい` asks to cancel, and should look no more like "book" than `キャンセル
/// したい` does. Applied alike to examples and messages.
const YIELDS: &[(&str, &[&str])] = &[("予約", &["キャンセル", "変更"])];

/// First private-use code point; concept `i` is written as `CONCEPT_BASE + i`.
const CONCEPT_BASE: u32 = 0xE000;
/// The private-use area holds 6,400 code points.
const MAX_CONCEPTS: usize = 6400;

/// Words and what they become, built layer by layer: within a layer the first
/// mention of a word wins; a later layer overrides an earlier one.
#[derive(Default)]
struct Words {
    concepts: Vec<String>,
    map: HashMap<String, Replacement>,
}

impl Words {
    /// The concept named `canonical`, created when new.
    fn concept(&mut self, canonical: &str) -> u32 {
        match self.concepts.iter().position(|c| c == canonical) {
            Some(id) => id as u32,
            None => {
                self.concepts.push(canonical.to_owned());
                (self.concepts.len() - 1) as u32
            }
        }
    }

    /// Adds a layer of (word, replacement) pairs.
    fn layer(&mut self, pairs: impl IntoIterator<Item = (String, Replacement)>) {
        let mut layer: HashMap<String, Replacement> = HashMap::new();
        for (word, replacement) in pairs {
            let folded = fold(&word);
            if !folded.is_empty() {
                layer.entry(folded).or_insert(replacement);
            }
        }
        self.map.extend(layer);
    }

    fn concept_layer(&mut self, concepts: &[(&str, &[&str])]) {
        let mut pairs = Vec::new();
        for (canonical, words) in concepts {
            let id = self.concept(canonical);
            for word in words.iter().chain(std::iter::once(canonical)) {
                pairs.push(((*word).to_owned(), Replacement::Concept(id)));
            }
        }
        self.layer(pairs);
    }
}

impl Lexicon {
    /// Compiles the built-in concepts (when `builtin`), the lexicons of the store's
    /// kinds of business, and the store's own groups, in that order of precedence
    /// (the store's words win). Kana and variant spellings ([`SPELLINGS`]) apply
    /// whenever `builtin` is on. Costs well under a millisecond.
    pub fn new(
        builtin: bool,
        businesses: &[Business],
        extra: &[SynonymGroup],
    ) -> Result<Self, ConfigError> {
        let mut words = Words::default();
        if builtin {
            words.layer(SPELLINGS.iter().flat_map(|(written, variants)| {
                variants
                    .iter()
                    .map(|v| ((*v).to_owned(), Replacement::Text((*written).into())))
            }));
            words.concept_layer(BUILTIN);
        }
        for business in businesses {
            words.concept_layer(business.concepts());
        }
        let mut pairs = Vec::new();
        for group in extra {
            let existing = std::iter::once(&group.canonical)
                .chain(&group.words)
                .find_map(|w| match words.map.get(&fold(w)) {
                    Some(Replacement::Concept(id)) => Some(*id),
                    _ => None,
                });
            let id = existing.unwrap_or_else(|| words.concept(&group.canonical));
            for word in group.words.iter().chain(std::iter::once(&group.canonical)) {
                pairs.push((word.clone(), Replacement::Concept(id)));
            }
        }
        words.layer(pairs);
        resolve_spellings(&mut words.map);

        let Words {
            mut concepts, map, ..
        } = words;
        concepts.truncate(MAX_CONCEPTS);
        let (patterns, replacements): (Vec<String>, Vec<Replacement>) = map
            .into_iter()
            .filter(|(_, r)| !matches!(r, Replacement::Concept(c) if *c as usize >= MAX_CONCEPTS))
            .unzip();
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)?,
            )
        };
        let symbol_of = |name: &str| {
            concepts
                .iter()
                .position(|c| c == name)
                .map(|i| concept_symbol(i as u32))
        };
        let yields = YIELDS
            .iter()
            .filter_map(|(object, actions)| {
                let actions: Vec<char> = actions.iter().filter_map(|a| symbol_of(a)).collect();
                Some((symbol_of(object)?, actions)).filter(|(_, a)| !a.is_empty())
            })
            .collect();
        Ok(Self {
            automaton,
            replacements,
            concepts,
            yields,
        })
    }

    /// Appends `folded` to `out` with every synonym replaced by its concept symbol
    /// and every variant spelling by its written form. Linear in the text length;
    /// allocates only if `out` must grow.
    pub fn canonicalise(&self, folded: &str, out: &mut String) {
        let Some(automaton) = &self.automaton else {
            out.push_str(folded);
            return;
        };
        let start = out.len();
        let mut last = 0;
        for m in automaton.find_iter(folded) {
            out.push_str(&folded[last..m.start()]);
            match &self.replacements[m.pattern().as_usize()] {
                Replacement::Concept(c) => out.push(concept_symbol(*c)),
                Replacement::Text(text) => out.push_str(text),
            }
            last = m.end();
        }
        out.push_str(&folded[last..]);
        for (object, actions) in &self.yields {
            let text = &out[start..];
            if text.contains(*object) && text.contains(actions.as_slice()) {
                let kept = text.replace(*object, " ");
                out.truncate(start);
                out.push_str(&kept);
            }
        }
    }

    /// The canonical name of the concept a symbol stands for, if it is one.
    pub fn concept_name(&self, symbol: char) -> Option<&str> {
        let index = (symbol as u32).checked_sub(CONCEPT_BASE)? as usize;
        self.concepts.get(index).map(String::as_str)
    }
}

/// A variant whose written form is a concept's word becomes that concept
/// (`よやく` → `予約` → the booking concept), since the automaton replaces once.
fn resolve_spellings(map: &mut HashMap<String, Replacement>) {
    let resolved: Vec<(String, Replacement)> = map
        .iter()
        .filter_map(|(word, r)| match r {
            Replacement::Text(text) => match map.get(&fold(text)) {
                Some(concept @ Replacement::Concept(_)) => Some((word.clone(), concept.clone())),
                _ => None,
            },
            Replacement::Concept(_) => None,
        })
        .collect();
    map.extend(resolved);
}

/// Whether `c` stands for a concept.
pub fn is_concept(c: char) -> bool {
    (CONCEPT_BASE..CONCEPT_BASE + MAX_CONCEPTS as u32).contains(&(c as u32))
}

fn concept_symbol(concept: u32) -> char {
    char::from_u32(CONCEPT_BASE + concept).unwrap_or('\u{E000}')
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `text` canonicalised, each concept shown as `[name]`.
    pub(crate) fn canon(lexicon: &Lexicon, text: &str) -> String {
        let mut out = String::new();
        lexicon.canonicalise(&fold(text), &mut out);
        out.chars()
            .map(|c| match lexicon.concept_name(c) {
                Some(name) => format!("[{name}]"),
                None => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn the_booking_stands_back_when_the_text_cancels_or_changes_it() {
        let lexicon = Lexicon::new(true, &[], &[]).unwrap();
        assert_eq!(
            canon(&lexicon, "予約をキャンセルしたい"),
            " を[キャンセル]したい"
        );
        assert_eq!(canon(&lexicon, "予約を変更したい"), " を[変更]したい");
        assert_eq!(canon(&lexicon, "予約したい"), "[予約]したい");
    }

    #[test]
    fn synonyms_become_their_concept() {
        let lexicon = Lexicon::new(true, &[], &[]).unwrap();
        assert_eq!(canon(&lexicon, "値段は？"), "[料金]は?");
        assert_eq!(canon(&lexicon, "おいくらですか"), "[料金]ですか");
        assert_eq!(canon(&lexicon, "ﾊﾟｰｷﾝｸﾞある?"), "[駐車場]ある?");
    }

    #[test]
    fn the_longest_synonym_wins_so_short_words_do_not_misfire() {
        let lexicon = Lexicon::new(true, &[], &[]).unwrap();
        assert_eq!(canon(&lexicon, "電車で行く"), "[場所]で行く");
        assert_eq!(canon(&lexicon, "車椅子"), "[車椅子]");
        assert_eq!(canon(&lexicon, "どうやって行く"), "[方法]行く");
        assert_eq!(canon(&lexicon, "キャンセル料"), "[キャンセル]");
    }

    #[test]
    fn a_store_group_extends_a_builtin_concept_or_adds_a_new_one() {
        let lexicon = Lexicon::new(
            true,
            &[],
            &[
                SynonymGroup {
                    canonical: "料金".into(),
                    words: vec!["お代".into()],
                },
                SynonymGroup {
                    canonical: "カット".into(),
                    words: vec!["散髪".into(), "ヘアカット".into()],
                },
            ],
        )
        .unwrap();
        assert_eq!(canon(&lexicon, "お代"), "[料金]");
        assert_eq!(canon(&lexicon, "散髪"), "[カット]");
    }

    #[test]
    fn kana_and_variant_spellings_become_the_written_form_or_its_concept() {
        let lexicon = Lexicon::new(true, &[], &[]).unwrap();
        assert_eq!(canon(&lexicon, "よやくしたい"), "[予約]したい");
        assert_eq!(canon(&lexicon, "おしえてください"), "教えてください");
        assert_eq!(canon(&lexicon, "申込み"), "申し込み");
        assert_eq!(canon(&lexicon, "すみません、土曜は"), " 、曜日は");
    }

    #[test]
    fn a_business_lexicon_wins_over_the_builtin_words() {
        let builtin = Lexicon::new(true, &[], &[]).unwrap();
        assert_eq!(canon(&builtin, "やめたい"), "[キャンセル]");
        let gym = Lexicon::new(true, &[Business::Gym], &[]).unwrap();
        assert_eq!(canon(&gym, "やめたい"), "[退会]");
        assert_eq!(canon(&gym, "月会費"), "[料金]");
    }

    #[test]
    fn without_the_builtin_lexicon_text_is_unchanged() {
        let lexicon = Lexicon::new(false, &[], &[]).unwrap();
        assert_eq!(canon(&lexicon, "値段"), "値段");
    }
}
