#!/bin/sh
# Bridge benchmark (as in README.md, Performance: figures side by side from one
# run). A 36-month customer-count bridge by branch on about 10M generated
# rows (kehu gen: 2023-01-01 .. 2025-12-31), beside `kehu summary` on the
# same file: wall time and peak memory of each, and the bridge / summary
# ratio (target: under 3).
#   ROWS, BENCH_DIR, KEHU: see bench/orders.inc
set -e
cd "$(dirname "$0")/.."
. bench/orders.inc
# measure NAME COMMAND...: seconds and peak resident MB (bench/rss.c, so
# no time(1) package is needed).
measure() {
    name=$1; shift
    "$dir/rss" "$dir/$name.m" "$@" >/dev/null 2>"$dir/err.$$"
    read -r secs kb code <"$dir/$name.m"
    [ "$code" = 0 ] || { echo "$name failed:"; cat "$dir/err.$$"; exit 1; }
    mb=$((kb / 1024))
    rm -f "$dir/err.$$"
}
measure summary "$KEHU" summary "$f" --quiet --rejects /dev/null -o /dev/null
s_secs=$secs; s_mb=$mb
measure bridge "$KEHU" bridge "$f" --period month --by branch --from 2023-01 --to 2025-12 --quiet --rejects /dev/null -o "$dir/bridge.csv"
b_secs=$secs; b_mb=$mb
periods=$(awk -F, 'NR > 1 { p[$1] = 1 } END { print length(p) }' "$dir/bridge.csv")
bad=$(awk -F, 'NR > 1 { if ($4 + $5 + $6 - $7 + $8 - $9 != $10) n++ } END { print n + 0 }' "$dir/bridge.csv")
printf '%-34s %10s %10s\n' "bridge benchmark ($rows rows)" "seconds" "peak MB"
printf '%-34s %10s %10s\n' "kehu summary" "$s_secs" "$s_mb"
printf '%-34s %10s %10s\n' "kehu bridge ($periods months, by branch)" "$b_secs" "$b_mb"
echo "bridge / summary time: $(awk -v b="$b_secs" -v s="$s_secs" 'BEGIN { printf "%.2f", b / s }') (target < 3); rows not reconciling: $bad"
