# Shared helpers for the shell test scripts under tests/cli/. Each script
# sources this, runs checks, and ends with t_done, which prints
# "NAME: N passed, N failed". $KEHU is the binary under test.
: "${KEHU:=build/asan/kehu}"
t_pass=0
t_fail=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/kehu-test.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT

t_ok() { # NAME: pass
    t_pass=$((t_pass + 1))
}
t_bad() { # NAME DETAIL: fail
    t_fail=$((t_fail + 1))
    echo "FAIL: $1${2:+: $2}" >&2
}
# check NAME COMMAND...: passes when COMMAND exits 0
check() {
    name=$1; shift
    if "$@"; then t_ok "$name"; else t_bad "$name"; fi
}
# check_exit NAME CODE COMMAND...: passes when COMMAND exits with CODE
check_exit() {
    name=$1; want=$2; shift 2
    "$@" >"$T_TMP/out" 2>"$T_TMP/err"
    got=$?
    if [ "$got" = "$want" ]; then t_ok "$name"
    else t_bad "$name" "exit $got, wanted $want; stderr: $(head -c 300 "$T_TMP/err")"; fi
}
# check_eq NAME GOT WANT
check_eq() {
    if [ "$2" = "$3" ]; then t_ok "$1"; else t_bad "$1" "got [$2], wanted [$3]"; fi
}
# check_grep NAME PATTERN FILE
check_grep() {
    if grep -qE -- "$2" "$3"; then t_ok "$1"
    else t_bad "$1" "no /$2/ in $3: $(head -c 300 "$3")"; fi
}
t_done() {
    echo "$(basename "$0" .sh): $t_pass passed, $t_fail failed"
}
