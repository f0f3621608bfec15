//! Finding entities is the costliest step of preparing a page (the model
//! labels every character; parsing is ten times faster), so pages take it
//! on several threads at once, between the thread that prepares them and
//! the writer, and come out in the order they went in.

use crate::ingest::Page;
use std::collections::BTreeMap;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Mutex;
use std::thread::Scope;

/// Pages held between the stages, per stage.
const QUEUE: usize = 16;

/// How many threads find entities: one per core, at most four, at least one.
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4)
}

/// Finds the entities of every page coming from `input` on `workers`
/// threads of `scope` (`page_of` tells where an item's page is, if it has
/// one) and yields the items in the order they came. Stops early, without
/// waiting, when the items yielded are no longer wanted: the threads end at
/// their next item once the iterator is dropped.
pub fn find_entities<'scope, T: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    input: Receiver<T>,
    workers: usize,
    page_of: fn(&mut T) -> Option<&mut Page>,
) -> InOrder<T> {
    let (tx, rx) = sync_channel::<(u64, T)>(QUEUE);
    // the next item's number is taken with the item, under one lock
    let source = std::sync::Arc::new(Mutex::new((0u64, input)));
    for _ in 0..workers.max(1) {
        let tx = tx.clone();
        let source = source.clone();
        scope.spawn(move || loop {
            let next = {
                let Ok(mut guard) = source.lock() else { return };
                let (seq, input) = &mut *guard;
                match input.recv() {
                    Ok(item) => {
                        *seq += 1;
                        (*seq - 1, item)
                    }
                    Err(_) => return,
                }
            };
            let (seq, mut item) = next;
            if let Some(page) = page_of(&mut item) {
                page.find_entities();
            }
            if tx.send((seq, item)).is_err() {
                return;
            }
        });
    }
    InOrder { rx, next: 0, held: BTreeMap::new() }
}

/// The items of [`find_entities`], in their first order.
pub struct InOrder<T> {
    rx: Receiver<(u64, T)>,
    next: u64,
    held: BTreeMap<u64, T>,
}

impl<T> Iterator for InOrder<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        loop {
            if let Some(item) = self.held.remove(&self.next) {
                self.next += 1;
                return Some(item);
            }
            match self.rx.recv() {
                Ok((seq, item)) => {
                    self.held.insert(seq, item);
                }
                // every worker has ended: what is held is all there is
                Err(_) => {
                    let (&seq, _) = self.held.first_key_value()?;
                    self.next = seq;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::place::Given;
    use crate::{files::Files, ingest::Input, ingest::Preparer};

    fn page(text: &str) -> Page {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut preparer = Preparer::new(Files::of(dir.path()), shuzibao_pdf::Renderer::new());
        let given =
            Given { paper: Some("测试报".into()), date: Some("2024-01-05".parse().expect("a date")), page: None };
        let mut out = None;
        preparer.prepare(&Input::bytes("p.txt", text.as_bytes().to_vec(), given, None), |p| {
            out = Some(p);
            false
        });
        out.expect("a page").expect("prepared")
    }

    #[test]
    fn pages_come_out_in_order_with_their_entities() {
        let texts: Vec<String> = (0..40)
            .map(|i| format!("第{i}条新闻\n\n　　本报讯　区长王小明{i}日在徐家汇街道调研，听取意见。\n"))
            .collect();
        let (tx, rx) = sync_channel(4);
        let got: Vec<(usize, Page)> = std::thread::scope(|scope| {
            scope.spawn(move || {
                for (i, t) in texts.iter().enumerate() {
                    tx.send((i, page(t))).expect("the stage takes it");
                }
            });
            find_entities(scope, rx, 3, |item: &mut (usize, Page)| Some(&mut item.1)).collect()
        });
        assert_eq!(got.len(), 40);
        for (n, (i, p)) in got.iter().enumerate() {
            assert_eq!(*i, n, "in the order they came");
            let found = p.entities.as_ref().expect("entities found");
            assert_eq!(found.len(), p.issue.articles.len());
            assert!(found.iter().any(|e| e.people.iter().any(|x| x.name == "王小明")), "{:?}", found);
        }
    }

    #[test]
    fn a_consumer_that_stops_early_ends_the_workers() {
        let (tx, rx) = sync_channel(1);
        let first = std::thread::scope(|scope| {
            scope.spawn(move || {
                for i in 0..1000u32 {
                    if tx.send(i).is_err() {
                        return;
                    }
                }
            });
            let mut items = find_entities(scope, rx, 2, |_: &mut u32| None);
            items.next()
            // dropped here: the scope ends only if every thread does
        });
        assert_eq!(first, Some(0));
    }
}
