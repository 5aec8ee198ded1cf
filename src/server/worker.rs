//! The lint thread: the main loop queues documents, this thread lints them off it.
//!
//! After a document is queued the thread waits [`DEBOUNCE`] for more changes (typing sends
//! one per keystroke), then lints each queued document's newest text once. A result whose
//! document changed while it was being linted is dropped: the change queued a newer lint.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use lsp_types::Url;

use super::{State, lock};

/// How long to wait for the next change before linting.
const DEBOUNCE: Duration = Duration::from_millis(120);

/// Where the main loop queues documents to lint.
pub struct Jobs {
    queue: mpsc::Sender<Url>,
    thread: std::thread::JoinHandle<()>,
}

impl Jobs {
    pub fn queue(&self, uri: Url) {
        let _ = self.queue.send(uri);
    }

    /// End the thread once it has linted what is queued (it then lets go of the state and
    /// its sender, so the connection's writer can end).
    pub fn finish(self) {
        drop(self.queue);
        let _ = self.thread.join();
    }
}

pub fn start(state: Arc<State>) -> Jobs {
    let (tx, rx) = mpsc::channel::<Url>();
    let thread = std::thread::Builder::new()
        .name("pmlint-lint".into())
        // As the CLI's workers: comrak and the walks are iterative, room costs nothing.
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            while let Ok(first) = rx.recv() {
                let mut queued = BTreeSet::from([first]);
                let until = Instant::now() + DEBOUNCE;
                loop {
                    let left = until.saturating_duration_since(Instant::now());
                    match rx.recv_timeout(left) {
                        Ok(uri) => {
                            queued.insert(uri);
                        }
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                for uri in queued {
                    lint_one(&state, &uri);
                }
            }
        })
        .expect("the lint thread starts");
    Jobs { queue: tx, thread }
}

fn lint_one(state: &State, uri: &Url) {
    let Some((version, text)) = lock(&state.docs)
        .get(uri)
        .map(|d| (d.version, Arc::clone(&d.text)))
    else {
        return; // Closed meanwhile.
    };
    let linted = match state.lint(uri, &text) {
        Ok(linted) => Arc::new(linted),
        Err(e) => return state.log(&e),
    };
    let mut docs = lock(&state.docs);
    let Some(doc) = docs.get_mut(uri).filter(|d| d.version == version) else {
        return; // Stale: a newer text is queued.
    };
    doc.linted = Some((version, Arc::clone(&linted)));
    drop(docs);
    state.publish(uri, Some(version), &linted);
}
