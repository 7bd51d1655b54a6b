#!/bin/sh
# Copies every example and fixture into each fuzz target's corpus
# (fuzz/corpus/<target>/), which is not committed.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
for target in parse compile_render fmt_roundtrip; do
    mkdir -p "$root/fuzz/corpus/$target"
    for file in "$root"/examples/*.journey "$root"/examples/**/*.journey \
        "$root"/tests/fixtures/*/*.journey "$root"/src/syntax/*.journey; do
        [ -f "$file" ] || continue
        name=$(printf '%s' "${file#"$root"/}" | tr '/' '_')
        cp "$file" "$root/fuzz/corpus/$target/$name"
    done
done
echo "seeded fuzz/corpus/{parse,compile_render,fmt_roundtrip}"
