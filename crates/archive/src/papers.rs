//! Which paper a page is of, when its text does not say: a folder's
//! `shuzibao.toml` (`paper = "人民日报"`, or codes of its own under
//! `[papers]`), then the codes of well-known papers in `data/papers.txt`
//! (`rmrb` → 人民日报), then a word of the name that is itself a paper's name
//! (`人民日报-20191001-02.txt`). Never a guess: a name that matches nothing
//! gives no paper, and the page is refused with a message saying so.

use crate::error::ArchiveError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The name of a folder's configuration file.
pub const FOLDER_CONFIG: &str = "shuzibao.toml";

/// Codes of well-known papers, as shipped.
const KNOWN: &str = include_str!("../data/papers.txt");

/// What a folder's `shuzibao.toml` says.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FolderConfig {
    /// The paper of every file in the folder and below.
    pub paper: Option<String>,
    /// Codes of papers in file names: `abc = "某某报"`.
    #[serde(default)]
    pub papers: HashMap<String, String>,
}

/// Finds papers for paths, reading each folder's configuration once.
#[derive(Debug, Default)]
pub struct Papers {
    known: HashMap<String, String>,
    configs: HashMap<PathBuf, Option<FolderConfig>>,
}

impl Papers {
    /// The shipped codes, and no folder read yet.
    pub fn new() -> Papers {
        let known = KNOWN
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(code, name)| (code.trim().to_ascii_lowercase(), name.trim().to_string()))
            .collect();
        Papers { known, configs: HashMap::new() }
    }

    /// The paper of the file at `path` by its folders' configuration and the
    /// words of its name (see [`crate::names::NameHints::words`]), with
    /// where it was found.
    pub fn paper_of(&mut self, path: &Path, words: &[String]) -> Result<Option<(String, String)>, ArchiveError> {
        let configs = self.configs_above(path)?;
        if let Some((dir, paper)) = configs.iter().find_map(|(d, c)| c.paper.clone().map(|p| (d, p))) {
            return Ok(Some((paper, format!("{}", dir.join(FOLDER_CONFIG).display()))));
        }
        for w in words {
            let code = w.to_ascii_lowercase();
            if let Some(name) = configs.iter().find_map(|(_, c)| c.papers.get(&code).or_else(|| c.papers.get(w))) {
                return Ok(Some((name.clone(), format!("the code {w:?} in {FOLDER_CONFIG}"))));
            }
            if let Some(name) = self.known.get(&code) {
                return Ok(Some((name.clone(), format!("the code {w:?} of the file name"))));
            }
            if is_paper_name(w) {
                return Ok(Some((w.clone(), "the file name".to_string())));
            }
        }
        Ok(None)
    }

    /// The configurations of the folders above `path`, nearest first.
    fn configs_above(&mut self, path: &Path) -> Result<Vec<(PathBuf, FolderConfig)>, ArchiveError> {
        let mut out = Vec::new();
        let start = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let start = if start.as_os_str().is_empty() { PathBuf::from(".") } else { start };
        let start = std::fs::canonicalize(&start).unwrap_or(start);
        for dir in start.ancestors() {
            let config = match self.configs.get(dir) {
                Some(c) => c.clone(),
                None => {
                    let c = read_config(dir)?;
                    self.configs.insert(dir.to_path_buf(), c.clone());
                    c
                }
            };
            if let Some(c) = config {
                out.push((dir.to_path_buf(), c));
            }
        }
        Ok(out)
    }
}

/// A folder's configuration, if it has one.
fn read_config(dir: &Path) -> Result<Option<FolderConfig>, ArchiveError> {
    let path = dir.join(FOLDER_CONFIG);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ArchiveError::Config { path, why: e.to_string() }),
    };
    toml::from_str(&text).map(Some).map_err(|e| ArchiveError::Config { path, why: e.to_string() })
}

/// A word that is a paper's name: Han characters ending as papers' names do
/// (报, 日报, 晚报, 周刊), as in `人民日报-20191001-02.txt`.
pub fn is_paper_name(w: &str) -> bool {
    let n = w.chars().count();
    (3..=10).contains(&n)
        && w.chars().all(|c| !c.is_ascii() && c.is_alphabetic())
        && (w.ends_with('报') || w.ends_with("周刊") || w.ends_with("消息"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_known_code_or_a_papers_name_in_the_file_name_gives_the_paper() {
        let dir = tempfile::tempdir().unwrap();
        let mut papers = Papers::new();
        let file = dir.path().join("rmrb-20191001-02.txt");
        let found = papers.paper_of(&file, &words(&["RMRB"])).unwrap().unwrap();
        assert_eq!(found.0, "人民日报");
        let found = papers.paper_of(&file, &words(&["版面", "新民晚报"])).unwrap().unwrap();
        assert_eq!(found.0, "新民晚报");
        assert_eq!(papers.paper_of(&file, &words(&["scan", "pages"])).unwrap(), None, "never guessed");
    }

    #[test]
    fn a_folders_config_names_the_paper_or_its_codes() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("2019").join("20191001");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(dir.path().join(FOLDER_CONFIG), "[papers]\nsqb = \"示例区报\"\n").unwrap();
        let mut papers = Papers::new();
        let found = papers.paper_of(&sub.join("sqb_02.txt"), &words(&["sqb"])).unwrap().unwrap();
        assert_eq!(found.0, "示例区报");
        // a nearer folder's paper wins over codes
        std::fs::write(sub.join(FOLDER_CONFIG), "paper = \"另一晚报\"\n").unwrap();
        let found = Papers::new().paper_of(&sub.join("sqb_02.txt"), &words(&["sqb"])).unwrap().unwrap();
        assert_eq!(found.0, "另一晚报");
    }

    #[test]
    fn a_broken_config_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FOLDER_CONFIG), "paper = \n").unwrap();
        let err = Papers::new().paper_of(&dir.path().join("a.txt"), &[]).unwrap_err();
        assert!(err.to_string().contains(FOLDER_CONFIG), "{err}");
    }
}
