# An input rewritten while kehu reads it (an exporter still writing): a
# clean error naming the file, never a signal, and no result from the rows
# read so far. The file is truncated or appended to while its mapping is
# open (seen in /proc/PID/maps), on the two-thread read (files from 32 MB)
# and the one-thread read.
. tests/lib.sh

K=${KEHU_REL:-$KEHU}
$K gen --customers 220000 --seed 3 -o "$T_TMP/big.csv" 2>/dev/null
check "a file above the two-thread size" test "$(wc -c <"$T_TMP/big.csv")" -gt 33554432

# change_while_read NAME THREADS ACTION: run summary, apply ACTION as soon
# as the input is mapped, then check the exit code and the message.
change_while_read() {
    cp "$T_TMP/big.csv" "$T_TMP/in.csv"
    rm -f "$T_TMP/out.csv"
    KEHU_THREADS=$2 $KEHU summary "$T_TMP/in.csv" -o "$T_TMP/out.csv" \
        >/dev/null 2>"$T_TMP/err" &
    pid=$!
    n=0
    while [ $n -lt 2000 ] && ! grep -q "$T_TMP/in.csv" /proc/$pid/maps 2>/dev/null; do
        n=$((n + 1))
        kill -0 $pid 2>/dev/null || break
    done
    if grep -q "$T_TMP/in.csv" /proc/$pid/maps 2>/dev/null; then
        $3 "$T_TMP/in.csv"
        wait $pid
        rc=$?
        check_eq "$1: exit 2" "$rc" "2"
        check_grep "$1: says the input changed" "changed while it was read" "$T_TMP/err"
        check "$1: no output" test ! -e "$T_TMP/out.csv"
    else
        wait $pid
        echo "note: $1: the read ended before the mapping was seen; not checked"
    fi
}
truncate_it() { truncate -s 100000 "$1"; }
append_it() { echo "9999999,zz,2025-01-01,1.00" >>"$1"; }
change_while_read "truncated, two threads" 2 truncate_it
change_while_read "truncated, one thread" 1 truncate_it
change_while_read "appended, two threads" 2 append_it
t_done
