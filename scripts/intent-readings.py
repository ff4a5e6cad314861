"""Extracts the kana readings of IPADIC's common nouns (see scripts/intent-vocabulary).

Reads MeCab's compiled IPADIC (`sys.dic`, as the `ipadic` package on PyPI ships
it) and writes READINGS_TSV (`word<TAB>reading`, the reading in hiragana), sorted.
A MeCab dictionary is a header, a double array, a token table and the feature
strings, NUL-terminated; each feature string is `pos,pos1,pos2,pos3,conjugation,
form,base,reading,pronunciation`. Only nouns whose base form is their spelling are
kept (common nouns, verbal nouns, adjectival and adverbial nouns; not proper
nouns, which are mostly names), written with at least one kanji, of at most
LONGEST_WORD characters. Short readings are kept: a compound's reading is made of
its parts' (`駅` + `前`), and the recogniser drops short ones only at the end.
Usage: intent-readings.py SYS_DIC READINGS_TSV
"""
import re
import struct
import sys

# Must match LONGEST_WORD in crates/autoreply/src/vocabulary.rs.
LONGEST_WORD = 8
NOUNS = {"一般", "サ変接続", "形容動詞語幹", "副詞可能", "ナイ形容詞語幹"}

sys_dic, readings_tsv = sys.argv[1:3]
data = open(sys_dic, "rb").read()
# magic, version, type, lexsize, lsize, rsize, dsize, tsize, fsize, dummy; charset[32]
_, _, _, _, _, _, dsize, tsize, fsize, _ = struct.unpack_from("<10I", data, 0)
charset = data[40:72].split(b"\0")[0].decode()
features = data[72 + dsize + tsize : 72 + dsize + tsize + fsize]

kanji = re.compile(r"[\u4E00-\u9FFF\u3400-\u4DBF々]")
kana = re.compile(r"[\u3041-\u309Fー]+")


def hiragana(text):
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


pairs = set()
for raw in features.split(b"\0"):
    fields = raw.decode(charset, errors="replace").split(",")
    if len(fields) < 8 or fields[0] != "名詞" or fields[1] not in NOUNS:
        continue
    word, reading = fields[6], hiragana(fields[7])
    if (
        kanji.search(word)
        and len(word) <= LONGEST_WORD
        and kana.fullmatch(reading)
    ):
        pairs.add((word, reading))
with open(readings_tsv, "w", encoding="utf-8") as out:
    for word, reading in sorted(pairs):
        out.write(f"{word}\t{reading}\n")
print(f"{len(pairs)} readings ({charset})")
