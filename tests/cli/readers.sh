# Every input reader but transactions (tests/cli/ingest.sh has those) on
# broken files, each with its documented result (docs/inputs.md):
# the customer master (--customers), feedback (--feedback), service costs
# (--service-costs), events (--events) and the summary of `kehu fit
# --summary`. Unusable files exit 2 with a message naming the file, what
# is wrong and what to do; broken rows go to the rejects file with their
# line numbers and reasons; read = accepted + rejected + duplicates.
. tests/lib.sh

# jnum KEY: a number from the "check" row of check's JSON in $T_TMP/out
jnum() { sed -n -E "s/^\{\"file\":.*\"$1\":([0-9]+).*/\1/p" "$T_TMP/out"; }
counts() { echo "$(jnum read) $(jnum accepted) $(jnum rejected) $(jnum duplicates)"; }
reconciles() {
    r=$(jnum read); a=$(jnum accepted); j=$(jnum rejected); d=$(jnum duplicates)
    check_eq "$1 reconciles" "$r" "$((a + j + d))"
}
# check_nogrep NAME PATTERN FILE: passes when PATTERN is not in FILE
check_nogrep() {
    if grep -qE -- "$2" "$3"; then t_bad "$1" "/$2/ found in $3"; else t_ok "$1"; fi
}

# kind, valid header, valid row, required columns (as the message lists them)
kinds='customers|customer_id,signup_date,region|c1,2025-01-02,north|customer_id
feedback|customer_id,date,score,scale|c1,2025-01-02,4,5|customer_id, date, score
service_costs|customer_id,date,cost,type|c1,2025-01-02,12.50,call|customer_id, cost, date
events|customer_id,time,event|c1,2025-01-02T10:00:00,contact|customer_id, time, event'

echo "$kinds" | while IFS='|' read -r kind header row need; do
    rest=${row#c1}
    f="$T_TMP/$kind"
    ck() { $KEHU check --kind "$kind" --format json "$@"; }

    # Empty, blank lines only, header only: exit 2, saying what to do.
    : >"$f.empty.csv"
    check_exit "$kind: empty" 2 ck "$f.empty.csv"
    check_grep "$kind: empty says so and what to do" \
        "$kind.empty.csv is empty: no header and no rows; export the $kind again with a header row and the data \(required columns: $need\)" "$T_TMP/err"
    printf '\n\r\n\n' >"$f.blank.csv"
    check_exit "$kind: blank lines" 2 ck "$f.blank.csv"
    check_grep "$kind: blank lines are empty" "is empty" "$T_TMP/err"
    printf '%s\n' "$header" >"$f.header.csv"
    check_exit "$kind: header only" 2 ck "$f.header.csv"
    check_grep "$kind: header only says so" \
        "header.csv has a header but no data rows; check that the export is complete" "$T_TMP/err"

    # Missing required column: names it and the headers found; --map and
    # the scoped --map KIND.field=HEADER fix it.
    printf '%s\n%s\n' "kunde${header#customer_id}" "$row" >"$f.nocol.csv"
    check_exit "$kind: missing column" 2 ck "$f.nocol.csv"
    check_grep "$kind: missing column named" \
        "missing required column customer_id \($kind input\); name it with --map customer_id=HEADER; headers found \([0-9]+\): kunde," "$T_TMP/err"
    check_exit "$kind: --map fixes it" 0 ck "$f.nocol.csv" --map customer_id=KUNDE
    check_exit "$kind: --map $kind.customer_id fixes it" 0 ck "$f.nocol.csv" --map "$kind.customer_id=kunde"
    check_exit "$kind: a map for another kind does not apply" 2 ck "$f.nocol.csv" --map transactions.customer_id=kunde
    check_exit "$kind: unknown kind in --map" 2 ck "$f.nocol.csv" --map "nope.customer_id=kunde"
    check_grep "$kind: unknown kind named" "unknown input kind nope" "$T_TMP/err"

    # Broken rows, one reason each, with their line numbers.
    printf '%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n' "$header" "$row" c2 "$row,extra" \
        "c3$(printf '\377')$rest" "$rest" "\"c7\"x$rest" "\"c8$rest" >"$f.bad.csv"
    echo stale >"$f.bad.csv.rejects.csv"
    check_exit "$kind: broken rows exceed the reject rate" 3 ck "$f.bad.csv"
    check_eq "$kind: broken rows counts" "$(counts)" "7 1 6 0"
    reconciles "$kind: broken rows"
    check_grep "$kind: wrong field counts" '"reason":"field_count","count":[0-9]+,"first_lines":"3 4"' "$T_TMP/out"
    check_grep "$kind: non-UTF-8 bytes" '"reason":"invalid_utf8","count":[0-9]+,"first_lines":"5"' "$T_TMP/out"
    check_grep "$kind: missing id" '"reason":"missing_customer_id","count":[0-9]+,"first_lines":"6"' "$T_TMP/out"
    check_grep "$kind: text after quote" '"reason":"text_after_quote","count":[0-9]+,"first_lines":"7"' "$T_TMP/out"
    check_grep "$kind: unterminated quote" '"reason":"unterminated_quote","count":[0-9]+,"first_lines":"8"' "$T_TMP/out"
    check_grep "$kind: exit 3 names the file, reasons and lines" \
        "$kind.bad.csv: 6 of 7 rows rejected .*field_count 2 \(lines 3, 4\).*fix the input or raise --max-reject-rate" "$T_TMP/err"
    check_eq "$kind: rejects file rows" "$(wc -l <"$f.bad.csv.rejects.csv")" 7
    check_grep "$kind: rejects file verbatim" "^4,field_count,\"$row,extra\"\$" "$f.bad.csv.rejects.csv"
    check_grep "$kind: rejects file quotes doubled" "^7,text_after_quote,\"\"\"c7\"\"x" "$f.bad.csv.rejects.csv"
    check_exit "$kind: broken rows pass a higher rate" 0 ck "$f.bad.csv" --max-reject-rate 0.9 --rejects "$f.r2"
    check "$kind: --rejects path written" test -s "$f.r2"

    # BOM and CRLF are read; a stale rejects file goes when nothing is rejected.
    printf '\357\273\277%s\r\n%s\r\n' "$header" "$row" >"$f.bom.csv"
    echo stale >"$f.bom.csv.rejects.csv"
    check_exit "$kind: BOM and CRLF" 0 ck "$f.bom.csv"
    check_eq "$kind: BOM and CRLF counts" "$(counts)" "1 1 0 0"
    check "$kind: stale rejects removed" test ! -e "$f.bom.csv.rejects.csv"
    printf '%s\r\n%s\r\nc2\r\n' "$header" "$row" >"$f.crlf.csv"
    check_exit "$kind: CRLF with a reject" 0 ck "$f.crlf.csv" --max-reject-rate 0.5
    check_grep "$kind: CRLF reject without CR" '^3,field_count,"c2"$' "$f.crlf.csv.rejects.csv"

    # Other delimiters: detected, or given.
    printf '%s\n%s\n' "$header" "$row" | tr , ';' >"$f.semi.csv"
    check_exit "$kind: semicolons detected" 0 ck "$f.semi.csv"
    check_grep "$kind: semicolon reported" '"delimiter":";"' "$T_TMP/out"
    printf '%s\n%s\n' "$header" "$row" | tr , '\t' >"$f.tab.csv"
    check_exit "$kind: --delimiter tab" 0 ck "$f.tab.csv" --delimiter tab
    check_exit "$kind: bad --delimiter" 2 ck "$f.tab.csv" --delimiter x

    # Not UTF-8 in the header, not CSV at all.
    printf 'kunden\374mmer%s\n%s\n' "${header#customer_id}" "$row" >"$f.latin1.csv"
    check_exit "$kind: latin-1 header" 2 ck "$f.latin1.csv"
    check_grep "$kind: latin-1 header says convert" "not UTF-8 text; convert the file to UTF-8" "$T_TMP/err"
    printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >"$f.png.csv"
    check_exit "$kind: binary" 2 ck "$f.png.csv"
    check_grep "$kind: binary says what it is" "png.csv is not a CSV text file: it looks like a PNG image; export the data as CSV" "$T_TMP/err"
    printf '%s\001\002\003\004\005\006\n%s\n' "$header" "$row" >"$f.ctl.csv"
    check_exit "$kind: control bytes" 2 ck "$f.ctl.csv"
    check_grep "$kind: control bytes named" "binary data \(control bytes" "$T_TMP/err"
    printf 'PK\003\004\024\000\006\000' >"$f.xlsx"
    check_exit "$kind: xlsx" 2 ck "$f.xlsx"
    check_grep "$kind: xlsx named" "Excel .xlsx workbook" "$T_TMP/err"
    check_exit "$kind: no such file" 2 ck "$f.nope.csv"
    check_grep "$kind: no such file says so" "cannot open .*nope.csv" "$T_TMP/err"
    t_done >"$T_TMP/tally.$kind"
done
# The loop ran in a subshell: add its tallies.
for k in customers feedback service_costs events; do
    line=$(cat "$T_TMP/tally.$k" 2>/dev/null)
    p=$(echo "$line" | sed -E 's/.* ([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    if [ -z "$line" ]; then t_bad "$k matrix ran"; else
        t_pass=$((t_pass + p)); t_fail=$((t_fail + f)); fi
done

# The same for transactions (tests/cli/ingest.sh has the rest).
: >"$T_TMP/tx_empty.csv"
check_exit "transactions: empty" 2 $KEHU check "$T_TMP/tx_empty.csv"
check_grep "transactions: empty says what to do" "export the transactions again with a header row and the data \(required columns: customer_id, order_date, amount\)" "$T_TMP/err"
printf 'PK\003\004\024\000' >"$T_TMP/orders.xlsx"
check_exit "transactions: xlsx" 2 $KEHU classify "$T_TMP/orders.xlsx"
check_grep "transactions: xlsx named" "orders.xlsx is not a CSV text file: it looks like a zip archive, e.g. an Excel .xlsx workbook; export the data as CSV" "$T_TMP/err"
printf '\037\213\010\000' >"$T_TMP/orders.csv.gz"
check_exit "transactions: gzip" 2 $KEHU summary "$T_TMP/orders.csv.gz"
check_grep "transactions: gzip named" "gzip-compressed data \(decompress it first\)" "$T_TMP/err"
printf 'Kunde,Datum,Betrag\nc1,2025-01-02,10\n' >"$T_TMP/tx_map.csv"
check_exit "transactions: scoped --map" 0 $KEHU check "$T_TMP/tx_map.csv" --map transactions.customer_id=Kunde \
    --map transactions.order_date=Datum --map amount=Betrag
# Rows in GBK under a UTF-8 header: rejected, and the message says convert.
printf 'customer_id,order_date,amount,region\nc1,2025-01-02,10,\261\261\276\251\nc2,2025-01-02,10,\311\317\272\243\n' >"$T_TMP/gbk.csv"
check_exit "transactions: GBK rows" 3 $KEHU check "$T_TMP/gbk.csv"
check_grep "transactions: GBK rows say convert" "invalid_utf8 2 \(lines 2, 3\).*Most rows are not UTF-8: convert the file first" "$T_TMP/err"

printf 'customer_id,order_date,amount,\nc1,2025-01-02,10\nc2,2025-01-02,5\n' >"$T_TMP/tx_width.csv"
check_exit "transactions: header wider than the rows" 3 $KEHU check "$T_TMP/tx_width.csv"
check_grep "transactions: field counts say check the delimiter" "Most rows do not have the header's number of fields: check the delimiter" "$T_TMP/err"
printf '\357\273\277' >"$T_TMP/bom_only.csv"
check_exit "transactions: a BOM alone is empty" 2 $KEHU check "$T_TMP/bom_only.csv"
check_grep "transactions: a BOM alone says empty" "bom_only.csv is empty" "$T_TMP/err"

# Bad dates and numbers, by kind.
printf 'customer_id,signup_date\nc1,2025-01-02\nc2,2025-02-30\nc3,\nc4,soon\n' >"$T_TMP/cd.csv"
check_exit "customers: bad dates" 3 $KEHU check --kind customers --format json "$T_TMP/cd.csv"
check_eq "customers: bad dates counts" "$(counts)" "4 2 2 0"
check_grep "customers: bad_date lines (empty signup is fine)" '"reason":"bad_date","count":[0-9]+,"first_lines":"3 5"' "$T_TMP/out"

printf 'customer_id,date,score,scale\nc1,2025-01-02,4,5\nc2,2025-13-01,4,5\nc3,2025-01-02,abc,5\nc4,2025-01-02,11,10\nc5,2025-01-02,-1,10\nc6,2025-01-02,4,7\nc7,2025-01-02,,5\nc8,,4,5\nc9,2025-01-02,6,5\nc10,2025-01-02,9.5,10\n' >"$T_TMP/fd.csv"
check_exit "feedback: bad values" 3 $KEHU check --kind feedback --format json "$T_TMP/fd.csv"
check_eq "feedback: bad values counts" "$(counts)" "10 2 8 0"
check_grep "feedback: bad_date" '"reason":"bad_date","count":[0-9]+,"first_lines":"3"' "$T_TMP/out"
check_grep "feedback: bad_score (not a number, above the scale, negative)" '"reason":"bad_score","count":[0-9]+,"first_lines":"4 5 6 10"' "$T_TMP/out"
check_grep "feedback: bad_scale" '"reason":"bad_scale","count":[0-9]+,"first_lines":"7"' "$T_TMP/out"
check_grep "feedback: missing_score" '"reason":"missing_score","count":[0-9]+,"first_lines":"8"' "$T_TMP/out"
check_grep "feedback: missing_date" '"reason":"missing_date","count":[0-9]+,"first_lines":"9"' "$T_TMP/out"

printf 'customer_id,date,cost\nc1,2025-01-02,1.50\nc2,yesterday,1\nc3,2025-01-02,abc\nc4,2025-01-02,\nc5,2025-01-02,1e3\nc6,2025-01-02,NaN\nc7,2025-01-02,99999999999999999999\nc8,2025-01-02,"1,000"\n' >"$T_TMP/sd.csv"
check_exit "service costs: bad values" 3 $KEHU check --kind service_costs --format json "$T_TMP/sd.csv"
check_eq "service costs: bad values counts" "$(counts)" "8 1 7 0"
check_grep "service costs: bad_date" '"reason":"bad_date","count":[0-9]+,"first_lines":"3"' "$T_TMP/out"
check_grep "service costs: bad_cost (first lines)" '"reason":"bad_cost","count":[0-9]+,"first_lines":"4 5 6 7 8"' "$T_TMP/out"
check_grep "service costs: bad_cost count" '"reason":"bad_cost","count":6,' "$T_TMP/out"
check_exit "service costs: --thousands" 3 $KEHU check --kind service_costs --format json "$T_TMP/sd.csv" --thousands ,
check_eq "service costs: --thousands counts" "$(counts)" "8 2 6 0"
check_grep "service costs: 1,000 read with --thousands" '"reason":"bad_cost","count":5,' "$T_TMP/out"

printf 'customer_id,time,event\nc1,2025-01-02 10:00,contact\nc2,2025-01-32,contact\nc3,2025-01-02,\nc4,,contact\n' >"$T_TMP/ed.csv"
check_exit "events: bad values" 3 $KEHU check --kind events --format json "$T_TMP/ed.csv"
check_eq "events: bad values counts" "$(counts)" "4 1 3 0"
check_grep "events: bad_date" '"reason":"bad_date","count":[0-9]+,"first_lines":"3"' "$T_TMP/out"
check_grep "events: missing_event" '"reason":"missing_event","count":[0-9]+,"first_lines":"4"' "$T_TMP/out"
check_grep "events: missing_date" '"reason":"missing_date","count":[0-9]+,"first_lines":"5"' "$T_TMP/out"

# Customer master: each id once. An exact repeat is a duplicate; another
# row for a known id is rejected (the first wins), never silently merged.
printf 'customer_id,region\nc1,north\nc2,south\nc1,north\nc1,east\nc1 ,west\nc3,west\n' >"$T_TMP/dupm.csv"
check_exit "master duplicate ids rejected" 3 $KEHU check --kind customers --format json "$T_TMP/dupm.csv"
check_eq "master duplicate counts" "$(counts)" "6 3 2 1"
reconciles "master duplicates"
check_grep "master duplicate reason and lines" '"reason":"duplicate_customer_id","count":[0-9]+,"first_lines":"5 6"' "$T_TMP/out"
check_grep "master duplicate in the rejects file" '^5,duplicate_customer_id,"c1,east"$' "$T_TMP/dupm.csv.rejects.csv"

# The commands that read these files.
printf 'customer_id,order_date,amount\nc1,2025-01-02,10\nc2,2025-02-01,20\nc3,2025-03-01,30\nc1,2025-03-01,5\n' >"$T_TMP/tx.csv"
check_exit "summary --customers: duplicates fail the reject rate" 3 \
    $KEHU summary "$T_TMP/tx.csv" --customers "$T_TMP/dupm.csv" --format csv --rejects "$T_TMP/tx.rej"
check_grep "summary --customers: names the master" "dupm.csv: 2 of 6 rows rejected .*duplicate_customer_id 2 \(lines 5, 6\)" "$T_TMP/err"
check_exit "summary --customers: first row wins" 0 \
    $KEHU summary "$T_TMP/tx.csv" --customers "$T_TMP/dupm.csv" --format csv --rejects "$T_TMP/tx.rej" --max-reject-rate 0.5
check_grep "summary --customers: c1 in the north" '^c1,.*,north,,$' "$T_TMP/out"
check_grep "summary --customers: reconciliation line" "dupm.csv: read 6 rows: 3 accepted, 2 rejected, 1 duplicates" "$T_TMP/err"

printf 'Kundennr,Region\nc1,nord\nc2,sued\n' >"$T_TMP/kunden.csv"
check_exit "scoped --map for the master" 0 $KEHU summary "$T_TMP/tx.csv" --customers "$T_TMP/kunden.csv" \
    --map customers.customer_id=Kundennr --format csv --rejects "$T_TMP/tx.rej"
check_grep "scoped --map: region from the master" '^c1,.*,nord,,$' "$T_TMP/out"
printf 'Kunde,Datum,Betrag\nc1,2025-01-02,10\n' >"$T_TMP/tx_de.csv"
check_exit "both inputs mapped" 0 $KEHU summary "$T_TMP/tx_de.csv" --customers "$T_TMP/kunden.csv" \
    --map customer_id=Kunde --map order_date=Datum --map amount=Betrag \
    --map customers.customer_id=Kundennr --format csv --rejects "$T_TMP/tx.rej"
check_exit "unscoped --map is for the transactions" 2 $KEHU summary "$T_TMP/tx.csv" --customers "$T_TMP/kunden.csv" \
    --map customer_id=Kundennr --format csv --rejects "$T_TMP/tx.rej"
check_grep "unscoped --map: names the transaction file" "tx.csv: --map customer_id=Kundennr: no such header" "$T_TMP/err"
check_exit "scoped --map with a field the kind lacks" 2 $KEHU summary "$T_TMP/tx.csv" --customers "$T_TMP/kunden.csv" \
    --map customers.amount=Kundennr --format csv
check_grep "scoped --map: field named" "customers input has no field amount" "$T_TMP/err"
printf 'kunde,region\nc1,north\n' >"$T_TMP/nocolm.csv"
check_exit "master missing column" 2 $KEHU summary "$T_TMP/tx.csv" --customers "$T_TMP/nocolm.csv" --format csv --rejects "$T_TMP/tx.rej"
check_grep "master missing column: scoped hint" "nocolm.csv: missing required column customer_id \(customers input\); name it with --map customers.customer_id=HEADER; headers found \(2\): kunde, region" "$T_TMP/err"
: >"$T_TMP/emptym.csv"
check_exit "master empty" 2 $KEHU summary "$T_TMP/tx.csv" --customers "$T_TMP/emptym.csv" --format csv --rejects "$T_TMP/tx.rej"
check_grep "master empty says so" "emptym.csv is empty" "$T_TMP/err"

# Service costs (profit): the input options apply, rejects go next to the file.
printf 'customer_id;date;cost\nc1;2025-01-05;3.50\nc2;2025-01-05;x\n' >"$T_TMP/costs.csv"
check_exit "profit --service-costs: reject rate" 3 $KEHU profit "$T_TMP/tx.csv" --service-costs "$T_TMP/costs.csv" --format csv --rejects "$T_TMP/tx.rej"
check_grep "profit --service-costs: names the file" "costs.csv: 1 of 2 rows rejected" "$T_TMP/err"
check "profit --service-costs: rejects next to it" test -s "$T_TMP/costs.csv.rejects.csv"
check_exit "profit --service-costs: --max-reject-rate" 0 $KEHU profit "$T_TMP/tx.csv" --service-costs "$T_TMP/costs.csv" --format csv --rejects "$T_TMP/tx.rej" --max-reject-rate 0.5 --margin 0.3
check_grep "profit --service-costs: charged" '^c1,.*,3\.50,' "$T_TMP/out"
printf 'Kunde,Datum,Kosten\nc1,2025-01-05,2.25\n' >"$T_TMP/kosten.csv"
check_exit "profit --service-costs: scoped maps" 0 $KEHU profit "$T_TMP/tx.csv" --service-costs "$T_TMP/kosten.csv" --format csv --margin 0.3 \
    --map service-costs.customer_id=Kunde --map service_costs.date=Datum --map service_costs.cost=Kosten
check_grep "profit --service-costs: mapped cost charged" '^c1,.*,2\.25,' "$T_TMP/out"
printf 'PK\003\004' >"$T_TMP/costs.xlsx"
check_exit "profit --service-costs: xlsx" 2 $KEHU profit "$T_TMP/tx.csv" --service-costs "$T_TMP/costs.xlsx" --format csv
check_grep "profit --service-costs: xlsx named" "costs.xlsx is not a CSV text file" "$T_TMP/err"

# Feedback (satisfaction) and events (followup).
printf 'customer_id,date,score\nc1,2025-01-05,4\nc2,2025-01-05,x\n' >"$T_TMP/fb.csv"
check_exit "satisfaction --feedback: reject rate" 3 $KEHU satisfaction "$T_TMP/tx.csv" --feedback "$T_TMP/fb.csv" --format csv --rejects "$T_TMP/tx.rej"
check_grep "satisfaction --feedback: names the file" "fb.csv: 1 of 2 rows rejected .*bad_score 1 \(line 3\)" "$T_TMP/err"
check_grep "satisfaction --feedback: rejects next to it" '^3,bad_score,"c2,2025-01-05,x"$' "$T_TMP/fb.csv.rejects.csv"
printf 'Kunde,Datum,Note\nc1,2025-01-05,4\n' >"$T_TMP/fb_de.csv"
check_exit "satisfaction --feedback: scoped maps" 0 $KEHU satisfaction "$T_TMP/tx.csv" --feedback "$T_TMP/fb_de.csv" --format csv \
    --map feedback.customer_id=Kunde --map feedback.date=Datum --map feedback.score=Note --rejects "$T_TMP/tx.rej"
: >"$T_TMP/fb_empty.csv"
check_exit "satisfaction --feedback: empty" 2 $KEHU satisfaction "$T_TMP/tx.csv" --feedback "$T_TMP/fb_empty.csv" --format csv --rejects "$T_TMP/tx.rej"
check_grep "satisfaction --feedback: empty named" "fb_empty.csv is empty" "$T_TMP/err"

printf 'customer_id,time,event\nc1,2025-01-05,contact\nc2,2025-01-05,\n' >"$T_TMP/ev.csv"
check_exit "followup --events: reject rate" 3 $KEHU followup "$T_TMP/tx.csv" --events "$T_TMP/ev.csv" --format csv --rejects "$T_TMP/tx.rej"
check_grep "followup --events: names the file" "ev.csv: 1 of 2 rows rejected .*missing_event 1 \(line 3\)" "$T_TMP/err"
check_exit "followup --events: --max-reject-rate" 0 $KEHU followup "$T_TMP/tx.csv" --events "$T_TMP/ev.csv" --format csv --rejects "$T_TMP/tx.rej" --max-reject-rate 0.5
check_grep "followup --events: reconciliation" "ev.csv: read 2 rows: 1 accepted, 1 rejected, 0 duplicates" "$T_TMP/err"
printf 'Kunde,Zeit,Aktion\nc1,2025-01-05,contact\n' >"$T_TMP/ev_de.csv"
check_exit "followup --events: scoped maps" 0 $KEHU followup "$T_TMP/tx.csv" --events "$T_TMP/ev_de.csv" --format csv \
    --map events.customer_id=Kunde --map events.time=Zeit --map events.event=Aktion --rejects "$T_TMP/tx.rej"

# The summary of `kehu fit --summary`: read whole or not at all; each
# failure names the file and the line, and says what to do.
sfail() { # NAME CONTENT PATTERN
    printf "$2" >"$T_TMP/s.csv"
    check_exit "summary: $1" 2 $KEHU fit "$T_TMP/s.csv" --summary --model bgnbd --format csv
    check_grep "summary: $1 message" "s.csv: $3" "$T_TMP/err"
}
rowfix="; fix or remove that row"
sfail "empty" '' "the file is empty: no header and no rows; give a summary CSV with a header row"
sfail "blank lines" '\n\n' "the file is empty"
sfail "header only" 'x,t_x,T\n' "the file has a header but no data rows; give a summary CSV"
sfail "missing column" 'x,t_x\n1,2\n' "no T column; headers found: x, t_x; name the columns frequency/x"
sfail "extra field" 'x,t_x,T\n1,2,3\n1,2,3,4\n' "line 3: 4 fields, but the header has 3$rowfix"
sfail "missing field" 'x,t_x,T,id\n1,2,3,a\n1,2,3\n' "line 3: 3 fields, but the header has 4$rowfix"
sfail "unterminated quote" 'x,t_x,T\n1,2,3\n"1,2,3\n' "line 3: broken quoting or length \(unterminated_quote\)$rowfix"
sfail "bad number" 'x,t_x,T\n1,2,3\n1,two,3\n' "line 3: recency \(t_x\) is not a number: \"two\"$rowfix"
sfail "NaN" 'x,t_x,T\nnan,2,3\n' "line 2: frequency \(x\) is not a number"
sfail "negative frequency" 'x,t_x,T\n1,2,3\n-1,2,3\n' "line 3: frequency \(x\) is negative \(-1\)$rowfix"
sfail "negative T" 'x,t_x,T\n0,0,-3\n' "line 2: T is negative"
sfail "t_x > T" 'x,t_x,T\n1,2,3\n1,5,4\n' "line 3: recency \(t_x\) 5 is greater than T 4"
sfail "x = 0, t_x > 0" 'x,t_x,T\n0,2,3\n' "line 2: x is 0 but t_x is 2 .*kehu fit FILE --unit week"
sfail "zero weight" 'x,t_x,T,weights\n1,2,3,0\n' "line 2: weights is 0; weights must be positive"
sfail "non-UTF-8 row" 'x,t_x,T,id\n1,2,3,\377\n' "line 2: not UTF-8 text"
sfail "non-UTF-8 header" 'x,t_x,T,\374\n1,2,3,a\n' "line 1: the header line is broken \(not UTF-8\)"
sfail "binary" '\000\001\002\003' "not a CSV text file: it looks like binary data \(NUL bytes\)"
sfail "xlsx" 'PK\003\004\024\000' "not a CSV text file: it looks like a zip archive, e.g. an Excel .xlsx workbook"
check_exit "summary: no such file" 2 $KEHU fit "$T_TMP/nope.csv" --summary --model bgnbd
check_grep "summary: no such file message" "nope.csv: cannot open it: .*; check the path" "$T_TMP/err"
check_exit "summary: bad --delimiter" 2 $KEHU fit "$T_TMP/s.csv" --summary --model bgnbd --delimiter x
check_grep "summary: bad --delimiter message" "\-\-delimiter x: use" "$T_TMP/err"

# Summaries that are read: the output of `kehu summary`, and the same with
# a BOM and CRLF, and other delimiters (detected or given), which fit the
# same.
$KEHU gen --customers 300 --seed 7 --quiet -o "$T_TMP/gen.csv"
check_exit "summary: kehu summary output" 0 $KEHU summary "$T_TMP/gen.csv" --format csv --quiet -o "$T_TMP/s0.csv"
check_exit "summary: kehu summary output fits" 0 $KEHU fit "$T_TMP/s0.csv" --summary --model bgnbd --format json
cp "$T_TMP/out" "$T_TMP/want.json"
check_grep "summary: fit has parameters" '"r"' "$T_TMP/want.json"
check_exit "summary: gg reads repeat_monetary_avg" 0 $KEHU fit "$T_TMP/s0.csv" --summary --model gg --format csv
check_grep "summary: gg parameters" '^p,' "$T_TMP/out"
{ printf '\357\273\277'; sed 's/$/\r/' "$T_TMP/s0.csv"; } >"$T_TMP/s1.csv"
check_exit "summary: BOM and CRLF" 0 $KEHU fit "$T_TMP/s1.csv" --summary --model bgnbd --format json
check_eq "summary: BOM and CRLF fit the same" "$(cat "$T_TMP/out")" "$(cat "$T_TMP/want.json")"
tr , ';' <"$T_TMP/s0.csv" >"$T_TMP/s2.csv"
check_exit "summary: semicolons detected" 0 $KEHU fit "$T_TMP/s2.csv" --summary --model bgnbd --format json
check_eq "summary: semicolons fit the same" "$(cat "$T_TMP/out")" "$(cat "$T_TMP/want.json")"
tr , '\t' <"$T_TMP/s0.csv" >"$T_TMP/s3.csv"
check_exit "summary: --delimiter tab" 0 $KEHU fit "$T_TMP/s3.csv" --summary --model bgnbd --format json --delimiter tab
check_eq "summary: tabs fit the same" "$(cat "$T_TMP/out")" "$(cat "$T_TMP/want.json")"
tr , '|' <"$T_TMP/s0.csv" >"$T_TMP/s4.csv"
check_exit "summary: pipes detected" 0 $KEHU fit "$T_TMP/s4.csv" --summary --model bgnbd --format json
check_eq "summary: pipes fit the same" "$(cat "$T_TMP/out")" "$(cat "$T_TMP/want.json")"
check_exit "summary: semicolons with --delimiter , fail" 2 $KEHU fit "$T_TMP/s2.csv" --summary --model bgnbd --delimiter ,
check_grep "summary: wrong delimiter names the missing column" "no frequency \(x\) column" "$T_TMP/err"

# gen writes CSV only.
check_exit "gen --format json refused" 2 $KEHU gen --customers 5 --format json
check_grep "gen --format json says why" "gen writes an order log as CSV only" "$T_TMP/err"
check_exit "gen --format csv" 0 $KEHU gen --customers 5 --format csv --quiet
check_grep "gen --format csv header" '^order_id,customer_id,order_date,amount' "$T_TMP/out"
t_done
