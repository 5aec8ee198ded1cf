//! `pmlint server`: a Language Server Protocol server over stdio, on `lsp-server` (the
//! transport rust-analyzer uses) and `lsp-types`.
//!
//! - Documents are synced whole; each open, change and save queues a lint for the
//!   [`worker`] thread, which waits a moment for more changes, lints the newest text, and
//!   drops its result if the text changed meanwhile. The main loop only reads messages and
//!   answers requests, so the editor is never kept waiting on a lint.
//! - Each file is linted by the config nearest it, exactly as the CLI does
//!   ([`ConfigSet`]); saving a `pmlint.toml` (or a watched change of one) reloads them all.
//! - Code actions: each finding's fix (safe ones preferred, unsafe ones marked), "fix all
//!   safe problems" for the document, and "disable for this line", which inserts the
//!   suppression comment. Hover on a finding shows `pmlint explain`.
//! - A panic in a rule is caught, logged to the client, and the server goes on.

mod actions;
mod convert;
mod worker;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionProviderCapability, HoverProviderCapability, InitializeParams,
    PublishDiagnosticsParams, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
    Url,
};

use crate::config::nearest::ConfigSet;
use crate::config::{self, Overrides, Settings};
use crate::finding::Finding;
use crate::source::Source;

/// A lint's result: the source its findings point into, and the findings.
type Linted = Arc<(Source, Vec<Finding>)>;

/// One open document: its text as the editor has it, and the findings of its last lint.
struct Doc {
    version: i32,
    text: Arc<String>,
    /// The version these findings are of, with the source they point into.
    linted: Option<(i32, Linted)>,
}

/// What the main loop and the worker share.
struct State {
    docs: Mutex<HashMap<Url, Doc>>,
    /// Read on first need, dropped when a config changes.
    configs: Mutex<Option<ConfigSet>>,
    sender: crossbeam_channel::Sender<Message>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl State {
    /// Lint `text` of `uri` by the config nearest it. `Err`: the config cannot be read, or
    /// a rule panicked (both are logged, and the document keeps its last diagnostics).
    fn lint(&self, uri: &Url, text: &str) -> Result<(Source, Vec<Finding>), String> {
        let name = display_name(uri);
        let text = text.to_string();
        self.with_settings(uri, |settings| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                crate::fix::lint(&name, text, settings)
            }))
            .map_err(|panic| {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".to_string());
                format!("pmlint failed on {name}: {what}")
            })
        })?
    }

    /// Run `f` with the settings of the config nearest `uri` (the workspace's, for a
    /// document not on disk). `Err`: a config cannot be read, with the error as the CLI
    /// prints it.
    fn with_settings<R>(&self, uri: &Url, f: impl FnOnce(&Settings) -> R) -> Result<R, String> {
        let mut configs = lock(&self.configs);
        if configs.is_none() {
            *configs = Some(ConfigSet::new(Overrides::default()).map_err(|e| format!("{e:?}"))?);
        }
        let set = configs.as_mut().expect("loaded above");
        let index = match uri.to_file_path() {
            Ok(path) => set.for_file(&path).map_err(|e| format!("{e:?}"))?,
            Err(()) => 0,
        };
        Ok(f(set.get(index)))
    }

    /// The findings of `uri` as it is now: the last lint's if it is of this version, else a
    /// fresh one (a code action or hover asked before the worker got to it).
    fn current(&self, uri: &Url) -> Option<Linted> {
        let (version, text) = {
            let docs = lock(&self.docs);
            let doc = docs.get(uri)?;
            if let Some((v, linted)) = &doc.linted
                && *v == doc.version
            {
                return Some(Arc::clone(linted));
            }
            (doc.version, Arc::clone(&doc.text))
        };
        let linted = Arc::new(self.lint(uri, &text).map_err(|e| self.log(&e)).ok()?);
        if let Some(doc) = lock(&self.docs).get_mut(uri)
            && doc.version == version
        {
            doc.linted = Some((version, Arc::clone(&linted)));
        }
        Some(linted)
    }

    fn publish(&self, uri: &Url, version: Option<i32>, linted: &(Source, Vec<Finding>)) {
        let (source, findings) = linted;
        let diagnostics = findings
            .iter()
            .map(|f| convert::diagnostic(source, uri, f))
            .collect();
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        });
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        let _ = self.sender.send(Message::Notification(Notification::new(
            N::METHOD.to_string(),
            params,
        )));
    }

    /// An error the user should be able to find: the client's log.
    fn log(&self, message: &str) {
        self.notify::<lsp_types::notification::LogMessage>(lsp_types::LogMessageParams {
            typ: lsp_types::MessageType::ERROR,
            message: message.to_string(),
        });
    }
}

/// Serve one client over stdin and stdout until it shuts the server down.
pub fn run() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Options(
            lsp_types::CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..Default::default()
    };
    let capabilities = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    let params = connection
        .initialize(capabilities)
        .map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    // Configs are found from the workspace's folder, as the CLI finds them from the current one.
    if let Some(root) = workspace_root(&params) {
        let _ = std::env::set_current_dir(root);
    }
    let state = Arc::new(State {
        docs: Mutex::new(HashMap::new()),
        configs: Mutex::new(None),
        sender: connection.sender.clone(),
    });
    let jobs = worker::start(Arc::clone(&state));
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection
                    .handle_shutdown(&request)
                    .map_err(|e| e.to_string())?
                {
                    break;
                }
                let response = answer(&state, request);
                let _ = connection.sender.send(Message::Response(response));
            }
            Message::Notification(notification) => {
                on_notification(&state, &jobs, notification);
            }
            Message::Response(_) => {}
        }
    }
    // Every sender must go before the writer thread can end: the worker's, the state's, the
    // connection's.
    jobs.finish();
    drop(state);
    drop(connection);
    io_threads.join().map_err(|e| e.to_string())
}

#[allow(deprecated)] // `root_uri` is what most clients still send.
fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri)
        .or(params.root_uri.as_ref())
        .and_then(|uri| uri.to_file_path().ok())
}

fn answer(state: &State, request: Request) -> Response {
    let Request { id, method, params } = request;
    match method.as_str() {
        CodeActionRequest::METHOD => reply(id, params, |p| actions::code_actions(state, p)),
        HoverRequest::METHOD => reply(id, params, |p| actions::hover(state, p)),
        _ => Response::new_err(
            id,
            lsp_server::ErrorCode::MethodNotFound as i32,
            format!("pmlint does not answer {method}"),
        ),
    }
}

/// Parse a request's params, answer, and serialise the result.
fn reply<P: serde::de::DeserializeOwned, R: serde::Serialize>(
    id: RequestId,
    params: serde_json::Value,
    handle: impl FnOnce(P) -> R,
) -> Response {
    match serde_json::from_value::<P>(params) {
        Ok(params) => Response::new_ok(id, handle(params)),
        Err(e) => Response::new_err(
            id,
            lsp_server::ErrorCode::InvalidParams as i32,
            e.to_string(),
        ),
    }
}

fn on_notification(state: &State, jobs: &worker::Jobs, notification: Notification) {
    let Notification { method, params } = notification;
    match method.as_str() {
        DidOpenTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(params)
            else {
                return;
            };
            let doc = p.text_document;
            lock(&state.docs).insert(
                doc.uri.clone(),
                Doc {
                    version: doc.version,
                    text: Arc::new(doc.text),
                    linted: None,
                },
            );
            jobs.queue(doc.uri);
        }
        DidChangeTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(params)
            else {
                return;
            };
            // Full sync: the last change holds the whole text.
            let Some(change) = p.content_changes.into_iter().last() else {
                return;
            };
            let uri = p.text_document.uri;
            if let Some(doc) = lock(&state.docs).get_mut(&uri) {
                doc.version = p.text_document.version;
                doc.text = Arc::new(change.text);
            }
            jobs.queue(uri);
        }
        DidSaveTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(params)
            else {
                return;
            };
            if is_config(&p.text_document.uri) {
                reload_configs(state, jobs);
            } else {
                jobs.queue(p.text_document.uri);
            }
        }
        DidChangeWatchedFiles::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(params)
            else {
                return;
            };
            if p.changes.iter().any(|c| is_config(&c.uri)) {
                reload_configs(state, jobs);
            }
        }
        DidCloseTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params)
            else {
                return;
            };
            let uri = p.text_document.uri;
            lock(&state.docs).remove(&uri);
            state.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                uri,
                diagnostics: Vec::new(),
                version: None,
            });
        }
        _ => {}
    }
}

/// The path of a file URI, else the URI itself ("untitled:Untitled-1").
fn display_name(uri: &Url) -> String {
    uri.to_file_path()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| uri.to_string())
}

fn is_config(uri: &Url) -> bool {
    uri.path_segments()
        .and_then(|mut s| s.next_back())
        .is_some_and(|name| config::CONFIG_NAMES.contains(&name))
}

/// A config changed: read them all again and lint every open document.
fn reload_configs(state: &State, jobs: &worker::Jobs) {
    *lock(&state.configs) = None;
    let open: Vec<Url> = lock(&state.docs).keys().cloned().collect();
    for uri in open {
        if let Some(doc) = lock(&state.docs).get_mut(&uri) {
            doc.linted = None;
        }
        jobs.queue(uri);
    }
}
