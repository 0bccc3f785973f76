# kehu fit on data that cannot identify a model: a clear exit 2 that says
# why, never NaN or a run-away parameter on stdout; BG/BB customers with
# no repeat opportunity are left out and counted; the table output prints
# counts as integers and convergence as true/false.
. tests/lib.sh

# no_nan NAME: $T_TMP/out holds no nan/inf
no_nan() {
    if grep -qiE 'nan|inf' "$T_TMP/out"; then t_bad "$1" "$(head -c 300 "$T_TMP/out")"
    else t_ok "$1"; fi
}
# refused NAME FILE MODEL: exit 2, "cannot identify" on stderr, no stdout
refused() {
    check_exit "$1 exit 2" 2 $KEHU fit "$2" --summary --model "$3" --format json
    check_grep "$1 says why" "cannot identify the" "$T_TMP/err"
    check_eq "$1 prints nothing" "$(wc -c <"$T_TMP/out" | tr -d ' ')" 0
}

# No repeat buyers: nothing to learn about the purchase or dropout process.
printf 'x,t_x,T\n0,0,10\n0,0,12\n0,0,8\n0,0,9\n0,0,11\n0,0,7\n' >"$T_TMP/norep.csv"
# Every customer with the same history.
printf 'x,t_x,T\n2,5,10\n2,5,10\n2,5,10\n2,5,10\n' >"$T_TMP/same.csv"
# One customer.
printf 'x,t_x,T\n3,7.5,10\n' >"$T_TMP/one.csv"
# Four distinct histories for four parameters.
printf 'x,t_x,T\n1,5,10\n0,0,10\n1,3,10\n2,8,10\n' >"$T_TMP/four.csv"
# Everyone bought last at the end: no sign of dropout (a -> 0, b -> inf).
printf 'x,t_x,T\n1,10,10\n2,10,10\n3,10,10\n0,0,10\n4,10,10\n5,10,10\n' \
    >"$T_TMP/alive.csv"
for m in bgnbd pnbd mbgnbd; do
    refused "$m no repeat buyers" "$T_TMP/norep.csv" $m
    refused "$m all the same history" "$T_TMP/same.csv" $m
    refused "$m one customer" "$T_TMP/one.csv" $m
    refused "$m unique rows = parameters" "$T_TMP/four.csv" $m
    # Either a finite fit or a refusal: never NaN, never silent garbage.
    $KEHU fit "$T_TMP/alive.csv" --summary --model $m --format json \
        >"$T_TMP/out" 2>"$T_TMP/err"
    rc=$?
    check "$m no dropout: exit 0 or 2 ($rc)" [ "$rc" = 0 -o "$rc" = 2 ]
    no_nan "$m no dropout: no NaN"
done
refused "bgnbd no dropout" "$T_TMP/alive.csv" bgnbd

# BG/BB and Gamma-Gamma with too few patterns.
printf 'frequency,recency,periods,weights\n1,1,6,5\n0,0,6,3\n2,4,6,1\n' >"$T_TMP/bb3.csv"
refused "bgbb three patterns" "$T_TMP/bb3.csv" bgbb
printf 'x,zbar\n2,10\n3,12\n2,11\n' >"$T_TMP/gg3.csv"
refused "gg three customers" "$T_TMP/gg3.csv" gg

# BG/BB from transactions: customers whose first purchase falls in the
# calibration's last period have n = 0 opportunities; they are left out
# and counted, and the rest is fitted.
$KEHU gen --customers 3000 --birth-fraction 1 --seed 3 --start 2023-01-01 \
    --end 2024-12-31 -o "$T_TMP/g.csv" --quiet
check_exit "bgbb last-period customers: fit" 0 $KEHU fit "$T_TMP/g.csv" --model bgbb --unit month --format json
check_grep "bgbb says how many were left out" \
    '^kehu fit: [1-9][0-9]* customers whose first purchase is in the last period' "$T_TMP/err"
left=$(sed -nE 's/^kehu fit: ([0-9]+) customers whose first.*/\1/p' "$T_TMP/err")
fitted=$(grep -oE '"parameter":"customers","estimate":[0-9]+' "$T_TMP/out" | sed 's/.*://')
check_eq "bgbb fitted + left out = all buyers" "$((left + fitted))" 3000
no_nan "bgbb last-period customers: no NaN"
check_exit "bgbb --quiet: no note" 0 $KEHU fit "$T_TMP/g.csv" --model bgbb --unit month --format json --quiet
check_eq "bgbb --quiet: stderr empty" "$(grep -c 'left out' "$T_TMP/err")" 0

# The table: integers and booleans as such (CDNOW BG/NBD).
D=tests/data
check_exit "table output" 0 $KEHU fit $D/cdnow_customers_summary.csv --summary --model bgnbd --format csv
check_grep "customers is an integer" '^customers,2357,$' "$T_TMP/out"
check_grep "unique is an integer" '^unique,1016,$' "$T_TMP/out"
check_grep "converged is a boolean" '^converged,true,$' "$T_TMP/out"
check_grep "iterations is an integer" '^iterations,[0-9]+,$' "$T_TMP/out"
check_grep "ll keeps decimals" '^ll,-9582\.425[0-9]+,$' "$T_TMP/out"
check_exit "aligned table" 0 $KEHU fit $D/cdnow_customers_summary.csv --summary --model bgnbd --format table
check_grep "table customers" '^customers +2357 *$' "$T_TMP/out"
check_grep "table converged" '^converged +true *$' "$T_TMP/out"
# Summary rows stream into the unique histories: a bad weight names its
# row; --timing reports each step on stderr.
printf 'frequency,recency,T,weights\n1,2,10,3\n1,3,10,-1\n' >"$T_TMP/wneg.csv"
check_exit "negative weight" 2 $KEHU fit "$T_TMP/wneg.csv" --summary --model pnbd
check_grep "negative weight names the row" 'line 3: weights is -1; weights must be positive' "$T_TMP/err"
check_exit "timing" 0 $KEHU fit $D/cdnow_customers_summary.csv --summary --model pnbd --timing
for s in read unique fit total; do
    check_grep "timing $s" "^kehu fit: $s +[0-9]+\.[0-9]+ ms$" "$T_TMP/err"
done
t_done
