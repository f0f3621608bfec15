//! Speed of the PDF path on page files, for `bench/pdf/run.sh`: for each
//! file, the time to open it, read every page and lay it out (the text and
//! layout path), and the time to render every page at the three sizes of
//! the page edition, PNG encoding included (and the encoding's share); each
//! the best of `--repeat` runs, as `[wall ms, CPU ms]`. Prints one JSON
//! object per file and a summary line, all on stdout; the files are read
//! into memory first so disk time is not counted.
//!
//! ```text
//! cargo run --release -p shuzibao-pdf --example pdf_speed -- [--repeat N] PAGE.pdf...
//! ```

use shuzibao_pdf::render::{encode_png, SCREEN_WIDTH, THUMBNAIL_WIDTH, ZOOM_WIDTH};
use shuzibao_pdf::{layout_page, PdfDocument, Renderer};
use std::time::Instant;

/// The CPU time this thread has had, in seconds (Linux's schedstat; 0
/// elsewhere): on a busy machine the wall time counts the waits for a core
/// too, the CPU time only the work.
fn cpu_s() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns / 1e9)
}

/// Wall and CPU seconds.
#[derive(Clone, Copy)]
struct Took {
    wall: f64,
    cpu: f64,
}

impl Took {
    const MAX: Took = Took { wall: f64::MAX, cpu: f64::MAX };

    fn since(wall: Instant, cpu: f64) -> Took {
        Took { wall: wall.elapsed().as_secs_f64(), cpu: cpu_s() - cpu }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 1usize;
    if let Some(i) = args.iter().position(|a| a == "--repeat") {
        repeat = args.get(i + 1).ok_or("--repeat N")?.parse()?;
        args.drain(i..i + 2);
    }
    if args.is_empty() {
        return Err("usage: pdf_speed [--repeat N] PAGE.pdf...".into());
    }
    let files: Vec<(String, Vec<u8>)> =
        args.iter().map(|p| std::fs::read(p).map(|b| (p.clone(), b))).collect::<Result<_, _>>()?;
    let renderer = Renderer::new();
    let widths = [ZOOM_WIDTH, SCREEN_WIDTH, THUMBNAIL_WIDTH];
    let mut pages = 0usize;
    let mut total = [Took { wall: 0.0, cpu: 0.0 }; 3];
    for (path, bytes) in &files {
        // text, render (encoding included), encoding alone: best of `repeat`
        let mut best = [Took::MAX; 3];
        let (mut n, mut png_bytes) = (0, [0usize; 3]);
        for _ in 0..repeat {
            let (t, c) = (Instant::now(), cpu_s());
            let doc = PdfDocument::open(bytes)?;
            n = doc.page_count();
            let mut articles = 0;
            for page in doc.pages() {
                articles += layout_page(&page?).issue.articles.len();
            }
            std::hint::black_box(articles);
            let text = Took::since(t, c);
            let (t, c) = (Instant::now(), cpu_s());
            let mut encode = Took { wall: 0.0, cpu: 0.0 };
            for page in 1..=n {
                // as `Renderer::render_pngs`, with the encoding timed apart
                for (k, image) in renderer.render_widths(&doc, page, &widths)?.iter().enumerate() {
                    let (te, ce) = (Instant::now(), cpu_s());
                    png_bytes[k] = encode_png(image)?.len();
                    let e = Took::since(te, ce);
                    encode.wall += e.wall;
                    encode.cpu += e.cpu;
                }
            }
            let render = Took::since(t, c);
            if text.cpu < best[0].cpu {
                best[0] = text;
            }
            if render.cpu < best[1].cpu {
                best[1] = render;
                best[2] = encode;
            }
        }
        pages += n;
        for (sum, b) in total.iter_mut().zip(best) {
            sum.wall += b.wall;
            sum.cpu += b.cpu;
        }
        let ms = |t: Took| format!("[{:.2}, {:.2}]", t.wall * 1e3, t.cpu * 1e3);
        println!(
            "{{\"file\": {path:?}, \"pages\": {n}, \"text_ms\": {}, \"render_ms\": {}, \"encode_ms\": {}, \"png_bytes\": {png_bytes:?}}}",
            ms(best[0]),
            ms(best[1]),
            ms(best[2])
        );
    }
    let per_page = |t: Took| format!("[{:.2}, {:.2}]", t.wall * 1e3 / pages as f64, t.cpu * 1e3 / pages as f64);
    println!(
        "{{\"summary\": true, \"pages\": {pages}, \"text_pages_per_s\": [{:.2}, {:.2}], \"render_ms_per_page\": {}, \"encode_ms_per_page\": {}}}",
        pages as f64 / total[0].wall,
        pages as f64 / total[0].cpu,
        per_page(total[1]),
        per_page(total[2])
    );
    Ok(())
}
