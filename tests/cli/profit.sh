# kehu profit (docs/inputs.md and docs/value.md): the assumed margin without a
# cost column, and errors. Hand-worked numbers are the profit_* golden
# cases.
. tests/lib.sh
cat >"$T_TMP/o.csv" <<'CSV'
customer_id,order_date,amount
a,2024-01-10,100
b,2024-02-10,50
CSV
cat >"$T_TMP/neg.csv" <<'CSV'
customer_id,date,cost
a,2024-01-20,-5
CSV
cat >"$T_TMP/nocost.csv" <<'CSV'
customer_id,date,type
a,2024-01-20,call
CSV
check_exit "no cost column needs --margin" 2 $KEHU profit "$T_TMP/o.csv" --quiet
check_grep "says what to do" '\-\-margin' "$T_TMP/err"
check_exit "assumed margin" 0 $KEHU profit "$T_TMP/o.csv" --margin 0.3 --format csv --quiet
check_grep "a at 30%" '^a,100\.00,70\.00,30\.00,0\.3000,0\.00,30\.00,,' "$T_TMP/out"
check_exit "margin above 1" 2 $KEHU profit "$T_TMP/o.csv" --margin 30
check_exit "negative service cost" 2 $KEHU profit "$T_TMP/o.csv" --margin 0.3 --service-costs "$T_TMP/neg.csv" --quiet
check_exit "service costs without a cost column" 2 $KEHU profit "$T_TMP/o.csv" --margin 0.3 --service-costs "$T_TMP/nocost.csv" --quiet --rejects /dev/null
check_grep "names the missing column" 'cost' "$T_TMP/err"
check_exit "missing service costs file" 2 $KEHU profit "$T_TMP/o.csv" --margin 0.3 --service-costs "$T_TMP/none.csv" --quiet
check_exit "bad --by" 2 $KEHU profit "$T_TMP/o.csv" --margin 0.3 --by colour
check_exit "--by tier" 0 $KEHU profit "$T_TMP/o.csv" --margin 0.3 --by tier --format csv --quiet
check_grep "total row" '^total,2,150\.00,105\.00,45\.00,0\.3000,0\.00,45\.00,$' "$T_TMP/out"
t_done
