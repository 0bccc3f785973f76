#!/bin/sh
# Benchmark (issue 3): `kehu fit SUMMARY.csv --summary --model M` for
# BG/NBD, MBG/NBD and Pareto/NBD on CUSTOMERS (default 1M) customers
# simulated from BG/NBD with CDNOW's parameters (bench/gen_summary.c: T
# from 27 to 39 weeks). Prints each step's time as kehu fit --timing
# reports it (read: parse the CSV, each row hashed into the unique
# histories as it is read; unique: sort them; fit: the maximum likelihood
# with standard errors), the whole process's wall time and peak RSS
# (bench/rss.c), beside the peer figures measured on this machine kind. UNITS: "week" (whole weeks, the peers'
# benchmark, a few thousand unique histories) and "day" (about 10^5).
# Files go to BENCH_DIR (build/bench).
set -eu
cd "$(dirname "$0")/.."
N=${CUSTOMERS:-1000000}
SEED=${SEED:-1}
UNITS=${UNITS:-week day}
DIR=${BENCH_DIR:-build/bench}
mkdir -p "$DIR"

[ -x build/kehu ] || make -j2 build/kehu >/dev/null
[ -f build/libkehu.a ] || make -j2 build/libkehu.a >/dev/null
cc -O2 -o "$DIR/rss" bench/rss.c
cc -O2 -Iinclude -o "$DIR/gen_summary" bench/gen_summary.c build/libkehu.a -lm

echo "peers (1M customers, 4,890 unique weekly histories, this machine kind):"
echo "  lifetimes   BG/NBD 10.5 s naive, 0.14 s weighted; Pareto/NBD 157 s naive, 0.6 s weighted"
echo "  CLVTools    BG/NBD 8-11 s, Pareto/NBD 16 s, peak 1 GiB"
echo "targets: fit step BG/NBD < 15 ms, Pareto/NBD < 60 ms (weekly);"
echo "         whole kehu fit process < 0.5 s on the 1M-row summary CSV"
echo

for unit in $UNITS; do
    DATA="$DIR/fit_$unit.csv"
    "$DIR/gen_summary" "$N" "$SEED" "$unit" "$DATA"
    rows=$(($(wc -l <"$DATA") - 1))
    size=$(($(wc -c <"$DATA") / 1048576))
    cat "$DATA" >/dev/null # warm page cache
    echo "$DATA: $rows customers ($unit), $size MB"
    printf '%-7s %8s %9s %9s %9s %9s %8s %8s  %s\n' model unique "read ms" \
        "uniq ms" "fit ms" "total ms" "wall s" "RSS MB" "target"
    for m in bgnbd mbgnbd pnbd; do
        "$DIR/rss" "$DIR/fit_$m.m" build/kehu fit "$DATA" --summary \
            --model "$m" --timing --format json \
            >"$DIR/fit_$m.json" 2>"$DIR/fit_$m.err"
        read -r wall rss code <"$DIR/fit_$m.m"
        if [ "$code" != 0 ]; then
            echo "kehu fit --model $m failed (exit $code):" >&2
            cat "$DIR/fit_$m.err" >&2
            exit 1
        fi
        step() { sed -nE "s/^kehu fit: $1 +([0-9.]+) ms/\1/p" "$DIR/fit_$m.err"; }
        uniq=$(grep -oE '"parameter":"unique","estimate":[0-9]+' "$DIR/fit_$m.json" | sed 's/.*://')
        awk -v m="$m" -v u="$uniq" -v r="$(step read)" -v q="$(step unique)" \
            -v f="$(step fit)" -v t="$(step total)" -v w="$wall" \
            -v k="$rss" -v unit="$unit" 'BEGIN {
            lim = m == "pnbd" ? 60 : 15
            if (unit != "week") tgt = "-"
            else tgt = (f < lim && w < 0.5) ? "met" : "NOT met"
            printf "%-7s %8d %9.1f %9.1f %9.1f %9.1f %8.3f %8.0f  %s\n",
                m, u, r, q, f, t, w, k / 1024, tgt
        }'
    done
    echo
done
echo "(read: parse + collapse rows into unique histories; uniq: sort them;"
echo " fit: maximum likelihood with standard errors; total: inside the process;"
echo " wall s and RSS: the whole process, as bench/rss.c measures it)"
