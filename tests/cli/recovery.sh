# Parameter recovery end to end: `kehu gen` simulates the BG/NBD purchase
# process and Gamma-Gamma spend with known parameters (its defaults,
# CDNOW's published estimates: r 0.243, alpha 4.414, a 0.793, b 2.426 per
# week; p 6.25, q 3.74, gamma 15.44), `kehu fit` fits the transaction
# file, and every estimate must lie within 3 standard errors of the truth.
. tests/lib.sh

# within NAME KEY TRUTH: |estimate - TRUTH| <= 3 se, from $T_TMP/out (json)
within() {
    row=$(grep -oE "\"parameter\":\"$2\",\"estimate\":-?[0-9.e+-]+,\"se\":-?[0-9.e+-]+" "$T_TMP/out")
    est=$(echo "$row" | sed -E 's/.*"estimate":([^,]*),.*/\1/')
    se=$(echo "$row" | sed -E 's/.*"se":(.*)/\1/')
    if [ -n "$est" ] && [ -n "$se" ] && awk -v e="$est" -v s="$se" -v t="$3" \
        'BEGIN { d = e - t; if (d < 0) d = -d; exit !(s > 0 && d <= 3 * s) }'; then
        t_ok "$1"
    else
        t_bad "$1" "$2 = [$est] se [$se], truth $3"
    fi
}

check "gen" $KEHU gen --customers 20000 --seed 5 -o "$T_TMP/orders.csv" --quiet
check_exit "bgnbd fit" 0 $KEHU fit "$T_TMP/orders.csv" --model bgnbd --format json --quiet
check_grep "bgnbd all customers" '"parameter":"customers","estimate":20000' "$T_TMP/out"
within "bgnbd r" r 0.243
within "bgnbd alpha" alpha 4.414
within "bgnbd a" a 0.793
within "bgnbd b" b 2.426

check_exit "gg fit" 0 $KEHU fit "$T_TMP/orders.csv" --model gg --format json --quiet
within "gg p" p 6.25
within "gg q" q 3.74
within "gg gamma" gamma 15.44

# Another seed and a shorter log (customers join over the first quarter).
check "gen 2" $KEHU gen --customers 20000 --seed 9 --start 2024-01-01 \
    --end 2024-12-31 --birth-fraction 0.25 -o "$T_TMP/orders2.csv" --quiet
check_exit "bgnbd fit 2" 0 $KEHU fit "$T_TMP/orders2.csv" --model bgnbd --format json --quiet
within "bgnbd 2 r" r 0.243
within "bgnbd 2 alpha" alpha 4.414
within "bgnbd 2 a" a 0.793
within "bgnbd 2 b" b 2.426
t_done
