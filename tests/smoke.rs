use crate::util::*;

#[test]
fn restarts_one_user() {
    let s = server(Scenario::default());
    let env = Env::new();
    let mut c = env.cmd_for(&s.base_url());
    c.args(["restart-state", "59147e5afdda9b0ac0f5e31f"]);
    let o = c.run();
    o.assert_exit(0);
    assert!(
        o.stdout().contains("restarted 59147e5afdda9b0ac0f5e31f"),
        "{}",
        o.stdout()
    );
    let recs = records(&s);
    assert_eq!(recs.len(), 1);
    assert_eq!(
        recs[0].path,
        "/api/1.0/users/59147e5afdda9b0ac0f5e31f/restart-state"
    );
    assert!(recs[0].credentials_valid);
}
