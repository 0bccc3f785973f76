# kehu churn (docs/counts.md): warnings on CDNOW with the model (both
# reasons appear, ranked by value at risk), the backtest's cut-offs, and
# option errors. Hand-worked cases are the churn_* golden cases.
. tests/lib.sh
D=tests/data

check_exit "CDNOW warnings" 0 $KEHU churn $D/cdnow_transactions.csv --as-of 1998-01-01 --format csv
cp "$T_TMP/out" "$T_TMP/w.csv"
check_grep "fit line" '^bgnbd: r=0\.2[0-9]+ ' "$T_TMP/err"
check_grep "count line" '^churn: [0-9]+ of 2357 customers warned \(as of 1998-01-01\)' "$T_TMP/err"
check_grep "P(alive) reason" 'P\(alive\) 0\.[0-9]+ < 0\.50' "$T_TMP/w.csv"
check_grep "overdue reason" 'overdue [0-9.]+x the typical gap' "$T_TMP/w.csv"
check_eq "ranked by value at risk" \
    "$(awk -F, 'NR > 2 && $8 > prev + 0.001 { bad++ } NR > 1 { prev = $8 } END { print bad + 0 }' "$T_TMP/w.csv")" 0
check_eq "value at risk = annual spend * (1 - p_alive)" \
    "$(awk -F, 'NR > 1 { d = $8 - $7 * (1 - $3); if (d > 0.01 + 0.0001 * $7 || d < -0.01 - 0.0001 * $7) bad++ } END { print bad + 0 }' "$T_TMP/w.csv")" 0
check_eq "every row has a warning reason" \
    "$(awk -F, 'NR > 1 && ($3 >= 0.5 && $6 <= 2) { bad++ } END { print bad + 0 }' "$T_TMP/w.csv")" 0
check_exit "stricter thresholds warn fewer" 0 $KEHU churn $D/cdnow_transactions.csv --as-of 1998-01-01 --p-alive-below 0.2 --overdue-ratio 5 --format csv --quiet
check "fewer warnings" test "$(wc -l <"$T_TMP/out")" -lt "$(wc -l <"$T_TMP/w.csv")"

check_exit "CDNOW backtest" 0 $KEHU churn $D/cdnow_transactions.csv --backtest --periods 3 --outcome-days 90 --format csv --quiet
check_grep "backtest header" '^cutoff,customers,warned,churned,true_positive,precision,recall,median_lead_days$' "$T_TMP/out"
# Data end 1998-06-30: the last cut-off whose 90-day window fits is the
# first of a month on or before 1998-04-02.
check_grep "last cut-off" '^1998-04-01,' "$T_TMP/out"
check_grep "first cut-off" '^1998-02-01,' "$T_TMP/out"
check_grep "pooled row" '^all,[0-9]+,[0-9]+,[0-9]+,[0-9]+,0\.[0-9]{4},0\.[0-9]{4},[0-9]+\.[0-9]$' "$T_TMP/out"

check_exit "given parameters" 0 $KEHU churn $D/cdnow_transactions.csv --as-of 1998-01-01 --params 0.2426,4.4136,0.7929,2.4259 --format csv
check_grep "given line" '\(given, not fitted\)' "$T_TMP/err"
check_grep "P(alive) reasons" 'P\(alive\) 0\.[0-9]+ < 0\.50' "$T_TMP/out"
check_exit "bad p-alive threshold" 2 $KEHU churn $D/cdnow_transactions.csv --p-alive-below 1.5
check_exit "bad overdue ratio" 2 $KEHU churn $D/cdnow_transactions.csv --overdue-ratio 0
check_exit "bad model" 2 $KEHU churn $D/cdnow_transactions.csv --model weibull
check_exit "bad period" 2 $KEHU churn $D/cdnow_transactions.csv --backtest --period fortnight
check_exit "periods without backtest" 2 $KEHU churn $D/cdnow_transactions.csv --periods 3
check_exit "backtest with as-of" 2 $KEHU churn $D/cdnow_transactions.csv --backtest --as-of 1998-01-01
# A cut-off where the model cannot be fitted: exit 2 naming it, no
# partial table on stdout.
cat >"$T_TMP/few.csv" <<'CSV'
customer_id,order_date,amount
a,2024-01-01,10
a,2024-02-01,10
b,2024-01-15,10
c,2024-03-01,10
c,2024-03-20,10
d,2024-06-01,10
CSV
check_exit "unfittable cut-off" 2 $KEHU churn "$T_TMP/few.csv" --backtest --periods 2 --outcome-days 30 --quiet
check_grep "names the cut-off" 'at the cut-off 2024-0[0-9]-01 \(use --model none' "$T_TMP/err"
check_eq "nothing on stdout" "$(wc -c <"$T_TMP/out")" 0
check_exit "too many cut-offs for the data" 2 $KEHU churn $D/cdnow_transactions.csv --backtest --periods 40 --quiet
check_grep "says why" 'not enough history' "$T_TMP/err"
t_done
