#!/bin/sh
# The main job on bundled sample data: a synthetic order log from `kehu gen`
# and the CDNOW sample, through every analysis, into demo-out/.
set -e
K=build/kehu
out=demo-out
mkdir -p $out
echo "generating 20,000 customers of synthetic orders ..."
$K gen --customers 20000 --seed 7 -o $out/orders.csv --quiet
$K check $out/orders.csv --format json -o $out/check.json
$K summary $out/orders.csv --format csv -o $out/summary.csv
$K classify $out/orders.csv --format csv -o $out/classes.csv
$K composition $out/orders.csv --by region,tier --format csv -o $out/composition.csv
$K core $out/orders.csv --by branch --period quarter --format csv -o $out/core.csv
echo
$K composition $out/orders.csv --by tier --format table --quiet
echo
echo "outputs in $out/: check.json summary.csv classes.csv composition.csv core.csv"
