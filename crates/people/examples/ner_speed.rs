//! How fast the model labels text, split into its parts (the base
//! dictionary's cut, features, labelling), on the lines of a text file, in
//! seconds of CPU. `NER_PRUNE=EPS` first drops the features whose weights all
//! stay within EPS of zero; `NER_FINDER_ONLY=1` times the whole finder alone
//! (for a profiler).
//!
//! ```text
//! cargo run --release -p shuzibao-people --example ner_speed -- TEXT_FILE [MODEL.bin]
//! ```

use shuzibao_core::segment::Segmenter;
use shuzibao_people::{features, Model};

/// The CPU time this thread has had, in seconds (Linux's schedstat): on a
/// busy machine the wall time counts the waits for a core too.
fn cpu_s() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns / 1e9)
}

/// Seconds of CPU since `t`.
struct Clock(f64);

impl Clock {
    fn now() -> Clock {
        Clock(cpu_s())
    }
    fn elapsed(&self) -> f64 {
        cpu_s() - self.0
    }
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = std::fs::read_to_string(&args[0]).map_err(|e| format!("{}: {e}", args[0]))?;
    let model = match args.get(1) {
        Some(p) => Model::from_bytes(&std::fs::read(p).map_err(|e| e.to_string())?),
        None => shuzibao_people::builtin(),
    }
    .map_err(|e| e.to_string())?;
    let model = match std::env::var("NER_PRUNE").ok().and_then(|v| v.parse::<f32>().ok()) {
        Some(eps) => model.pruned(eps),
        None => model,
    };
    println!("{} features", model.features());
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    // what a process pays once: the base dictionary and the built-in model
    // read (not counted in the speeds below)
    let t = Clock::now();
    let seg = Segmenter::base();
    shuzibao_people::entities::extract_text("区委书记王明远出席会议。", None);
    let load = t.elapsed();
    println!("loading the dictionary and the model, once a process: {load:.2} s (not counted below)");
    let mb = text.len() as f64 / 1e6;
    if std::env::var_os("NER_FINDER_ONLY").is_some() {
        // the whole finder alone, e.g. under a profiler
        let t = Clock::now();
        let n: usize = lines.iter().map(|l| shuzibao_people::entities::extract_text(l, None).mentions.len()).sum();
        let s = t.elapsed();
        println!("the whole finder (entities::extract_text): {s:.2} s, {:.2} MB/s, {n} mentions", mb / s);
        return Ok(());
    }
    let t = Clock::now();
    let mut words = 0;
    for l in &lines {
        words += seg.tagged(l).len();
    }
    let cut = t.elapsed();
    let t = Clock::now();
    let feats: Vec<Vec<u32>> = lines.iter().map(|l| features::extract(l, &seg)).collect();
    let feat = t.elapsed();
    let t = Clock::now();
    let mut labelled = 0;
    for f in &feats {
        labelled += model.label(f).len();
    }
    let label = t.elapsed();
    let t = Clock::now();
    let mut n_rules = 0;
    for l in &lines {
        n_rules += shuzibao_people::entities::extract_text(l, None).mentions.len();
    }
    let rules = t.elapsed();
    let t = Clock::now();
    for l in &lines {
        words += seg.tagged_fast(l).len();
    }
    let fast = t.elapsed();
    println!("the whole finder (entities::extract_text): {rules:.2} s, {:.2} MB/s, {n_rules} mentions", mb / rules);
    println!("cut without HMM: {:.2} MB/s", mb / fast);
    println!("{mb:.1} MB, {} lines, {words} words, {labelled} characters", lines.len());
    println!("cut (tagged words): {:.2} s, {:.2} MB/s", cut, mb / cut);
    println!("features (with the cut): {:.2} s, {:.2} MB/s", feat, mb / feat);
    println!("labelling: {:.2} s, {:.2} MB/s", label, mb / label);
    println!("together: {:.2} MB/s", mb / (feat + label));
    Ok(())
}
