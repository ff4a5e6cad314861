//! The probe's figures as a Markdown table.

use crate::measure::{ColdStart, Load};
use std::time::Duration;

/// Lambda's smallest memory size, which every function must fit in.
const LIMIT_MIB: f64 = 128.0;

/// One function's figures.
pub struct Row {
    name: String,
    binary_mib: f64,
    init_ms: (f64, f64),
    first_ms: (f64, f64),
    first_peak_mib: f64,
    load: Option<Load>,
    load_label: String,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// Median and maximum (the median of an even count is the mean of the middle two).
fn median_max(mut values: Vec<f64>) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    (median, values[n - 1])
}

impl Row {
    pub fn new(
        name: &str,
        binary_bytes: u64,
        cold: &[ColdStart],
        load: Option<Load>,
        load_label: String,
    ) -> Row {
        Row {
            name: name.to_owned(),
            binary_mib: binary_bytes as f64 / (1024.0 * 1024.0),
            init_ms: median_max(cold.iter().map(|c| ms(c.init)).collect()),
            first_ms: median_max(cold.iter().map(|c| ms(c.first_event)).collect()),
            first_peak_mib: median_max(cold.iter().map(|c| c.memory.peak_rss_mib()).collect()).0,
            load,
            load_label,
        }
    }

    fn load_cells(&self) -> (String, String) {
        match &self.load {
            Some(load) => {
                let peak = load.memory.peak_rss_mib();
                let verdict = if peak <= LIMIT_MIB { "fits" } else { "OVER" };
                let per = ms(load.elapsed) / load.invocations.max(1) as f64;
                (
                    format!("{peak:.1} ({verdict} 128)"),
                    format!("{}; {per:.1} ms/invocation", self.load_label),
                )
            }
            None => ("–".into(), "–".into()),
        }
    }

    /// One line for the progress log.
    pub fn summary(&self) -> String {
        let (peak, load) = self.load_cells();
        format!(
            "{}: init {:.1}/{:.1} ms, first event {:.1}/{:.1} ms, peak {peak} MiB under {load}",
            self.name, self.init_ms.0, self.init_ms.1, self.first_ms.0, self.first_ms.1
        )
    }
}

/// The Markdown table of all rows.
pub fn table(rows: &[Row], runs: usize) -> String {
    let mut out = String::from(
        "| function | binary MiB | init ms median / max | first event ms median / max | peak RSS MiB after first event | peak RSS MiB under load | load |\n\
         |---|---:|---:|---:|---:|---:|---|\n"
    );
    for row in rows {
        let (peak, load) = row.load_cells();
        out.push_str(&format!(
            "| {} | {:.1} | {:.1} / {:.1} | {:.1} / {:.1} | {:.1} | {peak} | {load} |\n",
            row.name,
            row.binary_mib,
            row.init_ms.0,
            row.init_ms.1,
            row.first_ms.0,
            row.first_ms.1,
            row.first_peak_mib,
        ));
    }
    out.push_str(&format!(
        "\n{runs} cold starts per function (median / max); the load runs after the last one's first event.\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median_max(vec![4.0, 1.0, 3.0, 2.0]), (2.5, 4.0));
        assert_eq!(median_max(vec![5.0, 1.0, 3.0]), (3.0, 5.0));
    }
}
