//! Shows that generation time grows linearly with each pathological input: times `generate` on
//! 1×, 2× and 4× the base size of every input in `tests/support/pathological_inputs.rs` (the 4×
//! size is the one `tests/pathological.rs` runs) and prints the ratios. Linear time doubles with
//! the size (ratios near 2 and 4); quadratic time would show 4 and 16.
//!
//! `cargo bench -p generator --bench linear [NAME…]` (optimised build; names filter the inputs).
//! `LINEAR_RUNS` sets the number of runs per size (the fastest is kept; default 5),
//! `LINEAR_SCALE` multiplies every size. Pages are parsed on one thread (`RAYON_NUM_THREADS=1`).

#[path = "../tests/support/pathological_inputs.rs"]
mod inputs;

use generator::{generate, EmitOptions, SourceFile, SourceSet};
use std::time::{Duration, Instant};

fn options() -> EmitOptions {
    EmitOptions::default()
}

/// Process CPU time (user + system) from `/proc/self/stat`, in 10 ms ticks; `None` elsewhere.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may contain spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

struct Measure {
    wall: Duration,
    cpu: Option<Duration>,
    stages: generator::pipeline::Timings,
}

/// The fastest of `runs` runs (by wall time).
fn time(page: &(String, String), runs: usize) -> Measure {
    (0..runs)
        .map(|_| {
            let sources = SourceSet::new(vec![SourceFile::new(page.0.clone(), &page.1)]);
            let cpu_before = cpu_time();
            let started = Instant::now();
            let generation = generate(&sources, &options());
            let wall = started.elapsed();
            let cpu = cpu_time()
                .zip(cpu_before)
                .map(|(after, before)| after - before);
            let stages = generation.timings();
            std::hint::black_box(generation);
            Measure { wall, cpu, stages }
        })
        .min_by_key(|m| m.wall)
        .expect("at least one run")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

type Builder = fn(usize) -> (String, String);

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters the inputs by name.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    // One thread, so that wall time is the work done and not the scheduling of a pool.
    if std::env::var_os("RAYON_NUM_THREADS").is_none() {
        std::env::set_var("RAYON_NUM_THREADS", "1");
    }
    let runs = std::env::var("LINEAR_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    // `LINEAR_SCALE=4` multiplies every base size, to look past cache effects at the 4× step.
    let scale: usize = std::env::var("LINEAR_SCALE")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let cases: &[(&str, Builder, usize, &str)] = &[
        (
            "wide table",
            inputs::wide_table,
            10 * 1024 * 1024 / 4,
            "bytes",
        ),
        // Short rows: 65,000 properties at 4×, all in one struct (once quadratic, now linear).
        ("table", inputs::big_table, 10 * 1024 * 1024 / 16, "bytes"),
        ("long line", inputs::long_line, 1024 * 1024 / 4, "bytes"),
        (
            "line: words",
            |n| inputs::long_line_of(n, &["word "]),
            1024 * 1024 / 4,
            "bytes",
        ),
        (
            "line: emphasis",
            |n| inputs::long_line_of(n, &["*a* ", "**b** "]),
            1024 * 1024 / 4,
            "bytes",
        ),
        (
            "line: code",
            |n| inputs::long_line_of(n, &["`code` "]),
            1024 * 1024 / 4,
            "bytes",
        ),
        (
            "line: links",
            |n| inputs::long_line_of(n, &["[link](other.md) "]),
            1024 * 1024 / 4,
            "bytes",
        ),
        (
            "line: TODO",
            |n| inputs::long_line_of(n, &["**TODO ", "**TODO: x** "]),
            1024 * 1024 / 4,
            "bytes",
        ),
        (
            "line: html",
            |n| inputs::long_line_of(n, &["<b>html</b> "]),
            1024 * 1024 / 4,
            "bytes",
        ),
        ("nested lists", inputs::nested_lists, 10_000 / 4, "levels"),
        ("nested quotes", inputs::nested_quotes, 10_000 / 4, "levels"),
        ("nested inline", inputs::nested_inline, 10_000 / 4, "levels"),
        ("deep json", inputs::deep_json, 10_000 / 4, "levels"),
    ];
    println!(
        "{:<16} {:>9} {:>7} {:>10} {:>6} {:>10} {:>6}   parse/lower/check/emit ms",
        "input", "size", "unit", "wall ms", "ratio", "cpu ms", "ratio"
    );
    for &(name, build, base, unit) in cases {
        let base = base * scale;
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let mut first: Option<Measure> = None;
        for factor in [1, 2, 4] {
            let page = build(base * factor);
            let m = time(&page, runs);
            let f = first.get_or_insert(Measure {
                wall: m.wall,
                cpu: m.cpu,
                stages: m.stages,
            });
            let cpu = m.cpu.map_or("-".to_owned(), |c| format!("{:.0}", ms(c)));
            let cpu_ratio = match (m.cpu, f.cpu) {
                (Some(c), Some(c0)) if !c0.is_zero() => {
                    format!("{:.2}", c.as_secs_f64() / c0.as_secs_f64())
                }
                _ => "-".to_owned(),
            };
            let st = m.stages;
            println!(
                "{name:<16} {:>9} {unit:>7} {:>10.1} {:>6.2} {cpu:>10} {cpu_ratio:>6}   {:.0}/{:.0}/{:.0}/{:.0}",
                base * factor,
                ms(m.wall),
                m.wall.as_secs_f64() / f.wall.as_secs_f64(),
                ms(st.parse),
                ms(st.lower),
                ms(st.check),
                ms(st.emit),
            );
        }
    }
}
