//! `shuzibao entities [--json] FILE|-...`: the people, organisations and
//! places (and named events) the archive would find in a text, one paragraph
//! per line, as the archive finds them: the trained model and the rules
//! around it (`shuzibao_people::entities`). Nothing is read from or written
//! to an archive.
//!
//! Text (the default) prints each paragraph's names as `name/PER`; `--json`
//! prints one JSON object per input line (JSON Lines), documented in
//! `docs/entities.md`: `{"line", "text", "entities": [{"kind", "text",
//! "start", "end"}]}`, the line numbered from 1 in its file, with offsets
//! in characters (Unicode scalar values), end exclusive. An empty line gives
//! an object with no entities, so that output lines match input lines.

use crate::cli::EntitiesArgs;
use crate::exit::{Outcome, Status};
use serde::Serialize;
use shuzibao_people::entities::{extract_text, MentionKind};
use std::io::{self, Read, Write};

/// One name found, as `--json` prints it.
#[derive(Debug, Serialize)]
struct Found<'a> {
    /// `person`, `organization`, `place` or `event`.
    kind: &'static str,
    text: &'a str,
    /// First character (counted in Unicode scalar values).
    start: usize,
    /// One past the last.
    end: usize,
}

/// A line of input with its names.
#[derive(Debug, Serialize)]
struct Line<'a> {
    /// The line's number in its file, from 1.
    line: usize,
    text: &'a str,
    entities: Vec<Found<'a>>,
}

fn kind_name(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Person => "person",
        MentionKind::Organization => "organization",
        MentionKind::Place => "place",
        MentionKind::Event => "event",
    }
}

/// The names of one paragraph, in order, each once per place.
fn names(text: &str, events: bool) -> Vec<Found<'_>> {
    let e = extract_text(text, None);
    let mut out: Vec<Found<'_>> = e
        .mentions
        .iter()
        .filter(|m| events || m.kind != MentionKind::Event)
        .map(|m| {
            let start = text[..m.range.start].chars().count();
            let name = &text[m.range.clone()];
            Found { kind: kind_name(m.kind), text: name, start, end: start + name.chars().count() }
        })
        .collect();
    out.sort_by_key(|f| (f.start, f.end));
    out.dedup_by_key(|f| (f.start, f.end));
    out
}

/// Runs the subcommand.
pub fn run(a: &EntitiesArgs) -> Outcome {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for path in &a.files {
        let (shown, bytes) = if path.as_os_str() == "-" {
            let mut b = Vec::new();
            io::stdin().read_to_end(&mut b)?;
            ("standard input".to_string(), b)
        } else {
            match std::fs::read(path) {
                Ok(b) => (path.display().to_string(), b),
                Err(e) => {
                    eprintln!("shuzibao: {}: {e}", path.display());
                    failed += 1;
                    continue;
                }
            }
        };
        let text = if bytes.iter().all(u8::is_ascii_whitespace) {
            String::new()
        } else {
            match shuzibao_core::decode(&bytes) {
                Ok(d) => {
                    if d.replaced > 0 {
                        eprintln!(
                            "shuzibao: {shown}: warning: {} undecodable byte sequence(s) kept as U+FFFD",
                            d.replaced
                        );
                    }
                    d.text
                }
                Err(e) => {
                    eprintln!("shuzibao: {shown}: {e}");
                    failed += 1;
                    continue;
                }
            }
        };
        for (n, line) in (1..).zip(text.lines()) {
            let line = line.trim_end_matches('\r');
            let found = names(line, a.events);
            if a.json {
                serde_json::to_writer(&mut out, &Line { line: n, text: line, entities: found })?;
                writeln!(out)?;
            } else if !found.is_empty() {
                let shown: Vec<String> = found
                    .iter()
                    .map(|f| {
                        let code = match f.kind {
                            "person" => "PER",
                            "organization" => "ORG",
                            "place" => "LOC",
                            _ => "EVT",
                        };
                        format!("{}/{code}", f.text)
                    })
                    .collect();
                writeln!(out, "{}", shown.join(" "))?;
            } else {
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 { Status::SomeFailed } else { Status::Ok })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_characters_and_events_are_asked_for() {
        let text = "区长王小明在徐汇区调研。";
        let found = names(text, false);
        let person = found.iter().find(|f| f.kind == "person").expect("a person");
        assert_eq!(person.text, "王小明");
        assert_eq!((person.start, person.end), (2, 5));
        let chars: Vec<char> = text.chars().collect();
        for f in &found {
            assert_eq!(chars[f.start..f.end].iter().collect::<String>(), f.text);
        }
        assert!(found.iter().all(|f| f.kind != "event"));
    }

    #[test]
    fn json_numbers_lines_and_names_each_kind() {
        let found = names("区长王小明在徐汇区调研。", false);
        let json =
            serde_json::to_value(Line { line: 3, text: "区长王小明在徐汇区调研。", entities: found }).unwrap();
        assert_eq!(json["line"], 3);
        assert_eq!(json["entities"][0]["kind"], "person");
        assert_eq!(json["entities"][0]["text"], "王小明");
        assert!(json["entities"][0].get("type").is_none());
    }
}
