//! Built-in intents every store has without writing them: a customer asking for a
//! person (hand-off), and small talk (greetings, thanks, acknowledgements) that must
//! be declined rather than matched to the nearest intent.
//!
//! Both are recognised by phrase patterns on folded text, not by examples: the
//! wording is the same in every business ("スタッフさんと話したい", "よろしくお願い
//! します"), and a store's five examples per intent should not have to compete with
//! them. They run before the store's intents, so a hand-off request wins over any
//! topic it mentions ("予約の件で担当者と話したい").
//!
//! Patterns are written in natural spelling and folded when compiled (katakana
//! becomes hiragana), so `スタッフ`, `ｽﾀｯﾌ` and `すたっふ` all match.

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use crate::fold::fold;

/// What the built-in patterns make of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltinMatch {
    /// The customer asks for a person.
    HumanHandoff,
    /// Nothing but greetings, thanks, acknowledgements and feelings.
    SmallTalk,
}

/// Someone who can take the chat over, besides those [`IN_CHARGE`]. A bare `人`
/// only counts when not counted ("2人", "何人" are party sizes) and not part of a
/// word for someone else (`主人と相談して`, `友人`, `本人`), hence the character
/// class in front of it.
const PEOPLE: &[&str] = &[
    "人間",
    "担当の人",
    "担当さん",
    "スタッフ",
    "店員",
    "オペレーター",
    "トレーナー",
    "先生",
    "係の方",
    "係の人",
    "受付の方",
    "受付の人",
    "お店の方",
    "お店の人",
    "営業の方",
    "誰か",
    "どなたか",
];

/// The one person in charge: asking whether they are there (`店長さんいますか`) asks
/// for them. Staff in general (`スタッフ`, `先生`, `トレーナー`) are left out:
/// `女性の先生はいますか` asks about the staff, not for a person.
const IN_CHARGE: &[&str] = &[
    "担当者",
    "担当の方",
    "店長",
    "塾長",
    "教室長",
    "校長",
    "園長",
    "館長",
    "所長",
    "工場長",
    "支配人",
    "女将",
    "大将",
    "店主",
    "オーナー",
    "マネージャー",
    "責任者",
    "社長",
    "院長",
];

/// Words that pick one of the staff for a service (`同じ先生に`, `女性のスタッフに`),
/// folded; with "please" after the person they are a nomination, not a hand-off.
const NOMINATING: &[&str] = &[
    "同じ",
    "前回の",
    "いつもの",
    "女性の",
    "男性の",
    "女の",
    "男の",
];

/// Being there, as it follows the person asked for (`…いらっしゃいますか`).
const PRESENT: &[&str] = &[
    "いま",
    "いる",
    "いらっしゃ",
    "おられ",
    "おりま",
    "おる",
    "居",
];

/// Being put through to someone (`…に代わって`, `…につないで`), as a regex
/// alternation.
const PUT_THROUGH: &str = "代わ|替わ|かわって|繋|つな";

/// Verbs of reaching a person, as they follow the person ("…に代わって").
const REACH: &[&str] = &[
    "話",
    "はな",
    "代わ",
    "替わ",
    "かわって",
    "繋",
    "つな",
    "対応",
    "やりとり",
    "やり取り",
    "相談",
    "連絡",
    "お願い",
    "おねがい",
    "電話",
    "聞",
    "問い合わせ",
];

/// Phrases that ask for a person on their own.
const HANDOFF_PHRASES: &[&str] = &[
    "オペレーター",
    "有人",
    "人間と",
    "人間に",
    "人間の",
    "直接話",
    "直接お話",
    "直接相談",
    "直接問い合わせ",
    "直接問合せ",
    "直接電話",
    "直接聞",
    "直接連絡",
    "電話で相談",
    "電話で対応",
    "電話で話",
    "電話でお話",
    "電話で問い合わせ",
    "お電話で相談",
    "話したいことが",
    "お話ししたいことが",
    "相談したいことが",
    "ご相談したいことが",
    "かけ直して",
    "かけなおして",
    "掛け直して",
    "折り返し電話",
    "折り返しの電話",
    "折り返し連絡",
    "折り返しご連絡",
    "折り返しお電話",
    "折り返しのお電話",
    "電話いただけ",
    "電話ください",
    "電話してもいい",
    "電話しても大丈夫",
    "電話してもよろし",
    "電話かけてもいい",
    "電話かけても大丈夫",
    "電話もらえ",
    "電話してもらえ",
    "電話してほしい",
    "電話して欲しい",
    // Typed in kana by customers who do not convert.
    "でんわください",
    "でんわもらえ",
    "でんわしてもらえ",
    "でんわしてほしい",
    "でんわいただけ",
    "おりかえしでんわ",
    "直接確認",
    "直接お伺い",
    "直接伺",
    "直接ご相談",
    "直接ご連絡",
    "直接お電話",
    "直接ご確認",
    "直接お聞き",
    // A call-back asked for by its noun alone (`折り返しもらえますか`).
    "折り返しもらえ",
    "折り返しください",
    "折り返しいただけ",
    "折り返し頂け",
    "折り返しお願い",
    "折り返しをお願い",
    "おりかえしください",
    "おりかえしもらえ",
    "自動返信じゃなく",
    "自動返信ではなく",
    "自動応答じゃなく",
    "自動応答ではなく",
    "ボットじゃなく",
    "ボットではなく",
    "ロボットじゃなく",
    "ロボットではなく",
    "チャットじゃなく",
    "チャットではなく",
    "対応できる人",
    "対応できる方",
    "話せる人",
    "話せる方",
    "わかる人",
    "分かる人",
    "わかる方",
    "分かる方",
    "human",
    "real person",
    "operator",
    "talk to someone",
    "talk to a person",
    "talk to staff",
];

/// Greetings, thanks, acknowledgements and feelings: removed before asking
/// whether anything is left.
const SMALL_TALK_PHRASES: &[&str] = &[
    "よろしくお願いいたします",
    "よろしくお願いします",
    "よろしくおねがいします",
    "宜しくお願いします",
    "よろしくです",
    "よろしく",
    "お願いいたします",
    "お願いします",
    "おねがいします",
    "お願いしまーす",
    "ありがとうございます",
    "ありがとうございました",
    "ありがとう",
    "ありがと",
    "有難うございます",
    "どうもです",
    "どうも",
    "あざす",
    "サンキュー",
    "感謝します",
    "感謝です",
    "助かりました",
    "助かります",
    "たすかります",
    "たすかりました",
    "了解しました",
    "了解です",
    "了解",
    "りょうかいです",
    "りょうかい",
    "承知しました",
    "承知いたしました",
    "承知です",
    "かしこまりました",
    "わかりました",
    "分かりました",
    "はーい",
    "はい",
    "うん",
    "ええ",
    "ok",
    "okです",
    "おk",
    "大丈夫です",
    "いいね",
    "なるほど",
    "こんにちは",
    "こんにちわ",
    "こんばんは",
    "こんばんわ",
    "おはようございます",
    "おはよう",
    "おやすみなさい",
    "おやすみ",
    "お疲れ様です",
    "お疲れさまです",
    "おつかれさまです",
    "お疲れ様",
    "おつかれさま",
    "お疲れです",
    "いつもお世話になっております",
    "お世話になっております",
    "お世話になってます",
    "お世話になりました",
    "いつもありがとうございます",
    "失礼します",
    "失礼いたします",
    "すみません",
    "すいません",
    "申し訳ありません",
    "申し訳ございません",
    "こちらこそ",
    "今日は",
    "今日も",
    "また来ます",
    "またきます",
    "また行きます",
    "またいきます",
    "また行きますね",
    "次回も",
    "またお願いします",
    "またお願いしますね",
    "また頼みます",
    "またよろしくお願いします",
    "今後とも",
    "楽しみにしてます",
    "楽しみにしています",
    "楽しみです",
    "hello",
    "hi",
    "thanks",
    "thank you",
    "good morning",
    "good night",
    "bye",
];

/// Words of thanks and feeling that mark a message as a reaction, not a question.
const FEELINGS: &[&str] = &[
    "ありがと",
    "有難",
    "感謝",
    "助かり",
    "たすかり",
    "嬉し",
    "うれし",
    "良かった",
    "よかった",
    "楽しかった",
    "たのしかった",
    "最高",
    "気に入",
    "おかげさま",
    "お世話になり",
    "ごちそうさま",
    "美味しかった",
    "おいしかった",
    "癒され",
    "満足",
    "感動",
    "快調",
    "快適",
    "調子いい",
    "調子良",
    "ばっちり",
    "いい感じ",
    "疲れた",
    "つかれた",
    "きつかった",
    "がんばります",
    "頑張ります",
    "筋肉痛",
    "お大事に",
    "よろしくお伝え",
    "見つかって",
];

/// Marks of a question or a request: a reaction that carries one is not small talk.
/// (`か` before a space or at the end is checked apart: folding trims the space.)
const ASKING: &[&str] = &[
    "?",
    "か。",
    "か、",
    "か!",
    "かな",
    "かね",
    "たい",
    "ください",
    "下さい",
    "ほしい",
    "欲しい",
    "教えて",
    "おしえて",
    "もらえ",
    "いただけ",
    "頂け",
    "どう",
    "何",
    "なに",
    "いつ",
    "どこ",
    "いくら",
    "でしょう",
    "ませんか",
    "ますか",
    "ですか",
];

/// The compiled built-in patterns. Build once per recogniser (well under a
/// millisecond); matching costs one regex search and two automaton passes.
#[derive(Debug, Clone)]
pub struct Builtins {
    handoff: Regex,
    small_talk: AhoCorasick,
    feelings: AhoCorasick,
    asking: AhoCorasick,
}

impl Default for Builtins {
    fn default() -> Self {
        Self::new()
    }
}

impl Builtins {
    /// The one compiled copy every recogniser shares: the patterns are the same for
    /// every store, so they are compiled once per process, not per configuration.
    pub fn shared() -> &'static Builtins {
        static SHARED: std::sync::OnceLock<Builtins> = std::sync::OnceLock::new();
        SHARED.get_or_init(Builtins::new)
    }

    pub fn new() -> Self {
        let alternation = |words: &[&[&str]]| {
            let mut folded: Vec<String> = words
                .iter()
                .flat_map(|list| list.iter())
                .map(|w| regex::escape(&fold(w)))
                .collect();
            // Longest first, so that the alternation prefers `担当者` to `担当`.
            folded.sort_by_key(|w| std::cmp::Reverse(w.len()));
            folded.join("|")
        };
        let person = format!(
            "(?:(?:{})|(?:^|[^0-9一二三四五六七八九十何数大主友恋本知他夫婦個])人)(?:さん|様|さま)?(?:の方)?",
            alternation(&[PEOPLE, IN_CHARGE])
        );
        // Anyone named with an honorific and asked to be reached (`トリマーさんに
        // つないで`, `整備士さんと話したい`): a store's own job titles need no list.
        let honorific = format!("(?:さん|様|さま)(?:と|に)(?:直接)?(?:話|はな|{PUT_THROUGH})");
        // Anyone named by their post and asked to be put through (`フロントの方に
        // つないで`). Only connecting verbs: `家の人と話して決めます` is no request.
        let put_through = format!("(?:の方|の人)に(?:{PUT_THROUGH})");
        // The person who served them before (`担当してくれた方と話したい`,
        // `対応してくださった方とお話し`): a relative clause, so no family member.
        let served_by = "(?:た|だ)方(?:と|に)(?:直接)?(?:お)?(?:話|はな)";
        // Whoever is in charge of them, by title (`担当の教官と話せますか`): 担当
        // marks the title as staff, whatever the trade calls them.
        let in_charge_of = format!(
            "担当(?:の|した|してくれた|してくださった)\\p{{Han}}{{1,4}}(?:さん|様|さま|先生)?(?:と|に)(?:直接)?(?:お|ご)?(?:話|はな|相談|{PUT_THROUGH})"
        );
        let present = format!(
            "(?:{})(?:さん|様|さま|先生)?(?:は|って|も)?(?:今|いま)?(?:{})",
            alternation(&[IN_CHARGE]),
            alternation(&[PRESENT])
        );
        let handoff = format!(
            "{person}(?:と|に|を|へ|から)?(?:直接)?(?:お|ご)?(?:{})|{}|{honorific}|{put_through}|{served_by}|{in_charge_of}|{present}",
            alternation(&[REACH]),
            alternation(&[HANDOFF_PHRASES])
        );
        let automaton = |words: &[&str]| {
            let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(folded)
                .expect("built-in phrases compile")
        };
        Self {
            handoff: Regex::new(&handoff).expect("the hand-off pattern compiles"),
            small_talk: automaton(SMALL_TALK_PHRASES),
            feelings: automaton(FEELINGS),
            asking: automaton(ASKING),
        }
    }

    /// The built-in intent of `folded` (see [`fold`]), if any.
    pub fn recognise(&self, folded: &str) -> Option<BuiltinMatch> {
        // "Call me when it is done" (`終わったら電話してもらえますか`) asks for a
        // notice, not for a person now.
        let conditional = |start: usize| {
            let before = &folded[..start];
            before.ends_with("たら") || before.ends_with("次第") || before.ends_with("たらお")
        };
        // "I'd like the same teacher" (`同じ先生にお願いしたい`) picks who serves,
        // as a booking does; it is not a request to talk to them.
        let nomination = |m: regex::Match<'_>| {
            let before = &folded[..m.start()];
            let asks_for_service =
                m.as_str().ends_with("お願い") || m.as_str().ends_with("おねがい");
            asks_for_service && NOMINATING.iter().any(|w| before.ends_with(w))
        };
        if self
            .handoff
            .find_iter(folded)
            .any(|m| !conditional(m.start()) && !nomination(m))
        {
            return Some(BuiltinMatch::HumanHandoff);
        }
        let asks = self.asking.is_match(folded) || folded.ends_with('か') || folded.contains("か ");
        let reaction = self.feelings.is_match(folded) && !asks;
        (reaction || self.only_small_talk(folded)).then_some(BuiltinMatch::SmallTalk)
    }

    /// Whether nothing but small-talk phrases, punctuation, emoji and sentence
    /// endings is left.
    fn only_small_talk(&self, folded: &str) -> bool {
        // The text between phrases, gap by gap, without building a new string.
        let meaningful = |gap: &str| {
            gap.split(|c: char| !c.is_alphanumeric()).any(|run| {
                !run.trim_end_matches(['ね', 'よ', 'す', 'ま', 'で', 'ー', 'w', '笑', '草'])
                    .trim_start_matches(['w'])
                    .is_empty()
            })
        };
        let mut last = 0;
        for m in self.small_talk.find_iter(folded) {
            if meaningful(&folded[last..m.start()]) {
                return false;
            }
            last = m.end();
        }
        !meaningful(&folded[last..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recognise(text: &str) -> Option<BuiltinMatch> {
        Builtins::new().recognise(&fold(text))
    }

    #[test]
    fn asking_for_a_person_is_a_hand_off_in_any_register() {
        for text in [
            "スタッフさんと直接話したいです",
            "人に代わってもらえますか",
            "ｵﾍﾟﾚｰﾀｰにつないでください",
            "担当者さんお願いします",
            "自動返信じゃなくて人と話せますか",
            "電話で相談したいです",
            "整備士さんと話せますか",
            "院長につないでください",
            "支配人に相談したいことがあります",
            "女将さんと話せますか",
            "さっきの件、この番号にかけ直してください",
            "ちょっとお話ししたいことがあるのですが",
            "店長さんいますか",
            "オーナーさんいらっしゃいますか？直接確認したいことがあって",
            "院長先生は今いらっしゃいますか",
            "でんわしてほしいです",
            "支払いの件で直接ご相談できますか",
            "折り返しいただけますか",
            "受付の方につないでもらえますか",
            "店長の方とお話しできますか",
            "この前対応してくださった方とお話ししたいです",
            "今から電話しても大丈夫ですか",
            "担当の講師と話せますか",
        ] {
            assert_eq!(recognise(text), Some(BuiltinMatch::HumanHandoff), "{text}");
        }
    }

    #[test]
    fn asking_to_be_called_when_the_work_is_done_is_not_a_hand_off() {
        for text in [
            "終わったら電話してもらえますか",
            "仕上がり次第電話ください",
            "仕上がったらかけ直してください",
        ] {
            assert_ne!(recognise(text), Some(BuiltinMatch::HumanHandoff), "{text}");
        }
    }

    #[test]
    fn party_sizes_and_choosing_a_stylist_are_not_hand_offs() {
        for text in [
            "大人2人お願いします",
            "3人で予約できますか",
            "前回と同じ担当の方でお願いしたいです",
            "担当者を変えることはできますか",
            "退会って電話でもできますか",
            "店長さんを指名したいのですが",
            "時間の延長をお願いできますか",
            "女将さんおすすめの料理はありますか",
            "女性の先生はいますか",
            "どんなスタッフさんがいますか",
            "店長さんいつもいい人ですね",
            "同じスタッフにお願いしたいです",
            "前回の先生におねがいできますか",
            "主人と相談してから決めます",
            "友人と話して決めますね",
            "家の方と話して決めます",
        ] {
            assert_ne!(recognise(text), Some(BuiltinMatch::HumanHandoff), "{text}");
        }
    }

    #[test]
    fn greetings_thanks_and_reactions_are_small_talk() {
        for text in [
            "よろしくお願いします",
            "ありがとうございました！",
            "了解です👍",
            "はーい",
            "👍",
            "今日はありがとうございました✨すごく気に入りました",
            "こんにちは、いつもお世話になっております",
            "この前のやつ、すごく快適です😊",
        ] {
            assert_eq!(recognise(text), Some(BuiltinMatch::SmallTalk), "{text}");
        }
    }

    #[test]
    fn a_question_after_thanks_is_not_small_talk() {
        for text in [
            "ありがとうございます、駐車場はありますか",
            "よろしくお願いします。予約の変更をしたいです",
            "予約をお願いします",
            "キャンセルでお願いします",
        ] {
            assert_eq!(recognise(text), None, "{text}");
        }
    }
}
