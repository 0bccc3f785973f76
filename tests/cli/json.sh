# Every command's --format json output is one valid JSON document (parsed
# by node, or python3 when node is missing), on small inputs: the golden
# cases' files, a generated order log, and ids and labels that need
# escaping (quotes, backslashes, Chinese, a tab).
. tests/lib.sh
G=tests/golden

if command -v node >/dev/null 2>&1; then
    parse() { node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$1"; }
else
    parse() { python3 -m json.tool "$1" >/dev/null; }
fi

# json NAME ARGS...: kehu ARGS --format json exits 0 and prints valid JSON
json() {
    name=$1; shift
    "$KEHU" "$@" --format json --quiet >"$T_TMP/j.json" 2>"$T_TMP/err"
    rc=$?
    if [ "$rc" != 0 ]; then
        t_bad "$name" "exit $rc: $(head -c 300 "$T_TMP/err")"
    elif [ ! -s "$T_TMP/j.json" ]; then
        t_bad "$name" "no output"
    elif parse "$T_TMP/j.json" 2>"$T_TMP/perr"; then
        t_ok "$name"
    else
        t_bad "$name" "not JSON: $(head -c 200 "$T_TMP/perr"); output: $(head -c 300 "$T_TMP/j.json")"
    fi
}

O=$G/classify_fixed/orders.csv
C=$G/classify_pct/customers.csv
S=$G/satisfaction_tier
$KEHU gen --customers 300 --seed 3 --quiet -o "$T_TMP/gen.csv"
$KEHU summary "$T_TMP/gen.csv" --format csv --quiet -o "$T_TMP/gen_summary.csv"

json "version" version
check_exit "version json fields" 0 node -e '
const v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
for (const k of ["name", "version", "gsl", "sqlite", "compiler", "build"])
    if (typeof v[k] !== "string" || v[k] === "") throw new Error(k);
if (v.name !== "kehu") throw new Error("name");' "$T_TMP/j.json"

json "check" check "$O" --rejects /dev/null
json "check broken" check $G/check_broken/bad.csv --rejects /dev/null --max-reject-rate 1
json "check customers" check "$C" --kind customers
json "check feedback" check $S/feedback.csv --kind feedback
json "check service_costs" check $G/profit_service/costs.csv --kind service_costs
json "check events" check $G/followup_hand/events.csv --kind events
json "summary" summary "$O" --as-of 2025-07-01 --rejects /dev/null
json "summary week" summary "$O" --as-of 2025-07-01 --unit week --rejects /dev/null
json "summary with master" summary "$O" --customers "$C" --as-of 2025-07-01 --rejects /dev/null
json "classify" classify "$O" --as-of 2025-07-01 --rejects /dev/null
json "classify with master" classify "$O" --customers "$C" --as-of 2025-07-01 --rejects /dev/null
json "composition" composition "$O" --customers "$C" --as-of 2025-07-01 --by stage --rejects /dev/null
json "composition crossed" composition "$O" --customers "$C" --as-of 2025-07-01 --by branch,tier --rejects /dev/null
json "core" core "$O" --as-of 2025-07-01 --period quarter --rejects /dev/null
json "core by branch" core "$O" --as-of 2025-07-01 --period quarter --by branch --rejects /dev/null
json "core pareto" core "$O" --as-of 2025-07-01 --pareto --rejects /dev/null
json "lifecycle" lifecycle "$O" --rejects /dev/null
json "lifecycle by region" lifecycle "$O" --by region --rejects /dev/null
json "cohort" cohort "$O" --rejects /dev/null
json "cohort revenue" cohort "$O" --metric revenue --rejects /dev/null
json "cohort counts" cohort "$O" --period quarter --counts --rejects /dev/null
json "bridge" bridge "$O" --rejects /dev/null
json "bridge by branch" bridge "$O" --by branch --rejects /dev/null
json "migrate" migrate "$O" --from 2025-02-01 --to 2025-03-01 --rejects /dev/null
json "forecast" forecast "$T_TMP/gen.csv" --period quarter --horizon 2
json "churn overdue" churn "$O" --model none --as-of 2025-07-01 --rejects /dev/null
json "churn model" churn "$T_TMP/gen.csv"
json "churn backtest" churn "$O" --model none --backtest --periods 1 --period month --outcome-days 30 --rejects /dev/null
json "clv" clv "$T_TMP/gen.csv" --horizon 4
json "clv by tier" clv "$T_TMP/gen.csv" --horizon 4 --by tier
json "clv given params" clv $G/clv_given_params/orders.csv --as-of 2024-02-12 --params 0.5,2,0.7,1.9 --gg-params 6,4,15 --horizon 4 --margin 0.5
json "fit bgnbd" fit "$T_TMP/gen.csv" --model bgnbd
json "fit pnbd" fit "$T_TMP/gen.csv" --model pnbd
json "fit gg" fit "$T_TMP/gen.csv" --model gg
json "fit bgbb" fit "$T_TMP/gen.csv" --model bgbb --unit month
json "fit with holdout" fit "$T_TMP/gen.csv" --model bgnbd --calibration-end 2024-12-31 --holdout-end 2025-12-31
json "fit --summary" fit "$T_TMP/gen_summary.csv" --summary --model bgnbd
json "fit --summary cdnow" fit tests/data/cdnow_customers_summary.csv --summary --model bgnbd
json "holdout" holdout "$T_TMP/gen.csv" --calibration-end 2024-12-31
json "profit" profit $G/profit_service/orders.csv --service-costs $G/profit_service/costs.csv --since 2024-01-01
json "profit by region" profit $G/profit_service/orders.csv --service-costs $G/profit_service/costs.csv --since 2024-01-01 --by region
json "satisfaction" satisfaction $S/orders.csv --customers $S/customers.csv --feedback $S/feedback.csv --as-of 2025-07-01 --rejects /dev/null
json "satisfaction by tier" satisfaction $S/orders.csv --customers $S/customers.csv --feedback $S/feedback.csv --as-of 2025-07-01 --by tier --rejects /dev/null
json "satisfaction churn-by-band" satisfaction $S/orders.csv --customers $S/customers.csv --feedback $S/feedback.csv --as-of 2025-07-01 --view churn-by-band --rejects /dev/null
json "satisfaction churned-vs-retained" satisfaction $S/orders.csv --customers $S/customers.csv --feedback $S/feedback.csv --as-of 2025-07-01 --view churned-vs-retained --rejects /dev/null
json "followup" followup $G/followup_hand/orders.csv --customers $G/followup_hand/customers.csv --events $G/followup_hand/events.csv --as-of 2025-07-01 --rejects /dev/null

# Text that needs escaping survives as the same string.
printf 'customer_id,order_date,amount,region,branch\n"q""1\\",2025-01-02,10,北区,"a\tb"\nc2,2025-01-03,5,"x""y",b\n' >"$T_TMP/esc.csv"
json "escaping: summary" summary "$T_TMP/esc.csv" --rejects /dev/null
check_exit "escaping: values kept" 0 node -e '
const rows = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const q = rows.find(r => r.customer_id === "q\"1\\");
if (!q || q.region !== "北区" || q.branch !== "a\tb") throw new Error(JSON.stringify(rows));
if (!rows.find(r => r.region === "x\"y")) throw new Error("x\"y");' "$T_TMP/j.json"
json "escaping: check of a file with such a name" check "$T_TMP/esc.csv" --rejects /dev/null
json "escaping: classify" classify "$T_TMP/esc.csv" --rejects /dev/null
json "escaping: composition by region" composition "$T_TMP/esc.csv" --by region --rejects /dev/null

# Edge values: a zero amount, a return, cost above revenue, no region;
# ratios without a denominator must be null, never NaN or Infinity.
printf 'customer_id,order_date,amount,cost,region\nc1,2025-01-01,0,0,r\nc2,2025-01-02,-5,1,r\nc2,2025-01-05,5,0,r\nc3,2025-01-05,10,20,\n' >"$T_TMP/edge.csv"
E="$T_TMP/edge.csv"
json "edge: summary" summary "$E"
json "edge: classify" classify "$E"
json "edge: composition" composition "$E" --by region
json "edge: core pareto" core "$E" --pareto
json "edge: core" core "$E"
json "edge: lifecycle" lifecycle "$E"
json "edge: cohort" cohort "$E"
json "edge: bridge" bridge "$E"
json "edge: profit" profit "$E"
json "edge: profit by region" profit "$E" --by region
json "edge: churn" churn "$E" --model none
json "edge: clv" clv "$E" --params 0.5,2,0.7,1.9 --gg-params 6,4,15
json "edge: migrate" migrate "$E" --from 2025-01-02 --to 2025-01-05

# gen writes CSV only: --format json is refused, not silently CSV.
check_exit "gen --format json refused" 2 $KEHU gen --customers 3 --format json
t_done
