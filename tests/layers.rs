//! The layer rule of the binary crate, stated once (here) and checked: its
//! modules form tiers, a module never uses a module of a higher tier, the
//! engine never uses presentation, and no crate has an import cycle.
//!
//! | tier | modules | never uses |
//! |---|---|---|
//! | commands | `commands/`, `ops/` (one file per operation, the registry, the driver) | — |
//! | engine | the runner (`batch`), `client`, `journal`, `pace`, `input`, `operation`, `reply`, `proxy` | commands; presentation (`cli`, `output`) |
//! | presentation, settings | `cli`, `output`, `settings/` | commands, engine |
//! | leaves | everything else (`outcome`, `exit`, `error`, `reporter`, `scrub`, ...) | any other tier |
//!
//! `lib.rs` (parse, dispatch, exit code) and `main.rs` stand above them all.
//!
//! It also checks that a per-user operation lives in its own files: see
//! [`each_per_user_operation_is_named_in_at_most_four_files`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The tiers, highest first, and each one's modules; a module not named is a leaf.
const TIERS: [(&str, &[&str]); 3] = [
    ("commands", &["commands", "ops"]),
    (
        "engine",
        &[
            "batch",
            "client",
            "journal",
            "pace",
            "input",
            "operation",
            "reply",
            "proxy",
        ],
    ),
    ("presentation, settings", &["cli", "output", "settings"]),
];

/// Besides the tiers' order: modules a tier never uses although they are lower.
const NEVER: [(&str, &[&str]); 1] = [("engine", &["cli", "output"])];

/// The tier of `module`: its index in [`TIERS`], or the leaves after them.
fn tier(module: &str) -> usize {
    TIERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
        .unwrap_or(TIERS.len())
}

fn tier_name(t: usize) -> &'static str {
    TIERS.get(t).map_or("leaves", |(name, _)| name)
}

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
        let used = edges.entry(module.clone()).or_default();
        for line in code_lines(&file) {
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

/// The lines of a source file outside its test module, without comment lines.
fn code_lines(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(str::to_string)
        .collect()
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

/// Every use against the rule in `edges`.
fn violations(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut found = Vec::new();
    for (module, used) in edges {
        let from = tier(module);
        for u in used {
            if tier(u) < from {
                found.push(format!(
                    "{module} ({}) uses {u} ({}), a higher tier",
                    tier_name(from),
                    tier_name(tier(u))
                ));
            }
            for (who, never) in NEVER {
                if tier_name(from) == who && never.contains(&u.as_str()) {
                    found.push(format!("{module} ({who}) uses {u}: the {who} never does"));
                }
            }
        }
    }
    found
}

#[test]
fn no_module_uses_a_higher_tier_and_the_engine_never_uses_presentation() {
    let edges = graph(&root().join("src"));
    for name in TIERS.iter().flat_map(|(_, modules)| modules.iter()) {
        assert!(
            edges.contains_key(*name),
            "{name} is in TIERS but not in src/"
        );
    }
    let found = violations(&edges);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_rule_finds_what_it_forbids() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges
        .entry("outcome".into())
        .or_default()
        .insert("batch".into());
    edges
        .entry("batch".into())
        .or_default()
        .insert("output".into());
    edges
        .entry("ops".into())
        .or_default()
        .insert("output".into());
    let found = violations(&edges);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("batch (engine) uses output"), "{found:?}");
    assert!(
        found[1].contains("outcome (leaves) uses batch"),
        "{found:?}"
    );
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
fn a_cycle_is_found() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("c".into());
    assert_eq!(cycle(&edges), None);
    edges.entry("c".into()).or_default().insert("a".into());
    assert_eq!(cycle(&edges).map(|c| c.len()), Some(4));
}

/// Lower case, without `-`, `_` and spaces: every spelling of a name the same
/// (`delete-face`, `delete_face`, `DeleteFace`, "delete face").
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// An operation is the unit of change: adding a per-user one means its route
/// (the protocol's catalogue), its file in `src/ops/`, the emulator and one
/// registry line. So each is named, in any spelling, in at most those four
/// hand-written files, comments and tests aside; help that sends the reader
/// from one operation to another, or an emulator type used outside the
/// emulator, would break this.
#[test]
fn each_per_user_operation_is_named_in_at_most_four_files() {
    let mut files = Vec::new();
    for src in ["src", "crates/protocol/src", "crates/sandbox/src"] {
        files.extend(rust_files(&root().join(src)));
    }
    let code: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(root()).unwrap().display().to_string();
            (rel, squeeze(&code_lines(f).join("\n")))
        })
        .collect();
    for op in [
        "enroll-status",
        "pending-dialogue",
        "delete-user",
        "delete-face",
        "delete-voice",
    ] {
        let name = squeeze(op);
        let naming: Vec<&str> = code
            .iter()
            .filter(|(_, text)| text.contains(&name))
            .map(|(path, _)| path.as_str())
            .collect();
        // The spelling rule must see the route, or it proves nothing.
        assert!(
            naming.contains(&"crates/protocol/src/catalogue.rs"),
            "{op}: its route not found, in {naming:?}"
        );
        assert!(
            naming.len() <= 4,
            "{op} is named in {} files: {naming:?}",
            naming.len()
        );
    }
}
