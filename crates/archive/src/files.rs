//! The files an archive keeps beside its database: the PDFs pages were read
//! from, byte for byte, and the pages' rendered images, each named by the
//! SHA-256 of its bytes (`DATA/files/ab/abcdef….pdf`), so a file is written
//! once however often it is ingested and a name always means the same bytes.
//!
//! A file is written to a temporary name in its folder, flushed to disk and
//! renamed: a crash leaves the whole file or none (a stray temporary file at
//! worst, never a half-written file under a hash). Files are written before
//! the page that names them is committed; a file no page names (its page
//! failed to store) is harmless.
//!
//! Not here: which files a page has (the store's `page_assets`), reading
//! PDFs or rendering them.

use crate::error::ArchiveError;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Name of the folder of kept files inside the data folder.
pub const FILES_DIR: &str = "files";

/// The SHA-256 of some bytes, in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The kept files of one data folder.
#[derive(Debug, Clone)]
pub struct Files {
    dir: PathBuf,
}

impl Files {
    /// The kept files of the data folder `data` (nothing is created yet).
    pub fn of(data: &Path) -> Files {
        Files { dir: data.join(FILES_DIR) }
    }

    /// The kept files in a folder of their own, `dir` (a folder several
    /// nodes share, `--files`), in place of the data folder's.
    pub fn at(dir: PathBuf) -> Files {
        Files { dir }
    }

    /// The folder of the kept files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the file of this hash and extension (`pdf`, `png`) is.
    pub fn path(&self, hash: &str, ext: &str) -> PathBuf {
        let fan = hash.get(..2).unwrap_or("00");
        self.dir.join(fan).join(format!("{hash}.{ext}"))
    }

    /// Keeps `bytes` under their hash with this extension and returns the
    /// hash; bytes kept already are not written again.
    pub fn keep(&self, bytes: &[u8], ext: &str) -> Result<String, ArchiveError> {
        let hash = sha256_hex(bytes);
        self.keep_as(&hash, bytes, ext)?;
        Ok(hash)
    }

    /// Keeps `bytes`, whose hash is `hash`, with this extension.
    pub fn keep_as(&self, hash: &str, bytes: &[u8], ext: &str) -> Result<(), ArchiveError> {
        let path = self.path(hash, ext);
        if std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64) {
            return Ok(());
        }
        let io = |source: std::io::Error| ArchiveError::File { path: path.clone(), source };
        let folder = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(folder).map_err(io)?;
        // a name of this process and hash: two writers never share one
        let tmp = folder.join(format!(".{hash}.{ext}.{}.tmp", std::process::id()));
        let written = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &path)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(io(e));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_file_is_kept_under_its_hash_once_and_whole() {
        let dir = tempfile::tempdir().unwrap();
        let files = Files::of(dir.path());
        let hash = files.keep(b"%PDF-1.7 made up", "pdf").unwrap();
        assert_eq!(hash, sha256_hex(b"%PDF-1.7 made up"));
        let path = files.path(&hash, "pdf");
        assert!(path.starts_with(dir.path().join("files").join(&hash[..2])));
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7 made up");
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        files.keep(b"%PDF-1.7 made up", "pdf").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), modified, "written again");
        // no temporary file is left behind
        let names: Vec<_> =
            std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
