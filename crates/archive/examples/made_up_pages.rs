//! Writes made-up page PDFs of 示例日报 of 2024年3月5日 (the test pages of
//! `tests/support/pdf_page.rs`: two articles a page, text of our own) into
//! a folder, for the end-to-end test of the page view
//! (`tests/e2e/page_view.test.mjs`): `p2.pdf` and `p3.pdf`, one page each.
//!
//! Run: `cargo run -p shuzibao-archive --example made_up_pages -- DIR`

#[path = "../tests/support/pdf_page.rs"]
mod pdf_page;

fn main() -> std::process::ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(std::path::PathBuf::from) else {
        eprintln!("usage: made_up_pages DIR");
        return std::process::ExitCode::from(2);
    };
    for page in [2, 3] {
        let path = dir.join(format!("p{page}.pdf"));
        if let Err(e) = std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&path, pdf_page::pdf(&[pdf_page::two_articles(page, true)], None)))
        {
            eprintln!("{}: {e}", path.display());
            return std::process::ExitCode::FAILURE;
        }
    }
    std::process::ExitCode::SUCCESS
}
