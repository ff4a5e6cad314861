//! Writes `data/readings.fst` from the `word<TAB>reading` table that
//! `scripts/intent-vocabulary` extracts from IPADIC:
//!
//! ```text
//! cargo run -p otodoke-autoreply --example build_readings -- READINGS.tsv OUT.fst
//! ```
//!
//! The fst is a set of `word` + [`SEPARATOR`] + `reading` keys, so that a walk along
//! a text finds the words and a range under `word` + separator lists their readings.

use std::collections::BTreeSet;

/// Must match `SEPARATOR` in `src/readings.rs`.
const SEPARATOR: char = '\u{1F}';

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [readings, out] = args.as_slice() else {
        return Err("usage: build_readings READINGS.tsv OUT.fst".into());
    };
    // An fst takes its keys in byte order.
    let mut keys = BTreeSet::new();
    for line in std::fs::read_to_string(readings)?.lines() {
        let (word, reading) = line.split_once('\t').ok_or("a line is word<TAB>reading")?;
        keys.insert(format!("{word}{SEPARATOR}{reading}"));
    }
    let mut set = fst::SetBuilder::new(std::io::BufWriter::new(std::fs::File::create(out)?))?;
    for key in &keys {
        set.insert(key)?;
    }
    set.finish()?;
    println!("{} readings", keys.len());
    Ok(())
}
