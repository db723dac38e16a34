#!/usr/bin/env bash
# Release artifacts, from a clean checkout, into target/release-artifacts/:
#   biometrid-<version>-<target>.tar.gz  the binary, completions/, man/, docs/, README, licences
#   biometrid_<version>-1_<arch>.deb     made by cargo-deb ([package.metadata.deb] in Cargo.toml)
#   SHA256SUMS                           of both
# Needs cargo-deb (`cargo install cargo-deb --version 3.8.0 --locked`).
# `--allow-dirty` builds from a checkout with uncommitted changes (for trying it out).
set -euo pipefail
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

# The tarball: one top-level directory, files owned by root, sorted, dated by the
# commit, so that the same commit gives the same bytes.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name"
install -m 755 target/release/biometrid "$stage/$name/biometrid"
cp -R completions man docs "$stage/$name/"
install -m 644 README.md SECURITY.md LICENSE-MIT LICENSE-APACHE "$stage/$name/"
mtime=$(git log -1 --format=%cI 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" \
  -czf "$out/$name.tar.gz" "$name"

# The Debian package, from the binary just built.
cargo deb --no-build --locked --output "$out/"

(cd "$out" && sha256sum -- *.tar.gz *.deb > SHA256SUMS)
echo "release artifacts in $out:"
ls -l "$out"
