//! The runner of `cargo xtask bench-models`, which writes this crate under
//! `target/bench-models/` beside a generated crate, a serde-derive mirror of four of its models
//! (`mirror.rs`) and their data (doc example bodies, each replicated into one JSON array).
//!
//! For each type it reads and writes the same bytes three ways: through the generated model,
//! as `serde_json::Value`, and through the mirror (and, with `--baseline`, through the models of
//! another generated crate). Medians are printed, and ratios of medians taken in this one run.

mod cases;
mod mirror;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::rc::Rc;
use std::path::Path;
use std::time::{Duration, Instant};

/// One benched type: its data, and its measurements, each a closure timing one pass.
pub struct Case {
    name: &'static str,
    objects: usize,
    bytes: usize,
    /// `size_of` the model and of its mirror: what each object costs whatever it holds.
    sizes: (usize, usize),
    text: Rc<String>,
    measures: Vec<(&'static str, Box<dyn FnMut() -> Duration>)>,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let data = args.next().expect("usage: runner DATA_DIR [SAMPLES]");
    let samples: usize = args.next().map_or(15, |s| s.parse().expect("SAMPLES is a number"));
    let mut cases = cases::cases(Path::new(&data));
    println!("models bench: medians of {samples} samples, in ns per object; ratios are ratios of medians");
    for case in &mut cases {
        let medians = measure(case, samples);
        print(case, &medians);
    }
}

/// The measurements of one type: `T` is the generated model, `M` its mirror.
pub fn case<T, M>(name: &'static str, path: &Path) -> Case
where
    T: Serialize + DeserializeOwned + 'static,
    M: Serialize + DeserializeOwned + 'static,
{
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let values: Vec<Value> = serde_json::from_str(&text).expect("the data is JSON");
    let typed: Vec<T> = serde_json::from_str(&text).expect("the model reads the data");
    let mirrored: Vec<M> = serde_json::from_str(&text).expect("the mirror reads the data");
    // The model keeps everything: what it writes is what it read.
    assert!(
        serde_json::to_value(&typed).expect("the model writes") == Value::Array(values.clone()),
        "{name}: the model does not write back what it read"
    );
    let (objects, bytes, text) = (values.len(), text.len(), Rc::new(text));
    let sizes = (std::mem::size_of::<T>(), std::mem::size_of::<M>());
    let mut case = Case { name, objects, bytes, sizes, text: text.clone(), measures: Vec::new() };
    case.reads::<T>("read typed");
    case.reads::<Value>("read Value");
    case.reads::<M>("read mirror");
    case.writes("write typed", typed);
    case.writes("write Value", values);
    case.writes("write mirror", mirrored);
    case
}

impl Case {
    /// Adds the generated model of another crate (`--baseline`), read and written.
    pub fn with_baseline<B: Serialize + DeserializeOwned + 'static>(mut self) -> Self {
        let read: Vec<B> = serde_json::from_str(&self.text).expect("the baseline reads the data");
        self.reads::<B>("read baseline");
        self.writes("write baseline", read);
        self
    }

    fn reads<R: DeserializeOwned + 'static>(&mut self, label: &'static str) {
        let text = self.text.clone();
        let measure = move || time(|| black_box(serde_json::from_str::<Vec<R>>(&text).unwrap()));
        self.measures.push((label, Box::new(measure)));
    }

    fn writes<W: Serialize + 'static>(&mut self, label: &'static str, data: Vec<W>) {
        let measure = move || time(|| black_box(serde_json::to_string(&data).unwrap()));
        self.measures.push((label, Box::new(measure)));
    }
}

/// The median of each measurement. Every sample runs each measurement once, so that a noisy
/// moment of a shared machine falls on all of them alike.
fn measure(case: &mut Case, samples: usize) -> BTreeMap<&'static str, Duration> {
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); case.measures.len()];
    for _ in 0..samples {
        for (i, (_, measure)) in case.measures.iter_mut().enumerate() {
            times[i].push(measure());
        }
    }
    case.measures
        .iter()
        .zip(times)
        .map(|((label, _), mut t)| {
            t.sort();
            (*label, t[t.len() / 2])
        })
        .collect()
}

/// How long `f` takes, its result dropped outside the timing.
fn time<R>(f: impl FnOnce() -> R) -> Duration {
    let started = Instant::now();
    let result = f();
    let elapsed = started.elapsed();
    drop(result);
    elapsed
}

fn print(case: &Case, medians: &BTreeMap<&'static str, Duration>) {
    let ns = |label: &str| medians[label].as_nanos() as f64 / case.objects as f64;
    let mbs = |label: &str| case.bytes as f64 / 1e6 / medians[label].as_secs_f64();
    println!();
    println!(
        "{}: {} objects of {} bytes ({:.1} MB); in memory, {} bytes a model, {} a mirror",
        case.name,
        case.objects,
        case.bytes / case.objects,
        case.bytes as f64 / 1e6,
        case.sizes.0,
        case.sizes.1,
    );
    for (label, _) in &case.measures {
        println!("  {label:<15} {:>9.0} ns/object {:>8.0} MB/s", ns(label), mbs(label));
    }
    let ratio = |a: &str, b: &str| ns(a) / ns(b);
    println!(
        "  read:  typed/Value {:.2}, typed/mirror {:.2};  write: typed/mirror {:.2}, typed/Value {:.2}",
        ratio("read typed", "read Value"),
        ratio("read typed", "read mirror"),
        ratio("write typed", "write mirror"),
        ratio("write typed", "write Value"),
    );
    if medians.contains_key("read baseline") {
        println!(
            "  against the baseline: read typed/baseline {:.2}, write typed/baseline {:.2}",
            ratio("read typed", "read baseline"),
            ratio("write typed", "write baseline"),
        );
    }
}
