//! `shuzibao parse FILE... [--format text|json]`: parse issue files and print
//! what was found, for a person (text) or a program (the issue JSON contract).
//!
//! A PDF (told by its bytes, or a `.pdf` name) is read page by page and laid
//! out: each page is printed as one issue, with its articles' regions and
//! its size; a PDF of several pages prints one object per page (JSON Lines).
//! Nothing is rendered or written.
//!
//! One unreadable file (or PDF page) is reported on stderr with its name
//! and does not stop the others; the exit code then says that something
//! failed.

use crate::cli::{Format, ParseArgs};
use crate::exit::{Outcome, Status};
use shuzibao_archive::pdf_pages;
use shuzibao_core::json::{self, SourceInfo};
use shuzibao_core::{Article, Issue};
use std::io::{self, Write};
use std::path::PathBuf;

/// What `parse` was asked to do, resolved from the flags.
pub struct ParseConfig {
    files: Vec<PathBuf>,
    format: Format,
}

impl From<ParseArgs> for ParseConfig {
    fn from(a: ParseArgs) -> Self {
        ParseConfig { files: a.files, format: a.format }
    }
}

/// Runs the subcommand.
pub fn run(config: &ParseConfig) -> Outcome {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let several = config.files.len() > 1;
    for path in &config.files {
        let shown = path.display().to_string();
        let bytes = match shuzibao_archive::ingest::read_page_file(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("shuzibao: {shown}: {e}");
                failed += 1;
                continue;
            }
        };
        if pdf_pages::is_pdf(&bytes) || pdf_pages::named_pdf(path) {
            failed += print_pdf(&mut out, config.format, several, &shown, &bytes)?;
            continue;
        }
        let (issue, decoded) = match shuzibao_core::parse_bytes(&bytes) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("shuzibao: {shown}: {e}");
                failed += 1;
                continue;
            }
        };
        if decoded.replaced > 0 {
            eprintln!("shuzibao: {shown}: warning: {}", shuzibao_archive::ingest::warnings(&decoded, &issue)[0]);
        }
        let source = SourceInfo { file: shown.clone(), encoding: decoded.encoding.to_string() };
        match config.format {
            Format::Json if several => writeln!(out, "{}", json::to_string(&issue, Some(&source)))?,
            Format::Json => {
                let v = json::to_value(&issue, Some(&source));
                serde_json::to_writer_pretty(&mut out, &v)?;
                writeln!(out)?;
            }
            Format::Text => write_text(&mut out, &source, bytes.len(), &issue, None)?,
        }
    }
    out.flush()?;
    Ok(if failed > 0 { Status::SomeFailed } else { Status::Ok })
}

/// Prints each page of a PDF; returns how many failed (the file, or pages).
fn print_pdf(out: &mut impl Write, format: Format, several: bool, shown: &str, bytes: &[u8]) -> io::Result<usize> {
    let doc = match pdf_pages::open(bytes) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("shuzibao: {shown}: {e}");
            return Ok(1);
        }
    };
    let mut failed = 0;
    let count = doc.page_count();
    for index in 1..=count {
        let page = match pdf_pages::read_page(&doc, index) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("shuzibao: {shown}: {e}");
                failed += 1;
                continue;
            }
        };
        for w in &page.warnings {
            eprintln!("shuzibao: {shown}: warning: {w}");
        }
        let source = SourceInfo { file: page.name(shown), encoding: pdf_pages::PDF_ENCODING.to_string() };
        match format {
            Format::Json if several || count > 1 => writeln!(out, "{}", page.to_json(Some(&source)))?,
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &page.to_json(Some(&source)))?;
                writeln!(out)?;
            }
            Format::Text => {
                let size = Some((&page, page.layout.regions.as_slice()));
                write_text(out, &source, page.layout.text.len(), &page.layout.issue, size)?
            }
        }
    }
    Ok(failed)
}

/// A raw text made safe for a terminal: invisible controls (an ESC that
/// would start a colour code, a direction override) shown as `\u{…}`.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if shuzibao_core::text::is_invisible_control(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// First and last words of a text, for checking by eye.
fn ends(text: &str, n: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 2 * n + 3 {
        return text.to_string();
    }
    let head: String = chars[..n].iter().collect();
    let tail: String = chars[chars.len() - n..].iter().collect();
    format!("{head} … {tail}")
}

fn byline_text(a: &Article) -> String {
    let b = &a.byline;
    let mut parts = Vec::new();
    let mut add = |label: &str, names: &[String]| {
        if !names.is_empty() {
            parts.push(format!("{label} {}", names.join(" ")));
        }
    };
    add("记者", &b.reporters);
    add("摄影", &b.photographers);
    add("通讯员", &b.correspondents);
    add("实习生", &b.interns);
    for au in &b.authors {
        parts.push(match &au.role {
            Some(r) => format!("{r} {}", au.name),
            None => format!("署名 {}", au.name),
        });
    }
    parts.join(" · ")
}

/// A PDF page and its articles' regions, for the text format.
type PdfRegions<'a> = Option<(&'a pdf_pages::PdfPage, &'a [Vec<shuzibao_pdf::Rect>])>;

fn write_text(
    out: &mut impl Write,
    source: &SourceInfo,
    len: usize,
    issue: &Issue,
    pdf: PdfRegions<'_>,
) -> io::Result<()> {
    writeln!(out, "== {}  ({}, {} bytes)", source.file, source.encoding, len)?;
    if let Some((p, _)) = pdf {
        let label = p.label.as_deref().map(|l| format!(", labelled {l}")).unwrap_or_default();
        writeln!(out, "pdf page   {} of {}, {:.1} × {:.1} points{label}", p.index, p.count, p.width, p.height)?;
    }
    match &issue.masthead {
        Some(m) => {
            let mut f = Vec::new();
            f.extend(m.paper.clone());
            f.extend(m.issue_no.map(|n| format!("第{n}期")));
            f.extend(m.total_issue_no.map(|n| format!("总第{n}期")));
            f.extend(m.date.map(|d| d.to_string()));
            f.extend(m.weekday.clone());
            f.extend(m.page_count.map(|n| format!("本期{n}版")));
            f.extend(m.permit.as_ref().map(|p| format!("准印证号{p}")));
            writeln!(out, "masthead   {}", f.join(" · "))?;
        }
        None => writeln!(out, "masthead   (none)")?,
    }
    for t in &issue.teasers {
        let pages: Vec<String> = t.pages.iter().map(|p| format!("{p:02}")).collect();
        writeln!(out, "teaser     {} {}", pages.join("-"), t.title)?;
    }
    writeln!(out, "articles   {}", issue.articles.len())?;
    for (i, a) in issue.articles.iter().enumerate() {
        let inferred = if a.headline.inferred { "  (title inferred)" } else { "" };
        writeln!(out, "{:>3}. {:<10} {}{inferred}", i + 1, a.kind.as_str(), a.headline.title)?;
        if let Some(k) = &a.headline.kicker {
            writeln!(out, "     引题       {k}")?;
        }
        if let Some(s) = &a.headline.subtitle {
            writeln!(out, "     副题       {s}")?;
        }
        let by = byline_text(a);
        if !by.is_empty() {
            writeln!(out, "     byline     {by}")?;
        }
        if let Some(d) = &a.dateline {
            writeln!(out, "     dateline   {d}")?;
        }
        if let Some(p) = a.continued_from_page {
            writeln!(out, "     continued  from page {p}")?;
        }
        writeln!(
            out,
            "     text       {}  ({} paragraphs, {} chars)",
            ends(&a.body(), 12),
            a.paragraphs.len(),
            a.char_count()
        )?;
        if let Some(s) = &a.source {
            writeln!(out, "     source     {s}")?;
        }
        if let Some(p) = a.continued_to_page {
            writeln!(out, "     continued  on page {p}")?;
        }
        if let Some(d) = &a.signed_date {
            writeln!(out, "     signed     {d}")?;
        }
        for r in pdf.and_then(|(_, regions)| regions.get(i)).into_iter().flatten() {
            writeln!(out, "     region     {:.1},{:.1} – {:.1},{:.1}", r.x0, r.y0, r.x1, r.y1)?;
        }
    }
    if issue.leftovers.is_empty() {
        writeln!(out, "leftovers  (none)")?;
    } else {
        writeln!(out, "leftovers  {}", issue.leftovers.len())?;
        for l in &issue.leftovers {
            writeln!(out, "     {}..{}  {}  ({})", l.span.start, l.span.end, visible(&ends(&l.text, 16)), l.reason)?;
        }
    }
    writeln!(out)
}
