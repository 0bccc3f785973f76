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
# kehu check splits too (each part its own duplicate check).
for f in g d; do
    KEHU_THREADS=1 $KEHU check "$T_TMP/$f.csv" --format json -o "$T_TMP/$f.c1.json" 2>/dev/null
    KEHU_THREADS=2 $KEHU check "$T_TMP/$f.csv" --format json -o "$T_TMP/$f.c2.json" 2>/dev/null
    check "$f: check the same" cmp -s "$T_TMP/$f.c1.json" "$T_TMP/$f.c2.json"
done
check_grep "check: duplicates found" '"duplicates":399,' "$T_TMP/d.c2.json"

# A rejected row: the split read falls back, the rejects file is written.
{ cat "$T_TMP/g.csv"; echo "99999999,77,2024-02-30,1.00,0.50,huanan,xiamen,store"; } >"$T_TMP/r.csv"
KEHU_THREADS=2 $KEHU summary "$T_TMP/r.csv" --format csv -o "$T_TMP/r.2.csv" 2>"$T_TMP/r.2.err"
check_eq "reject: split exit" "$?" 0
check_grep "reject: counted" "1 rejected" "$T_TMP/r.2.err"
check_grep "reject: rejects file" "bad_date" "$T_TMP/r.csv.rejects.csv"
KEHU_THREADS=1 $KEHU summary "$T_TMP/r.csv" --format csv -o "$T_TMP/r.1.csv" 2>/dev/null
check "reject: same summary" cmp -s "$T_TMP/r.1.csv" "$T_TMP/r.2.csv"
KEHU_THREADS=2 $KEHU check "$T_TMP/r.csv" --format json -o "$T_TMP/r.c2.json" 2>/dev/null
KEHU_THREADS=1 $KEHU check "$T_TMP/r.csv" --format json -o "$T_TMP/r.c1.json" 2>/dev/null
check "reject: check the same" cmp -s "$T_TMP/r.c1.json" "$T_TMP/r.c2.json"
check_grep "reject: check names it" '"reason":"bad_date","count":1,' "$T_TMP/r.c2.json"
# Rows the split read passes over by their id field (src/lib/csv.c
# kehu__csv_peek) mixed with rows it must tokenize: CRLF line ends, blank
# lines, quoted fields; and rows of wrong width for customers of either part,
# which only their owner checks (each forces the in-order read again).
awk 'NR % 500 == 0 { print "" } NR > 1000 && NR < 1100 { $0 = $0 ",x"; sub(/,x$/, ""); n = split($0, f, ","); f[6] = "\"" f[6] "\""; $0 = f[1]; for (i = 2; i <= n; i++) $0 = $0 "," f[i] } { printf "%s\r\n", $0 }' "$T_TMP/g.csv" >"$T_TMP/q.csv"
{ cat "$T_TMP/g.csv"; for id in 1 2 3 4 5 6; do echo "9999999$id,$id,2024-02-01,1.00,0.50,huanan,xiamen,store,extra"; done; echo "99999990,7"; } >"$T_TMP/w.csv"
for f in q w; do
    KEHU_THREADS=1 $KEHU summary "$T_TMP/$f.csv" --format csv -o "$T_TMP/$f.1.csv" 2>"$T_TMP/$f.1.err"
    check_eq "$f: in order" "$?" 0
    mv "$T_TMP/$f.csv.rejects.csv" "$T_TMP/$f.1.rejects.csv" 2>/dev/null
    KEHU_THREADS=2 $KEHU summary "$T_TMP/$f.csv" --format csv -o "$T_TMP/$f.2.csv" 2>"$T_TMP/$f.2.err"
    check_eq "$f: split" "$?" 0
    check "$f: same summary" cmp -s "$T_TMP/$f.1.csv" "$T_TMP/$f.2.csv"
    check "$f: same reconciliation" cmp -s "$T_TMP/$f.1.err" "$T_TMP/$f.2.err"
done
check "quoted, CRLF: same as plain" cmp -s "$T_TMP/q.2.csv" "$T_TMP/g.2.csv"
check_grep "wrong widths: counted" "7 rejected" "$T_TMP/w.2.err"
check "wrong widths: same rejects" cmp -s "$T_TMP/w.1.rejects.csv" "$T_TMP/w.csv.rejects.csv"
t_done
