# kehu forecast's model-based method on a stationary BTYD population
# (kehu gen: customers join evenly over the whole span, BG/NBD purchases):
# the BG/NBD forecast of active customers must beat seasonal naive with
# drift on the backtest; its rows sit beside the others (actual = the
# lifecycle's active count); --model none and bad names; the default
# model is left out when it cannot be fitted, an explicit one is an error;
# too little history says how many periods are needed.
. tests/lib.sh

G=tests/golden/forecast_year/orders.csv
for seed in 1 3; do
    $KEHU gen --customers 3000 --birth-fraction 1 --start 2021-01-01 \
        --end 2025-12-31 --seed $seed -o "$T_TMP/st$seed.csv" --quiet
    for m in bgnbd mbgnbd pnbd; do
        check_exit "forecast $m seed $seed" 0 $KEHU forecast "$T_TMP/st$seed.csv" --period month --horizon 6 --holdout 6 --model $m --format csv
        cp "$T_TMP/out" "$T_TMP/fc_$m$seed.csv"
        # MAPE of the active series per method (one value per method).
        mape() { awk -F, -v m="$1" '$1 == "active" && $2 == m { print $7; exit }' "$T_TMP/fc_$m$seed.csv"; }
        model=$(mape $m)
        naive=$(mape seasonal_naive_drift)
        check "$m beats seasonal naive (seed $seed: $model < $naive)" \
            awk -v a="$model" -v b="$naive" 'BEGIN { exit !(a != "" && a + 0 < b + 0) }'
        check_grep "$m fit reported" "history before 2025-07-01: $m:" "$T_TMP/err"
    done
done
f="$T_TMP/fc_bgnbd1.csv"
check_eq "model rows: 6 backtest + 6 forecast, active only" \
    "$(awk -F, '$2 == "bgnbd" { n[$1 "," $3]++ } END { print n["active,backtest"] + 0, n["active,forecast"] + 0, n["new,backtest"] + n["new,forecast"] }' "$f")" "6 6 0"
check_eq "one best method per series" \
    "$(awk -F, 'NR > 1 && $8 == 1 { b[$1 "," $2] = 1 } END { n = 0; for (k in b) n++; print n }' "$f")" 2
# The backtest's actual column is the lifecycle's active count.
check_exit "lifecycle" 0 $KEHU lifecycle "$T_TMP/st1.csv" --period month --format csv --quiet
awk -F, 'NR > 1 { print $1 "," $6 }' "$T_TMP/out" | sort >"$T_TMP/lc.txt"
awk -F, '$2 == "bgnbd" && $3 == "backtest" { print $4 "," $5 }' "$f" | sort >"$T_TMP/bt.txt"
check "backtest actual = lifecycle active" test "$(join -t, "$T_TMP/lc.txt" "$T_TMP/bt.txt" | awk -F, '$2 == $3' | wc -l)" -eq 6

check_exit "model none" 0 $KEHU forecast "$T_TMP/st1.csv" --model none --format csv --quiet
check_eq "model none: two methods" "$(awk -F, 'NR > 1 { m[$2] = 1 } END { n = 0; for (k in m) n++; print n }' "$T_TMP/out")" 2
check_exit "bad model" 2 $KEHU forecast "$T_TMP/st1.csv" --model bgbb --quiet
check_grep "bad model named" "bgbb" "$T_TMP/err"

# Six yearly customers cannot identify BG/NBD: left out by default,
# an error when asked for.
check_exit "default model left out" 0 $KEHU forecast "$G" --period year --horizon 2 --format csv --rejects /dev/null
check_grep "left out said" "left out" "$T_TMP/err"
check_eq "left out: two methods" "$(awk -F, 'NR > 1 { m[$2] = 1 } END { n = 0; for (k in m) n++; print n }' "$T_TMP/out")" 2
check_exit "explicit model unfit" 2 $KEHU forecast "$G" --period year --horizon 2 --model bgnbd --quiet --rejects /dev/null

# Five complete months: a 3-month backtest needs 3 + 4.
$KEHU gen --customers 300 --start 2025-01-01 --end 2025-05-31 -o "$T_TMP/short.csv" --quiet
check_exit "too little history" 2 $KEHU forecast "$T_TMP/short.csv" --period month --horizon 3 --quiet
check_grep "periods needed said" "5 complete periods of history.*needs at least 7" "$T_TMP/err"
t_done
