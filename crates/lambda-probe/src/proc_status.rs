//! Memory figures of a running process from Linux's `/proc/<pid>/status`.

/// A process's resident memory, in KiB, as the kernel counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Memory {
    /// `VmHWM`: the peak resident set size since the process started.
    pub peak_rss_kib: u64,
    /// `VmRSS`: the resident set size now.
    pub rss_kib: u64,
}

impl Memory {
    /// The peak in MiB (1 MiB = 1,024 KiB), as Lambda's "Max Memory Used" counts.
    pub fn peak_rss_mib(&self) -> f64 {
        self.peak_rss_kib as f64 / 1024.0
    }
}

/// Reads the memory figures of process `pid`. Costs one small file read; fails when
/// the process is gone (or not on Linux).
pub fn memory_of(pid: u32) -> std::io::Result<Memory> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    parse_status(&status).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("/proc/{pid}/status has no VmHWM/VmRSS lines"),
        )
    })
}

/// The `VmHWM` and `VmRSS` lines of a `/proc/<pid>/status` text; `None` when
/// either is missing (a zombie has neither).
pub fn parse_status(status: &str) -> Option<Memory> {
    let kib = |key: &str| {
        status.lines().find_map(|line| {
            let rest = line.strip_prefix(key)?.strip_prefix(':')?;
            rest.trim().strip_suffix("kB")?.trim().parse::<u64>().ok()
        })
    };
    Some(Memory {
        peak_rss_kib: kib("VmHWM")?,
        rss_kib: kib("VmRSS")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_and_current_rss_are_read_from_the_status_lines() {
        let status = "Name:\twebhook\nVmPeak:\t  600000 kB\nVmHWM:\t   12345 kB\nVmRSS:\t   10000 kB\nThreads:\t3\n";
        assert_eq!(
            parse_status(status),
            Some(Memory {
                peak_rss_kib: 12_345,
                rss_kib: 10_000
            })
        );
    }

    #[test]
    fn a_zombie_without_memory_lines_has_no_figures() {
        assert_eq!(parse_status("Name:\twebhook\nState:\tZ (zombie)\n"), None);
    }

    #[test]
    fn this_process_has_a_peak_at_least_as_large_as_its_rss() {
        let memory = memory_of(std::process::id()).unwrap();
        assert!(memory.rss_kib > 0);
        assert!(memory.peak_rss_kib >= memory.rss_kib);
    }
}
