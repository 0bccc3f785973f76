# kehu followup (docs/counts.md): --days, --event, the note on ignored
# contacts, agreement with classify, and errors. The hand-worked list is
# the golden case followup_hand (same data here).
. tests/lib.sh
G=tests/golden/followup_hand
cat >"$T_TMP/noevent.csv" <<'CSV'
customer_id,time,item
C01,2025-06-01,call
CSV
run() { $KEHU followup $G/orders.csv --customers $G/customers.csv --as-of 2025-07-01 --format csv --rejects /dev/null "$@"; }
check_exit "default 30 days" 0 run --events $G/events.csv
check_grep "note on ignored contacts" 'ignored 1 contact rows of customers not in the transactions and 1 dated on or after' "$T_TMP/err"
check_exit "29 days" 0 run --events $G/events.csv --days 29 --quiet
check_eq "C01 (30 days) now listed last" "$(cut -d, -f1-4 "$T_TMP/out" | tr '\n' ' ')" "customer_id,last_contact,days_since_contact,contacts C06,,,0 C02,2025-05-20,42,1 C01,2025-06-01,30,2 "
check_exit "another contact event" 0 run --events $G/events.csv --event click --quiet
check_eq "never-contacted first, by id" "$(cut -d, -f1-3 "$T_TMP/out" | tr '\n' ' ')" "customer_id,last_contact,days_since_contact C01,, C06,, "
check_exit "as of a later date" 0 run --events $G/events.csv --as-of 2025-07-20 --quiet
check_eq "C06, contacted 10 days before, not listed" "$(grep -c "^C06" "$T_TMP/out")" 0
# The listed customers are all core in classify.
$KEHU classify $G/orders.csv --customers $G/customers.csv --as-of 2025-07-01 --format csv --rejects /dev/null --quiet | awk -F, '$9 == "core" {print $1}' | sort >"$T_TMP/core"
run --events $G/events.csv --days 0 --quiet | tail -n +2 | cut -d, -f1 | sort >"$T_TMP/listed"
check_eq "--days 0 lists every core customer" "$(cat "$T_TMP/listed" | tr '\n' ' ')" "$(cat "$T_TMP/core" | tr '\n' ' ')"
check_exit "json" 0 run --events $G/events.csv --quiet --format json
check_grep "never contacted is null" '"customer_id":"C06","last_contact":null,"days_since_contact":null,"contacts":0' "$T_TMP/out"
check_exit "no --events" 2 run --quiet
check_grep "says --events" '\-\-events' "$T_TMP/err"
check_exit "missing events file" 2 run --events "$T_TMP/none.csv" --quiet
check_exit "no event column" 2 run --events "$T_TMP/noevent.csv" --quiet
check_grep "names the missing column" 'event' "$T_TMP/err"
check_exit "bad --days" 2 run --events $G/events.csv --days -3
check_exit "--days not a number" 2 run --events $G/events.csv --days x
t_done
