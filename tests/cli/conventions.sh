# CLI conventions (docs/inputs.md) for every command `kehu --help`
# lists: --help exits 0 with a usage line, an unknown option is a usage
# error (exit 2) that names it, and -o writes the output to a file.
. tests/lib.sh

check_exit "kehu --help" 0 $KEHU --help
cmds=$(sed -n '/^commands:/,/^$/p' "$T_TMP/out" | awk 'NF > 1 { print $1 }' | grep -v '^commands:')
check "commands are listed" test -n "$cmds"
for c in $cmds; do
    check_exit "$c --help" 0 $KEHU "$c" --help
    check_grep "$c --help usage" "^usage: kehu $c" "$T_TMP/out"
    check_exit "$c unknown option" 2 $KEHU "$c" --no-such-option
    check_grep "$c names the unknown option" "no-such-option" "$T_TMP/err"
done
check_exit "unknown command" 2 $KEHU frobnicate
check_grep "unknown command hint" "kehu --help" "$T_TMP/err"
check_exit "no command" 2 $KEHU

# Formats, -o and --lang on one command.
cat >"$T_TMP/o.csv" <<'CSV'
customer_id,order_date,amount
a,2024-01-10,10
CSV
check_exit "-o writes a file" 0 $KEHU summary "$T_TMP/o.csv" --format json -o "$T_TMP/s.json" --quiet
check_grep "-o content" '^\[$' "$T_TMP/s.json"
check_eq "-o leaves stdout empty" "$(wc -c <"$T_TMP/out")" 0
check_exit "bad format" 2 $KEHU summary "$T_TMP/o.csv" --format xml
check_exit "table in zh" 0 $KEHU summary "$T_TMP/o.csv" --format table --lang zh --quiet
check_grep "zh labels" "客户编号" "$T_TMP/out"
check_exit "bad lang" 2 $KEHU summary "$T_TMP/o.csv" --lang fr
check_exit "unwritable -o is a usage error" 2 $KEHU summary "$T_TMP/o.csv" -o /nonexistent/dir/x.csv --quiet
t_done
