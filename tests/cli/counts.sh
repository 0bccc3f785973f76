# Customer-count commands on generated data (a seeded awk generator):
# every bridge row reconciles and each period's end is the next start, for
# every period kind; lifecycle identities; migrate totals; usage errors.
. tests/lib.sh

# 400 customers over 2020-11 .. 2023-02 in three branches, 1-9 orders each
# with random gaps (LCG, seed fixed: the file is the same on every run).
awk 'BEGIN {
    s = 12345; print "customer_id,order_date,amount,branch";
    split("east north west", br, " ");
    for (c = 1; c <= 400; c++) {
        s = (s * 1103515245 + 12345) % 2147483648; day = 18570 + s % 700;
        s = (s * 1103515245 + 12345) % 2147483648; n = 1 + s % 9;
        s = (s * 1103515245 + 12345) % 2147483648; b = br[1 + s % 3];
        for (k = 0; k < n && day < 19400; k++) {
            s = (s * 1103515245 + 12345) % 2147483648; amt = 5 + s % 300;
            cmd = "date -u -d @" day * 86400 " +%F"; cmd | getline d; close(cmd);
            print c "," d "," amt "," b;
            s = (s * 1103515245 + 12345) % 2147483648; day += 1 + s % 200;
        }
    }
}' >"$T_TMP/gen.csv"
check "generated data" test "$(wc -l <"$T_TMP/gen.csv")" -gt 1000

for p in week month quarter year; do
    check_exit "bridge $p" 0 $KEHU bridge "$T_TMP/gen.csv" --period $p --by branch --format csv --quiet
    cp "$T_TMP/out" "$T_TMP/bridge_$p.csv"
    bad=$(awk -F, 'NR > 1 { if ($4 + $5 + $6 - $7 + $8 - $9 != $10) n++ } END { print n + 0 }' "$T_TMP/bridge_$p.csv")
    check_eq "bridge $p reconciles" "$bad" 0
    # end of a (branch, tier) row = start of the same branch and tier next period
    bad=$(awk -F, 'NR > 1 { k = $2 "," $3; if (k in end && end[k] != $4) n++; end[k] = $10 } END { print n + 0 }' "$T_TMP/bridge_$p.csv")
    check_eq "bridge $p end = next start" "$bad" 0
    moved=$(awk -F, 'NR > 1 && $3 == "total" { if ($8 != $9) n++ } END { print n + 0 }' "$T_TMP/bridge_$p.csv")
    check_eq "bridge $p moves balance" "$moved" 0
    check_exit "lifecycle $p" 0 $KEHU lifecycle "$T_TMP/gen.csv" --period $p --format csv --quiet
    bad=$(awk -F, 'NR > 1 { if ($2 + $3 + $4 != $6) n++; if (NR > 2 && prev != $3 - $5) n++; prev = $6 } END { print n + 0 }' "$T_TMP/out")
    check_eq "lifecycle $p identities" "$bad" 0
    new=$(awk -F, 'NR > 1 { s += $2 } END { print s }' "$T_TMP/out")
    check_eq "lifecycle $p new = customers" "$new" 400
done
check_exit "bridge day range" 0 $KEHU bridge "$T_TMP/gen.csv" --period day --from 2021-12-20 --to 2022-01-10 --format csv --quiet
bad=$(awk -F, 'NR > 1 { if ($3 + $4 + $5 - $6 + $7 - $8 != $9) n++ } END { print n + 0 }' "$T_TMP/out")
check_eq "bridge day reconciles" "$bad" 0
check_eq "bridge day rows" "$(($(wc -l <"$T_TMP/out") - 1))" 88

# The month bridge's end of 2022-06 = migrate's column totals as of 2022-07-01.
check_exit "migrate" 0 $KEHU migrate "$T_TMP/gen.csv" --from 2022-01-01 --to 2022-07-01 --format csv --quiet
core=$(awk -F, '$1 == "total" { print $3 }' "$T_TMP/out")
bcore=$(awk -F, '$1 == "2022-06" && $3 == "core" { s += $10 } END { print s }' "$T_TMP/bridge_month.csv")
check_eq "migrate core = bridge end core" "$core" "$bcore"
base=$(awk -F, '$1 == "total" { print $3 + $4 + $5 }' "$T_TMP/out")
bbase=$(awk -F, '$1 == "2022-06" && $3 == "total" { s += $10 } END { print s }' "$T_TMP/bridge_month.csv")
check_eq "migrate base = bridge end base" "$base" "$bbase"

# Core customers per month end: bridge end = `kehu core` (same definitions).
check_exit "core by month" 0 $KEHU core "$T_TMP/gen.csv" --period month --by branch --as-of 2023-01-01 --format csv --quiet
awk -F, 'NR > 1 { print $1 "," $2 "," $5 }' "$T_TMP/out" | sort >"$T_TMP/core.txt"
awk -F, 'NR > 1 && $3 == "core" && $1 <= "2022-12" { print $1 "," $2 "," $10 }' "$T_TMP/bridge_month.csv" | sort >"$T_TMP/bcore.txt"
check "bridge core = kehu core" cmp -s "$T_TMP/core.txt" "$T_TMP/bcore.txt"
check "core rows compared" test "$(wc -l <"$T_TMP/core.txt")" -gt 60

check_exit "bad period" 2 $KEHU lifecycle "$T_TMP/gen.csv" --period fortnight --quiet
check_grep "bad period named" "fortnight" "$T_TMP/err"
check_exit "bad by" 2 $KEHU bridge "$T_TMP/gen.csv" --by colour --quiet
check_exit "bad from label" 2 $KEHU bridge "$T_TMP/gen.csv" --period quarter --from 2022-Q5 --quiet
check_exit "to before from" 2 $KEHU bridge "$T_TMP/gen.csv" --from 2022-05 --to 2022-01 --quiet
check_exit "migrate needs --from" 2 $KEHU migrate "$T_TMP/gen.csv" --quiet
check_exit "bad metric" 2 $KEHU cohort "$T_TMP/gen.csv" --metric profit --quiet

# From 65,536 customers the bridge classifies two dates at once on two
# threads: on 70,000 generated customers its ends still equal what
# classify --as-of says at each boundary, tier by tier.
$KEHU gen --customers 70000 --seed 5 --quiet -o "$T_TMP/big.csv"
check_exit "bridge, two threads" 0 $KEHU bridge "$T_TMP/big.csv" --period quarter --by branch --format csv --quiet
cp "$T_TMP/out" "$T_TMP/big_bridge.csv"
bad=$(awk -F, 'NR > 1 { if ($4 + $5 + $6 - $7 + $8 - $9 != $10) n++ } END { print n + 0 }' "$T_TMP/big_bridge.csv")
check_eq "bridge, two threads: reconciles" "$bad" 0
for q in 2023-Q4:2024-01-01 2024-Q2:2024-07-01 2025-Q3:2025-10-01; do
    label=${q%%:*}; day=${q#*:}
    want=$(awk -F, -v l="$label" '$1 == l && $3 != "total" { e[$3] += $10 } END { printf "%d %d %d", e["core"], e["potential"], e["ordinary"] }' "$T_TMP/big_bridge.csv")
    $KEHU classify "$T_TMP/big.csv" --as-of "$day" --format csv --quiet -o "$T_TMP/big_cls.csv"
    got=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "tier") t = i; if ($i == "stage") g = i } } NR > 1 && $g != "churned" { n[$t]++ } END { printf "%d %d %d", n["core"], n["potential"], n["ordinary"] }' "$T_TMP/big_cls.csv")
    check_eq "bridge end $label = classify --as-of $day" "$got" "$want"
done
t_done
