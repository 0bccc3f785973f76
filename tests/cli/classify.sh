# Classification from the command line (docs/classification.md): the
# standards file and its errors, --explain, and real-data counts.
. tests/lib.sh
D=tests/data
G=tests/golden/classify_pct
Q="--quiet --rejects /dev/null --format csv"

# A bad standards file: exit 2, naming the file, the line and the key.
printf '[core]\nmin_orders = 2.5\n' >"$T_TMP/bad.toml"
check_exit "bad standards value" 2 $KEHU classify $G/orders.csv --standards "$T_TMP/bad.toml" $Q
check_grep "bad value names key and line" "bad.toml: line 2: min_orders: expected a whole number" "$T_TMP/err"
printf '[core]\nmin_order = 2\n' >"$T_TMP/typo.toml"
check_exit "unknown standards key" 2 $KEHU classify $G/orders.csv --standards "$T_TMP/typo.toml" $Q
check_grep "unknown key named" "unknown key 'min_order' in \[core\]" "$T_TMP/err"
printf '[rfm]\nr_cuts = [365, 180, 90, 30]\n' >"$T_TMP/desc.toml"
check_exit "descending cuts in file" 2 $KEHU classify $G/orders.csv --standards "$T_TMP/desc.toml" $Q
check_grep "descending cuts named" "r_cuts: cut points must be ascending" "$T_TMP/err"
printf '[abcd]\na_share = 0.9\nb_share = 0.85\n' >"$T_TMP/shares.toml"
check_exit "inconsistent shares" 2 $KEHU classify $G/orders.csv --standards "$T_TMP/shares.toml" $Q
check_grep "inconsistent shares named" "a_share <= b_share" "$T_TMP/err"
check_exit "missing standards file" 2 $KEHU classify $G/orders.csv --standards "$T_TMP/none.toml" $Q
check_grep "missing standards file named" "cannot read standards file .*none.toml" "$T_TMP/err"

# Command-line overrides: same checks, the option named.
check_exit "too few cuts" 2 $KEHU classify $G/orders.csv --m-cuts 1,2,3 $Q
check_grep "too few cuts named" "\-\-m-cuts 1,2,3: m_cuts: give exactly 4 cut points" "$T_TMP/err"
check_exit "negative days" 2 $KEHU classify $G/orders.csv --churn-days -5 $Q
check_grep "negative days named" "\-\-churn-days -5: churn_days: must not be negative" "$T_TMP/err"
check_exit "bad tristate" 2 $KEHU classify $G/orders.csv --core-use-share maybe $Q
check_grep "bad tristate lists values" "use true, false or \"auto\"" "$T_TMP/err"
check_exit "no injected lines" 2 $KEHU classify $G/orders.csv --churn-days "5 # x" $Q
check_exit "shares together" 0 $KEHU classify $G/orders.csv --abcd-a-share 0.97 --abcd-b-share 0.99 $Q
check_exit "shares apart" 2 $KEHU classify $G/orders.csv --abcd-a-share 0.97 $Q
check_grep "shares apart named" "a_share <= b_share" "$T_TMP/err"

# The options override the file: the file sets m_cuts, --m-cuts pct undoes it.
$KEHU classify $G/orders.csv --as-of 2025-07-01 $Q >"$T_TMP/pct.csv"
(cd tests/golden/classify_standards &&
    ../../../$KEHU classify orders.csv --as-of 2025-07-01 --m-cuts pct \
        --core-min-amount 0 --core-max-days 180 --churn-days 365 --new-days 90 $Q) >"$T_TMP/undo.csv"
check "options override the file" cmp -s "$T_TMP/pct.csv" "$T_TMP/undo.csv"
(cd tests/golden/classify_standards &&
    ../../../$KEHU classify orders.csv --as-of 2025-07-01 --standards /dev/null $Q) >"$T_TMP/empty.csv"
check "--standards replaces ./kehu.toml" cmp -s "$T_TMP/pct.csv" "$T_TMP/empty.csv"

# Every command classifies by the same standard: profit --by tier reads the
# kehu.toml that classify reads (core = C01, C06 there, not the default 3).
(cd tests/golden/classify_standards &&
    ../../../$KEHU composition orders.csv --as-of 2025-07-01 --by tier $Q &&
    ../../../$KEHU profit orders.csv --as-of 2025-07-01 --by tier $Q) >"$T_TMP/std.csv"
check_grep "composition uses kehu.toml" "^core,2,0.1818,5000.00," "$T_TMP/std.csv"
check_grep "profit --by tier uses kehu.toml" "^core,2,5000.00," "$T_TMP/std.csv"

# kehu.toml.example documents the defaults: reading it changes nothing.
$KEHU classify $D/cdnow_transactions.csv $Q >"$T_TMP/default.csv"
$KEHU classify $D/cdnow_transactions.csv --standards kehu.toml.example $Q >"$T_TMP/example.csv"
check "example file = defaults" cmp -s "$T_TMP/default.csv" "$T_TMP/example.csv"

# --explain goes to stderr; stdout is unchanged.
$KEHU classify $D/cdnow_transactions.csv --explain --rejects /dev/null --format csv \
    >"$T_TMP/explained.csv" 2>"$T_TMP/explain.txt"
check "explain leaves stdout alone" cmp -s "$T_TMP/default.csv" "$T_TMP/explained.csv"
check_grep "explain names the scheme" "classification standard: defaults; segments: R x FM grid" "$T_TMP/explain.txt"
check_grep "explain gives percentile cuts" "M \(monetary total\): percentile cut points .* = " "$T_TMP/explain.txt"
check_grep "explain gives core rule" "Core: class A and purchase days >= 2 and days since last <= 180" "$T_TMP/explain.txt"
$KEHU classify $D/cdnow_transactions.csv --explain --lang zh --rejects /dev/null --format csv \
    >/dev/null 2>"$T_TMP/explain_zh.txt"
check_grep "explain in Chinese" "核心客户：A 类" "$T_TMP/explain_zh.txt"

# CDNOW sample (2357 customers): one row each; classes add up.
rows=$(tail -n +2 "$T_TMP/default.csv" | wc -l)
check_eq "cdnow: a row per customer" "$rows" 2357
tiers=$(tail -n +2 "$T_TMP/default.csv" | cut -d, -f9 | sort | uniq -c | awk '{s += $1} END {print s}')
check_eq "cdnow: tiers add up" "$tiers" 2357
abc=$(tail -n +2 "$T_TMP/default.csv" | cut -d, -f8 | grep -c '^[ABC]$')
check_eq "cdnow: every buyer has A, B or C" "$abc" 2357
seg=$(tail -n +2 "$T_TMP/default.csv" | cut -d, -f6 | grep -c '^[a-z_]\+$')
check_eq "cdnow: every buyer has a segment" "$seg" 2357

# An independent implementation of docs/classification.md (tests/tools/classify_reference.py)
# agrees with kehu on every CDNOW customer as of past dates and over windows.
# (Without python3 these checks are skipped; classify_cdnow keeps one.)
if command -v python3 >/dev/null 2>&1; then
    for a in 1997-03-15 1997-09-01; do
        for w in 0 212; do
            if [ $w = 0 ]; then s=""; win=""; else s="--since $(date -d "$a - $w days" +%F)"; win="--window $w"; fi
            python3 tests/tools/classify_reference.py --as-of $a $s $D/cdnow_transactions.csv Id Date Price >"$T_TMP/ref.csv"
            $KEHU classify $D/cdnow_transactions.csv --as-of $a $win $Q >"$T_TMP/kehu.csv"
            check "reference = kehu as of $a ${win:-all history}" cmp -s "$T_TMP/ref.csv" "$T_TMP/kehu.csv"
        done
    done
fi

# composition: --by is required and checked.
check_exit "composition without --by" 2 $KEHU composition $G/orders.csv $Q
check_grep "composition asks for --by" "give --by" "$T_TMP/err"
check_exit "composition unknown dim" 2 $KEHU composition $G/orders.csv --by branch,colour $Q
check_grep "unknown dim lists the allowed" "unknown dimension 'colour'; use region, branch, channel, stage, tier, abcd, rfm8, segment, value_tier, needs" "$T_TMP/err"
check_exit "composition three dims" 2 $KEHU composition $G/orders.csv --by branch,tier,stage $Q

# CDNOW composition: groups add up to every customer and the file total.
for by in tier stage abcd rfm8 segment value_tier; do
    $KEHU composition $D/cdnow_transactions.csv --by $by $Q >"$T_TMP/comp.csv"
    n=$(grep -v '^total,' "$T_TMP/comp.csv" | tail -n +2 | awk -F, '{s += $2} END {print s}')
    check_eq "cdnow composition by $by: customers add up" "$n" 2357
    check_grep "cdnow composition by $by: total row" "^total,2357,1.0000,244091.94,1.0000,," "$T_TMP/comp.csv"
done
$KEHU composition $D/cdnow_transactions.csv --by tier,stage $Q >"$T_TMP/comp.csv"
rev=$(grep -v '^total,' "$T_TMP/comp.csv" | tail -n +2 | awk -F, '{s += $5} END {printf "%.2f", s}')
check_eq "cdnow tier x stage: revenue adds up" "$rev" 244091.94

# core: usage errors.
check_exit "core unknown --by" 2 $KEHU core $G/orders.csv --by tier $Q
check_grep "core --by lists the allowed" "unknown dimension 'tier'; use region, branch, channel$" "$T_TMP/err"
check_exit "core bad --period" 2 $KEHU core $G/orders.csv --period fortnight $Q
check_grep "core --period lists the allowed" "use week, month, quarter or year" "$T_TMP/err"
check_exit "core before any order" 2 $KEHU core $G/orders.csv --as-of 2020-01-01 $Q
check_eq "core before any order: no output" "$(wc -c <"$T_TMP/out")" 0
check_grep "core before any order: says so" "no order before the analysis date 2020-01-01" "$T_TMP/err"
check_exit "core --since with --window" 2 $KEHU core $G/orders.csv --since 2024-01-01 --window 365 $Q

# core agrees with classify: each period's counts are classify's as of
# that period's as_of, with the same window (all history; trailing 365).
# counts FILE: "customers core potential ordinary" of a classify csv.
counts() {
    tail -n +2 "$1" | awk -F, '$9 != "" { n++; c[$9]++ }
        END { printf "%d %d %d %d", n, c["core"], c["potential"], c["ordinary"] }'
}
agree() { # NAME PERIOD [OPTIONS...]
    name=$1; period=$2; shift 2
    $KEHU core $D/cdnow_transactions.csv --period $period "$@" $Q | tail -n +2 >"$T_TMP/core.csv"
    diffs=""; rows=0
    while IFS=, read -r p asof n core pot ord rest; do
        $KEHU classify $D/cdnow_transactions.csv --as-of "$asof" "$@" $Q >"$T_TMP/cl.csv"
        got=$(counts "$T_TMP/cl.csv")
        [ "$got" = "$n $core $pot $ord" ] || diffs="$diffs $p: core $n $core $pot $ord, classify $got;"
        rows=$((rows + 1))
    done <"$T_TMP/core.csv"
    check_eq "$name" "$diffs" ""
    check "$name: periods compared" test "$rows" -ge 2
}
agree "core = classify per quarter (all history)" quarter
agree "core = classify per quarter (trailing 365 days)" quarter --window 365
agree "core = classify per month (trailing 45 days)" month --window 45
agree "core = classify per quarter (from a fixed day)" quarter --since 1997-06-01
agree "core = classify per year with a standard" year --core-min-amount 100 --churn-days 200
n=$($KEHU core $D/cdnow_transactions.csv --period month $Q | tail -n +2 | wc -l)
check_eq "cdnow: 18 months" "$n" 18
last=$($KEHU core $D/cdnow_transactions.csv --period month $Q | tail -n 1 | cut -d, -f1-6)
check_eq "cdnow: the last month counts every customer" "$last" "1998-06,1998-07-01,2357,400,541,1416"

# --pareto: class A = the customers making 80% of revenue.
$KEHU core $D/cdnow_transactions.csv --pareto $Q >"$T_TMP/pareto.csv"
check_grep "pareto: customers" "^customers,2357.0000$" "$T_TMP/pareto.csv"
check_grep "pareto: revenue" "^revenue,244091.9400$" "$T_TMP/pareto.csv"
nA=$(tail -n +2 "$T_TMP/default.csv" | cut -d, -f8 | grep -c '^A$')
check_grep "pareto: customers for 80% = class A" "^customers_for_80,$nA.0000$" "$T_TMP/pareto.csv"
check_grep "pareto: curve ends at 1" "^pareto_100,1.0000$" "$T_TMP/pareto.csv"
top20=$(grep '^top20_revenue_share,' "$T_TMP/pareto.csv" | cut -d, -f2)
p20=$(grep '^pareto_20,' "$T_TMP/pareto.csv" | cut -d, -f2)
check_eq "pareto: top 20% = pareto_20" "$top20" "$p20"

t_done
