//! What the reader needs to know of a page's fonts that the interpreter does
//! not hand to its device: each font's clean name, whether its dictionary
//! says it is bold, its encoding and character collection (to find the text
//! of CID glyphs that have no `ToUnicode` map), its simple-font widths (to
//! tell apart fonts the interpreter gives no name for) and its ascent and
//! descent.
//!
//! Not here: glyph positions and outlines (the interpreter's), or which glyph
//! belongs to which font (the device matches them with [`FontTable::find`]).

use hayro_interpret::hayro_cmap::{BfString, CMap, CMapName, CidFamily};
use hayro_interpret::hayro_syntax::object::{Array, Dict, Name, ObjectIdentifier, Stream};
use hayro_interpret::hayro_syntax::page::Resources;
use std::cell::OnceCell;
use std::collections::HashSet;

/// How deep form XObjects are followed when collecting fonts.
const MAX_FORM_DEPTH: usize = 12;

/// The PDF font descriptor's `ForceBold` flag (bit 19).
const FORCE_BOLD: u32 = 1 << 18;

/// A CID font's maps from code to CID (`None`: identity) and CID to text.
type CidMaps = Option<(Option<CMap>, CMap)>;

/// One font dictionary of the page, reduced to what the reader uses.
pub(crate) struct FontInfo {
    /// The base name without subset prefix and without a Type0 font's
    /// `-<encoding>` suffix.
    pub name: String,
    /// `/Subtype` (`Type0`, `TrueType`, `Type1`, `Type3`…).
    pub subtype: String,
    /// Bold by name, `/FontWeight` or the `ForceBold` flag.
    pub bold: bool,
    /// A Type0 font's encoding CMap name (`Identity-H`, `UniGB-UCS2-V`…).
    pub encoding: Option<String>,
    /// A Type0 font's character collection (`/CIDSystemInfo`).
    pub family: Option<CidFamily>,
    /// A simple font's `/FirstChar` and `/Widths`.
    pub widths: Option<(u32, Vec<f32>)>,
    /// The descriptor's ascent and descent (glyph units), when sane.
    pub ascent_descent: Option<(f32, f32)>,
    /// The CMaps of [`FontInfo::cid_text`], parsed on first use.
    cid_maps: OnceCell<CidMaps>,
}

impl FontInfo {
    /// The text of a CID glyph from its character code when the font has no
    /// `ToUnicode` map: a `Uni…-UCS2`/`UTF16` encoding gives it directly, an
    /// `Identity` encoding or a named CMap gives the CID, which the
    /// collection's `UCS2` map turns into text.
    pub fn cid_text(&self, code: u32) -> Option<String> {
        let enc = self.encoding.as_deref()?;
        if enc.starts_with("Uni") && (enc.contains("UCS2") || enc.contains("UTF16")) {
            return utf16_code_text(code);
        }
        let (to_cid, to_text) = self.cid_maps.get_or_init(|| self.load_cid_maps()).as_ref()?;
        let cid = match to_cid {
            None => code,
            Some(cmap) => (1..=4u8).find_map(|len| cmap.lookup_cid_code(code, len))?,
        };
        bf_text(to_text.lookup_bf_string(cid)?)
    }

    /// Parses the encoding CMap (unless `Identity`) and the collection's
    /// `UCS2` map from the CMaps the interpreter embeds.
    fn load_cid_maps(&self) -> CidMaps {
        let load = hayro_interpret::hayro_cmap::load_embedded;
        let enc = self.encoding.as_deref()?;
        let to_cid = if enc.starts_with("Identity") {
            None
        } else {
            Some(CMap::parse(load(CMapName::from_bytes(enc.as_bytes()))?, load)?)
        };
        let to_text = CMap::parse(load(self.family.as_ref()?.ucs2_cmap()?)?, load)?;
        Some((to_cid, to_text))
    }

    /// Whether this simple font's widths agree with the glyphs' advances.
    fn widths_match(&self, glyphs: &[(u32, f32)]) -> bool {
        let Some((first, widths)) = &self.widths else { return false };
        glyphs.iter().all(|&(code, adv)| {
            code.checked_sub(*first).and_then(|i| widths.get(i as usize)).is_some_and(|w| (w - adv).abs() < 0.5)
        })
    }
}

/// The text a `BfString` stands for, `None` for an empty one.
pub(crate) fn bf_text(bf: BfString) -> Option<String> {
    let s = match bf {
        BfString::Char(c) => c.to_string(),
        BfString::String(s) => repair_repeated_units(s),
    };
    (!s.is_empty() && s != "\0").then_some(s)
}

/// Ghostscript's pdfwrite writes the later UTF-16 units of a several-character
/// `ToUnicode` entry with the low byte in both halves: the ligature glyph of
/// `——` (`2014 2014`) comes out as `2014 1414`, `—ᐔ`. A unit whose two bytes
/// are equal, after a unit of a different high byte and the same low byte,
/// is read as that unit again. (Real text does not put a Canadian syllable or
/// a rare ideograph of that shape after such a character inside one glyph.)
fn repair_repeated_units(s: String) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 2 {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    for c in chars {
        let u = u32::from(c);
        let repaired = match prev {
            Some(p) if u <= 0xFFFF && u >> 8 == u & 0xFF && u32::from(p) & 0xFF == u & 0xFF && p != c => p,
            _ => c,
        };
        out.push(repaired);
        prev = Some(repaired);
    }
    out
}

/// A 2- or 4-byte UTF-16BE code as text.
fn utf16_code_text(code: u32) -> Option<String> {
    let units: Vec<u16> = if code > 0xFFFF { vec![(code >> 16) as u16, code as u16] } else { vec![code as u16] };
    char::decode_utf16(units).collect::<Result<String, _>>().ok().filter(|s| !s.is_empty())
}

/// The fonts of one page (its resources and those of the forms it draws).
#[derive(Default)]
pub(crate) struct FontTable {
    fonts: Vec<FontInfo>,
}

impl FontTable {
    /// Collects the fonts reachable from a page's resources.
    pub fn collect(resources: &Resources<'_>) -> FontTable {
        let mut table = FontTable::default();
        let mut seen = HashSet::new();
        table.walk(&resources.fonts, &resources.x_objects, &mut seen, 0);
        table
    }

    fn walk(&mut self, fonts: &Dict<'_>, xobjects: &Dict<'_>, seen: &mut HashSet<ObjectIdentifier>, depth: usize) {
        for key in fonts.keys() {
            if let Some(font) = fonts.get::<Dict<'_>>(key.as_ref()) {
                if font.obj_id().is_some_and(|id| !seen.insert(id)) {
                    continue;
                }
                if let Some(info) = font_info(&font) {
                    self.fonts.push(info);
                }
            }
        }
        if depth >= MAX_FORM_DEPTH {
            return;
        }
        for key in xobjects.keys() {
            let Some(stream) = xobjects.get::<Stream<'_>>(key.as_ref()) else { continue };
            if !seen.insert(stream.obj_id()) {
                continue;
            }
            let dict = stream.dict();
            if dict.get::<Name<'_>>(b"Subtype").is_none_or(|s| s.as_str() != "Form") {
                continue;
            }
            if let Some(res) = dict.get::<Dict<'_>>(b"Resources") {
                let fonts = res.get::<Dict<'_>>(b"Font").unwrap_or_default();
                let xobjects = res.get::<Dict<'_>>(b"XObject").unwrap_or_default();
                self.walk(&fonts, &xobjects, seen, depth + 1);
            }
        }
    }

    /// The font of a glyph run: by the name the interpreter gave (clean
    /// PostScript name), or else, for simple fonts the interpreter names not,
    /// the one whose widths agree with the run's `(code, advance)` pairs, or
    /// the only simple font without widths (a standard font).
    pub fn find(&self, name: Option<&str>, glyphs: &[(u32, f32)]) -> Option<&FontInfo> {
        if let Some(name) = name {
            let clean = clean_name(name, None);
            if let Some(f) = self.fonts.iter().find(|f| f.name == clean) {
                return Some(f);
            }
        }
        if glyphs.is_empty() {
            return None;
        }
        let simple = || self.fonts.iter().filter(|f| f.subtype != "Type0");
        if let Some(f) = simple().find(|f| f.widths_match(glyphs)) {
            return Some(f);
        }
        // A standard font may come without widths: the only such font fits.
        let mut bare = simple().filter(|f| f.widths.is_none());
        match (bare.next(), bare.next()) {
            (Some(f), None) => Some(f),
            _ => None,
        }
    }
}

/// Reads what the reader needs of one font dictionary.
fn font_info(font: &Dict<'_>) -> Option<FontInfo> {
    let subtype = font.get::<Name<'_>>(b"Subtype").map(|n| n.as_str().to_string()).unwrap_or_default();
    let base = font.get::<Name<'_>>(b"BaseFont").map(|n| n.as_str().to_string()).unwrap_or_default();
    let encoding = font.get::<Name<'_>>(b"Encoding").map(|n| n.as_str().to_string());
    let descendant = font.get::<Array<'_>>(b"DescendantFonts").and_then(|a| a.iter::<Dict<'_>>().next());
    let descriptor = descendant
        .as_ref()
        .and_then(|d| d.get::<Dict<'_>>(b"FontDescriptor"))
        .or_else(|| font.get::<Dict<'_>>(b"FontDescriptor"));
    let family = descendant.as_ref().and_then(|d| d.get::<Dict<'_>>(b"CIDSystemInfo")).map(|info| {
        let registry = info.get::<hayro_interpret::hayro_syntax::object::String<'_>>(b"Registry");
        let ordering = info.get::<hayro_interpret::hayro_syntax::object::String<'_>>(b"Ordering");
        CidFamily::from_registry_ordering(
            registry.as_ref().map(|s| s.as_bytes()).unwrap_or_default(),
            ordering.as_ref().map(|s| s.as_bytes()).unwrap_or_default(),
        )
    });
    // A Type 3 font has no /BaseFont; Chromium names it in its descriptor.
    let base = if base.is_empty() {
        descriptor
            .as_ref()
            .and_then(|d| d.get::<Name<'_>>(b"FontName"))
            .map(|n| n.as_str().to_string())
            .unwrap_or_default()
    } else {
        base
    };
    let name = clean_name(&base, (subtype == "Type0").then_some(encoding.as_deref()).flatten());
    let (weight, flags) = descriptor
        .as_ref()
        .map(|d| (d.get::<f32>(b"FontWeight").unwrap_or(400.0), d.get::<u32>(b"Flags").unwrap_or(0)))
        .unwrap_or((400.0, 0));
    let ascent_descent = descriptor.as_ref().and_then(|d| {
        let (a, dsc) = (d.get::<f32>(b"Ascent")?, d.get::<f32>(b"Descent")?);
        (a > 300.0 && a < 1500.0 && dsc <= 0.0 && dsc > -700.0).then_some((a, dsc))
    });
    let widths = font
        .get::<Array<'_>>(b"Widths")
        .map(|w| (font.get::<u32>(b"FirstChar").unwrap_or(0), w.iter::<f32>().collect()));
    Some(FontInfo {
        bold: bold_by_name(&name) || weight >= 600.0 || flags & FORCE_BOLD != 0,
        name,
        subtype,
        encoding: encoding.filter(|_| descendant.is_some()),
        family: family.filter(|f| !matches!(f, CidFamily::AdobeIdentity)),
        widths,
        ascent_descent,
        cid_maps: OnceCell::new(),
    })
}

/// A font's base name without its subset prefix (`ABCDEF+`) and, for a
/// Type0 font, without the `-<encoding>` suffix some producers append
/// (`NotoSerifCJKsc-Bold-Identity-H` → `NotoSerifCJKsc-Bold`).
pub(crate) fn clean_name(base: &str, encoding: Option<&str>) -> String {
    let mut name = match base.split_once('+') {
        Some((prefix, rest)) if prefix.len() == 6 && prefix.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => base,
    };
    let suffixes = ["-Identity-H", "-Identity-V"];
    for s in encoding.map(|e| format!("-{e}")).iter().map(String::as_str).chain(suffixes) {
        if let Some(stripped) = name.strip_suffix(s) {
            if !stripped.is_empty() {
                name = stripped;
                break;
            }
        }
    }
    name.to_string()
}

/// Bold by the font's name: `Bold`, `Heavy`, `Black`, `Demi`, `Semibold`,
/// `Ultra`, or a Japanese-style weight `W7`–`W12`.
pub(crate) fn bold_by_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if ["bold", "heavy", "black", "demi", "ultra", "extrab", "fat"].iter().any(|w| lower.contains(w)) {
        return true;
    }
    let b = lower.as_bytes();
    b.windows(2).enumerate().any(|(i, w)| {
        w[0] == b'w'
            && w[1].is_ascii_digit()
            && {
                let digits: String = lower[i + 1..].chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<u32>().is_ok_and(|n| (7..=12).contains(&n))
            }
            && (i == 0 || !b[i - 1].is_ascii_alphabetic())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_prefix_and_encoding() {
        assert_eq!(clean_name("FARJSG+NotoSerifCJKsc-Bold-Identity-H", Some("Identity-H")), "NotoSerifCJKsc-Bold");
        assert_eq!(clean_name("STSong-Light-UniGB-UCS2-H", Some("UniGB-UCS2-H")), "STSong-Light");
        assert_eq!(clean_name("STSong-Light", Some("UniGB-UCS2-H")), "STSong-Light");
        assert_eq!(clean_name("Times-Roman", None), "Times-Roman");
        assert_eq!(clean_name("abc+X", None), "abc+X");
    }

    #[test]
    fn bold_names() {
        for n in ["NotoSansCJKsc-Bold", "FZHei-Heavy", "HiraginoSans-W7", "Arial Black", "SourceHanSerif-SemiBold"] {
            assert!(bold_by_name(n), "{n}");
        }
        for n in ["STSong-Light", "NotoSerifCJKsc-Regular", "HiraginoSans-W3", "Fwtext"] {
            assert!(!bold_by_name(n), "{n}");
        }
    }

    fn gb1_font(encoding: &str) -> FontInfo {
        FontInfo {
            name: "FZSongTest".into(),
            subtype: "Type0".into(),
            bold: false,
            encoding: Some(encoding.into()),
            family: Some(CidFamily::AdobeGB1),
            widths: None,
            ascent_descent: None,
            cid_maps: OnceCell::new(),
        }
    }

    #[test]
    fn cid_glyphs_without_to_unicode_get_their_text_from_the_collection() {
        // GBK code D6D0 is 中 and B1A8 is 报; through the CMap to a CID, then UCS2.
        let gbk = gb1_font("GBK-EUC-H");
        assert_eq!(gbk.cid_text(0xD6D0).as_deref(), Some("中"));
        assert_eq!(gbk.cid_text(0xB1A8).as_deref(), Some("报"));
        // An Identity encoding: the code is the CID.
        let cid = (1..=4u8).find_map(|len| {
            let load = hayro_interpret::hayro_cmap::load_embedded;
            CMap::parse(load(CMapName::from_bytes(b"GBK-EUC-H"))?, load)?.lookup_cid_code(0xD6D0, len)
        });
        let identity = gb1_font("Identity-H");
        assert_eq!(cid.and_then(|c| identity.cid_text(c)).as_deref(), Some("中"));
        assert_eq!(gb1_font("UniGB-UCS2-H").cid_text(0x6570).as_deref(), Some("数"));
    }

    #[test]
    fn ghostscript_ligature_units_are_repaired() {
        assert_eq!(bf_text(BfString::String("\u{2014}\u{1414}".into())).as_deref(), Some("——"));
        assert_eq!(bf_text(BfString::String("\u{2026}\u{2626}".into())).as_deref(), Some("……"));
        // Other several-character entries are kept as they are.
        assert_eq!(bf_text(BfString::String("ffi".into())).as_deref(), Some("ffi"));
        assert_eq!(bf_text(BfString::String("\u{1414}".into())).as_deref(), Some("\u{1414}"));
        assert_eq!(bf_text(BfString::String("中\u{6161}".into())).as_deref(), Some("中\u{6161}"));
    }

    #[test]
    fn utf16_codes() {
        assert_eq!(utf16_code_text(0x4E2D).as_deref(), Some("中"));
        assert_eq!(utf16_code_text(0xD840_DC00).as_deref(), Some("\u{20000}"));
        assert_eq!(utf16_code_text(0xD800), None);
    }
}
