#!/usr/bin/env bash
# Release artifacts, from a clean checkout, into target/release-artifacts/:
#   biometrid-<version>-<target>.tar.gz  the binary, completions/, man/, docs/, README, licences
#   biometrid_<version>-1_<arch>.deb     made by cargo-deb ([package.metadata.deb] in Cargo.toml)
#   SHA256SUMS                           of both
# Needs cargo-deb (`cargo install cargo-deb --version 3.8.0 --locked`).
# `--allow-dirty` builds from a checkout with uncommitted changes (for trying it out).
# The binary is taken from cargo's own target directory (CARGO_TARGET_DIR and
# build.target-dir are honoured), and refused when it is older than the sources it is
# built from: a stale binary left there must never be packaged.
set -euo pipefail

# Cargo's target directory for this checkout, as cargo itself resolves it.
target_dir() {
  local dir
  dir=$(cargo metadata --format-version 1 --no-deps --locked \
    | grep -o '"target_directory":"[^"]*"' | head -n 1 | cut -d '"' -f 4)
  [ -n "$dir" ] || { echo "release.sh: cargo metadata named no target directory" >&2; return 1; }
  printf '%s\n' "$dir"
}

# Fails, saying why, unless the binary $1 exists and no source it is built from
# (src/, crates/, Cargo.toml, Cargo.lock, in the current directory) is newer.
check_fresh() {
  local bin=$1 newer
  [ -f "$bin" ] || { echo "release.sh: no binary at $bin after the build" >&2; return 1; }
  local sources=()
  for path in src crates Cargo.toml Cargo.lock; do [ -e "$path" ] && sources+=("$path"); done
  newer=$(find "${sources[@]}" -type f -newer "$bin" -print -quit)
  if [ -n "$newer" ]; then
    echo "release.sh: $bin is older than $newer: refusing to package a stale binary" >&2
    return 1
  fi
}

main() {
  cd "$(dirname "$0")/.."

  allow_dirty=false
  for arg in "$@"; do
    case "$arg" in
      --allow-dirty) allow_dirty=true ;;
      *) echo "usage: packaging/release.sh [--allow-dirty]" >&2; exit 2 ;;
    esac
  done
  # Artifacts must be what the commit says, not what happens to be in the work tree.
  if ! $allow_dirty && git rev-parse --git-dir >/dev/null 2>&1 \
    && [ -n "$(git status --porcelain)" ]; then
    echo "release.sh: the checkout has uncommitted changes (commit them, or pass --allow-dirty)" >&2
    exit 1
  fi
  command -v cargo-deb >/dev/null 2>&1 || {
    echo "release.sh: cargo-deb is missing: cargo install cargo-deb --version 3.8.0 --locked" >&2
    exit 1
  }

  version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
  target=$(rustc -vV | sed -n 's/^host: //p')
  out=target/release-artifacts
  name="biometrid-$version-$target"
  rm -rf "$out"
  mkdir -p "$out"

  cargo build --release --locked
  local tdir bin
  tdir=$(target_dir)
  bin="$tdir/release/biometrid"
  check_fresh "$bin"

  # The tarball: one top-level directory, files owned by root, sorted, dated by the
  # commit, so that the same commit gives the same bytes.
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' EXIT
  mkdir -p "$stage/$name"
  install -m 755 "$bin" "$stage/$name/biometrid"
  cp -R completions man docs "$stage/$name/"
  install -m 644 README.md SECURITY.md LICENSE-MIT LICENSE-APACHE "$stage/$name/"
  mtime=$(git log -1 --format=%cI 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)
  tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" \
    -czf "$out/$name.tar.gz" "$name"

  # The Debian package, from the binary just built (cargo-deb finds it in the same
  # target directory: its `target/release/` asset paths stand for that directory).
  CARGO_TARGET_DIR="$tdir" cargo deb --no-build --locked --output "$out/"

  (cd "$out" && sha256sum -- *.tar.gz *.deb > SHA256SUMS)
  echo "release artifacts in $out:"
  ls -l "$out"
}

# Sourced (by the tests), it only defines the functions above.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  main "$@"
fi
