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

/// Module → the modules it uses, outside test code and comments. A module is a
/// top-level file or directory of `src`; the crate root is left out.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(src) {
        let path = module_path(file.strip_prefix(src).unwrap());
        let module = path[0].clone();
        if module == "lib" || module == "main" {
            continue;
        }
        let used = edges.entry(module).or_default();
        used.extend(used_modules(&path, &code_lines(&file).join("\n")));
    }
    edges
}

/// The module path of a file under `src`: `ops/api/mod.rs` → `ops::api`.
fn module_path(rel: &Path) -> Vec<String> {
    let mut path: Vec<String> = rel
        .components()
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string()
        })
        .collect();
    if path.len() > 1 && path.last().is_some_and(|l| l == "mod") {
        path.pop();
    }
    path
}

/// The top-level modules other than its own that the code of module `path`
/// names: `crate::a`, each item of a group `crate::{a, b::c, d::{e, f}}`, and
/// `super::a` where `super` is the crate root (from `src/x.rs` or
/// `src/x/mod.rs`; `super::super::a` from one level further down).
fn used_modules(path: &[String], code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let starts = code
        .match_indices("crate::")
        .chain(code.match_indices("super::"));
    for (at, _) in starts {
        // Only where a path begins: not the second `super` of `super::super::`.
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut rest = &code[at..];
        let mut above = path.len();
        if let Some(r) = rest.strip_prefix("crate::") {
            (rest, above) = (r, 0);
        }
        while let Some(r) = rest.strip_prefix("super::") {
            (rest, above) = (r, above.saturating_sub(1));
        }
        // Still inside the file's own top-level module.
        if above > 0 {
            continue;
        }
        used.extend(first_names(rest).into_iter().filter(|n| *n != path[0]));
    }
    used
}

/// The first name of a path's rest (`a::b` → `a`), or of each item of a braced
/// group (`{a, b::{c, d}, {e}}` → `a`, `b`, `e`), `self` left out.
fn first_names(rest: &str) -> Vec<String> {
    let rest = rest.trim_start();
    let Some(group) = rest.strip_prefix('{') else {
        let name = ident(rest);
        return if name.is_empty() || name == "self" {
            vec![]
        } else {
            vec![name]
        };
    };
    let mut names = Vec::new();
    let (mut depth, mut item_start) = (0, true);
    let mut chars = group.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            // A comment inside a multi-line group: to the end of its line.
            '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => {
                while chars.next_if(|(_, n)| *n != '\n').is_some() {}
            }
            '{' if depth == 0 && item_start => {
                names.extend(first_names(&group[i..]));
                depth += 1;
                item_start = false;
            }
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => item_start = true,
            c if c.is_whitespace() => {}
            _ if item_start && depth == 0 => {
                names.extend(first_names(&group[i..]));
                item_start = false;
            }
            _ => {}
        }
    }
    names
}

/// The identifier `text` begins with.
fn ident(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
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

/// The graph sees every way a module can name another: a group of `crate::`
/// (on one line or several, nested, with comments) and `super::` from a
/// top-level file, which is `crate::`; and not `super::` within a module.
#[test]
fn the_graph_sees_groups_and_super() {
    let batch = vec!["batch".to_string()];
    let code = "use crate::{cli::BatchArgs, journal};\n\
                use crate::{\n    \
                    error::{self, Error},\n    \
                    // a comment, {with, braces}\n    \
                    reporter::{Report, {Reporter}},\n    \
                    {output::{Printer, Mode}},\n\
                };\n\
                use super::proxy;\n\
                let x = super::pace::Pace::new(crate::batch::X);";
    let used: Vec<String> = used_modules(&batch, code).into_iter().collect();
    assert_eq!(
        used,
        [
            "cli", "error", "journal", "output", "pace", "proxy", "reporter"
        ]
    );
    let edges = BTreeMap::from([("batch".to_string(), used.into_iter().collect())]);
    let found = violations(&edges);
    assert!(
        found.iter().any(|f| f.contains("batch (engine) uses cli")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.contains("batch (engine) uses output")),
        "{found:?}"
    );
    // `super::` inside a module (`ops/api/mod.rs`, `ops/driver.rs`) is the module itself.
    let api = vec!["ops".to_string(), "api".to_string()];
    assert!(used_modules(&api, "use super::driver;\nuse super::{Command};").is_empty());
    assert_eq!(
        used_modules(&api, "use super::super::output;"),
        BTreeSet::from(["output".to_string()])
    );
    let ops = vec!["ops".to_string()];
    assert_eq!(
        used_modules(&ops, "use super::{cli, ops::X};"),
        BTreeSet::from(["cli".to_string()])
    );
    assert_eq!(module_path(Path::new("ops/api/mod.rs")), api);
    assert_eq!(module_path(Path::new("batch.rs")), batch);
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
