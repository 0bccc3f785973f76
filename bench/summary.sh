#!/bin/sh
# Benchmark (README.md, Performance): `kehu summary` against DuckDB (read_csv +
# GROUP BY customer_id, the same columns) on one generated order log of
# ROWS rows (default 10M). Prints wall time and peak RSS of each side by
# side, from one run, and the ratios. Needs cc, node and npm (the npm
# registry once, for @duckdb/node-api). Files go to BENCH_DIR (build/bench).
set -eu
cd "$(dirname "$0")/.."
ROWS=${ROWS:-10000000}
SEED=${SEED:-1}
DIR=${BENCH_DIR:-build/bench}
mkdir -p "$DIR"

[ -x build/kehu ] || make -j2 build/kehu >/dev/null
cc -O2 -o "$DIR/rss" bench/rss.c
if [ ! -d bench/node_modules/@duckdb/node-api ]; then
    # npm ci first; npm 11 refuses it when the lock lacks the other
    # platforms' optional DuckDB bindings (npm/cli#8320), so fall back to
    # npm install, which still follows the lock's versions.
    (cd bench && { npm ci --no-audit --no-fund >/dev/null 2>&1 ||
        npm install --no-audit --no-fund >/dev/null; })
fi

DATA="$DIR/orders.csv"
echo "generating $ROWS rows (seed $SEED) ..."
"$DIR/rss" "$DIR/gen.m" build/kehu gen --rows "$ROWS" --seed "$SEED" -o "$DATA" --quiet
rows=$(($(wc -l <"$DATA") - 1))
size=$(($(wc -c <"$DATA") / 1048576))
read -r gt gr gc <"$DIR/gen.m"
echo "$DATA: $rows rows, $size MB, generated in $gt s"
sync # written back first: no tool pays for the generator's dirty pages
cat "$DATA" >/dev/null # the same warm page cache for every tool

run() { # NAME COMMAND...: time and peak RSS into $DIR/NAME.m
    name=$1
    shift
    echo "running $name ..."
    "$DIR/rss" "$DIR/$name.m" "$@"
    read -r t r c <"$DIR/$name.m"
    if [ "$c" != 0 ]; then
        echo "$name failed (exit $c)" >&2
        exit 1
    fi
}
run kehu build/kehu summary "$DATA" --format csv -o "$DIR/kehu.csv" --quiet
run duckdb_argmax node bench/duckdb_summary.mjs "$DATA" "$DIR/duckdb_argmax.csv" argmax
run duckdb_mode node bench/duckdb_summary.mjs "$DATA" "$DIR/duckdb_mode.csv" mode

for f in kehu duckdb_argmax duckdb_mode; do
    n=$(($(wc -l <"$DIR/$f.csv") - 1))
    if [ "$n" != "$(($(wc -l <"$DIR/kehu.csv") - 1))" ]; then
        echo "row counts differ: $f has $n customers" >&2
        exit 1
    fi
done

read -r kt kr _ <"$DIR/kehu.m"
read -r at ar _ <"$DIR/duckdb_argmax.m"
read -r mt mr _ <"$DIR/duckdb_mode.m"
echo
echo "summary of $rows rows, $n customers ($(nproc) cores)"
awk -v kt="$kt" -v kr="$kr" -v at="$at" -v ar="$ar" -v mt="$mt" -v mr="$mr" 'BEGIN {
    printf "%-22s %10s %12s\n", "tool", "wall s", "peak RSS MB"
    printf "%-22s %10.2f %12.0f\n", "kehu summary", kt, kr / 1024
    printf "%-22s %10.2f %12.0f\n", "duckdb (arg_max)", at, ar / 1024
    printf "%-22s %10.2f %12.0f\n", "duckdb (mode)", mt, mr / 1024
    bt = at < mt ? at : mt; br = ar < mr ? ar : mr
    printf "kehu vs best duckdb: %.1fx faster, %.2fx the peak RSS\n", bt / kt, kr / br
    printf "targets (>= 2x faster, <= 0.5x RSS): %s\n", \
        (bt / kt >= 2 && kr / br <= 0.5) ? "met" : "NOT met"
}'
