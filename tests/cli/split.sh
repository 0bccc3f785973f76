# Two-thread loading (src/cli/cli_split.c) gives the same results as the
# in-order read: KEHU_THREADS=2 forces the split, =1 turns it off.
. tests/lib.sh

$KEHU gen --customers 3000 --seed 3 -o "$T_TMP/g.csv" 2>/dev/null
# Duplicate some rows (exact repeats, far apart) and add a second line to
# some orders, so duplicates and distinct orders are exercised.
{ cat "$T_TMP/g.csv"; sed -n '2,400p' "$T_TMP/g.csv";
  sed -n '500,700p' "$T_TMP/g.csv" | awk -F, -v OFS=, '{ $4 = $4 + 1; print }'; } >"$T_TMP/d.csv"

for f in g d; do
    KEHU_THREADS=1 $KEHU summary "$T_TMP/$f.csv" --format csv -o "$T_TMP/$f.1.csv" 2>"$T_TMP/$f.1.err"
    check_eq "$f: in order" "$?" 0
    KEHU_THREADS=2 $KEHU summary "$T_TMP/$f.csv" --format csv -o "$T_TMP/$f.2.csv" 2>"$T_TMP/$f.2.err"
    check_eq "$f: split" "$?" 0
    check "$f: same summary" cmp -s "$T_TMP/$f.1.csv" "$T_TMP/$f.2.csv"
    check "$f: same reconciliation" cmp -s "$T_TMP/$f.1.err" "$T_TMP/$f.2.err"
done
check_grep "duplicates found" "399 duplicates" "$T_TMP/d.2.err"

# A rejected row: the split read falls back, the rejects file is written.
{ cat "$T_TMP/g.csv"; echo "99999999,77,2024-02-30,1.00,0.50,huanan,xiamen,store"; } >"$T_TMP/r.csv"
KEHU_THREADS=2 $KEHU summary "$T_TMP/r.csv" --format csv -o "$T_TMP/r.2.csv" 2>"$T_TMP/r.2.err"
check_eq "reject: split exit" "$?" 0
check_grep "reject: counted" "1 rejected" "$T_TMP/r.2.err"
check_grep "reject: rejects file" "bad_date" "$T_TMP/r.csv.rejects.csv"
KEHU_THREADS=1 $KEHU summary "$T_TMP/r.csv" --format csv -o "$T_TMP/r.1.csv" 2>/dev/null
check "reject: same summary" cmp -s "$T_TMP/r.1.csv" "$T_TMP/r.2.csv"
t_done
