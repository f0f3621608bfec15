//! System CJK fonts for the PDF fonts a file names but does not embed
//! (`STSong-Light`, `SimHei`, an Adobe-GB1 CID font…): the Noto CJK
//! collections a Linux machine has (Debian's `fonts-noto-cjk`), chosen by
//! character collection (SC/TC/JP/KR), serif or sans, regular or bold, read
//! from disk on first use and shared.
//!
//! Not here: fonts embedded in the PDF (the interpreter reads those), Latin
//! substitutes (the interpreter's own standard fonts), or bundling any font
//! in the repository.

use hayro_interpret::font::{FallbackFontQuery, FontData, FontQuery};
use hayro_interpret::hayro_cmap::CidFamily;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Where distributions install the Noto CJK collections.
const DEFAULT_DIRS: [&str; 5] = [
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/noto-cjk",
    "/usr/share/fonts/google-noto-cjk",
    "/usr/share/fonts/opentype/noto-cjk",
    "/usr/local/share/fonts",
];

/// The collection files, by (sans, bold).
const FILES: [((bool, bool), &str); 4] = [
    ((false, false), "NotoSerifCJK-Regular.ttc"),
    ((false, true), "NotoSerifCJK-Bold.ttc"),
    ((true, false), "NotoSansCJK-Regular.ttc"),
    ((true, true), "NotoSansCJK-Bold.ttc"),
];

/// One collection file, loaded on first use.
struct Collection {
    path: PathBuf,
    data: OnceLock<Option<FontData>>,
}

impl std::fmt::Debug for Collection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Collection").field("path", &self.path).field("loaded", &self.data.get().is_some()).finish()
    }
}

impl Collection {
    fn load(&self) -> Option<FontData> {
        self.data.get_or_init(|| std::fs::read(&self.path).ok().map(|bytes| Arc::new(bytes) as FontData)).clone()
    }
}

/// The system's CJK fonts, found once and shared by every rendering.
#[derive(Debug, Default)]
pub struct CjkFonts {
    collections: Vec<((bool, bool), Collection)>,
}

impl CjkFonts {
    /// Looks for Noto CJK in the usual system folders.
    pub fn system() -> CjkFonts {
        let dirs: Vec<PathBuf> = DEFAULT_DIRS.iter().map(PathBuf::from).collect();
        CjkFonts::in_dirs(&dirs)
    }

    /// Looks for Noto CJK (`NotoSerifCJK-Regular.ttc` and its siblings) in
    /// these folders only; an empty list gives no CJK font.
    pub fn in_dirs(dirs: &[PathBuf]) -> CjkFonts {
        let mut collections = Vec::new();
        for (key, file) in FILES {
            if let Some(path) = dirs.iter().map(|d| d.join(file)).find(|p| Path::is_file(p)) {
                collections.push((key, Collection { path, data: OnceLock::new() }));
            }
        }
        CjkFonts { collections }
    }

    /// Whether any CJK font was found.
    pub fn available(&self) -> bool {
        !self.collections.is_empty()
    }

    /// The font data and collection index for a query, when it asks for a
    /// CJK font (a CJK character collection, or a CJK font name) and one is
    /// here; the closest style found otherwise (a sans for a serif…).
    pub(crate) fn resolve(&self, query: &FallbackFontQuery) -> Option<(FontData, u32)> {
        let index = ttc_index(query)?;
        let sans = is_sans(query);
        let bold = query.is_bold || query.font_weight >= 600;
        let order = [(sans, bold), (sans, !bold), (!sans, bold), (!sans, !bold)];
        order.iter().find_map(|key| {
            self.collections.iter().find(|(k, _)| k == key).and_then(|(_, c)| c.load()).map(|d| (d, index))
        })
    }

    /// Whether a query asks for a CJK font.
    pub(crate) fn wants_cjk(query: &FontQuery) -> bool {
        matches!(query, FontQuery::Fallback(f) if ttc_index(f).is_some())
    }
}

/// The face of the Noto CJK collections for the query's script: the files
/// order their faces JP, KR, SC, TC, HK.
fn ttc_index(q: &FallbackFontQuery) -> Option<u32> {
    match q.character_collection.as_ref().map(|c| &c.family) {
        Some(CidFamily::AdobeJapan1) => return Some(0),
        Some(CidFamily::AdobeKorea1) => return Some(1),
        Some(CidFamily::AdobeGB1) => return Some(2),
        Some(CidFamily::AdobeCNS1) => return Some(3),
        _ => {}
    }
    let name = names(q).to_ascii_lowercase();
    let chinese = ["song", "hei", "kai", "fang", "simsun", "simhei", "fz", "stxihei", "msyh", "yahei", "ming", "cjk"];
    chinese.iter().any(|n| name.contains(n)).then_some(2)
}

/// Whether the query's font is a sans (黑体/Gothic) rather than a serif (宋体/Ming).
fn is_sans(q: &FallbackFontQuery) -> bool {
    let name = names(q).to_ascii_lowercase();
    ["hei", "gothic", "sans", "yahei", "msyh", "dotum", "gulim"].iter().any(|n| name.contains(n))
}

/// The names a query gives, joined.
fn names(q: &FallbackFontQuery) -> String {
    [&q.post_script_name, &q.font_name, &q.font_family]
        .iter()
        .filter_map(|n| n.as_deref())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_want_simplified_chinese() {
        let q = FallbackFontQuery { post_script_name: Some("STSong-Light".into()), ..Default::default() };
        assert_eq!(ttc_index(&q), Some(2));
        assert!(!is_sans(&q));
        let q = FallbackFontQuery { post_script_name: Some("SimHei".into()), ..Default::default() };
        assert!(is_sans(&q));
        let q = FallbackFontQuery { post_script_name: Some("Helvetica".into()), ..Default::default() };
        assert_eq!(ttc_index(&q), None);
    }

    #[test]
    fn no_dirs_no_fonts() {
        let fonts = CjkFonts::in_dirs(&[]);
        assert!(!fonts.available());
    }
}
