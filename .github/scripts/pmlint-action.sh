#!/usr/bin/env bash
# The logic of pmlint's GitHub Action (action.yml at the repository root). It runs outside
# GitHub too: tests/integrations.rs runs it in a scratch repository with a fake event.
#
# Inputs, as environment variables (a composite action passes its inputs this way):
#   INPUT_PATHS         files and folders to lint, one per line (default: .)
#   INPUT_CONFIG        a pmlint.toml to use instead of the nearest one
#   INPUT_ONLY_CHANGED  true (default) or false. When true and the event is a pull request,
#                       lint only the Markdown files under INPUT_PATHS that the pull request
#                       adds or changes, found with git against the payload's base commit.
#   INPUT_FAIL_ON       error, warning or never (default: the config's, else error)
#   INPUT_SARIF_FILE    when set, also write a SARIF 2.1.0 log of the same files there
#   PMLINT              the pmlint binary (default: pmlint on PATH)
#   GITHUB_EVENT_PATH   the event payload, as GitHub Actions sets it
#
# Prints findings as workflow commands (--format github), which GitHub shows as annotations
# on the pull request's lines. Exits with pmlint's code: 0 clean, 1 findings at or above
# fail-on, 2 a usage, configuration or I/O error.
#
# Written for bash 3.2 (macOS) and Git Bash (Windows): no mapfile, no ${var,,}, and no
# "${array[@]}" of an empty array under set -u.
set -euo pipefail

pmlint=${PMLINT:-pmlint}
only_changed=${INPUT_ONLY_CHANGED:-true}
sarif_file=${INPUT_SARIF_FILE:-}

fail() {
  echo "::error title=pmlint::$1"
  exit 2
}

case $only_changed in
  true | false) ;;
  *) fail "only-changed must be true or false, not '$only_changed'" ;;
esac

paths=()
while IFS= read -r line || [[ -n $line ]]; do
  line=${line%$'\r'}
  [[ -n ${line//[[:space:]]/} ]] && paths+=("$line")
done <<<"${INPUT_PATHS:-.}"
[[ ${#paths[@]} -gt 0 ]] || paths=(.)

common=()
[[ -n ${INPUT_CONFIG:-} ]] && common+=(--config "$INPUT_CONFIG")

if [[ -n $sarif_file ]]; then
  mkdir -p -- "$(dirname -- "$sarif_file")"
fi

base=""
if [[ $only_changed == true && -n ${GITHUB_EVENT_PATH:-} && -f ${GITHUB_EVENT_PATH:-} ]]; then
  command -v jq >/dev/null 2>&1 || fail "jq is needed to read the pull request's base commit from GITHUB_EVENT_PATH"
  base=$(jq -r '.pull_request.base.sha // empty' "$GITHUB_EVENT_PATH")
fi

# An empty SARIF log, so that an upload step after this one still finds its file.
empty_sarif() {
  # shellcheck disable=SC2016 # "$schema" is JSON, not a shell variable
  printf '%s\n' '{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",' \
    ' "runs": [{"tool": {"driver": {"name": "pmlint"}}, "results": []}]}' >"$sarif_file"
}

if [[ -n $base ]]; then
  # actions/checkout fetches one commit by default: fetch the base too when it is missing.
  if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
    git fetch --quiet --no-tags --depth=1 origin "$base" ||
      fail "cannot fetch the pull request's base commit $base"
  fi
  # Diff from where the branch left its base: for the merge commit that actions/checkout
  # makes of a pull request, that is the base itself; without the history to find it (a
  # shallow clone), the base.
  from=$(git merge-base "$base" HEAD 2>/dev/null) || from=$base

  # Added, copied, modified, renamed (under the new name) or retyped; deleted files are not
  # there to lint. -z and literal pathspecs keep any file name intact.
  files=()
  while IFS= read -r -d '' f; do
    shopt -s nocasematch
    if [[ $f == *.md || $f == *.markdown ]] && [[ -f $f ]]; then
      files+=("$f")
    fi
    shopt -u nocasematch
  done < <(GIT_LITERAL_PATHSPECS=1 git -c core.quotePath=false diff --name-only -z --relative \
    --diff-filter=ACMRT "$from" HEAD -- "${paths[@]}")

  if [[ ${#files[@]} -eq 0 ]]; then
    echo "::notice title=pmlint::This pull request changes no Markdown file under ${paths[*]}: nothing to lint."
    [[ -z $sarif_file ]] || empty_sarif
    exit 0
  fi
  echo "pmlint: linting the ${#files[@]} Markdown file(s) this pull request adds or changes"
  targets=("${files[@]}")
  # pmlint lints files named on the command line whatever the config says; make the
  # config's exclude apply to them too, as it does to folders.
  common+=(--force-exclude)
else
  targets=("${paths[@]}")
fi

status=0
github_args=(--format github)
[[ -n ${INPUT_FAIL_ON:-} ]] && github_args+=(--fail-on "$INPUT_FAIL_ON")
"$pmlint" ${common[@]+"${common[@]}"} "${github_args[@]}" -- "${targets[@]}" || status=$?

if [[ -n $sarif_file ]]; then
  sarif_status=0
  "$pmlint" ${common[@]+"${common[@]}"} --format sarif --fail-on never -- "${targets[@]}" \
    >"$sarif_file" || sarif_status=$?
  if [[ $sarif_status -ne 0 && $status -eq 0 ]]; then status=$sarif_status; fi
fi

exit "$status"
