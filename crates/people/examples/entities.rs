//! Prints the people (with posts), organisations, places and events found in
//! text read from standard input, one paragraph per line: `cargo run -p shuzibao-people --example entities < FILE`.
//! With `NER_MODEL_ONLY=1`, the names the model alone labels, before any
//! rule (to see which part of the finder made a mention).

use std::io::Read;

fn main() -> std::io::Result<()> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    if std::env::var_os("NER_MODEL_ONLY").is_some() {
        let model = shuzibao_people::builtin().map_err(std::io::Error::other)?;
        let seg = shuzibao_core::segment::Segmenter::base();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let chars: Vec<char> = line.chars().collect();
            for s in model.names(line, &seg) {
                println!("{:?}\t{}", s.kind, chars[s.start..s.end].iter().collect::<String>());
            }
        }
        return Ok(());
    }
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let found = shuzibao_people::entities::extract_text(line, None);
        for p in &found.people {
            println!(
                "person\t{}\t{}\t{}",
                p.name,
                p.post.as_deref().unwrap_or(""),
                line.chars().take(40).collect::<String>()
            );
        }
        for (kind, names) in
            [("organization", &found.organizations), ("place", &found.places), ("event", &found.events)]
        {
            for n in names {
                println!("{kind}\t{n}");
            }
        }
    }
    Ok(())
}
