# kehu classify --stage-model (docs/classification.md): the at_risk and churned
# stages come from P(alive) of the fitted model (the same P(alive) kehu
# clv prints), with the thresholds of the standard.
. tests/lib.sh
D=tests/data

check_exit "classify --stage-model bgnbd" 0 $KEHU classify $D/cdnow_transactions.csv --as-of 1997-10-01 --stage-model bgnbd --format csv
cp "$T_TMP/out" "$T_TMP/cls.csv"
check_grep "fit line on stderr" '^bgnbd: r=0\.2[0-9]+ ' "$T_TMP/err"
check_exit "clv P(alive)" 0 $KEHU clv $D/cdnow_transactions.csv --as-of 1997-10-01 --format csv --quiet
cp "$T_TMP/out" "$T_TMP/clv.csv"
# Join on id: churned iff p < 0.2, at_risk iff 0.2 <= p < 0.5 (no customer
# is new as of 1997-10-01: every first purchase is over 90 days old).
bad=$(awk -F, 'NR == FNR { if (FNR > 1) p[$1] = $2; next }
    FNR > 1 { q = p[$1]; s = $10;
      if ((s == "churned") != (q < 0.2)) n++;
      if ((s == "at_risk") != (q >= 0.2 && q < 0.5)) n++ }
    END { print n + 0 }' "$T_TMP/clv.csv" "$T_TMP/cls.csv")
check_eq "stages follow P(alive)" "$bad" 0
check_grep "some churned by the model" ',churned,[a-z_]+$' "$T_TMP/cls.csv"

# With a model fitted, the top 20% by CLV are potential too (docs/classification.md): the
# tier only moves from ordinary to potential, and --explain names the cut.
check_exit "classify without a model" 0 $KEHU classify $D/cdnow_transactions.csv --as-of 1997-10-01 --format csv --quiet
bad=$(awk -F, 'NR == FNR { if (FNR > 1) t[$1] = $9; next }
    FNR > 1 && t[$1] != $9 && !(t[$1] == "ordinary" && $9 == "potential") { n++ }
    END { print n + 0 }' "$T_TMP/out" "$T_TMP/cls.csv")
check_eq "CLV only promotes ordinary to potential" "$bad" 0
check "some promoted" test "$(grep -c ',potential,' "$T_TMP/cls.csv")" -gt "$(grep -c ',potential,' "$T_TMP/out")"
check_exit "explain names the CLV cut" 0 $KEHU classify $D/cdnow_transactions.csv --as-of 1997-10-01 --stage-model bgnbd --explain --format csv --quiet
check_grep "CLV cut" 'top 20% predicted CLV \(CLV >= [0-9.]+\)' "$T_TMP/err"

# Thresholds from the standards file.
printf '[stage]\nmodel_churned_below = 0.05\nmodel_at_risk_below = 0.9\n' >"$T_TMP/k.toml"
check_exit "standards thresholds" 0 $KEHU classify $D/cdnow_transactions.csv --as-of 1997-10-01 --stage-model bgnbd --standards "$T_TMP/k.toml" --format csv --quiet
bad=$(awk -F, 'NR == FNR { if (FNR > 1) p[$1] = $2; next }
    FNR > 1 { q = p[$1]; s = $10;
      if ((s == "churned") != (q < 0.05)) n++;
      if ((s == "at_risk") != (q >= 0.05 && q < 0.9)) n++ }
    END { print n + 0 }' "$T_TMP/clv.csv" "$T_TMP/out")
check_eq "stages follow the file's thresholds" "$bad" 0

check_exit "pnbd stage model" 0 $KEHU classify $D/cdnow_transactions.csv --as-of 1997-10-01 --stage-model pnbd --format csv
check_grep "pnbd fit line" '^pnbd: r=' "$T_TMP/err"
check_exit "unknown stage model" 2 $KEHU classify $D/cdnow_transactions.csv --stage-model gg
check_grep "names the choices" 'bgnbd, pnbd, mbgnbd' "$T_TMP/err"
cat >"$T_TMP/one.csv" <<'CSV'
customer_id,order_date,amount
a,2024-01-10,10
b,2024-02-10,20
CSV
check_exit "unfittable data" 2 $KEHU classify "$T_TMP/one.csv" --stage-model bgnbd --quiet
check_grep "says why" 'cannot identify' "$T_TMP/err"
t_done
