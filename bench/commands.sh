#!/bin/sh
# The main commands' wall time and peak memory on the generated file of
# bench/bridge.sh (about 10M rows, 3M customers), one run each, output to
# /dev/null: what a user of a file this size waits for. kehu only; the
# peers are in summary.sh (DuckDB) and fit.sh (lifetimes, CLVTools).
#   ROWS, BENCH_DIR, KEHU: see bench/orders.inc
set -e
cd "$(dirname "$0")/.."
. bench/orders.inc
cat "$f" >/dev/null # a warm page cache for every command
echo "$f: $rows rows"
printf '%-44s %8s %8s\n' "command" "wall s" "peak MB"
while read -r cmd; do
    # shellcheck disable=SC2086 # the options are words
    "$dir/rss" "$dir/cmd.m" "$KEHU" $cmd "$f" --quiet --rejects /dev/null \
        -o /dev/null
    read -r secs kb code <"$dir/cmd.m"
    [ "$code" = 0 ] || { echo "kehu $cmd failed (exit $code)"; exit 1; }
    printf '%-44s %8.1f %8d\n' "kehu $cmd" "$secs" $((kb / 1024))
done <<'LIST'
check
summary
summary --format json
classify
composition --by region,tier
core --period month --by branch
bridge --period month --by branch
lifecycle --period month
cohort --period month
cluster --k 4
fit --model bgnbd
clv
churn
forecast --period month
LIST
