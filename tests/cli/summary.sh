# kehu summary (docs/summary.md): the CDNOW cross-check against the
# published 2357-customer summary, windows, prospects and option errors.
. tests/lib.sh
D=tests/data

# CDNOW: as of 1997-10-01 (A exclusive, so orders through 1997-09-30), in
# weeks. The published x counts purchase days (several orders on a day are
# one), recency = t_x, and T is measured to 1997-09-30 (one day less).
check_exit "CDNOW summary" 0 $KEHU summary $D/cdnow_transactions.csv --as-of 1997-10-01 --unit week --format csv --quiet
cp "$T_TMP/out" "$T_TMP/cdnow.csv"
check_eq "CDNOW customers" "$(($(wc -l <"$T_TMP/cdnow.csv") - 1))" 2357
# Join on id: count rows where x, t_x or T differ from the published file.
diffs=$(awk -F, 'NR == FNR { if (FNR > 1) { x[$1] = $2; r[$1] = $3; t[$1] = $4 }; next }
    FNR > 1 { d = $7 - r[$1]; e = $8 - 1/7 - t[$1];
              if ($5 - 1 != x[$1] || d > 0.006 || d < -0.006 || e > 0.006 || e < -0.006) n++ }
    END { print n + 0 }' $D/cdnow_customers_summary.csv "$T_TMP/cdnow.csv")
check_eq "CDNOW matches the published x, t_x, T" "$diffs" 0
check_grep "customer 1 row" '^1,1997-01-01,1997-08-02,3,3,2,30.4286,39.0000,60,' "$T_TMP/cdnow.csv"

# The whitespace-separated original with YYYYMMDD dates and no header.
check_exit "CDNOW sample positional" 0 $KEHU summary $D/CDNOW_sample.txt --map customer_id=1 --map order_date=3 --map amount=5 --format json --quiet --rejects "$T_TMP/r"
check_grep "CDNOW sample JSON row" '"customer_id":"00004","first_purchase":"1997-01-01","last_purchase":"1997-12-12","orders":4' "$T_TMP/out"

# Windows: --since drops earlier activity; --window counts back from A.
cat >"$T_TMP/o.csv" <<'CSV'
customer_id,order_date,amount
a,2024-01-10,10
a,2024-03-10,20
b,2024-01-20,5
CSV
check_exit "since" 0 $KEHU summary "$T_TMP/o.csv" --as-of 2024-04-01 --since 2024-02-01 --format csv --quiet
check_eq "since keeps one customer" "$(($(wc -l <"$T_TMP/out") - 1))" 1
check_grep "since: first purchase inside the window" '^a,2024-03-10,2024-03-10,1,1,0,' "$T_TMP/out"
check_exit "window" 0 $KEHU summary "$T_TMP/o.csv" --as-of 2024-04-01 --window 60 --format csv --quiet
check_grep "window of 60 days is since 2024-02-01" '^a,2024-03-10,' "$T_TMP/out"
check_exit "window and since" 2 $KEHU summary "$T_TMP/o.csv" --window 60 --since 2024-02-01
check_grep "window and since message" "not both" "$T_TMP/err"
check_exit "bad unit" 2 $KEHU summary "$T_TMP/o.csv" --unit fortnight
check_grep "bad unit names the choices" "day, week, month or year" "$T_TMP/err"
check_exit "bad as-of" 2 $KEHU summary "$T_TMP/o.csv" --as-of 2024-02-30
check_exit "no file" 2 $KEHU summary

# Prospects: a master lists c, who never bought; --all shows the row.
cat >"$T_TMP/m.csv" <<'CSV'
customer_id,region
a,East
c,West
CSV
check_exit "master" 0 $KEHU summary "$T_TMP/o.csv" --customers "$T_TMP/m.csv" --all --format csv --quiet
check_grep "prospect row" '^c,,,0,0,,,,,0.00,' "$T_TMP/out"
check_grep "master region wins" '^a,.*,East,,$' "$T_TMP/out"
check_exit "master without --all" 0 $KEHU summary "$T_TMP/o.csv" --customers "$T_TMP/m.csv" --format csv --quiet
check_eq "buyers only" "$(($(wc -l <"$T_TMP/out") - 1))" 2
t_done
