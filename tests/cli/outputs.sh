# Outputs never destroy an input and are never half-written: -o and the
# rejects file go to a temporary file renamed into place on success; a path
# that is an input (by any spelling or link) is refused before anything is
# opened; write errors on standard output are exit 1.
. tests/lib.sh

D=$T_TMP/d
mkdir -p "$D"
$KEHU gen --customers 200 --seed 1 --extras -o "$D/small.csv" 2>/dev/null
cp "$D/small.csv" "$D/a.csv"
size=$(wc -c <"$D/a.csv")
same_size() { test "$(wc -c <"$D/a.csv")" = "$size" && cmp -s "$D/a.csv" "$D/small.csv"; }

check_exit "-o the input" 2 $KEHU summary "$D/a.csv" -o "$D/a.csv"
check_grep "-o the input named" "is the input file" "$T_TMP/err"
check "-o the input: input intact" same_size
check_exit "-o the input as ./" 2 sh -c "cd '$D' && $PWD/$KEHU summary a.csv -o ./a.csv"
ln -s a.csv "$D/link.csv"
ln "$D/a.csv" "$D/hard.csv"
check_exit "-o a symlink to the input" 2 $KEHU summary "$D/a.csv" -o "$D/link.csv"
check_exit "-o a hard link to the input" 2 $KEHU summary "$D/a.csv" -o "$D/hard.csv"
check_exit "-o the customer master" 2 $KEHU summary "$D/a.csv" --customers "$D/small.csv" -o "$D/small.csv"
check "inputs intact" same_size

check_exit "--rejects the input by another spelling" 2 \
    $KEHU summary "$D/a.csv" --rejects "$D/../d/a.csv"
check_exit "--rejects a symlink to the input" 2 $KEHU summary "$D/a.csv" --rejects "$D/link.csv"
check "rejects: input intact" same_size
check_exit "-o and --rejects the same file" 2 $KEHU summary "$D/a.csv" -o "$D/x.csv" --rejects "$D/x.csv"
check_grep "-o and --rejects named" "also the rejects file" "$T_TMP/err"
check_exit "--rejects /dev/null beside --standards /dev/null" 0 \
    $KEHU summary "$D/a.csv" --rejects /dev/null --standards /dev/null --quiet

# A failed run leaves an existing output as it was; a good one replaces it.
echo keep >"$D/out.csv"
check_exit "failed run" 2 $KEHU summary "$D/a.csv" --as-of not-a-date -o "$D/out.csv"
check_eq "failed run keeps the old output" "$(cat "$D/out.csv")" "keep"
check_exit "good run" 0 $KEHU summary "$D/a.csv" -o "$D/out.csv" --quiet
check_eq "good run writes the output" "$(wc -l <"$D/out.csv" | tr -d ' ')" "201"
check_eq "no temporary files left" "$(ls "$D" | grep -c tmp-)" "0"

# Rejects: written when the read completes (also at exit 3), removed when a
# later read rejects nothing, kept when a later read fails.
printf 'order_id,customer_id,order_date,amount\n1,a,2025-01-01,10\n2,,2025-01-02,5\n3,b,2025-13-01,4\n' >"$D/bad.csv"
check_exit "exit 3 on rejects" 3 $KEHU summary "$D/bad.csv"
check_eq "rejects written at exit 3" "$(wc -l <"$D/bad.csv.rejects.csv" | tr -d ' ')" "3"
echo stale >"$D/small.csv.rejects.csv"
check_exit "clean read" 0 $KEHU summary "$D/small.csv" --quiet
check "stale rejects removed" test ! -e "$D/small.csv.rejects.csv"

# Two runs writing one rejects path: each renames a whole file, so the file
# is the complete rejects of one of them.
$KEHU summary "$D/bad.csv" --rejects "$D/r.csv" --max-reject-rate 1 --quiet >/dev/null &
$KEHU summary "$D/bad.csv" --rejects "$D/r.csv" --max-reject-rate 1 --quiet >/dev/null
wait
check_eq "concurrent rejects whole" "$(wc -l <"$D/r.csv" | tr -d ' ')" "3"

# Write errors on standard output.
if [ -w /dev/full ]; then
    for cmd in check summary lifecycle cohort bridge; do
        $KEHU $cmd "$D/small.csv" --quiet >/dev/full 2>"$T_TMP/err"
        check_eq "$cmd >/dev/full exit 1" "$?" "1"
        check_grep "$cmd >/dev/full says so" "writing" "$T_TMP/err"
    done
fi
$KEHU cohort "$D/small.csv" --quiet >&- 2>"$T_TMP/err"
check_eq "closed stdout exit 1" "$?" "1"
# A stray date far from the rest: refused at once, naming the span.
printf 'order_id,customer_id,order_date,amount\n1,a,1024-01-01,10\n2,b,2025-01-02,5\n3,c,2025-03-01,4\n' >"$D/ancient.csv"
check_exit "lifecycle over 1,000 years" 2 $KEHU lifecycle "$D/ancient.csv" --quiet
check_grep "lifecycle names the span" "1024-01-01 to 2025-03-01" "$T_TMP/err"
check_exit "daily bridge over 1,000 years" 2 $KEHU bridge "$D/ancient.csv" --period day --quiet
check_grep "bridge names the span" "1024-01-01 to 2025-03-01" "$T_TMP/err"
# Every option applies or is refused.
check_exit "lifecycle refuses --since" 2 $KEHU lifecycle "$D/small.csv" --since 2025-06-01
check_grep "names the option" "unknown option --since" "$T_TMP/err"
check_exit "--window 0 refused" 2 $KEHU summary "$D/small.csv" --window 0
check_exit "--window 1 taken" 0 $KEHU summary "$D/small.csv" --window 1 --quiet
t_done
