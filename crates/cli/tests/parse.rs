//! `shuzibao parse`: output formats, several files, and a clear one-line
//! error naming the file for every kind of bad input.

use crate::common::{run, samples, stderr};

#[test]
fn json_follows_the_contract() {
    let file = &samples()[0];
    let out = run(&["parse".as_ref(), "--format".as_ref(), "json".as_ref(), file.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = &v["masthead"];
    for key in ["paper", "issue_no", "total_issue_no", "date", "weekday", "page_count", "permit"] {
        assert!(m.get(key).is_some(), "masthead.{key} missing");
    }
    assert!(v["teasers"].is_array());
    let a = &v["articles"][0];
    for key in [
        "kind",
        "kicker",
        "title",
        "subtitle",
        "reporters",
        "photographers",
        "authors",
        "dateline",
        "source",
        "continued_to_page",
        "continued_from_page",
        "paragraphs",
    ] {
        assert!(a.get(key).is_some(), "article.{key} missing");
    }
    assert!(a["paragraphs"][0].is_string());
    assert_eq!(m["date"], "2022-01-17");
}

#[test]
fn several_files_give_json_lines() {
    let files = samples();
    let mut args: Vec<&std::ffi::OsStr> = vec!["parse".as_ref(), "--format".as_ref(), "json".as_ref()];
    args.extend(files.iter().map(|p| p.as_os_str()));
    let out = run(&args);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), files.len());
    for (line, file) in lines.iter().zip(&files) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["file"], file.display().to_string());
    }
}

#[test]
fn text_format_shows_what_to_check_by_eye() {
    let out = run(&["parse".as_ref(), samples()[1].as_os_str()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("masthead   徐汇报"), "{text}");
    assert!(text.contains("区领导走访调研区内科技企业"));
    assert!(text.contains("byline     记者 刘坤 王卫民"));
    assert!(text.contains("continued  on page 2"));
    assert!(text.contains("leftovers  (none)"));
}

#[test]
fn bad_inputs_get_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.path().join("photo.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0").unwrap();
    let missing = dir.path().join("missing.txt");
    let unreadable = dir.path().to_path_buf(); // a directory cannot be read as a file
    for (path, why) in
        [(&empty, "empty file"), (&binary, "binary data"), (&missing, "cannot read"), (&unreadable, "cannot read")]
    {
        let out = run(&["parse".as_ref(), path.as_os_str()]);
        assert_eq!(out.status.code(), Some(1), "{why}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.contains(&path.display().to_string()) && err.contains(why), "{err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"   \n").unwrap();
    let good = &samples()[0];
    let out = run(&["parse".as_ref(), "--format".as_ref(), "json".as_ref(), empty.as_os_str(), good.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 5);
}

#[test]
fn gbk_file_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.txt");
    let text = std::fs::read_to_string(&samples()[2]).unwrap();
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    std::fs::write(&path, &bytes).unwrap();
    let out = run(&["parse".as_ref(), "--format".as_ref(), "json".as_ref(), path.as_os_str()]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["encoding"], "gb18030");
    assert_eq!(v["articles"][1]["title"], "2024年新年贺词");
}

#[test]
fn unknown_format_is_a_usage_error() {
    let out = run(&["parse".as_ref(), "--format".as_ref(), "xml".as_ref(), samples()[0].as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
}
