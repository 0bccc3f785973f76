#!/bin/sh
# Runs every suite: unit tests, shell tests (tests/cli), golden cases
# (tests/golden) and the fuzz corpus replay, then prints the closing line.
# KEHU: the sanitizer build of the CLI.
: "${KEHU:=build/asan/kehu}"
export KEHU
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1"
total_pass=0
total_fail=0
log=$(mktemp)

tally() { # the last "N passed, N failed" line of $log
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    p=$(echo "$line" | sed -E 's/.* ([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    if [ -z "$line" ]; then p=0; f=1; echo "  (no result line: counted as a failure)"; fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
}

echo "== unit"
build/asan/unit >"$log" 2>&1; rc=$?
cat "$log"
tally
[ $rc -ne 0 ] && [ "$f" = 0 ] && total_fail=$((total_fail + 1)) && echo "  unit runner exited $rc"

for s in tests/cli/*.sh; do
    [ -f "$s" ] || continue
    echo "== $s"
    sh "$s" >"$log" 2>&1
    cat "$log"
    tally
done

echo "== golden"
gp=0; gf=0
for d in tests/golden/*/; do
    [ -f "$d/args" ] || continue
    exp=$(ls "$d" | grep '^expected' | head -n 1)
    want_rc=0; [ -f "$d/exit" ] && want_rc=$(cat "$d/exit")
    (cd "$d" && eval "\"$OLDPWD/$KEHU\" $(cat args)" >"$log.out" 2>"$log.err"); rc=$?
    if [ "$rc" = "$want_rc" ] && cmp -s "$log.out" "$d/$exp"; then gp=$((gp + 1))
    else gf=$((gf + 1)); echo "FAIL: golden $d (exit $rc)"; diff "$d/$exp" "$log.out" | head -20; head -5 "$log.err"; fi
done
echo "golden: $gp passed, $gf failed"
total_pass=$((total_pass + gp)); total_fail=$((total_fail + gf))

echo "== core has no I/O (tools/check_core.sh)"
if sh tools/check_core.sh; then total_pass=$((total_pass + 1))
else total_fail=$((total_fail + 1)); fi

echo "== fuzz corpus replay"
for r in build/asan/replay_*; do
    [ -x "$r" ] || continue
    t=${r#build/asan/replay_}
    if $r tests/fuzz/corpus/$t/* >"$log" 2>&1; then total_pass=$((total_pass + 1))
    else total_fail=$((total_fail + 1)); echo "FAIL: replay $t"; tail -20 "$log"; fi
done
rm -f "$log" "$log.out" "$log.err"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
