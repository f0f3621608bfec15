//! Characters that share their glyph with the ones newspapers write, read
//! back as those. A producer that writes a `ToUnicode` map from the font's
//! own cmap (Chromium's Skia, some print drivers) names a glyph that several
//! code points share by any of them.
//!
//! Radicals: a CJK
//! font maps a Kangxi radical (U+2F00–2FD5) or a CJK Radicals Supplement
//! character (U+2E80–2EF3) and the unified ideograph of the same shape to one
//! glyph; a producer that writes a `ToUnicode` map from the font's own cmap
//! (Chromium's Skia, some print drivers) may name the glyph by the radical,
//! so `人民` reads `⼈⺠`. Running text in a newspaper never uses the radical
//! code points, so the reader takes the ideograph.
//!
//! The Kangxi radicals are Unicode's compatibility decompositions (NFKC);
//! the supplement's are the radicals whose glyph is the ideograph's in the
//! Noto CJK SC fonts (as Unicode's `EquivalentUnifiedIdeograph.txt` pairs
//! them), one ideograph each, and `⺟` (母), which Chromium names so.
//!
//! Punctuation: the one glyph a font draws for the 破折号 `——` (two em
//! dashes, as GB/T 15834 writes it) is also its TWO-EM DASH U+2E3A (and the
//! three-em one U+2E3B), so `⸺` reads `——`; the centred 省略号 `…` is also
//! the MIDLINE HORIZONTAL ELLIPSIS `⋯`; the 间隔号 `·` is also the KATAKANA
//! MIDDLE DOT `・` (and its half-width form), which Chinese text never uses;
//! the circled numbers `①`–`⑩` of series titles are also the dingbat
//! circled sans-serif digits `➀`–`➉`.
//!
//! Not here: where the text of a glyph comes from (`device`, `fonts`).

/// Radical → ideograph, sorted by radical.
const RADICALS: &[(char, char)] = &[
    ('\u{2E82}', '乛'),
    ('\u{2E83}', '乚'),
    ('\u{2E85}', '亻'),
    ('\u{2E89}', '刂'),
    ('\u{2E8E}', '兀'),
    ('\u{2E8F}', '尣'),
    ('\u{2E90}', '尢'),
    ('\u{2E92}', '巳'),
    ('\u{2E93}', '幺'),
    ('\u{2E94}', '彑'),
    ('\u{2E95}', '彐'),
    ('\u{2E96}', '忄'),
    ('\u{2E98}', '扌'),
    ('\u{2E99}', '攵'),
    ('\u{2E9B}', '旡'),
    ('\u{2E9E}', '歺'),
    ('\u{2E9F}', '母'),
    ('\u{2EA0}', '民'),
    ('\u{2EA1}', '氵'),
    ('\u{2EA3}', '灬'),
    ('\u{2EA4}', '爫'),
    ('\u{2EA6}', '丬'),
    ('\u{2EA8}', '犭'),
    ('\u{2EAB}', '罒'),
    ('\u{2EAD}', '礻'),
    ('\u{2EAF}', '糹'),
    ('\u{2EB0}', '纟'),
    ('\u{2EB1}', '罓'),
    ('\u{2EB2}', '罒'),
    ('\u{2EB9}', '耂'),
    ('\u{2EBA}', '肀'),
    ('\u{2EBE}', '艹'),
    ('\u{2EC1}', '虎'),
    ('\u{2EC2}', '衤'),
    ('\u{2EC3}', '覀'),
    ('\u{2EC5}', '见'),
    ('\u{2EC6}', '角'),
    ('\u{2EC8}', '讠'),
    ('\u{2EC9}', '贝'),
    ('\u{2ECB}', '车'),
    ('\u{2ECC}', '辶'),
    ('\u{2ED0}', '钅'),
    ('\u{2ED1}', '長'),
    ('\u{2ED2}', '镸'),
    ('\u{2ED3}', '长'),
    ('\u{2ED4}', '门'),
    ('\u{2ED6}', '阝'),
    ('\u{2ED8}', '青'),
    ('\u{2ED9}', '韦'),
    ('\u{2EDA}', '页'),
    ('\u{2EDB}', '风'),
    ('\u{2EDC}', '飞'),
    ('\u{2EDD}', '食'),
    ('\u{2EDF}', '飠'),
    ('\u{2EE0}', '饣'),
    ('\u{2EE2}', '马'),
    ('\u{2EE3}', '骨'),
    ('\u{2EE4}', '鬼'),
    ('\u{2EE5}', '鱼'),
    ('\u{2EE6}', '鸟'),
    ('\u{2EE7}', '卤'),
    ('\u{2EE8}', '麦'),
    ('\u{2EE9}', '黄'),
    ('\u{2EEA}', '黾'),
    ('\u{2EEB}', '斉'),
    ('\u{2EEC}', '齐'),
    ('\u{2EEE}', '齿'),
    ('\u{2EEF}', '竜'),
    ('\u{2EF0}', '龙'),
    ('\u{2EF1}', '龜'),
    ('\u{2EF2}', '亀'),
    ('\u{2F00}', '一'),
    ('\u{2F01}', '丨'),
    ('\u{2F02}', '丶'),
    ('\u{2F03}', '丿'),
    ('\u{2F04}', '乙'),
    ('\u{2F05}', '亅'),
    ('\u{2F06}', '二'),
    ('\u{2F07}', '亠'),
    ('\u{2F08}', '人'),
    ('\u{2F09}', '儿'),
    ('\u{2F0A}', '入'),
    ('\u{2F0B}', '八'),
    ('\u{2F0C}', '冂'),
    ('\u{2F0D}', '冖'),
    ('\u{2F0E}', '冫'),
    ('\u{2F0F}', '几'),
    ('\u{2F10}', '凵'),
    ('\u{2F11}', '刀'),
    ('\u{2F12}', '力'),
    ('\u{2F13}', '勹'),
    ('\u{2F14}', '匕'),
    ('\u{2F15}', '匚'),
    ('\u{2F16}', '匸'),
    ('\u{2F17}', '十'),
    ('\u{2F18}', '卜'),
    ('\u{2F19}', '卩'),
    ('\u{2F1A}', '厂'),
    ('\u{2F1B}', '厶'),
    ('\u{2F1C}', '又'),
    ('\u{2F1D}', '口'),
    ('\u{2F1E}', '囗'),
    ('\u{2F1F}', '土'),
    ('\u{2F20}', '士'),
    ('\u{2F21}', '夂'),
    ('\u{2F22}', '夊'),
    ('\u{2F23}', '夕'),
    ('\u{2F24}', '大'),
    ('\u{2F25}', '女'),
    ('\u{2F26}', '子'),
    ('\u{2F27}', '宀'),
    ('\u{2F28}', '寸'),
    ('\u{2F29}', '小'),
    ('\u{2F2A}', '尢'),
    ('\u{2F2B}', '尸'),
    ('\u{2F2C}', '屮'),
    ('\u{2F2D}', '山'),
    ('\u{2F2E}', '巛'),
    ('\u{2F2F}', '工'),
    ('\u{2F30}', '己'),
    ('\u{2F31}', '巾'),
    ('\u{2F32}', '干'),
    ('\u{2F33}', '幺'),
    ('\u{2F34}', '广'),
    ('\u{2F35}', '廴'),
    ('\u{2F36}', '廾'),
    ('\u{2F37}', '弋'),
    ('\u{2F38}', '弓'),
    ('\u{2F39}', '彐'),
    ('\u{2F3A}', '彡'),
    ('\u{2F3B}', '彳'),
    ('\u{2F3C}', '心'),
    ('\u{2F3D}', '戈'),
    ('\u{2F3E}', '戶'),
    ('\u{2F3F}', '手'),
    ('\u{2F40}', '支'),
    ('\u{2F41}', '攴'),
    ('\u{2F42}', '文'),
    ('\u{2F43}', '斗'),
    ('\u{2F44}', '斤'),
    ('\u{2F45}', '方'),
    ('\u{2F46}', '无'),
    ('\u{2F47}', '日'),
    ('\u{2F48}', '曰'),
    ('\u{2F49}', '月'),
    ('\u{2F4A}', '木'),
    ('\u{2F4B}', '欠'),
    ('\u{2F4C}', '止'),
    ('\u{2F4D}', '歹'),
    ('\u{2F4E}', '殳'),
    ('\u{2F4F}', '毋'),
    ('\u{2F50}', '比'),
    ('\u{2F51}', '毛'),
    ('\u{2F52}', '氏'),
    ('\u{2F53}', '气'),
    ('\u{2F54}', '水'),
    ('\u{2F55}', '火'),
    ('\u{2F56}', '爪'),
    ('\u{2F57}', '父'),
    ('\u{2F58}', '爻'),
    ('\u{2F59}', '爿'),
    ('\u{2F5A}', '片'),
    ('\u{2F5B}', '牙'),
    ('\u{2F5C}', '牛'),
    ('\u{2F5D}', '犬'),
    ('\u{2F5E}', '玄'),
    ('\u{2F5F}', '玉'),
    ('\u{2F60}', '瓜'),
    ('\u{2F61}', '瓦'),
    ('\u{2F62}', '甘'),
    ('\u{2F63}', '生'),
    ('\u{2F64}', '用'),
    ('\u{2F65}', '田'),
    ('\u{2F66}', '疋'),
    ('\u{2F67}', '疒'),
    ('\u{2F68}', '癶'),
    ('\u{2F69}', '白'),
    ('\u{2F6A}', '皮'),
    ('\u{2F6B}', '皿'),
    ('\u{2F6C}', '目'),
    ('\u{2F6D}', '矛'),
    ('\u{2F6E}', '矢'),
    ('\u{2F6F}', '石'),
    ('\u{2F70}', '示'),
    ('\u{2F71}', '禸'),
    ('\u{2F72}', '禾'),
    ('\u{2F73}', '穴'),
    ('\u{2F74}', '立'),
    ('\u{2F75}', '竹'),
    ('\u{2F76}', '米'),
    ('\u{2F77}', '糸'),
    ('\u{2F78}', '缶'),
    ('\u{2F79}', '网'),
    ('\u{2F7A}', '羊'),
    ('\u{2F7B}', '羽'),
    ('\u{2F7C}', '老'),
    ('\u{2F7D}', '而'),
    ('\u{2F7E}', '耒'),
    ('\u{2F7F}', '耳'),
    ('\u{2F80}', '聿'),
    ('\u{2F81}', '肉'),
    ('\u{2F82}', '臣'),
    ('\u{2F83}', '自'),
    ('\u{2F84}', '至'),
    ('\u{2F85}', '臼'),
    ('\u{2F86}', '舌'),
    ('\u{2F87}', '舛'),
    ('\u{2F88}', '舟'),
    ('\u{2F89}', '艮'),
    ('\u{2F8A}', '色'),
    ('\u{2F8B}', '艸'),
    ('\u{2F8C}', '虍'),
    ('\u{2F8D}', '虫'),
    ('\u{2F8E}', '血'),
    ('\u{2F8F}', '行'),
    ('\u{2F90}', '衣'),
    ('\u{2F91}', '襾'),
    ('\u{2F92}', '見'),
    ('\u{2F93}', '角'),
    ('\u{2F94}', '言'),
    ('\u{2F95}', '谷'),
    ('\u{2F96}', '豆'),
    ('\u{2F97}', '豕'),
    ('\u{2F98}', '豸'),
    ('\u{2F99}', '貝'),
    ('\u{2F9A}', '赤'),
    ('\u{2F9B}', '走'),
    ('\u{2F9C}', '足'),
    ('\u{2F9D}', '身'),
    ('\u{2F9E}', '車'),
    ('\u{2F9F}', '辛'),
    ('\u{2FA0}', '辰'),
    ('\u{2FA1}', '辵'),
    ('\u{2FA2}', '邑'),
    ('\u{2FA3}', '酉'),
    ('\u{2FA4}', '釆'),
    ('\u{2FA5}', '里'),
    ('\u{2FA6}', '金'),
    ('\u{2FA7}', '長'),
    ('\u{2FA8}', '門'),
    ('\u{2FA9}', '阜'),
    ('\u{2FAA}', '隶'),
    ('\u{2FAB}', '隹'),
    ('\u{2FAC}', '雨'),
    ('\u{2FAD}', '靑'),
    ('\u{2FAE}', '非'),
    ('\u{2FAF}', '面'),
    ('\u{2FB0}', '革'),
    ('\u{2FB1}', '韋'),
    ('\u{2FB2}', '韭'),
    ('\u{2FB3}', '音'),
    ('\u{2FB4}', '頁'),
    ('\u{2FB5}', '風'),
    ('\u{2FB6}', '飛'),
    ('\u{2FB7}', '食'),
    ('\u{2FB8}', '首'),
    ('\u{2FB9}', '香'),
    ('\u{2FBA}', '馬'),
    ('\u{2FBB}', '骨'),
    ('\u{2FBC}', '高'),
    ('\u{2FBD}', '髟'),
    ('\u{2FBE}', '鬥'),
    ('\u{2FBF}', '鬯'),
    ('\u{2FC0}', '鬲'),
    ('\u{2FC1}', '鬼'),
    ('\u{2FC2}', '魚'),
    ('\u{2FC3}', '鳥'),
    ('\u{2FC4}', '鹵'),
    ('\u{2FC5}', '鹿'),
    ('\u{2FC6}', '麥'),
    ('\u{2FC7}', '麻'),
    ('\u{2FC8}', '黃'),
    ('\u{2FC9}', '黍'),
    ('\u{2FCA}', '黑'),
    ('\u{2FCB}', '黹'),
    ('\u{2FCC}', '黽'),
    ('\u{2FCD}', '鼎'),
    ('\u{2FCE}', '鼓'),
    ('\u{2FCF}', '鼠'),
    ('\u{2FD0}', '鼻'),
    ('\u{2FD1}', '齊'),
    ('\u{2FD2}', '齒'),
    ('\u{2FD3}', '龍'),
    ('\u{2FD4}', '龜'),
    ('\u{2FD5}', '龠'),
];

/// The ideograph a radical code point stands for; other characters unchanged.
pub(crate) fn ideograph(c: char) -> char {
    if !('\u{2E80}'..='\u{2FDF}').contains(&c) {
        return c;
    }
    RADICALS.binary_search_by_key(&c, |&(r, _)| r).map(|i| RADICALS[i].1).unwrap_or(c)
}

/// A glyph's text with radicals read as ideographs and shared punctuation
/// as the Chinese marks (no copy when there are none).
pub(crate) fn unify(text: String) -> String {
    let punct =
        |c: char| matches!(c, '\u{2E3A}' | '\u{2E3B}' | '\u{22EF}' | '\u{30FB}' | '\u{FF65}' | '\u{2780}'..='\u{2789}');
    if !text.chars().any(|c| ideograph(c) != c || punct(c)) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 6);
    for c in text.chars() {
        match c {
            '\u{2E3A}' => out.push_str("——"),
            '\u{2E3B}' => out.push_str("———"),
            '\u{22EF}' => out.push('…'),
            '\u{30FB}' | '\u{FF65}' => out.push('·'),
            '\u{2780}'..='\u{2789}' => out.extend(char::from_u32(u32::from(c) - 0x2780 + 0x2460)),
            c => out.push(ideograph(c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_maps_into_the_ideographs() {
        assert!(RADICALS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(RADICALS.iter().all(|&(_, i)| ('\u{4E00}'..='\u{9FFF}').contains(&i)));
    }

    #[test]
    fn radicals_read_as_ideographs() {
        assert_eq!(unify("⼈⺠⽇报".to_string()), "人民日报");
        assert_eq!(unify("⻓江⻩河".to_string()), "长江黄河");
        assert_eq!(unify("\u{2E9F}亲".to_string()), "母亲");
        assert_eq!(unify("人民日报 2019".to_string()), "人民日报 2019");
        assert_eq!(ideograph('⺚'), '⺚');
    }

    #[test]
    fn shared_punctuation_reads_as_chinese_punctuation() {
        assert_eq!(unify("民警\u{2E3A}全员".to_string()), "民警——全员");
        assert_eq!(unify("\u{2E3B}".to_string()), "———");
        assert_eq!(unify("——".to_string()), "——");
        assert_eq!(unify("考试\u{22EF}\u{22EF}".to_string()), "考试……");
        assert_eq!(unify("年集\u{30FB}灯彩".to_string()), "年集·灯彩");
        assert_eq!(unify("这一年\u{2780}\u{2789}".to_string()), "这一年①⑩");
    }
}
