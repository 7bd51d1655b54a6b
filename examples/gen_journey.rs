//! Writes a generated journey of N touchpoints to stdout, for
//! `scripts/bench-process.sh`: `cargo run --release --example gen_journey -- 5000 [seed] [lanes]`.
//! With `lanes`, the journey also fills every v1.1 lane kind (custom
//! text and score lanes, the service blueprint).

fn main() {
    let mut args = std::env::args().skip(1);
    let n = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let options = cjm::testgen::Options {
        lanes: args.next().as_deref() == Some("lanes"),
        lane_order: false,
    };
    print!("{}", cjm::testgen::journey_with(n, seed, options));
}
