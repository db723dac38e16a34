//! `bare-reqwest BASE_URL IDS_FILE CONCURRENCY KEY SECRET`: GET each ID's
//! restart-state with bare reqwest on a current-thread runtime, CONCURRENCY at a
//! time, and exit non-zero if any reply is not 200. No output order, no retries,
//! no classification: the ceiling the batch runner is compared with.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, base, file, concurrency, key, secret] = &args[..] else {
        eprintln!("usage: bare-reqwest BASE_URL IDS_FILE CONCURRENCY KEY SECRET");
        std::process::exit(2);
    };
    let ids: Arc<Vec<String>> = Arc::new(
        std::fs::read_to_string(file)
            .expect("read ids")
            .lines()
            .map(str::to_string)
            .collect(),
    );
    // The client as biometrid configures it (its default 30 s timeout per attempt
    // and for the connection, no redirects), so that only the runner is compared.
    let client = reqwest::Client::builder()
        .http1_only()
        .tcp_nodelay(true)
        .timeout(std::time::Duration::from_secs(30))
        .connect_timeout(std::time::Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let next = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let mut workers = Vec::new();
    for _ in 0..concurrency.parse::<usize>().expect("concurrency") {
        let (ids, next, failed, client) = (ids.clone(), next.clone(), failed.clone(), client.clone());
        let (base, key, secret) = (base.clone(), key.clone(), secret.clone());
        workers.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(id) = ids.get(i) else { break };
                let url = format!("{base}/api/1.0/users/{id}/restart-state");
                let ok = match client
                    .get(&url)
                    .header("x-biometrid-key", &key)
                    .header("x-biometrid-secret", &secret)
                    .send()
                    .await
                {
                    Ok(r) => r.status() == 200 && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if !ok {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for w in workers {
        w.await.expect("worker");
    }
    std::process::exit(i32::from(failed.load(Ordering::Relaxed) > 0));
}
