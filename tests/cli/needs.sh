# The needs-based type of kehu classify (docs/classification.md): price-sensitive
# from the discount column, emotional/functional from --category-map, else
# unknown; and the errors of a broken map.
. tests/lib.sh
Q="--quiet --rejects /dev/null --format csv --as-of 2025-06-01"

# By hand (spend in the window; discounted = rows with a non-zero discount):
# A 200, 100 discounted = exactly 0.5 -> price_sensitive (books tagged too)
# B 400, 100 discounted (the "0" discount is none) = 0.25 -> toys: emotional
# C 80, none -> tools: functional (功能 in the map)
# D 50, none -> food is not in the map: unknown
# E 100, 90 discounted -> price_sensitive before the tools tag
# F 40, no category -> unknown
# G 100 discounted then a -100 return: no spend, so no share -> toys: emotional
cat >"$T_TMP/orders.csv" <<'EOF'
customer_id,order_date,amount,discount,category
A,2025-01-05,100,10,books
A,2025-02-05,100,,books
B,2025-01-05,300,0,toys
B,2025-03-05,100,5,toys
C,2025-01-07,80,,tools
D,2025-01-08,50,,food
E,2025-01-09,90,9,tools
E,2025-01-10,10,,tools
F,2025-01-11,40,,
G,2025-01-12,100,10,toys
G,2025-01-13,-100,,toys
EOF
printf 'category,need\ntoys,emotional\ntools,功能\nbooks,functional\n' >"$T_TMP/map.csv"
needs() { # FILE: "id=needs ..." of a classify csv
    tail -n +2 "$1" | awk -F, '{ printf "%s%s=%s", (NR > 1 ? " " : ""), $1, $11 }'
}

check_exit "classify with a map" 0 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/map.csv" $Q
check_grep "needs column after stage" "^customer_id,.*,stage,needs$" "$T_TMP/out"
check_eq "needs by hand" "$(needs "$T_TMP/out")" \
    "A=price_sensitive B=emotional C=functional D=unknown E=price_sensitive F=unknown G=emotional"

# Without a map: only the discount rule.
check_exit "classify without a map" 0 $KEHU classify "$T_TMP/orders.csv" $Q
check_eq "no map: price-sensitive or unknown" "$(needs "$T_TMP/out")" \
    "A=price_sensitive B=unknown C=unknown D=unknown E=price_sensitive F=unknown G=unknown"

# Without a discount column the discount rule is not applied: E is not
# "not price-sensitive", it falls through to its category's tag.
cut -d, -f1,2,3,5 "$T_TMP/orders.csv" >"$T_TMP/nodisc.csv"
check_exit "no discount column" 0 $KEHU classify "$T_TMP/nodisc.csv" --category-map "$T_TMP/map.csv" $Q
check_eq "no discount column: map only" "$(needs "$T_TMP/out")" \
    "A=functional B=emotional C=functional D=unknown E=functional F=unknown G=emotional"
check_exit "no inputs at all" 0 $KEHU classify "$T_TMP/nodisc.csv" $Q
check_eq "no inputs: all unknown" "$(needs "$T_TMP/out" | tr ' ' '\n' | cut -d= -f2 | sort -u)" "unknown"

# The share in force comes from the standards: 0.25 makes B price-sensitive.
printf '[needs]\nprice_sensitive_share = 0.25\n' >"$T_TMP/k.toml"
check_exit "standards share" 0 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/map.csv" --standards "$T_TMP/k.toml" $Q
check_eq "share 0.25" "$(needs "$T_TMP/out")" \
    "A=price_sensitive B=price_sensitive C=functional D=unknown E=price_sensitive F=unknown G=emotional"

# Chinese labels in a table; machine names in json.
check_exit "zh table" 0 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/map.csv" --quiet --as-of 2025-06-01 --format table --lang zh
check_grep "zh header" "生命周期  需求类型" "$T_TMP/out"
check_grep "zh price-sensitive" "^A .*价格敏感型$" "$T_TMP/out"
check_grep "zh emotional" "^B .*情感型$" "$T_TMP/out"
check_grep "zh functional" "^C .*功能型$" "$T_TMP/out"
check_grep "zh unknown" "^D .*未知$" "$T_TMP/out"
check_exit "json" 0 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/map.csv" --quiet --as-of 2025-06-01 --format json
check_grep "json needs" '"customer_id":"C","r_score":[0-9],.*"stage":"[a-z_]+","needs":"functional"\}' "$T_TMP/out"

# --explain states the rule, the share in force and the counts.
check_exit "explain" 0 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/map.csv" --explain $Q
check_grep "explain: the rule and share" "Needs-based type \(first match\): price_sensitive = spend carrying a discount >= 50% of spend" "$T_TMP/err"
check_grep "explain: counts" "price_sensitive/emotional/functional/unknown = 2/2/1/2" "$T_TMP/err"
check_exit "explain without inputs" 0 $KEHU classify "$T_TMP/nodisc.csv" --explain $Q
check_grep "explain: no discount column said" "no discount column: price sensitivity not decided; no category map" "$T_TMP/err"

# Map variants: Chinese headers and values, BOM, CRLF, quotes, blank lines,
# the same tag twice.
printf '\357\273\277品类,需求类型\r\n"toys",情感型\r\n\r\ntools,"功能"\r\ntools,functional\r\n' >"$T_TMP/zh.csv"
check_exit "Chinese map" 0 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/zh.csv" $Q
check_eq "Chinese map: books untagged" "$(needs "$T_TMP/out")" \
    "A=price_sensitive B=emotional C=functional D=unknown E=price_sensitive F=unknown G=emotional"

# Broken maps: exit 2, the file and the line named.
: >"$T_TMP/empty.csv"
check_exit "empty map" 2 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/empty.csv" $Q
check_grep "empty map said" "empty.csv: empty; the map needs a header with the columns category and need" "$T_TMP/err"
printf 'category,need\n' >"$T_TMP/header.csv"
check_exit "header-only map" 2 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/header.csv" $Q
check_grep "header-only map said" "header.csv: no categories after the header" "$T_TMP/err"
printf 'category,type\ntoys,emotional\n' >"$T_TMP/nocol.csv"
check_exit "missing need column" 2 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/nocol.csv" $Q
check_grep "missing column named" "nocol.csv: no 'need' column in the header \(line 1\)" "$T_TMP/err"
printf 'need\nemotional\n' >"$T_TMP/nocat.csv"
check_exit "missing category column" 2 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/nocat.csv" $Q
check_grep "missing category named" "no 'category' column" "$T_TMP/err"
printf 'category,need\ntoys,emotional\ntools,practical\n' >"$T_TMP/bad.csv"
check_exit "bad need value" 2 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/bad.csv" $Q
check_grep "bad value: line named" "bad.csv line 3: need 'practical' is not emotional or functional" "$T_TMP/err"
check_eq "bad value: no output" "$(wc -c <"$T_TMP/out")" 0
printf 'category,need\ntoys,emotional\ntoys,functional\n' >"$T_TMP/twice.csv"
check_exit "conflicting tags" 2 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/twice.csv" $Q
check_grep "conflict: both lines named" "twice.csv line 3: category 'toys' tagged again, differently from line 2" "$T_TMP/err"
printf 'category,need\ntoys\n' >"$T_TMP/short.csv"
check_exit "short row" 2 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/short.csv" $Q
check_grep "short row: line named" "short.csv line 2: 1 field" "$T_TMP/err"
printf 'category,need\n"toys,emotional\n' >"$T_TMP/quote.csv"
check_exit "unterminated quote" 2 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/quote.csv" $Q
check_grep "quote: line named" "quote.csv line 2: unterminated quote" "$T_TMP/err"
printf 'category,need\n,emotional\n' >"$T_TMP/nocatval.csv"
check_exit "empty category" 2 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/nocatval.csv" $Q
check_grep "empty category: line named" "nocatval.csv line 2: empty category" "$T_TMP/err"
check_exit "missing map file" 2 $KEHU classify "$T_TMP/orders.csv" --category-map "$T_TMP/none.csv" $Q
check_grep "missing map file named" "--category-map .*none.csv: cannot open" "$T_TMP/err"

# composition and profit group by needs with the same map: composition's
# groups are classify's counts (emotional B+G 400, price_sensitive A+E 300,
# unknown D+F 90, functional C 80).
check_exit "composition --by needs" 0 $KEHU composition "$T_TMP/orders.csv" --by needs --category-map "$T_TMP/map.csv" $Q
check_eq "composition groups" "$(tail -n +2 "$T_TMP/out" | cut -d, -f1-3 | tr '\n' ' ')" \
    "emotional,2,0.2857 price_sensitive,2,0.2857 unknown,2,0.2857 functional,1,0.1429 total,7,1.0000 "
check_exit "composition --by needs without a map" 0 $KEHU composition "$T_TMP/orders.csv" --by needs $Q
check_eq "no map: two groups" "$(tail -n +2 "$T_TMP/out" | cut -d, -f1,2 | tr '\n' ' ')" \
    "unknown,5 price_sensitive,2 total,7 "
check_exit "composition with a bad map" 2 $KEHU composition "$T_TMP/orders.csv" --by needs --category-map "$T_TMP/bad.csv" $Q
check_grep "composition: bad map named" "bad.csv line 3" "$T_TMP/err"
check_exit "profit --by needs" 0 $KEHU profit "$T_TMP/orders.csv" --by needs --category-map "$T_TMP/map.csv" --margin 0.3 $Q
check_grep "profit: emotional group" "^emotional,2,400.00," "$T_TMP/out"

t_done
