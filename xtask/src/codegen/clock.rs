//! `--timings`: the wall-clock time of each stage of one run, the generator's own stages
//! included.

use std::time::{Duration, Instant};

pub struct Clock {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Clock {
    pub fn new() -> Self {
        Clock {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends the stage `name` now.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }

    /// Ends the generator's run, split into the stages it timed itself.
    pub fn stages(&mut self, timings: generator::Timings) {
        let now = Instant::now();
        let total = now - self.last;
        let stages = [
            ("parse", timings.parse),
            ("lower", timings.lower),
            ("analyze", timings.analyze),
            ("check", timings.check),
            ("snippets", timings.surface),
            ("emit", timings.emit),
        ];
        let timed: Duration = stages.iter().map(|(_, d)| *d).sum();
        self.laps.extend(stages);
        // Diagnostics policy and the hand-over between stages.
        self.laps.push(("rest", total.saturating_sub(timed)));
        self.last = now;
    }

    pub fn summary(&self) -> String {
        let laps: Vec<String> = self
            .laps
            .iter()
            .map(|(name, d)| format!("{name} {:.3}s", d.as_secs_f64()))
            .collect();
        laps.join(", ")
    }
}
