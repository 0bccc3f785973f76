# kehu clv (docs/value.md): CDNOW as of 1997-10-01 in weeks; the
# zero-discount identity, discounting lowers value, --spend mean, --by
# sums that reconcile with the per-customer rows, option errors.
. tests/lib.sh
D=tests/data
# Two regions by id parity, so --by has something to group.
awk -F, 'NR == 1 { print $0 ",region"; next } { print $0 "," ($1 % 2 ? "north" : "south") }' \
    $D/cdnow_transactions.csv >"$T_TMP/cd.csv"

check_exit "clv undiscounted" 0 $KEHU clv "$T_TMP/cd.csv" --as-of 1997-10-01 --horizon 39 --discount 0 --margin 0.5 --format csv
cp "$T_TMP/out" "$T_TMP/c0.csv"
check_grep "parameters on stderr" '^bgnbd: r=0\.24[0-9]+ alpha=4\.[0-9]+ a=0\.[0-9]+ b=2\.[0-9]+ LL=-95[0-9.]+ customers=2357' "$T_TMP/err"
check_grep "gg parameters on stderr" '^gg: p=6\.2[0-9]+ q=3\.7[0-9]+ gamma=15\.4[0-9]+' "$T_TMP/err"
check_eq "one row per customer" "$(($(wc -l <"$T_TMP/c0.csv") - 1))" 2357
check_grep "header" '^customer_id,p_alive,expected_purchases,spend_per_purchase,expected_spend,clv,region,branch,channel$' "$T_TMP/c0.csv"
# Customer 1 (x=2, t_x=30.43): E[X(39)] near the paper's 1.226 (T is one
# day longer here: A is exclusive) and GG spend 24.66.
check_grep "customer 1" '^1,0\.7[0-9]+,1\.2[0-9]+,24\.6[0-9],' "$T_TMP/c0.csv"
bad=$(awk -F, 'NR > 1 { d = $6 - 0.5 * $5; if (d > 0.006 || d < -0.006) n++ } END { print n + 0 }' "$T_TMP/c0.csv")
check_eq "no discount: clv = margin * expected_spend" "$bad" 0
bad=$(awk -F, 'NR > 1 { d = $5 - $3 * $4; if (d > 0.01 * (1 + $5) || d < -0.01 * (1 + $5)) n++ } END { print n + 0 }' "$T_TMP/c0.csv")
check_eq "expected_spend = purchases * spend" "$bad" 0
check_grep "one-time buyer gets the GG population mean 35.1x" '^3,1\.0000,[0-9.]+,35\.1[0-9],' "$T_TMP/c0.csv"

check_exit "clv discounted" 0 $KEHU clv "$T_TMP/cd.csv" --as-of 1997-10-01 --horizon 39 --discount 0.1 --margin 0.5 --format csv --quiet
cp "$T_TMP/out" "$T_TMP/c1.csv"
bad=$(awk -F, 'NR == FNR { if (FNR > 1) v[$1] = $6; next } FNR > 1 && ($6 > v[$1] + 0.005 || ($6 < v[$1] / 1.1 - 0.005)) { n++ } END { print n + 0 }' "$T_TMP/c0.csv" "$T_TMP/c1.csv")
check_eq "discounting lowers clv by less than a year's rate" "$bad" 0
check_eq "quiet: nothing on stderr" "$(wc -c <"$T_TMP/err")" 0

check_exit "clv --spend mean" 0 $KEHU clv "$T_TMP/cd.csv" --as-of 1997-10-01 --spend mean --format csv --quiet
check_grep "spend mean: customer 1 mean per purchase day (29.33+29.73+14.96)/3" '^1,[0-9.]+,[0-9.]+,24\.67,' "$T_TMP/out"

check_exit "clv --by region" 0 $KEHU clv "$T_TMP/cd.csv" --as-of 1997-10-01 --horizon 39 --discount 0 --margin 0.5 --by region --format csv --quiet
cp "$T_TMP/out" "$T_TMP/g.csv"
check_grep "group header" '^group,customers,clv_sum,clv_mean,expected_purchases_sum,p_alive_mean$' "$T_TMP/g.csv"
check_eq "groups cover everyone" "$(awk -F, 'NR > 1 { n += $2 } END { print n }' "$T_TMP/g.csv")" 2357
want=$(awk -F, 'NR > 1 && $7 == "north" { s += $6 } END { printf "%.0f", s }' "$T_TMP/c0.csv")
got=$(awk -F, '$1 == "north" { printf "%.0f", $3 }' "$T_TMP/g.csv")
check_eq "north clv_sum = sum of rows" "$got" "$want"
check_exit "clv --by stage" 0 $KEHU clv "$T_TMP/cd.csv" --as-of 1997-10-01 --by stage --format csv --quiet
check_grep "stages" '^(active|loyal|at_risk|churned|new),' "$T_TMP/out"
check_exit "clv mbgnbd" 0 $KEHU clv "$T_TMP/cd.csv" --as-of 1997-10-01 --model mbgnbd --format csv
check_grep "mbgnbd parameters" '^mbgnbd: r=' "$T_TMP/err"

check_exit "clv pnbd" 0 $KEHU clv "$T_TMP/cd.csv" --as-of 1997-10-01 --model pnbd --format csv
check_grep "pnbd parameters" '^pnbd: r=0\.5[0-9]+ alpha=' "$T_TMP/err"
check_eq "pnbd one row per customer" "$(($(wc -l <"$T_TMP/out") - 1))" 2357
check_exit "clv --by abcd" 0 $KEHU clv "$T_TMP/cd.csv" --as-of 1997-10-01 --by abcd --format csv --quiet
check_grep "abcd groups" '^A,' "$T_TMP/out"
check_exit "unknown model" 2 $KEHU clv "$T_TMP/cd.csv" --model foo
check_grep "unknown model names the choices" 'bgnbd' "$T_TMP/err"
check_exit "bad spend" 2 $KEHU clv "$T_TMP/cd.csv" --spend median
check_exit "fractional horizon" 2 $KEHU clv "$T_TMP/cd.csv" --horizon 2.5
check_exit "zero horizon" 2 $KEHU clv "$T_TMP/cd.csv" --horizon 0
check_exit "percent discount" 2 $KEHU clv "$T_TMP/cd.csv" --discount 10
check_exit "5 meant as 5%" 2 $KEHU clv "$T_TMP/cd.csv" --discount 5
check_grep "discount is annual" 'annual' "$T_TMP/err"
check_exit "negative margin" 2 $KEHU clv "$T_TMP/cd.csv" --margin -1
check_exit "bad --by" 2 $KEHU clv "$T_TMP/cd.csv" --by colour --quiet
check_grep "bad --by lists the dimensions" 'region.*stage' "$T_TMP/err"
check_exit "two --by dimensions" 2 $KEHU clv "$T_TMP/cd.csv" --by region,stage --quiet
check_exit "no file" 2 $KEHU clv
cat >"$T_TMP/one.csv" <<'CSV'
customer_id,order_date,amount
a,2024-01-10,10
b,2024-02-10,20
c,2024-03-10,30
CSV
check_exit "no repeat buyers: cannot fit" 2 $KEHU clv "$T_TMP/one.csv" --quiet
check_grep "says why" 'cannot identify' "$T_TMP/err"
# Five customers: too few histories for four parameters (or a parameter
# runs away); a usage error that says why, not internal.
check_exit "unidentified is exit 2" 2 $KEHU clv tests/golden/churn_overdue/orders.csv --quiet
check_grep "unidentified says why" 'cannot identify|did not converge' "$T_TMP/err"
# Published parameters instead of a fit: GG spends of the first CDNOW
# customers as published (24.66, 18.92, 35.22).
check_exit "given parameters" 0 $KEHU clv "$T_TMP/cd.csv" --as-of 1997-10-01 --params 0.2426,4.4136,0.7929,2.4259 --gg-params 6.25,3.74,15.44 --format csv
check_grep "given, not fitted" '^bgnbd: r=0\.2426 alpha=4\.4136 a=0\.7929 b=2\.4259 \(given, not fitted\)' "$T_TMP/err"
check_eq "published GG spends" "$(awk -F, 'NR >= 2 && NR <= 4 { printf "%s ", $4 }' "$T_TMP/out")" "24.66 18.92 35.22 "
check_exit "too few parameters" 2 $KEHU clv "$T_TMP/cd.csv" --params 0.2,4.4,0.8 --quiet
check_exit "non-numeric parameter" 2 $KEHU clv "$T_TMP/cd.csv" --params 0.2,x,0.8,2.4 --quiet
check_exit "negative parameter" 2 $KEHU clv "$T_TMP/cd.csv" --params 0.2,-4,0.8,2.4 --quiet
check_exit "gg q <= 1" 2 $KEHU clv "$T_TMP/cd.csv" --gg-params 6,1,15 --quiet
check_grep "q must exceed 1" 'q must exceed 1' "$T_TMP/err"
check_exit "help documents the discounting" 0 $KEHU clv --help
check_grep "help: per-unit rate" 'd_unit = \(1 \+ d\)\^\(unit_days' "$T_TMP/out"
t_done
