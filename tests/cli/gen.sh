# kehu gen: the synthetic order log reads back cleanly, is deterministic
# per seed, and --rows gives about the rows asked for.
. tests/lib.sh

check_exit "gen" 0 $KEHU gen --customers 2000 --seed 7 -o "$T_TMP/a.csv"
check_grep "gen reports" "rows, 2000 customers" "$T_TMP/err"
check_eq "header" "$(head -n 1 "$T_TMP/a.csv")" \
    "order_id,customer_id,order_date,amount,cost,region,branch,channel"
check_exit "same seed" 0 $KEHU gen --customers 2000 --seed 7 -o "$T_TMP/b.csv"
check "same seed, same bytes" cmp -s "$T_TMP/a.csv" "$T_TMP/b.csv"
check_exit "other seed" 0 $KEHU gen --customers 2000 --seed 8 -o "$T_TMP/c.csv"
check "other seed, other bytes" test "$(cksum <"$T_TMP/a.csv")" != "$(cksum <"$T_TMP/c.csv")"
$KEHU gen --customers 2000 --seed 7 >"$T_TMP/stdout.csv" 2>/dev/null
check "stdout same as -o" cmp -s "$T_TMP/a.csv" "$T_TMP/stdout.csv"

# Reads back with no rejects and no duplicates; every customer appears.
rows=$(($(wc -l <"$T_TMP/a.csv") - 1))
check_exit "check" 0 $KEHU check "$T_TMP/a.csv" --format json
check_grep "check: all accepted" "\"read\":$rows,\"accepted\":$rows,\"rejected\":0,\"duplicates\":0," "$T_TMP/out"
check_exit "summary" 0 $KEHU summary "$T_TMP/a.csv" --format csv -o "$T_TMP/s.csv"
check_eq "summary has every customer" "$(($(wc -l <"$T_TMP/s.csv") - 1))" 2000
# orders == purchase_days (one order per customer-day) on every row.
check_eq "one order per purchase day" \
    "$(awk -F, 'NR > 1 && $4 != $5' "$T_TMP/s.csv" | wc -l)" 0
check_eq "order ids unique" "$(cut -d, -f1 "$T_TMP/a.csv" | sort | uniq -d | wc -l)" 0
check_eq "dates within the span" \
    "$(awk -F, 'NR > 1 && ($3 < "2023-01-01" || $3 > "2025-12-31")' "$T_TMP/a.csv" | wc -l)" 0
check_eq "cost below amount" "$(awk -F, 'NR > 1 && ($5 + 0 > $4 + 0 || $4 + 0 <= 0)' "$T_TMP/a.csv" | wc -l)" 0

# Span and parameters.
check_exit "span" 0 $KEHU gen --customers 50 --start 2020-03-01 --end 2020-03-31 -o "$T_TMP/d.csv"
check_eq "span respected" \
    "$(awk -F, 'NR > 1 && ($3 < "2020-03-01" || $3 > "2020-03-31")' "$T_TMP/d.csv" | wc -l)" 0
check_exit "--rows" 0 $KEHU gen --rows 20000 -o "$T_TMP/e.csv"
n=$(($(wc -l <"$T_TMP/e.csv") - 1))
check "--rows about right ($n)" test "$n" -gt 18000 -a "$n" -lt 22000

# Usage errors.
check_exit "bad r" 2 $KEHU gen --r 0 -o "$T_TMP/x.csv"
check_grep "bad r message" "out of range" "$T_TMP/err"
check_exit "bad customers" 2 $KEHU gen --customers -5
check_exit "rows and customers" 2 $KEHU gen --customers 5 --rows 10
check_exit "positional" 2 $KEHU gen foo.csv
# --extras: category and discount columns, the orders unchanged.
$KEHU gen --customers 500 --seed 4 --quiet -o "$T_TMP/plain.csv"
$KEHU gen --customers 500 --seed 4 --extras --quiet -o "$T_TMP/extras.csv"
check_eq "extras header" "$(head -n 1 "$T_TMP/extras.csv")" "order_id,customer_id,order_date,amount,cost,region,branch,channel,category,discount"
check "extras keep the orders" sh -c "cut -d, -f1-8 '$T_TMP/extras.csv' | cmp -s - '$T_TMP/plain.csv'"
bad=$(awk -F, 'NR > 1 && ($10 < 0 || $10 > 0.3 * $4 + 0.01) { n++ } END { print n + 0 }' "$T_TMP/extras.csv")
check_eq "discounts within 0-30% of the amount" "$bad" 0
some=$(awk -F, 'NR > 1 && $10 > 0 { n++ } END { print n + 0 }' "$T_TMP/extras.csv")
check "some orders discounted" test "$some" -gt 0
check_exit "extras classify" 0 $KEHU classify "$T_TMP/extras.csv" --format csv --quiet
check_grep "price-sensitive customers found" ',price_sensitive$' "$T_TMP/out"
t_done
