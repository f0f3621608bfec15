//! The number of a page (版次) as a paper prints it: `2`, `A3`, `B12`.
//!
//! Papers of many pages print in sections (叠), each numbered from 1 and
//! lettered: A1–A16, B1–B8. Within one issue the page is its section and
//! number together: A3 and B3 are two pages. This module reads the forms a
//! page number takes in file names and page headers (`02`, `A03`, `第2版`,
//! `B12版`) and writes it back in one canonical form (`2`, `A3`, `B12`). It
//! does not find page numbers in a text; that is the page header's job.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A page number (版次): an optional section letter and a number from 1.
///
/// Pages sort by section, then number: `1 < 2 < A1 < A2 < B1`.
///
/// ```
/// use shuzibao_core::PageNo;
/// let p: PageNo = "A03".parse().unwrap();
/// assert_eq!(p.to_string(), "A3");
/// assert_eq!("第12版".parse::<PageNo>().unwrap(), PageNo::plain(12));
/// assert!("0".parse::<PageNo>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PageNo {
    /// The section (叠) letter, upper case, if the paper prints sections.
    pub section: Option<char>,
    /// The number within the section, from 1.
    pub number: u32,
}

/// Pages numbered past this are no page numbers (a year, a count).
pub const MAX_PAGE: u32 = 999;

impl PageNo {
    /// A page without a section letter.
    pub fn plain(number: u32) -> PageNo {
        PageNo { section: None, number }
    }
}

impl fmt::Display for PageNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.section {
            Some(s) => write!(f, "{s}{}", self.number),
            None => write!(f, "{}", self.number),
        }
    }
}

/// Why a text is no page number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadPageNo(pub String);

impl fmt::Display for BadPageNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a page number like 2, 02, A3 or 第2版 (1 to {MAX_PAGE})", self.0)
    }
}

impl std::error::Error for BadPageNo {}

impl FromStr for PageNo {
    type Err = BadPageNo;

    /// Reads `2`, `02`, `A3`, `a03`, `第2版`, `2版`, `B12版` (full-width
    /// digits and letters too).
    fn from_str(s: &str) -> Result<PageNo, BadPageNo> {
        let bad = || BadPageNo(s.to_string());
        let folded = crate::text::fold_width(s.trim());
        let t = folded.strip_prefix('第').unwrap_or(&folded);
        let t = t.strip_suffix('版').unwrap_or(t).trim();
        let (section, digits) = match t.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => (Some(c.to_ascii_uppercase()), &t[1..]),
            _ => (None, t),
        };
        if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let number: u32 = digits.parse().map_err(|_| bad())?;
        if number == 0 || number > MAX_PAGE {
            return Err(bad());
        }
        Ok(PageNo { section, number })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_of_a_page_number_read_as_one() {
        for (printed, canonical) in [
            ("2", "2"),
            ("02", "2"),
            ("002", "2"),
            ("A3", "A3"),
            ("a03", "A3"),
            ("第2版", "2"),
            ("B12版", "B12"),
            ("０２", "2"),
            ("Ａ３", "A3"),
        ] {
            assert_eq!(printed.parse::<PageNo>().map(|p| p.to_string()), Ok(canonical.to_string()), "{printed}");
        }
    }

    #[test]
    fn what_is_no_page_number_is_refused() {
        for s in ["", "0", "A", "AB3", "1000", "2019", "3a", "第版", "-2"] {
            assert!(s.parse::<PageNo>().is_err(), "{s:?} read as a page");
        }
    }

    #[test]
    fn pages_sort_by_section_then_number() {
        let mut pages: Vec<PageNo> = ["B1", "A10", "2", "A2", "1"].iter().map(|s| s.parse().unwrap()).collect();
        pages.sort();
        let shown: Vec<String> = pages.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["1", "2", "A2", "A10", "B1"]);
    }
}
