//! Photos and their captions: the lines right under an image, within its
//! width, set unlike the running text (or closing with a `X摄` credit) are
//! its caption and credit.
//!
//! Not here: which article a photo belongs to (see `articles`).

use super::lines::TextLine;
use super::style::BodyStyle;
use crate::model::Rect;

/// A photo on the page with the lines of its caption, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// The image's box.
    pub rect: Rect,
    /// Indexes of its caption's lines (credit included).
    pub caption: Vec<usize>,
}

impl Photo {
    /// The image and its caption together.
    pub fn bbox(&self, lines: &[TextLine]) -> Rect {
        self.caption.iter().fold(self.rect, |b, &i| b.union(&lines[i].bbox))
    }
}

/// Whether a line is a photo credit (`张三摄`, `张三 摄影`).
pub fn is_photo_credit(text: &str) -> bool {
    let t = text.trim_end_matches(['）', ')']).trim_end();
    t.ends_with('摄') || t.ends_with("摄影") || t.ends_with("摄影报道")
}

/// The photos of the page with their captions, taken from the lines `candidates`.
pub fn find_photos(images: &[Rect], lines: &[TextLine], candidates: &[usize], body: &BodyStyle) -> Vec<Photo> {
    let mut taken: Vec<usize> = Vec::new();
    let mut photos = Vec::new();
    for &rect in images.iter().filter(|r| r.width() > 2.0 && r.height() > 2.0) {
        let mut below: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| {
                let b = lines[i].bbox;
                !taken.contains(&i)
                    && !lines[i].vertical
                    && b.y0 >= rect.y1 - 2.0
                    && b.x0 >= rect.x0 - 3.0
                    && b.x1 <= rect.x1 + 3.0
                    && !body.is_headline(&lines[i])
            })
            .collect();
        below.sort_by(|&a, &b| lines[a].bbox.y0.total_cmp(&lines[b].bbox.y0));
        let mut caption = Vec::new();
        let mut bottom = rect.y1;
        for i in below {
            let l = &lines[i];
            let gap = l.bbox.y0 - bottom;
            let limit = if caption.is_empty() { 1.5 } else { 0.9 } * body.size;
            if gap > limit {
                break;
            }
            let credit = is_photo_credit(&l.text);
            if !credit && body.is_body_set(l) {
                break;
            }
            caption.push(i);
            bottom = l.bbox.y1;
            if credit {
                break;
            }
        }
        taken.extend(caption.iter().copied());
        photos.push(Photo { rect, caption });
    }
    photos
}
