mod common;
use common::*;

#[test]
fn restarts_one_user() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "59147e5afdda9b0ac0f5e31f"]);
    let o = run(c);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("restarted 59147e5afdda9b0ac0f5e31f"),
        "{}",
        stdout(&o)
    );
    let recs = s.stats.records();
    assert_eq!(recs.len(), 1);
    assert_eq!(
        recs[0].path,
        "/api/1.0/users/59147e5afdda9b0ac0f5e31f/restart-state"
    );
    assert!(recs[0].credentials_valid);
}
