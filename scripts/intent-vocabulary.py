"""Extracts the intent vocabulary from GiNZA's spaCy vocabulary (see scripts/intent-vocabulary).

Writes WORDS_TSV (`word<TAB>class`) and VECTORS_BIN (one row of DIMENSIONS signed
bytes per class). Usage: intent-vocabulary.py VOCAB_DIR WORDS_TSV VECTORS_BIN
"""
import re
import sys

import numpy as np
from spacy.vocab import Vocab

# Must match DIMENSIONS in crates/autoreply/src/vocabulary.rs.
DIMENSIONS = 128
# Must match LONGEST_WORD there.
LONGEST_WORD = 8

vocab_dir, words_tsv, vectors_bin = sys.argv[1:4]
vocab = Vocab().from_disk(vocab_dir)
vectors = vocab.vectors

# Content words only: kana and kanji, with at least one kanji or katakana
# character (hiragana-only entries are mostly particles and endings).
kana_kanji = re.compile(r"^[\u3041-\u309F\u30A1-\u30FA\u30FC\u4E00-\u9FFF\u3400-\u4DBF々]+$")
strong = re.compile(r"[\u30A1-\u30FA\u4E00-\u9FFF\u3400-\u4DBF]")
pairs = []
for key, row in vectors.key2row.items():
    try:
        word = vocab.strings[key]
    except KeyError:
        continue
    if len(word) <= LONGEST_WORD and kana_kanji.match(word) and strong.search(word):
        pairs.append((word, row))
with open(words_tsv, "w", encoding="utf-8") as out:
    for word, row in sorted(pairs):
        out.write(f"{word}\t{row}\n")

# Unit length, centred (the common direction every word shares says nothing),
# reduced to DIMENSIONS principal axes, unit length again, and quantised to signed
# bytes at the 99.99th percentile of the magnitudes.
data = vectors.data.astype(np.float64)
data /= np.maximum(np.linalg.norm(data, axis=1, keepdims=True), 1e-9)
data -= data.mean(axis=0)
_, _, axes = np.linalg.svd(data, full_matrices=False)
reduced = data @ axes[:DIMENSIONS].T
reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-9)
scale = np.percentile(np.abs(reduced), 99.99)
quantised = np.clip(np.round(reduced / scale * 127), -127, 127).astype(np.int8)
quantised.tofile(vectors_bin)
print(f"{len(pairs)} words, {quantised.shape[0]} classes of {DIMENSIONS} dimensions")
