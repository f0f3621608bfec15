//! The catalogue of bad input: each kind of damaged or hostile file, what
//! `parse` and `ingest` answer, and that the archive is as it was when a
//! file is refused. RELIABILITY.md lists the same catalogue.

use crate::common::{run, run_str, samples, stderr};
use shuzibao_store::Store;
use std::path::{Path, PathBuf};

/// A masthead, then `body`.
fn issue(body: &str) -> String {
    format!("徐汇报\n第3期(总第1657期)\n2023年9月18日 星期一\n\n{body}")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// `parse --format json FILE`: exit code, the issue (when parsed), stderr.
fn parse_json(file: &Path) -> (Option<i32>, Option<serde_json::Value>, String) {
    let out = run(&["parse".as_ref(), "--format".as_ref(), "json".as_ref(), file.as_os_str()]);
    let v = serde_json::from_slice(&out.stdout).ok();
    (out.status.code(), v, stderr(&out))
}

/// A data folder holding one good issue, to check that a refused file
/// leaves it as it was.
fn archive_with_one_issue(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    let out = run(&["ingest".as_ref(), samples()[0].as_os_str(), "--data".as_ref(), data.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    data
}

fn counts(data: &Path) -> (i64, i64) {
    let s = Store::open(data).unwrap().stats().unwrap();
    (s.issues, s.articles)
}

/// Ingests `file` into `data`: exit code and stderr.
fn ingest(file: &Path, data: &Path) -> (Option<i32>, String) {
    let out = run(&["ingest".as_ref(), file.as_os_str(), "--data".as_ref(), data.as_os_str()]);
    (out.status.code(), stderr(&out))
}

/// Files refused with a clear one-line reason by `parse` and by `ingest`,
/// the archive unchanged.
#[test]
fn refused_files_name_the_file_and_the_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let sample = std::fs::read_to_string(&samples()[0]).unwrap();
    let mut utf16_mark_on_utf8 = vec![0xff, 0xfe];
    utf16_mark_on_utf8.extend(sample.as_bytes());
    let mut utf8_mark_on_gbk = vec![0xef, 0xbb, 0xbf];
    utf8_mark_on_gbk.extend(encoding_rs::GB18030.encode(&sample).0.iter());
    let mut zip = b"PK\x03\x04\x14\0\0\0\x08\0".to_vec();
    zip.extend(std::iter::repeat_n(0u8, 64));
    let mut nul_inside = issue("## 标题\n\n本报讯 正文。").into_bytes();
    nul_inside.extend(b"\0\0\0\0");
    let huge_line = "本报讯 区委书记出席会议并讲话，强调要做好各项工作。".repeat(1_400_000);
    assert!(huge_line.len() > 100_000_000);
    let cases: Vec<(&str, PathBuf, &str)> = vec![
        ("empty", write(d, "empty.txt", b""), "empty file"),
        ("blank", write(d, "blank.txt", b" \r\n\t\n"), "empty file"),
        ("binary", write(d, "photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0"), "binary data"),
        ("NUL bytes", write(d, "nul.txt", nul_inside), "binary data"),
        ("zip archive", write(d, "issues.zip", zip), "binary data"),
        (
            "UTF-16 mark on UTF-8",
            write(d, "mark16.txt", utf16_mark_on_utf8),
            "the byte-order mark says UTF-16LE but the text is UTF-8",
        ),
        ("UTF-8 mark on GBK", write(d, "mark8.txt", utf8_mark_on_gbk), "not valid UTF-8"),
        ("100 MB single line", write(d, "line.txt", &huge_line), "too large for one issue"),
    ];
    let data = archive_with_one_issue(d);
    let before = counts(&data);
    for (what, file, why) in &cases {
        let (code, v, err) = parse_json(file);
        assert_eq!(code, Some(1), "{what}: parse exits 1");
        assert!(v.is_none(), "{what}: no issue printed");
        assert_eq!(err.lines().count(), 1, "{what}: one line: {err}");
        assert!(err.contains(&file.display().to_string()) && err.contains(why), "{what}: {err}");
        let (code, err) = ingest(file, &data);
        assert_eq!(code, Some(1), "{what}: ingest exits 1");
        assert!(err.contains(&file.display().to_string()) && err.contains(why), "{what}: {err}");
        assert!(!err.contains("panicked"), "{what}: {err}");
        assert_eq!(counts(&data), before, "{what}: the archive is as it was");
    }
    Store::open(&data).unwrap().check_integrity().unwrap();
}

/// A file cut in the middle of its last character: read, the broken
/// character kept as U+FFFD and reported.
#[test]
fn truncated_utf8_is_read_and_the_damage_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(&samples()[0]).unwrap();
    let text_len = bytes.len();
    while bytes.last().is_some_and(|b| b.is_ascii()) {
        bytes.pop();
    }
    bytes.pop(); // the last byte of a multi-byte character
    assert!(bytes.len() < text_len);
    let file = write(tmp.path(), "cut.txt", &bytes);
    let (code, v, err) = parse_json(&file);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("cut.txt: warning: 1 undecodable byte sequence(s) kept as U+FFFD"), "{err}");
    let v = v.unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 5, "the rest of the issue is whole");
    let data = tmp.path().join("data");
    let (code, err) = ingest(&file, &data);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("warning: 1 undecodable byte sequence(s)"), "ingest reports it too: {err}");
    assert_eq!(counts(&data).0, 1);
}

/// A masthead dated 31 February: no date is made up, the printed date is
/// reported as a leftover, the rest of the issue is read.
#[test]
fn an_impossible_masthead_date_is_reported_not_guessed() {
    let tmp = tempfile::tempdir().unwrap();
    let text = issue("## 区领导调研科技企业\n\n□ 记者 刘坤\n\n本报讯 9月14日上午，区领导走访调研区内科技企业。\n")
        .replace("2023年9月18日", "2023年2月31日");
    let file = write(tmp.path(), "feb31.txt", &text);
    let (code, v, err) = parse_json(&file);
    assert_eq!(code, Some(0), "{err}");
    let v = v.unwrap();
    assert!(v["masthead"]["date"].is_null());
    assert_eq!(v["masthead"]["issue_no"], 3);
    let left = v["leftovers"].as_array().unwrap();
    assert!(left.iter().any(|l| l["text"] == "2023年2月31日" && l["reason"].as_str().unwrap().contains("no day")));
    assert_eq!(v["articles"][0]["title"], "区领导调研科技企业");
    let data = tmp.path().join("data");
    let (code, err) = ingest(&file, &data);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("leftovers (the masthead's date is no day of the calendar)"), "{err}");
    let store = Store::open(&data).unwrap();
    let issue = &store.issues().unwrap()[0];
    assert!(issue.key.starts_with("sha256:"), "identified by its content until a date is known: {}", issue.key);
}

/// Ten thousand articles in one issue: all parsed, all stored.
#[test]
fn ten_thousand_articles_in_one_issue() {
    let tmp = tempfile::tempdir().unwrap();
    let mut body = String::new();
    for i in 0..10_000 {
        body.push_str(&format!("## 第{i}号通告\n\n本报讯 第{i}号通告的正文，请居民留意。\n\n"));
    }
    let file = write(tmp.path(), "many.txt", issue(&body));
    let (code, v, err) = parse_json(&file);
    assert_eq!(code, Some(0), "{err}");
    let articles = v.unwrap()["articles"].as_array().unwrap().clone();
    assert_eq!(articles.len(), 10_000);
    assert_eq!(articles[9_999]["title"], "第9999号通告");
    let data = tmp.path().join("data");
    let (code, err) = ingest(&file, &data);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(counts(&data), (1, 10_000));
    let out = run_str(&["search", "第9999号通告", "--data", &data.display().to_string(), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 1, "the last article is searchable: {v}");
}

/// A 10 MB line (under the size limit) is one long paragraph, all of it kept.
#[test]
fn a_ten_megabyte_line_is_kept_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let line = "本报讯 区委书记出席会议并讲话，强调要做好各项工作。".repeat(130_000);
    let file = write(tmp.path(), "line.txt", &line);
    let (code, v, err) = parse_json(&file);
    assert_eq!(code, Some(0), "{err}");
    let v = v.unwrap();
    let ink = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let kept: usize = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["paragraphs"].as_array().unwrap().iter())
        .map(|p| ink(p.as_str().unwrap()))
        .sum::<usize>()
        + v["leftovers"].as_array().unwrap().iter().map(|l| ink(l["text"].as_str().unwrap())).sum::<usize>();
    assert_eq!(kept, ink(&line), "every character of the line is in a paragraph or a leftover");
}

/// The same article twice (extraction repeated a column): two articles, each
/// with its own span, both stored.
#[test]
fn a_repeated_article_is_kept_twice_with_its_own_spans() {
    let tmp = tempfile::tempdir().unwrap();
    let one = "## 同一篇文章\n\n本报讯 这是一篇被抽取工具重复了的文章，内容一字不差。\n\n";
    let file = write(tmp.path(), "dup.txt", issue(&one.repeat(2)));
    let (code, v, err) = parse_json(&file);
    assert_eq!(code, Some(0), "{err}");
    let v = v.unwrap();
    let a = v["articles"].as_array().unwrap();
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["title"], a[1]["title"]);
    assert_ne!(a[0]["span"], a[1]["span"]);
    let data = tmp.path().join("data");
    assert_eq!(ingest(&file, &data).0, Some(0));
    assert_eq!(counts(&data), (1, 2));
}

/// Control characters and direction overrides: the raw text keeps them, the
/// clean text (what readers and search see) does not, and the text format
/// never sends them to a terminal.
#[test]
fn control_characters_and_direction_marks_are_kept_raw_and_cleaned() {
    let tmp = tempfile::tempdir().unwrap();
    let filler = "这是很长的正文。".repeat(40);
    let text = issue(&format!(
        "## 标题\u{202e}倒过来\u{202c}\n\n本报讯 正文\u{200f}有\u{2066}隔离\u{2069}的字符。\u{7}响铃\u{1b}[31m颜色。{filler}\n"
    ));
    let file = write(tmp.path(), "controls.txt", &text);
    let (code, v, err) = parse_json(&file);
    assert_eq!(code, Some(0), "{err}");
    let v = v.unwrap();
    let a = &v["articles"][0];
    assert_eq!(a["title"], "标题倒过来");
    let para = a["paragraphs"][0].as_str().unwrap();
    assert!(para.starts_with("本报讯 正文有隔离的字符。响铃[31m颜色。"), "{para}");
    assert!(!para.contains(shuzibao_core::text::is_invisible_control));
    // the text format shows nothing a terminal would act on
    let out = run(&["parse".as_ref(), file.as_os_str()]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains(['\u{1b}', '\u{7}', '\u{202e}']));
    // the archive keeps the raw text as it was
    let data = tmp.path().join("data");
    assert_eq!(ingest(&file, &data).0, Some(0));
    let store = Store::open(&data).unwrap();
    let issue = &store.issues().unwrap()[0];
    let version = store.versions(issue.id).unwrap().last().unwrap().id;
    assert_eq!(store.raw_text(version).unwrap(), text);
}
