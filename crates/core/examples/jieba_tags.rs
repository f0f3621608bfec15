//! Prints jieba's words and part-of-speech tags for each line of standard
//! input (`word/tag …`), to see what the entity rules see:
//! `cargo run -p shuzibao-core --example jieba_tags < FILE`.

use std::io::Read;

fn main() -> std::io::Result<()> {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s)?;
    let j = jieba_rs::Jieba::new();
    for l in s.lines() {
        let tags: Vec<String> = j.tag(l, true).iter().map(|t| format!("{}/{}", t.word, t.tag)).collect();
        println!("{}", tags.join(" "));
    }
    Ok(())
}
