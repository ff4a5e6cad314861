//! Writes `data/words.fst` from the `word<TAB>class` table that
//! `scripts/intent-vocabulary` extracts from GiNZA's word vectors:
//!
//! ```text
//! cargo run -p otodoke-autoreply --example build_vocabulary -- WORDS.tsv OUT.fst
//! ```

use std::collections::BTreeMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [words, out] = args.as_slice() else {
        return Err("usage: build_vocabulary WORDS.tsv OUT.fst".into());
    };
    // An fst takes its keys in byte order.
    let mut sorted = BTreeMap::new();
    for line in std::fs::read_to_string(words)?.lines() {
        let (word, class) = line.split_once('\t').ok_or("a line is word<TAB>class")?;
        sorted.insert(word.to_owned(), class.parse::<u16>()?);
    }
    let mut map = fst::MapBuilder::new(std::io::BufWriter::new(std::fs::File::create(out)?))?;
    for (word, class) in &sorted {
        map.insert(word, u64::from(*class))?;
    }
    map.finish()?;
    println!("{} words", sorted.len());
    Ok(())
}
