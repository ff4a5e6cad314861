//! One spelling per word, beyond what folding does: kana spellings of kanji words
//! (`よやく` → `予約`, `おしえて` → `教えて`), okurigana variants (`申込み` →
//! `申し込み`), and words that say nothing about what the customer wants and only
//! make two questions look alike (`土曜`, `すみません`).
//!
//! Folding already makes katakana and hiragana one script, so only kanji words need
//! their readings here. A reading is listed only where it is long enough not to hide
//! inside unrelated hiragana (`いけ` is not: `いけない`; `いけなく` is).
//!
//! [`Lexicon`](crate::lexicon::Lexicon) applies this table in the same automaton pass
//! as its synonyms; where the written form is itself a synonym (`予約`), the reading
//! becomes that concept too.

/// Written form first, then the spellings that become it. The written form `" "`
/// means "remove" (the word separates n-gram runs instead).
#[rustfmt::skip]
pub const SPELLINGS: &[(&str, &[&str])] = &[
    // Kana spellings of kanji words customers type without converting.
    ("教えて", &["おしえて"]),
    ("教え", &["おしえ"]),
    ("予約", &["よやく"]),
    ("変更", &["へんこう"]),
    ("変え", &["かえたい", "かえて", "かえられ"]),
    ("時間", &["じかん"]),
    ("何時", &["なんじ"]),
    ("何分", &["なんぷん"]),
    ("何日", &["なんにち"]),
    ("何時間", &["なんじかん"]),
    ("手続き", &["てつづき", "手続"]),
    ("必要", &["ひつよう"]),
    ("初めて", &["はじめて"]),
    ("営業", &["えいぎょう"]),
    ("休み", &["やすみ"]),
    ("予定", &["よてい"]),
    ("使え", &["つかえ"]),
    ("来週", &["らいしゅう"]),
    ("今日", &["きょう"]),
    ("明日", &["あした"]),
    ("何", &["なに"]),
    ("場所", &["ばしょ"]),
    ("住所", &["じゅうしょ"]),
    ("保険", &["ほけん"]),
    ("診察", &["しんさつ"]),
    ("お願い", &["おねがい"]),
    ("伺え", &["うかがえ"]),
    ("行けなく", &["いけなく"]),
    ("行けない", &["いけない"]),
    ("行けそう", &["いけそう"]),
    ("一人", &["1人", "ひとり"]),
    ("電話", &["でんわ"]),
    ("支払", &["しはらい"]),
    ("料金", &["りょうきん"]),
    // Okurigana and abbreviation variants.
    ("申し込", &["申込", "もうしこ"]),
    ("取り消", &["取消", "とりけ"]),
    ("問い合わせ", &["問合せ", "問い合せ", "問合わせ", "といあわせ"]),
    ("引っ越", &["引越", "ひっこ"]),
    ("受付", &["受け付け", "受付け", "うけつけ"]),
    ("振り替え", &["振替", "振りかえ", "ふりかえ"]),
    ("取り扱", &["取扱"]),
    ("立ち会", &["立会", "たちあ"]),
    ("見積", &["見積もり", "見積り", "みつもり"]),
    // Days of the week are asked about in every intent (booking, hours, changing a
    // date); as one plain word they no longer pull a question towards "hours".
    ("曜日", &[
        "月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日", "月曜", "火曜", "水曜",
        "木曜", "金曜", "土曜", "日曜", "土日", "平日", "週末",
    ]),
    // "Somewhere", not "where": `どこか空いてる日` asks for a date.
    ("どこか", &["どこか"]),
    // "Have it done", not "are you open": `前回やってもらった方`.
    ("やってもら", &["やってもら"]),
    // Apologies and openers carry no topic.
    (" ", &[
        "すみません", "すいません", "申し訳ありません", "申し訳ございません", "申し訳ないのですが",
        "恐れ入りますが", "恐れ入ります", "失礼します", "お世話になっております", "お世話になります",
        "よろしくお願いいたします", "よろしくお願いします",
        // "Is it all right to …" asks about whatever comes before it.
        "大丈夫", "だいじょうぶ", "だいじょぶ",
    ]),
];
