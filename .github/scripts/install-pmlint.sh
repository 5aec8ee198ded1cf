#!/usr/bin/env bash
# Installs the pmlint binary for pmlint's GitHub Action (action.yml): the prebuilt binary of
# the release for this runner, checked against its SHA-256 sum, or, when that release has no
# binary for the runner (or no release exists, as on a branch or a fork), a build from the
# action's own sources with cargo. It runs outside GitHub too: tests/integrations.rs runs it
# against a fake release folder.
#
# Inputs, as environment variables:
#   INPUT_VERSION        the release to download: a tag like v0.1.0, `latest`, or `source`
#                        to always build (default: the action's own version, from its
#                        Cargo.toml, so that pmlint/pmlint@v0.1.0 runs pmlint 0.1.0)
#   ROOT                 where to install: the binary goes to $ROOT/bin
#   GITHUB_ACTION_PATH   the action's checkout (the sources of the fallback build)
#   RUNNER_OS, RUNNER_ARCH  as GitHub sets them (Linux, macOS, Windows; X64, ARM64)
#   PMLINT_RELEASES_URL  where releases are (default: https://github.com/pmlint/pmlint/releases);
#                        a file:// URL works, which is how the tests serve a fake release
#
# Prints which way pmlint was installed. A checksum that does not match fails the step: a
# download that is not what the release published is never run, and never replaced by a build.
set -euo pipefail

root=${ROOT:?ROOT must name the install folder}
action=${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH must name the action checkout}
releases=${PMLINT_RELEASES_URL:-https://github.com/pmlint/pmlint/releases}
releases=${releases%/}

fail() {
  echo "::error title=pmlint::$1"
  exit 2
}

own_version() {
  sed -n 's/^version = "\(.*\)"$/\1/p' "$action/Cargo.toml" | head -n 1
}

version=${INPUT_VERSION:-}
[[ -n $version ]] || version="v$(own_version)"
case $version in
  source | latest | v[0-9]*) ;;
  [0-9]*) version="v$version" ;;
  *) fail "version must be a release tag like v0.1.0, latest or source, not '$version'" ;;
esac

# The release asset built for this runner (.github/workflows/release.yml names them).
target=""
case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
esac
exe=pmlint
[[ ${RUNNER_OS:-} == Windows ]] && exe=pmlint.exe

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

# Downloads and unpacks the release binary; returns 1 when the release has none for us.
download() {
  [[ $version != source && -n $target ]] || return 1
  local archive="pmlint-$target.tar.gz" url
  if [[ $version == latest ]]; then
    url="$releases/latest/download"
  else
    url="$releases/download/$version"
  fi
  local tmp
  tmp=$(mktemp -d)
  curl --fail --silent --show-error --location --retry 3 -o "$tmp/$archive" "$url/$archive" 2>/dev/null \
    || return 1
  curl --fail --silent --show-error --location --retry 3 -o "$tmp/$archive.sha256" "$url/$archive.sha256" \
    || fail "release $version has $archive but no $archive.sha256 to check it against"
  local want have
  want=$(cut -d ' ' -f 1 <"$tmp/$archive.sha256" | tr -d '\r\n')
  have=$(sha256_of "$tmp/$archive")
  [[ $want == "$have" ]] \
    || fail "$archive of release $version does not match its SHA-256 sum (expected $want, got $have); not installed"
  mkdir -p "$root/bin"
  tar -xzf "$tmp/$archive" -C "$tmp"
  [[ -f $tmp/$exe ]] || fail "$archive of release $version holds no $exe"
  mv "$tmp/$exe" "$root/bin/$exe"
  chmod +x "$root/bin/$exe"
  rm -rf "$tmp"
  echo "pmlint: installed the $target binary of release $version (SHA-256 $have)"
}

build() {
  command -v cargo >/dev/null 2>&1 \
    || fail "no pmlint binary of release $version for ${RUNNER_OS:-this OS}/${RUNNER_ARCH:-this arch}, and cargo is needed to build it: add dtolnay/rust-toolchain@stable before this action"
  echo "pmlint: no binary of release $version for this runner; building from the action's sources"
  cargo install --locked --path "$action" --root "$root"
}

if [[ -x $root/bin/$exe ]]; then
  echo "pmlint: using the cached $root/bin/$exe"
elif ! download; then
  build
fi
[[ -n ${GITHUB_PATH:-} ]] && echo "$root/bin" >>"$GITHUB_PATH"
"$root/bin/$exe" --version
