//! The release tooling, tested without a release build: packaging/release.sh's
//! functions (sourced, so its build never runs) and the package metadata in Cargo.toml.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use crate::util::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `bash -c 'source packaging/release.sh; SCRIPT'` in `dir`, with no CARGO_TARGET_DIR
/// from the outside unless `target_dir` sets one.
fn release_fn(dir: &Path, script: &str, target_dir: Option<&str>) -> std::process::Output {
    let mut c = Command::new("bash");
    c.arg("-c")
        .arg(format!(
            "source '{}' && {script}",
            repo().join("packaging/release.sh").display()
        ))
        .current_dir(dir)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET_DIR");
    if let Some(t) = target_dir {
        c.env("CARGO_TARGET_DIR", t);
    }
    c.run()
}

/// The binary is looked for where cargo puts it: CARGO_TARGET_DIR, absolute or
/// relative, is honoured (issue 19, item 9: it looked in target/release whatever).
#[test]
fn release_script_finds_the_binary_in_cargos_target_dir() {
    let elsewhere = tempfile::tempdir().unwrap();
    let out = release_fn(&repo(), "target_dir", elsewhere.path().to_str());
    out.assert_exit(0);
    assert_eq!(out.stdout().trim_end(), elsewhere.path().to_str().unwrap());

    let out = release_fn(&repo(), "target_dir", Some("some/relative"));
    out.assert_exit(0);
    assert_eq!(
        out.stdout().trim_end(),
        repo().join("some/relative").to_str().unwrap()
    );
    // Sourcing defines the functions and runs nothing: no build, no artifacts.
    assert!(!repo().join("some").exists());
}

/// A binary older than any source it is built from is refused, naming both; a fresh
/// one passes; a missing one is named.
#[test]
fn release_script_refuses_a_binary_older_than_its_sources() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("src")).unwrap();
    std::fs::create_dir_all(d.join("crates/protocol/src")).unwrap();
    let now = SystemTime::now();
    let at = |name: &str, when: SystemTime| {
        let p = d.join(name);
        std::fs::write(&p, name).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(when)
            .unwrap();
    };
    let hour_ago = now - Duration::from_secs(3600);
    for f in [
        "src/main.rs",
        "crates/protocol/src/lib.rs",
        "Cargo.toml",
        "Cargo.lock",
    ] {
        at(f, hour_ago);
    }
    at("biometrid", now - Duration::from_secs(60));
    release_fn(d, "check_fresh biometrid", None).assert_exit(0);

    // A source edited after the binary was built: the binary is stale.
    at("crates/protocol/src/lib.rs", now);
    let out = release_fn(d, "check_fresh biometrid", None);
    out.assert_exit(1);
    assert!(
        out.stderr()
            .contains("biometrid is older than crates/protocol/src/lib.rs")
            && out.stderr().contains("refusing to package a stale binary"),
        "{}",
        out.stderr()
    );

    let out = release_fn(d, "check_fresh no-such-binary", None);
    out.assert_exit(1);
    assert!(
        out.stderr().contains("no binary at no-such-binary"),
        "{}",
        out.stderr()
    );
}

/// The .deb and the crate ship every man page, each section in its own directory
/// (biometrid-config(5) in man5), and the .deb recommends bash-completion, which
/// loads its completion script (issue 19, item 16).
#[test]
fn packages_ship_every_man_page_and_the_deb_recommends_bash_completion() {
    let manifest: toml::Table = std::fs::read_to_string(repo().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let package = manifest["package"].as_table().unwrap();
    let deb = package["metadata"]["deb"].as_table().unwrap();
    let recommends = deb.get("recommends").and_then(|r| r.as_str()).unwrap_or("");
    assert!(
        recommends.split(',').any(|r| r.trim() == "bash-completion"),
        "recommends = {recommends:?}"
    );
    let assets: Vec<(String, String)> = deb["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let a = a.as_array().unwrap();
            (a[0].as_str().unwrap().into(), a[1].as_str().unwrap().into())
        })
        .collect();
    let include: Vec<&str> = package["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    let mut sections = Vec::new();
    for entry in std::fs::read_dir(repo().join("man")).unwrap() {
        let page = entry.unwrap().path();
        let section = page.extension().unwrap().to_str().unwrap().to_string();
        if !sections.contains(&section) {
            sections.push(section);
        }
    }
    sections.sort();
    assert_eq!(sections, ["1", "5"]);
    for section in &sections {
        let glob = format!("man/*.{section}");
        assert!(
            assets
                .iter()
                .any(|(from, to)| *from == glob && *to == format!("usr/share/man/man{section}/")),
            "the .deb does not install {glob} into usr/share/man/man{section}/"
        );
        assert!(
            include.contains(&format!("/{glob}").as_str()),
            "Cargo.toml include lacks /{glob}"
        );
    }
}
