#!/bin/sh
# The main job on bundled sample data: a synthetic order log from `kehu gen`
# (20,000 customers over three years) through every analysis, into
# demo-out/. Tables go to the terminal; every result is also saved as CSV.
set -e
K=build/kehu
out=demo-out
mkdir -p $out
orders=$out/orders.csv
show() { # TITLE: a heading before a table
    printf '\n== %s\n' "$1"
}
tail_table() { # N: the header and the last N rows of a terminal table
    awk -v n="$1" 'NR <= 2 { print; next } { row[NR] = $0 }
        END { for (i = NR - n + 1; i <= NR; i++) if (i > 2) print row[i] }'
}
echo "generating 20,000 customers of synthetic orders (kehu gen) ..."
$K gen --customers 20000 --seed 7 --birth-fraction 0.9 --seasonality 0.3 --extras -o $orders --quiet
# Which product categories serve emotional and which functional needs.
printf 'category,need\nfuzhuang,emotional\nmeizhuang,emotional\nshuma,functional\njiaju,functional\ntushu,functional\nshipin,functional\n' >$out/needs_map.csv
$K check $orders --format json -o $out/check.json
q="--quiet"
$K summary $orders --format csv -o $out/summary.csv $q
$K classify $orders --category-map $out/needs_map.csv --format csv -o $out/classes.csv $q
$K composition $orders --by region,tier --format csv -o $out/composition.csv $q
$K core $orders --by branch --period quarter --format csv -o $out/core.csv $q
$K lifecycle $orders --period month --format csv -o $out/lifecycle.csv $q
$K cohort $orders --period quarter --format csv -o $out/cohort.csv $q
$K clv $orders --model bgnbd --horizon 52 --discount 0.1 --margin 0.3 --format csv -o $out/clv.csv $q
$K churn $orders --format csv -o $out/churn.csv $q
$K profit $orders --by channel --format csv -o $out/profit.csv $q
$K bridge $orders --period quarter --by branch --format csv -o $out/bridge.csv $q
$K forecast $orders --period month --horizon 6 --format csv -o $out/forecast.csv $q

show "customers by tier (kehu composition --by tier)"
$K composition $orders --by tier --format table $q
show "customers by needs-based type (kehu composition --by needs --category-map)"
$K composition $orders --by needs --category-map $out/needs_map.csv --format table $q
show "core customers per quarter (kehu core --period quarter)"
$K core $orders --period quarter --format table $q | tail_table 6
show "concentration (kehu core --pareto)"
$K core $orders --pareto --format table $q | head -n 8
show "BG/NBD fit in weeks (kehu fit --model bgnbd); made with r=0.243 alpha=4.414 a=0.793 b=2.426 and a 30% seasonal swing"
$K fit $orders --model bgnbd --format table $q
show "value by region (kehu clv --by region: 52 weeks, 10% a year, 30% margin)"
$K clv $orders --model bgnbd --horizon 52 --discount 0.1 --margin 0.3 --by region --format table $q
show "monthly lifecycle, last 6 months (kehu lifecycle --period month)"
$K lifecycle $orders --period month --format table $q | tail_table 6
show "core customer bridge, last quarter (kehu bridge --period quarter)"
$K bridge $orders --period quarter --format table $q | tail_table 4
show "active and new customers, next 6 months (kehu forecast --period month)"
$K forecast $orders --period month --horizon 6 --format table $q | head -n 16
echo
echo "outputs in $out/:"
ls $out | sed 's/^/  /'
