// Starts `pmlint server` for Markdown files and hands it to VS Code's language client:
// diagnostics, quick fixes, "fix all", "disable for this line" and hover all come from it.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("pmlint").get("path", "pmlint");
  client = new LanguageClient(
    "pmlint",
    "pmlint",
    { command, args: ["server"] },
    {
      documentSelector: [{ scheme: "file", language: "markdown" }],
      synchronize: {
        // Saving or changing a config re-lints the open files.
        fileEvents: vscode.workspace.createFileSystemWatcher("**/{pmlint.toml,.pmlint.toml}"),
      },
    },
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
