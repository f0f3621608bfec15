//! The entity model of shuzibao: a character-level sequence labeller that
//! finds the names of people, organisations and places in Chinese text,
//! trained from annotated news (`scripts/train-ner.sh`) and shipped as a
//! compact file (`model/ner.bin`) read at run time.
//!
//! - `tags`: the labels (BIOES per kind) and spans;
//! - `features`: what the model sees of each character;
//! - `model`: weights, labelling (Viterbi) and the file;
//! - `train`: the averaged perceptron and its scores;
//! - `corpus`: readers of the annotated sets.
//!
//! Not here: posts, bylines, lists and names completed across an issue: the
//! rules around the model live with the entity passes.

pub mod corpus;
pub mod entities;
pub mod features;
pub mod model;
pub mod tags;
pub mod train;

pub use model::{Model, ModelError};
pub use tags::{Kind, Span};

/// The model shipped with shuzibao.
const BUILTIN: &[u8] = include_bytes!("../model/ner.bin");

/// The model shipped with shuzibao, read once per call (keep it).
pub fn builtin() -> Result<Model, ModelError> {
    Model::from_bytes(BUILTIN)
}
