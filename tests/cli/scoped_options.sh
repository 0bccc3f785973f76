# --delimiter, --date-format and --thousands as VALUE (every input the
# command reads) or KIND=VALUE (one input, which wins): orders in one
# export style, the customer master and a survey in another.
. tests/lib.sh

cat >"$T_TMP/orders.csv" <<'CSV'
order_id;customer_id;order_date;amount
1;c1;23/01/2024;1.200,50
2;c2;24/01/2024;80,00
3;c1;02/02/2024;35,10
CSV
cat >"$T_TMP/master.csv" <<'CSV'
customer_id,signup_date,region
c1,2023-12-01,north
c2,2024-01-10,south
c3,2024-01-15,south
CSV
cat >"$T_TMP/survey.csv" <<'CSV'
customer_id,date,score
c1,2024-02-03,9
c2,2024-02-04,4
CSV

# Every input with the orders' style: the master is split at ';' and
# loses its columns, or keeps them and has its ISO dates rejected.
check_exit "plain: master unreadable" 2 $KEHU classify "$T_TMP/orders.csv" \
    --customers "$T_TMP/master.csv" --delimiter ';' \
    --date-format transactions=%d/%m/%Y --thousands transactions=. --quiet
check_grep "plain: says which column" "master.csv: missing required column customer_id" "$T_TMP/err"
check_exit "plain: master dates rejected" 3 $KEHU classify "$T_TMP/orders.csv" \
    --customers "$T_TMP/master.csv" --date-format %d/%m/%Y --thousands . --quiet
check_grep "plain: says why" "bad_date" "$T_TMP/err"

# Scoped to the orders: the master is read with its own (detected) style.
check_exit "scoped: classify" 0 $KEHU classify "$T_TMP/orders.csv" \
    --customers "$T_TMP/master.csv" --delimiter 'transactions=;' \
    --date-format transactions=%d/%m/%Y --thousands transactions=. \
    --format csv --quiet
check_eq "scoped: three customers" "$(($(wc -l <"$T_TMP/out") - 1))" 3
check_grep "scoped: the prospect from the master" '^c3,.*prospect' "$T_TMP/out"
check_exit "scoped: summary" 0 $KEHU summary "$T_TMP/orders.csv" \
    --delimiter 'transactions=;' --date-format transactions=%d/%m/%Y \
    --thousands transactions=. --format csv --quiet
check_grep "scoped: 1,200.50 + 35.10 with . for thousands" '^c1,2024-01-23,2024-02-02,2,2,1,10.0000,11.0000,1,1235.60,' "$T_TMP/out"

# A KIND= value wins over a plain one, in either order.
check_exit "scoped wins: plain after" 0 $KEHU classify "$T_TMP/orders.csv" \
    --customers "$T_TMP/master.csv" --date-format customers=%Y-%m-%d \
    --date-format %d/%m/%Y --delimiter 'transactions=;' \
    --thousands . --quiet
check_exit "scoped: survey keeps ISO dates" 0 $KEHU satisfaction "$T_TMP/orders.csv" \
    --feedback "$T_TMP/survey.csv" --date-format transactions=%d/%m/%Y \
    --thousands transactions=. --format csv --quiet
check_exit "plain: survey dates rejected" 3 $KEHU satisfaction "$T_TMP/orders.csv" \
    --feedback "$T_TMP/survey.csv" --date-format %d/%m/%Y --thousands . --quiet

# A bad scoped value is named.
check_exit "bad scoped thousands" 2 $KEHU summary "$T_TMP/orders.csv" --thousands transactions=x
check_grep "bad scoped thousands: says how" "KIND=C" "$T_TMP/err"
t_done
