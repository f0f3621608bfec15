//! The archive crate as its users drive it; its rules are tested next to them (names, papers, place).
