//! A test that keeps the modules of every crate depending one way.
//!
//! The binary crate's modules, each depending only on those after it:
//! `commands` (one module per command) → `batch` (the runner) → `journal` → `input` (IDs) →
//! `api` (the client) → `proxy` → `output` (rendering) → `settings` (where each
//! value comes from) → `cli` (the clap definition) → `exit` (the one mapping to
//! exit codes) → `outcome` → `error` → `log` → `parse` → `pace` → `user_id` → `secret` →
//! `scrub` → `signal` → `stdio` (closed standard streams) → `json` (the one JSON writer) → `sanitize` (text helpers). `lib.rs` wires them together.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The allowed direction in the binary crate: a module may use only modules later in this list.
const LAYERS: &[&str] = &[
    "commands",
    "ops",
    "batch",
    "journal",
    "input",
    "client",
    "proxy",
    "operation",
    "reply",
    "output",
    "settings",
    "cli",
    "reporter",
    "exit",
    "outcome",
    "files",
    "error",
    "log",
    "parse",
    "pace",
    "user_id",
    "secret",
    "scrub",
    "signal",
    "stdio",
    "json",
    "sanitize",
];

/// Module → the modules it uses through `crate::`, outside test code and comments.
/// A module is a top-level file or directory of `src`; the crate root is left out.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(src) {
        let rel = file.strip_prefix(src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = top.trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
        let used = edges.entry(module.clone()).or_default();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (at, _) in line.match_indices("crate::") {
                let name: String = line[at + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    used.insert(name);
                }
            }
        }
    }
    edges
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// A cycle in `edges`, if there is one.
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, edges, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn no_crate_has_an_import_cycle() {
    for src in ["src", "crates/protocol/src", "crates/sandbox/src"] {
        let edges = graph(&root().join(src));
        assert!(
            !edges.is_empty() || src != "src",
            "no modules found in {src}"
        );
        if let Some(c) = cycle(&edges) {
            panic!("{src}: import cycle {}", c.join(" → "));
        }
    }
}

#[test]
fn the_binary_crate_depends_in_the_documented_direction() {
    let edges = graph(&root().join("src"));
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    for (module, used) in &edges {
        let Some(from) = rank(module) else {
            if module == "module_graph" {
                continue;
            }
            panic!("module {module} is not in LAYERS: place it there");
        };
        for u in used {
            let to = rank(u).unwrap_or_else(|| panic!("{module} uses unknown module {u}"));
            assert!(
                to > from,
                "{module} uses {u}, which comes before it in LAYERS (the allowed direction)"
            );
        }
    }
}

#[test]
fn a_cycle_is_found() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("c".into());
    assert_eq!(cycle(&edges), None);
    edges.entry("c".into()).or_default().insert("a".into());
    assert_eq!(cycle(&edges).map(|c| c.len()), Some(4));
}
