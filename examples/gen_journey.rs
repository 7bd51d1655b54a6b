//! Writes a generated journey of N touchpoints to stdout, for
//! `scripts/bench-process.sh`: `cargo run --release --example gen_journey -- 5000 [seed]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let n = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    print!("{}", cjm::testgen::journey(n, seed));
}
