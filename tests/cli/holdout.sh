# kehu holdout (docs/value.md): CDNOW 39 + 39 weeks reproduces the
# published BG/NBD fit and its holdout prediction (FHL 2005: 1882 actual
# repeat purchases, about 1653.4 predicted), buckets that add up, the
# calibration fit table, option errors.
. tests/lib.sh
D=tests/data

check_exit "CDNOW holdout bgnbd" 0 $KEHU holdout $D/cdnow_transactions.csv --calibration-end 1997-09-30 --holdout-end 1998-06-30 --format csv
cp "$T_TMP/out" "$T_TMP/h.csv"
check_grep "published calibration fit" '^bgnbd: r=0\.2426 alpha=4\.4136 a=0\.7929 b=2\.4259 LL=-9582\.4[0-9] customers=2357' "$T_TMP/err"
check_grep "total: 1882 actual, 1653.4 predicted" '^holdout,total,2357,1882\.00,1653\.4[0-9]$' "$T_TMP/h.csv"
check_grep "x = 0 bucket" '^holdout,0,1411,334\.00,' "$T_TMP/h.csv"
check_eq "buckets add up (customers, actual)" \
    "$(awk -F, '$1 == "holdout" && $2 != "total" { n += $3; a += $4 } END { print n, a }' "$T_TMP/h.csv")" "2357 1882"
check_eq "calibration actual: 1411 with x = 0, 64 with 7+" \
    "$(awk -F, '$1 == "calibration" && ($2 == "0" || $2 == "7+") { printf "%s ", $3 }' "$T_TMP/h.csv")" "1411 64 "
check_eq "calibration expected sums to the cohort (to rounding)" \
    "$(awk -F, '$1 == "calibration" { e += $5 } END { d = e - 2357; print (d < 0.05 && d > -0.05) }' "$T_TMP/h.csv")" 1
check_grep "calibration x = 0 expected near 1408" '^calibration,0,1411,1411\.00,140[0-9]\.' "$T_TMP/h.csv"
check_grep "stderr summary" '^holdout: 39\.00 units after the calibration end: 1882 repeat purchases, 1653\.4 predicted' "$T_TMP/err"
# The holdout end defaults to the last order day (1998-06-30 here).
check_exit "default holdout end" 0 $KEHU holdout $D/cdnow_transactions.csv --calibration-end 1997-09-30 --format csv --quiet
check_grep "same total" '^holdout,total,2357,1882\.00,1653\.4' "$T_TMP/out"
check_exit "mbgnbd" 0 $KEHU holdout $D/cdnow_transactions.csv --calibration-end 1997-09-30 --model mbgnbd --format csv
check_grep "mbgnbd fit" '^mbgnbd: r=' "$T_TMP/err"
check_grep "mbgnbd total" '^holdout,total,2357,1882\.00,1[0-9]{3}\.[0-9]{2}$' "$T_TMP/out"
# Pareto/NBD: the published fit; 1665.7 predicted at the published
# (rounded) parameters, 1665.5 at the optimum.
check_exit "pnbd" 0 $KEHU holdout $D/cdnow_transactions.csv --calibration-end 1997-09-30 --model pnbd --format csv
check_grep "pnbd fit" '^pnbd: r=0\.55[0-9]+ alpha=10\.5[0-9]+ s=0\.6[0-9]+ beta=11\.6[0-9]+ LL=-959(4\.9[5-9]|5\.0)' "$T_TMP/err"
check_grep "pnbd total 1665.5" '^holdout,total,2357,1882\.00,1665\.5[0-9]$' "$T_TMP/out"
check_grep "pnbd fit table" '^calibration,0,1411,1411\.00,143[0-9]\.[0-9]{2}$' "$T_TMP/out"
check_eq "pnbd fit table sums to the cohort (to rounding)" \
    "$(awk -F, '$1 == "calibration" { e += $5 } END { d = e - 2357; print (d < 0.05 && d > -0.05) }' "$T_TMP/out")" 1
# Days: the same split, T in days.
check_exit "unit day" 0 $KEHU holdout $D/cdnow_transactions.csv --calibration-end 1997-09-30 --unit day --format csv --quiet
check_grep "day total still 1882" '^holdout,total,2357,1882\.00,' "$T_TMP/out"

check_exit "missing calibration end" 2 $KEHU holdout $D/cdnow_transactions.csv
check_grep "names the option" 'calibration-end' "$T_TMP/err"
check_exit "holdout end before calibration end" 2 $KEHU holdout $D/cdnow_transactions.csv --calibration-end 1997-09-30 --holdout-end 1997-09-01 --quiet
check_exit "bad date" 2 $KEHU holdout $D/cdnow_transactions.csv --calibration-end 1997-13-01
check_exit "bad model" 2 $KEHU holdout $D/cdnow_transactions.csv --calibration-end 1997-09-30 --model weibull
check_exit "BG/BB is not a purchase-time model" 2 $KEHU holdout $D/cdnow_transactions.csv --calibration-end 1997-09-30 --model bgbb
check_exit "as-of is refused" 2 $KEHU holdout $D/cdnow_transactions.csv --calibration-end 1997-09-30 --as-of 1997-10-01
check_exit "since is refused" 2 $KEHU holdout $D/cdnow_transactions.csv --calibration-end 1997-09-30 --since 1997-02-01
t_done
