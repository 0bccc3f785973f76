# kehu satisfaction (docs/satisfaction.md): scale inference, notes, --by
# totals, views, errors. Hand-worked numbers: golden satisfaction_*.
. tests/lib.sh
G=tests/golden/satisfaction_tier
cat >"$T_TMP/ten.csv" <<'CSV'
customer_id,date,score
C01,2025-06-01,9
C02,2025-06-01,5
C08,2025-06-01,7
CSV
cat >"$T_TMP/noscore.csv" <<'CSV'
customer_id,date,rating_text
C01,2025-06-01,good
CSV
run() { $KEHU satisfaction $G/orders.csv --customers $G/customers.csv --as-of 2025-07-01 --format csv --rejects /dev/null "$@"; }
check_exit "notes" 0 run --feedback $G/feedback.csv
check_grep "ignored rows counted" 'ignored 1 responses of customers not known .* and 2 dated outside' "$T_TMP/err"
check_grep "inferred scale stated" 'without a scale read as 5-point' "$T_TMP/err"
check_eq "no --by: one row, the total" "$(tail -n +2 "$T_TMP/out")" "12,9,12,4,0.5000,3.0000,8,4,2,2,25.00,7.7500"
# A 7 among unscaled scores: the survey is 0-10 (5 is then a detractor).
check_exit "inferred 0-10" 0 run --feedback "$T_TMP/ten.csv"
check_grep "says 10-point" 'read as 10-point' "$T_TMP/err"
check_eq "NPS of 9, 5, 7" "$(tail -n +2 "$T_TMP/out")" "12,3,3,0,,,3,1,1,1,0.00,7.0000"
# --by region: the groups add up to the total.
check_exit "--by region" 0 run --feedback $G/feedback.csv --by region --quiet
check_eq "responses add up" "$(awk -F, 'NR > 1 && $1 != "total" {s += $4} $1 == "total" {t = $4} END {print s, t}' "$T_TMP/out")" "12 12"
check_exit "--by segment" 0 run --feedback $G/feedback.csv --by segment --quiet
check_grep "champions row" '^champions,1,1,2,' "$T_TMP/out"
# Since June: C01 C03 C11 C12 answered; C07's answer (06-01) is ignored,
# as C07 bought nothing since June and so is not a customer of the window.
check_exit "--since narrows the responses" 0 run --feedback $G/feedback.csv --since 2025-06-01 --quiet
check_eq "responses since June" "$(tail -n +2 "$T_TMP/out" | cut -d, -f3)" "4"
check_exit "zh table" 0 $KEHU satisfaction $G/orders.csv --customers $G/customers.csv --as-of 2025-07-01 --feedback $G/feedback.csv --view churn-by-band --format table --lang zh --quiet --rejects /dev/null
check_grep "zh band label" '推荐者' "$T_TMP/out"
# CDNOW with a made-up survey: the churned/retained split is classify's
# stage, and the bands partition the buyers.
D=tests/data/cdnow_transactions.csv
awk -F, 'NR > 1 && NR % 3 == 0 {print $1 "," $2 "," NR % 11}' $D | sed '1i customer_id,date,score' >"$T_TMP/fb.csv"
$KEHU classify $D --format csv --rejects /dev/null --quiet >"$T_TMP/cls"
check_exit "cdnow churned vs retained" 0 $KEHU satisfaction $D --feedback "$T_TMP/fb.csv" --view churned-vs-retained --format csv --rejects /dev/null --quiet
check_eq "churned = classify's stage churned" "$(awk -F, '$1 == "churned" {print $2}' "$T_TMP/out")" "$(awk -F, '$10 == "churned"' "$T_TMP/cls" | wc -l | tr -d ' ')"
check_eq "retained = the other buyers" "$(awk -F, '$1 == "retained" {print $2}' "$T_TMP/out")" "$(awk -F, 'NR > 1 && $10 != "churned"' "$T_TMP/cls" | wc -l | tr -d ' ')"
check_exit "cdnow bands" 0 $KEHU satisfaction $D --feedback "$T_TMP/fb.csv" --view churn-by-band --format csv --rejects /dev/null --quiet
check_eq "bands partition the 2357 buyers" "$(awk -F, 'NR > 1 {s += $3} END {print s}' "$T_TMP/out")" 2357
check_exit "no --feedback" 2 run --quiet
check_grep "says --feedback" '\-\-feedback' "$T_TMP/err"
check_exit "missing feedback file" 2 run --feedback "$T_TMP/none.csv" --quiet
check_exit "no score column" 2 run --feedback "$T_TMP/noscore.csv" --quiet
check_grep "names score" 'score' "$T_TMP/err"
check_exit "bad --view" 2 run --feedback $G/feedback.csv --view pie
check_exit "--by with a churn view" 2 run --feedback $G/feedback.csv --view churn-by-band --by tier
check_exit "bad --by" 2 run --feedback $G/feedback.csv --by colour --quiet
t_done
