# kehu cluster (docs/classification.md): behaviour clusters on generated data in
# every format, sizes that add up, --k, determinism, and usage errors.
. tests/lib.sh
Q="--quiet --rejects /dev/null"

$KEHU gen --customers 600 --seed 5 -o "$T_TMP/g.csv" 2>/dev/null
$KEHU summary "$T_TMP/g.csv" $Q --format csv -o "$T_TMP/s.csv"
buyers=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "purchase_days") c = i }
    NR > 1 && $c > 0 { n++ } END { print n + 0 }' "$T_TMP/s.csv")
check "some buyers" test "$buyers" -gt 10

for f in table csv json; do
    check_exit "customers $f" 0 $KEHU cluster "$T_TMP/g.csv" $Q --format $f
    check_exit "clusters $f" 0 $KEHU cluster "$T_TMP/g.csv" $Q --format $f --view clusters
done
check_grep "json rows" '^\{"cluster":1,"customers":' "$T_TMP/out"
check_exit "zh table" 0 $KEHU cluster "$T_TMP/g.csv" $Q --format table --lang zh --view clusters
check_grep "zh labels" "聚类" "$T_TMP/out"

# Auto: every k tried on stderr, the chosen one marked; sizes add up.
check_exit "auto" 0 $KEHU cluster "$T_TMP/g.csv" --rejects /dev/null --format csv --view clusters
check_eq "k 2..8 on stderr" "$(grep -c 'silhouette [-0-9.]*' "$T_TMP/err")" 8
check_eq "one chosen" "$(grep -c '(chosen)' "$T_TMP/err")" 1
check_eq "auto sizes sum to the buyers" "$(awk -F, 'NR > 1 { n += $2 } END { print n }' "$T_TMP/out")" "$buyers"
check_exit "quiet" 0 $KEHU cluster "$T_TMP/g.csv" $Q --format csv
cp "$T_TMP/out" "$T_TMP/auto_default.csv"
check_eq "quiet: nothing on stderr" "$(wc -c <"$T_TMP/err")" 0
check_eq "one row per buyer" "$(($(wc -l <"$T_TMP/out") - 1))" "$buyers"

# --k 3: three clusters numbered 1..3 by descending mean monetary.
check_exit "k 3" 0 $KEHU cluster "$T_TMP/g.csv" $Q --format csv --view clusters --k 3
check_eq "three clusters" "$(awk -F, 'NR > 1' "$T_TMP/out" | cut -d, -f1 | tr '\n' ' ')" "1 2 3 "
check_eq "k 3 sizes sum" "$(awk -F, 'NR > 1 { n += $2 } END { print n }' "$T_TMP/out")" "$buyers"
check_eq "shares sum to 1" "$(awk -F, 'NR > 1 { s += $3 } END { printf "%.2f", s }' "$T_TMP/out")" "1.00"
check_eq "monetary descending" "$(awk -F, 'NR > 2 && $6 > prev { bad++ } { prev = $6 } END { print bad + 0 }' "$T_TMP/out")" 0
cp "$T_TMP/out" "$T_TMP/k3.csv"
$KEHU cluster "$T_TMP/g.csv" $Q --format csv --k 3 >"$T_TMP/c1.csv"
$KEHU cluster "$T_TMP/g.csv" $Q --format csv --k 3 >"$T_TMP/c2.csv"
check "same seed, same clusters" cmp -s "$T_TMP/c1.csv" "$T_TMP/c2.csv"
# customers view agrees with the clusters view's sizes
check_eq "customer view sizes" "$(awk -F, 'NR > 1 { print $2 }' "$T_TMP/c1.csv" | sort | uniq -c | awk '{ printf "%s ", $1 }')" \
    "$(awk -F, 'NR > 1 { printf "%s ", $2 }' "$T_TMP/k3.csv")"
check_exit "release binary agrees" 0 ${KEHU_REL:-$KEHU} cluster "$T_TMP/g.csv" $Q --format csv --k 3
check "release same clusters" cmp -s "$T_TMP/out" "$T_TMP/c1.csv"

# Usage errors exit 2 with a message.
check_exit "bad k" 2 $KEHU cluster "$T_TMP/g.csv" $Q --k 1
check_grep "bad k named" "\-\-k 1" "$T_TMP/err"
check_exit "k not a number" 2 $KEHU cluster "$T_TMP/g.csv" $Q --k three
check_exit "bad seed" 2 $KEHU cluster "$T_TMP/g.csv" $Q --seed -3
check_grep "bad seed named" "\-\-seed -3" "$T_TMP/err"
check_exit "bad view" 2 $KEHU cluster "$T_TMP/g.csv" $Q --view people
check_grep "bad view named" "customers or clusters" "$T_TMP/err"
check_exit "no file" 2 $KEHU cluster $Q
printf 'customer_id,order_date,amount\na,2024-01-10,10\nb,2024-02-10,20\nc,2024-03-10,30\n' >"$T_TMP/few.csv"
check_exit "fewer customers than k" 2 $KEHU cluster "$T_TMP/few.csv" $Q --k 4
check_grep "too few named" "3 buying customers: too few for 4 clusters" "$T_TMP/err"
printf 'customer_id,order_date,amount\na,2024-01-10,10\nb,2024-01-10,10\nc,2024-01-10,10\n' >"$T_TMP/same.csv"
check_exit "identical customers" 2 $KEHU cluster "$T_TMP/same.csv" $Q
check_grep "identical named" "too alike" "$T_TMP/err"
check_exit "identical customers k 2" 2 $KEHU cluster "$T_TMP/same.csv" $Q --k 2
check_exit "three distinct, k 3" 0 $KEHU cluster "$T_TMP/few.csv" $Q --k 3 --format csv --view clusters
check_eq "three singletons" "$(awk -F, 'NR > 1 { printf "%s ", $2 }' "$T_TMP/out")" "1 1 1 "
printf 'customer_id,order_date,amount\na,2024-01-10,10\nb,2024-02-10,20\n' >"$T_TMP/two.csv"
check_exit "auto on two customers" 2 $KEHU cluster "$T_TMP/two.csv" $Q --k auto
check_grep "auto too few named" "2 buying customers: too few for --k auto" "$T_TMP/err"
check_exit "explicit auto" 0 $KEHU cluster "$T_TMP/g.csv" $Q --format csv --k auto
check "explicit auto is the default" cmp -s "$T_TMP/out" "$T_TMP/auto_default.csv"
t_done
