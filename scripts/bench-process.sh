#!/usr/bin/env bash
# Whole-process figures of the release `cjm` binary, as a user runs it:
#  - peak memory (max RSS, via /usr/bin/time -f %M) against the input size,
#    for generated journeys of 10 to 20,000 touchpoints (budget: < 50x);
#  - wall-clock timings of the budgeted runs with hyperfine, if installed
#    (apt-get install -y hyperfine), else with /usr/bin/time.
# Usage: scripts/bench-process.sh [--no-build]. Figures go to stdout as
# Markdown tables (docs/performance.md holds the last ones).
set -euo pipefail

cd "$(dirname "$0")/.."
if [[ "${1:-}" != "--no-build" ]]; then
    cargo build --release --quiet --bin cjm --example gen_journey
fi
CJM=target/release/cjm
GEN=target/release/examples/gen_journey
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

for n in 10 100 1000 5000 20000; do
    "$GEN" "$n" > "$WORK/j$n.journey"
done
mkdir -p "$WORK/thousand"
for i in $(seq 1 1000); do
    "$GEN" 10 "$i" > "$WORK/thousand/map-$i.journey"
done

echo "## Peak memory (svg,json)"
echo
echo "| touchpoints | input | peak RSS | peak / input | wall |"
echo "|---:|---:|---:|---:|---:|"
for n in 10 100 1000 5000 20000; do
    file="$WORK/j$n.journey"
    bytes=$(stat -c %s "$file")
    read -r kb secs < <(/usr/bin/time -f "%M %e" "$CJM" build --quiet --format svg,json \
        "$file" -o "$WORK/out" 2>&1 >/dev/null | tail -n 1)
    ratio=$(awk -v k="$kb" -v b="$bytes" 'BEGIN { printf "%.0f", k * 1024 / b }')
    echo "| $n | $((bytes / 1024)) KiB | $((kb / 1024)) MiB | ${ratio}x | ${secs} s |"
done
echo

echo "## Whole-process timings"
echo
one=(build --quiet "$WORK/j10.journey" -o "$WORK/out")
big=(build --quiet --format svg,json "$WORK/j5000.journey" -o "$WORK/out")
many=(build --quiet "$WORK/thousand" -o "$WORK/out-thousand")
if command -v hyperfine >/dev/null; then
    hyperfine --style basic -N --warmup 3 --runs 30 "$CJM ${one[*]}" \
        --export-markdown "$WORK/one.md" >/dev/null
    hyperfine --style basic -N --warmup 1 --runs 10 "$CJM ${big[*]}" \
        --export-markdown "$WORK/big.md" >/dev/null
    hyperfine --style basic -N --warmup 1 --runs 5 "$CJM ${many[*]}" \
        --export-markdown "$WORK/many.md" >/dev/null
    # The commands name the temporary folder: shorten it to $WORK.
    { cat "$WORK/one.md"; tail -n 1 "$WORK/big.md"; tail -n 1 "$WORK/many.md"; } |
        sed "s|$WORK|\$WORK|g; s|$CJM|cjm|g"
else
    echo "| run | wall | user | sys |"
    echo "|---|---:|---:|---:|"
    for name in one big many; do
        declare -n args=$name
        read -r e u s < <(/usr/bin/time -f "%e %U %S" "$CJM" "${args[@]}" 2>&1 >/dev/null | tail -n 1)
        echo "| $name | ${e} s | ${u} s | ${s} s |"
    done
fi
