//! `pmlint server` driven as an editor drives it: a small LSP client in the test speaks
//! JSON-RPC over the server's stdin and stdout (framed by `lsp-server`, typed by `lsp-types`).

use std::io::BufReader;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use lsp_server::{Message, Notification, Request, RequestId};
use lsp_types::{Position, Url};
use serde_json::{Value, json};

/// The server, its stdin, and every message it sends, read on a thread of their own.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Message>,
    next_id: i32,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pmlint"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("pmlint server starts");
        let stdout = child.stdout.take().unwrap();
        let stdin = child.stdin.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(message)) = Message::read(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 1,
        }
    }

    fn send(&mut self, message: Message) {
        message.write(&mut self.stdin).expect("the server reads");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )));
    }

    /// Send a request and wait for its response's result.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(Message::Request(Request::new(
            RequestId::from(id),
            method.to_string(),
            params,
        )));
        loop {
            match self.next() {
                Message::Response(r) if r.id == RequestId::from(id) => {
                    assert!(r.error.is_none(), "{method}: {:?}", r.error);
                    return r.result.unwrap_or(Value::Null);
                }
                _ => {}
            }
        }
    }

    fn next(&self) -> Message {
        self.messages
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers within a minute")
    }

    /// The next diagnostics published for `uri` (at `version`, when given).
    fn diagnostics(&self, uri: &Url, version: Option<i64>) -> Vec<Value> {
        loop {
            if let Message::Notification(n) = self.next()
                && n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == uri.as_str()
                && version.is_none_or(|v| n.params["version"] == v)
            {
                return n.params["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// Apply one text edit (ASCII text) given as LSP JSON.
fn apply(text: &str, edit: &Value) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let character = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + character
    };
    let (a, b) = (
        offset(&edit["range"]["start"]),
        offset(&edit["range"]["end"]),
    );
    format!(
        "{}{}{}",
        &text[..a],
        edit["newText"].as_str().unwrap(),
        &text[b..]
    )
}

const FLAWED: &str = "# Outage\n\n## Summary\nThe API was down for all users; teh cache was cold.\n\n## Timeline\n- 10:00 UTC down\n- 10:30 UTC up\n\n## Root Cause\nA bad deploy.\n\n## Resolution\nRolled back.\n";

#[test]
fn an_editor_opens_a_flawed_postmortem_applies_a_fix_and_sees_it_cleared() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pmlint.toml"), "preset = \"alx\"\n").unwrap();
    let path = dir.path().join("a.md");
    std::fs::write(&path, FLAWED).unwrap();
    let uri = Url::from_file_path(&path).unwrap();
    let root = Url::from_directory_path(dir.path()).unwrap();

    let mut client = Client::start(dir.path());
    let init = client.request(
        "initialize",
        json!({ "processId": null, "rootUri": root, "capabilities": {} }),
    );
    assert_eq!(init["capabilities"]["textDocumentSync"], 1, "{init}");
    assert_eq!(init["capabilities"]["hoverProvider"], true, "{init}");
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": FLAWED
        }}),
    );
    let diagnostics = client.diagnostics(&uri, Some(1));
    let found = codes(&diagnostics);
    assert!(found.contains(&"PM501".to_string()), "{diagnostics:?}");
    // The config nearest the file: alx calls its corrective section by its long name.
    assert!(
        diagnostics.iter().any(|d| d["message"]
            .as_str()
            .unwrap()
            .contains("`Corrective and Preventative Measures` is missing")),
        "{diagnostics:?}"
    );
    let typo = diagnostics.iter().find(|d| d["code"] == "PM501").unwrap();
    assert_eq!(
        typo["range"]["start"],
        json!({ "line": 3, "character": 32 })
    );
    assert_eq!(typo["source"], "pmlint");
    // The code links to the rule's own section of the reference.
    assert!(
        typo["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules.md#pm501-known-typos"),
        "{typo}"
    );
    assert!(
        typo["message"].as_str().unwrap().contains("[known-typos]"),
        "{typo}"
    );

    // Code actions at the typo: its fix (preferred) and "disable for this line".
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": typo["range"],
            "context": { "diagnostics": [typo] }
        }),
    );
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Disable PM501 (known-typos) for this line")),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Fix all safe problems (pmlint)"),
        "{titles:?}"
    );
    let fix = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Fix PM501"))
        .expect("the typo's fix");
    assert_eq!(fix["isPreferred"], true);
    let edits = &fix["edit"]["changes"][uri.as_str()];
    let fixed = apply(FLAWED, &edits[0]);
    assert!(fixed.contains("users; the cache"), "{fixed}");

    // The editor applies it; the server lints the new text and the typo is gone.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": fixed }]
        }),
    );
    let after = client.diagnostics(&uri, Some(2));
    assert!(!codes(&after).contains(&"PM501".to_string()), "{after:?}");
    assert!(codes(&after).contains(&"PM101".to_string()), "{after:?}");

    // Hover on a finding shows its rule's documentation.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": after[0]["range"]["start"] }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("# PM101 required-sections"), "{shown}");

    // The config changes on disk and is saved: the file is linted by the new one.
    std::fs::write(
        dir.path().join("pmlint.toml"),
        "[rules.required-sections]\nseverity = \"off\"\n",
    )
    .unwrap();
    let config_uri = Url::from_file_path(dir.path().join("pmlint.toml")).unwrap();
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": config_uri } }),
    );
    let reloaded = client.diagnostics(&uri, Some(2));
    assert!(
        !codes(&reloaded).contains(&"PM101".to_string()),
        "{reloaded:?}"
    );

    // Closing the document clears its diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(client.diagnostics(&uri, None).is_empty());

    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert!(status.success(), "{status}");
}

#[test]
fn a_disable_action_inserts_the_suppression_comment_and_fix_all_rewrites_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.md");
    let text = "# Outage\n\n## Summary\n  Teh API was down; teh cache was cold.\n";
    let uri = Url::from_file_path(&path).unwrap();
    let mut client = Client::start(dir.path());
    client.request(
        "initialize",
        json!({ "processId": null, "capabilities": {} }),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 7, "text": text }}),
    );
    let diagnostics = client.diagnostics(&uri, Some(7));
    let typo = diagnostics.iter().find(|d| d["code"] == "PM501").unwrap();
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": Position::new(3, 2), "end": Position::new(3, 2) },
            "context": { "diagnostics": [typo] }
        }),
    );
    let disable = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Disable PM501"))
        .unwrap();
    let edit = &disable["edit"]["changes"][uri.as_str()][0];
    assert_eq!(
        apply(text, edit),
        "# Outage\n\n## Summary\n  <!-- pmlint-disable-next-line PM501 -->\n  Teh API was down; teh cache was cold.\n"
    );
    // Only the fix-all kind, as an editor asks for it on save.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": Position::new(0, 0), "end": Position::new(0, 0) },
            "context": { "diagnostics": [], "only": ["source.fixAll"] }
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    let all = apply(text, &actions[0]["edit"]["changes"][uri.as_str()][0]);
    assert_eq!(
        all,
        "# Outage\n\n## Summary\n  The API was down; the cache was cold.\n"
    );
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().unwrap().success());
}
