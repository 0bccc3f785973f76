# Input reading (docs/inputs.md): broken inputs, each with its documented
# result, and reconciliation read = accepted + rejected + duplicates.
. tests/lib.sh
D=tests/data

# jnum KEY: a number from the "check" row of check's JSON in $T_TMP/out
jnum() { sed -n -E "s/^\{\"file\":.*\"$1\":([0-9]+).*/\1/p" "$T_TMP/out"; }
# counts: "read accepted rejected duplicates" from $T_TMP/out
counts() { echo "$(jnum read) $(jnum accepted) $(jnum rejected) $(jnum duplicates)"; }
reconciles() {
    r=$(jnum read); a=$(jnum accepted); j=$(jnum rejected); d=$(jnum duplicates)
    check_eq "$1 reconciles" "$r" "$((a + j + d))"
}

# Empty file, header only: unusable, exit 2 with a message.
: >"$T_TMP/empty.csv"
check_exit "empty file" 2 $KEHU check "$T_TMP/empty.csv"
check_grep "empty file says so" "is empty" "$T_TMP/err"
printf 'customer_id,order_date,amount\n' >"$T_TMP/header.csv"
check_exit "header only" 2 $KEHU check "$T_TMP/header.csv"
check_grep "header only says so" "no data rows" "$T_TMP/err"

# Missing required column: names it and lists the headers found.
printf 'customer_id,day,amount\nc1,2024-01-01,5\n' >"$T_TMP/nodate.csv"
check_exit "missing column" 2 $KEHU check "$T_TMP/nodate.csv"
check_grep "missing column named" "missing required column order_date" "$T_TMP/err"
check_grep "headers listed" "headers found \(3\): customer_id, day, amount" "$T_TMP/err"
check_exit "missing column fixed by --map" 0 $KEHU check "$T_TMP/nodate.csv" --map order_date=DAY

# Not CSV at all.
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >"$T_TMP/img.csv"
check_exit "binary file" 2 $KEHU check "$T_TMP/img.csv"
check_grep "binary file message" "not a CSV text file" "$T_TMP/err"
check_exit "no such file" 2 $KEHU check "$T_TMP/nope.csv"

# Every kind of broken row, worked out by hand (see docs/internals/csv.md).
printf 'customer_id,order_date,amount\nc1,2024-01-05,10.00\nc2,2024-02-30,5.00\nc3,2024-13-01,5.00\nc4,2024-01-06,abc\n,2024-01-06,3.00\nc5,2024-01-07\nc6,2024-01-07,1.00,extra\n"c7,multi\nline",2024-01-08,2.50\nc8,"2024-01-09"x,1.00\nc9,2024-01-10,\377\376\nc10,2024-01-11,"7.00\nc11,2024-01-12,8.00\n' >"$T_TMP/bad.csv"
echo stale >"$T_TMP/bad.csv.rejects.csv"
check_exit "broken rows exceed the reject rate" 3 $KEHU check "$T_TMP/bad.csv" --format json
check_eq "broken rows counts" "$(counts)" "12 3 9 0"
reconciles "broken rows"
check_grep "bad_date lines" '"reason":"bad_date","count":[0-9]+,"first_lines":"3 4"' "$T_TMP/out"
check_grep "field_count lines" '"reason":"field_count","count":[0-9]+,"first_lines":"7 8"' "$T_TMP/out"
check_grep "unterminated quote" '"reason":"unterminated_quote","count":[0-9]+,"first_lines":"13"' "$T_TMP/out"
check_grep "text after quote" '"reason":"text_after_quote","count":[0-9]+,"first_lines":"11"' "$T_TMP/out"
check_grep "invalid utf8" '"reason":"invalid_utf8","count":[0-9]+,"first_lines":"12"' "$T_TMP/out"
check_grep "missing id" '"reason":"missing_customer_id","count":[0-9]+,"first_lines":"6"' "$T_TMP/out"
check_grep "bad amount" '"reason":"bad_amount","count":[0-9]+,"first_lines":"5"' "$T_TMP/out"
check_grep "exit 3 names the dominant reason" "bad_date 2 \(lines 3, 4\)" "$T_TMP/err"
check_eq "rejects file rows" "$(wc -l <"$T_TMP/bad.csv.rejects.csv")" 10
check_grep "rejects file verbatim" '^8,field_count,"c6,2024-01-07,1.00,extra"$' "$T_TMP/bad.csv.rejects.csv"
check_grep "rejects file quotes doubled" '^11,text_after_quote,"c8,""2024-01-09""x,1.00"$' "$T_TMP/bad.csv.rejects.csv"
check_exit "broken rows pass a higher rate" 0 $KEHU check "$T_TMP/bad.csv" --max-reject-rate 0.8 --rejects "$T_TMP/r2.csv"
check "custom rejects path written" test -s "$T_TMP/r2.csv"

# A stale rejects file is removed when a file has no rejects.
printf 'customer_id,order_date,amount\r\nc1,2024-01-05,10.00\r\n' >"$T_TMP/crlf.csv"
echo stale >"$T_TMP/crlf.csv.rejects.csv"
check_exit "CRLF" 0 $KEHU check "$T_TMP/crlf.csv" --format json
check_eq "CRLF counts" "$(counts)" "1 1 0 0"
check "stale rejects removed" test ! -e "$T_TMP/crlf.csv.rejects.csv"
check_grep "no rejects: null path" '"rejects_path":null' "$T_TMP/out"

# BOM, semicolons, Chinese headers, thousands separators, date formats.
printf '\357\273\277客户编号;订单日期;金额\n1;2024-01-05;"1.234,50"\n' >"$T_TMP/zh.csv"
check_exit "BOM and zh headers" 0 $KEHU check "$T_TMP/zh.csv" --thousands . --format json
check_eq "BOM counts" "$(counts)" "1 1 0 0"
check_grep "semicolon detected" '"delimiter":";"' "$T_TMP/out"
check_exit "thousands needed" 3 $KEHU check "$T_TMP/zh.csv" --format json
check_grep "without --thousands the amount is bad" '"reason":"bad_amount","count":1,' "$T_TMP/out"
printf 'CustomerID,InvoiceDate,Sales\n7,12/1/2010 8:26,5\n' >"$T_TMP/us.csv"
check_exit "US dates are not guessed" 3 $KEHU check "$T_TMP/us.csv" --format json
check_exit "US dates with --date-format" 0 $KEHU check "$T_TMP/us.csv" --date-format '%m/%d/%Y %H:%M'

# Duplicates: only with order_id, only among otherwise acceptable rows.
printf 'order_id,customer_id,order_date,amount\no1,c1,2024-01-01,1.00\no1,c1,2024-01-01,1.00\no2,,2024-01-01,1.00\no2,,2024-01-01,1.00\no3,c2,2024-01-02,2.00\n' >"$T_TMP/dup.csv"
check_exit "duplicates" 3 $KEHU check "$T_TMP/dup.csv" --format json
check_eq "duplicates counts" "$(counts)" "5 2 2 1"
printf 'customer_id,order_date,amount\nc1,2024-01-01,1.00\nc1,2024-01-01,1.00\n' >"$T_TMP/nodup.csv"
check_exit "no order_id: repeats are rows" 0 $KEHU check "$T_TMP/nodup.csv" --format json
check_eq "no order_id counts" "$(counts)" "2 2 0 0"

# A 10 MB line is read; a 17 MB line is rejected (cap 16 MiB), not a crash.
head -c 10485760 /dev/zero | tr '\0' x >"$T_TMP/x10"
{ printf 'customer_id,order_date,amount,region\nc1,2024-01-01,1,'; cat "$T_TMP/x10"
  printf '\nc2,2024-01-01,1,'; cat "$T_TMP/x10" "$T_TMP/x10"; printf '\nc3,2024-01-02,2,r\n'; } >"$T_TMP/big.csv"
rm -f "$T_TMP/x10"
check_exit "long lines" 0 $KEHU check "$T_TMP/big.csv" --max-reject-rate 0.5 --format json --rejects "$T_TMP/big.rej"
check_eq "long lines counts" "$(counts)" "3 2 1 0"
check_grep "too long reason" '"reason":"record_too_long","count":[0-9]+,"first_lines":"3"' "$T_TMP/out"
rm -f "$T_TMP/big.csv" "$T_TMP/big.rej"

# Real files.
check_exit "CDNOW master" 0 $KEHU check $D/CDNOW_master.txt --format json --rejects "$T_TMP/m.rej"
check_eq "CDNOW master counts" "$(counts)" "69659 69659 0 0"
check_grep "CDNOW master total (README: 2,500,315.63)" '"amount_total":2500315.6300' "$T_TMP/out"
check_grep "CDNOW master whitespace" '"delimiter":"space"' "$T_TMP/out"
check_exit "CDNOW sample needs a map" 2 $KEHU check $D/CDNOW_sample.txt --rejects "$T_TMP/s.rej"
check_grep "CDNOW sample: no header" "no header row found.*00004 0001 19970101" "$T_TMP/err"
check_exit "CDNOW sample positional" 0 $KEHU check $D/CDNOW_sample.txt --map customer_id=1 --map order_date=3 --map amount=5 --format json --rejects "$T_TMP/s.rej"
check_eq "CDNOW sample counts" "$(counts)" "6919 6919 0 0"
check_grep "CDNOW sample total (README: 244,091.94)" '"amount_total":244091.9400' "$T_TMP/out"
check_grep "CDNOW sample: no header" '"header":0' "$T_TMP/out"
check_exit "cdnow.csv" 0 $KEHU check $D/cdnow_transactions.csv --format json --rejects "$T_TMP/c.rej"
check_eq "cdnow.csv counts" "$(counts)" "6696 6696 0 0"

# UCI Online Retail: 135,080 rows without CustomerID; 5,268 exact repeats,
# of which 43 lack a CustomerID (rejected, not counted as duplicates).
zcat $D/online_retail.csv.gz >"$T_TMP/or.csv"
check_exit "Online Retail exceeds 0.01" 3 $KEHU check "$T_TMP/or.csv" --format json
check_eq "Online Retail counts" "$(counts)" "541909 401604 135080 5225"
reconciles "Online Retail"
check_grep "Online Retail reason" '^\{"reason":"missing_customer_id","count":135080,' "$T_TMP/out"
check_eq "Online Retail: the only reason" "$(grep -c '^\{"reason":' "$T_TMP/out")" 1
check_grep "Online Retail first line" '"reason":"missing_customer_id",.*"first_lines":"624 1445 ' "$T_TMP/out"
check_exit "Online Retail with 0.3" 0 $KEHU check "$T_TMP/or.csv" --max-reject-rate 0.3 --quiet
check_eq "Online Retail rejects file" "$(wc -l <"$T_TMP/or.csv.rejects.csv")" 135081
# README: 4,372 customers with an id, 33 of them with nothing but
# cancellations: 4,339 summary rows, the 33 named on stderr, all with --all.
$KEHU summary "$T_TMP/or.csv" --max-reject-rate 0.3 -o "$T_TMP/or_sum.csv" 2>"$T_TMP/err"
check_eq "Online Retail summary rows" "$(($(wc -l <"$T_TMP/or_sum.csv") - 1))" 4339
check_grep "Online Retail returns-only customers said" '33 customers have no purchase' "$T_TMP/err"
$KEHU summary "$T_TMP/or.csv" --max-reject-rate 0.3 --all --quiet -o "$T_TMP/or_sum.csv"
check_eq "Online Retail summary --all" "$(($(wc -l <"$T_TMP/or_sum.csv") - 1))" 4372
# Every row, with the missing ids filled and no order_id (so no duplicate
# check): the README's total Quantity x UnitPrice, 9,747,747.93.
sed -e '1s/^InvoiceNo/Ref/' -e 's/,,\([^,]*\)$/,X,\1/' "$T_TMP/or.csv" >"$T_TMP/or_all.csv"
check_exit "Online Retail all rows" 0 $KEHU check "$T_TMP/or_all.csv" --format json --rejects /dev/null
check_eq "Online Retail all rows read" "$(jnum accepted)" 541909
check_grep "Online Retail total (README: 9,747,747.93)" '"amount_total":9747747.9340' "$T_TMP/out"
rm -f "$T_TMP/or.csv" "$T_TMP/or.csv.rejects.csv" "$T_TMP/or_all.csv"

# Other input kinds.
printf 'customer_id,date,score,scale\n1,2024-01-01,9,10\n2,2024-01-02,6,5\n3,2024-01-03,11,\n' >"$T_TMP/fb.csv"
check_exit "feedback" 3 $KEHU check "$T_TMP/fb.csv" --kind feedback --format json
check_grep "feedback bad scores" '"reason":"bad_score","count":[0-9]+,"first_lines":"3 4"' "$T_TMP/out"
check_exit "bad kind" 2 $KEHU check "$T_TMP/fb.csv" --kind nope
t_done
