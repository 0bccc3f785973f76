# Rows of `kehu summary` made and formatted on a helper thread (CSV, every
# other block; src/cli/cmd_summary.c) come out as made on one: KEHU_THREADS=2
# forces that thread, =1 turns it off. 30000 customers are eight blocks of
# rows, the last one partial and the helper's, with the returns-only
# customer in it.
. tests/lib.sh

$KEHU gen --customers 30000 --seed 5 -o "$T_TMP/g.csv" 2>/dev/null
check_eq "generated" "$?" 0
# A returns-only customer: not listed, counted in the message.
echo "r1,zz-returns,2024-03-01,-5.00,1.00,huanan,xiamen,store" >>"$T_TMP/g.csv"
for fmt in csv json table; do
    for all in "" --all; do
        KEHU_THREADS=1 $KEHU summary "$T_TMP/g.csv" --format $fmt $all \
            -o "$T_TMP/s1" 2>"$T_TMP/e1"
        check_eq "$fmt$all: one thread" "$?" 0
        KEHU_THREADS=2 $KEHU summary "$T_TMP/g.csv" --format $fmt $all \
            -o "$T_TMP/s2" 2>"$T_TMP/e2"
        check_eq "$fmt$all: two threads" "$?" 0
        check "$fmt$all: same rows" cmp -s "$T_TMP/s1" "$T_TMP/s2"
        check "$fmt$all: same messages" cmp -s "$T_TMP/e1" "$T_TMP/e2"
    done
done
KEHU_THREADS=2 $KEHU summary "$T_TMP/g.csv" --format csv -o "$T_TMP/s2" 2>"$T_TMP/e1"
check_eq "rows" "$(wc -l <"$T_TMP/s2")" 30001
check_grep "unlisted counted" "1 customers have no purchase" "$T_TMP/e1"
t_done
