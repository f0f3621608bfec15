//! Reviewed snapshots of every sample issue and parser case. Re-bless
//! deliberately with `cargo insta review` after reading the diff.

use crate::common::{cases, render, samples};

#[test]
fn sample_issues() {
    for (name, text) in samples() {
        insta::assert_snapshot!(format!("sample__{name}"), render(&shuzibao_core::parse(&text)));
    }
}

#[test]
fn parser_cases() {
    for (name, text) in cases() {
        insta::assert_snapshot!(format!("case__{name}"), render(&shuzibao_core::parse(&text)));
    }
}
