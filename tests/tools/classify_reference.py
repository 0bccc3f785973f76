# Independent reference implementation of docs/classification.md (kehu classify),
# written from the definitions in docs/classification.md only, to cross-check the C code on real data.
# Usage: classify_reference.py [--as-of D] [--since D] FILE ID_COL DATE_COL
# AMOUNT_COL [QTY_COL] (with QTY_COL, amount = quantity x AMOUNT_COL).
# Prints classify's CSV for the buying customers.
import csv, sys, datetime as dt
from fractions import Fraction
from decimal import Decimal
args = sys.argv[1:]
as_of = since = None
while args and args[0].startswith('--'):
    day = dt.date.fromisoformat(args[1]).toordinal()
    if args[0] == '--as-of': as_of = day
    else: since = day
    args = args[2:]
path, idc, datec, amtc = args[:4]
qty = args[4] if len(args) > 4 else None
cust = {}
for row in csv.DictReader(open(path, newline='')):
    cid = row[idc].strip()
    if not cid: continue
    d = dt.date.fromisoformat(row[datec][:10]).toordinal()
    if qty:
        a = Decimal(row[qty]) * Decimal(row[amtc])
    else:
        a = Decimal(row[amtc])
    days = cust.setdefault(cid, {})
    p, s = days.get(d, (0, Decimal(0)))
    days[d] = (p + (1 if a >= 0 else 0), s + a)
A = as_of if as_of is not None else max(d for days in cust.values() for d in days) + 1
for days in cust.values():
    for d in [d for d in days if d >= A or (since is not None and d < since)]:
        del days[d]
def q7(xs, k, dd):
    n = len(xs); num = (n - 1) * k; lo = num // dd; frac = (num % dd) / dd
    if lo + 1 >= n or frac == 0: return xs[lo]
    return xs[lo] + frac * (xs[lo + 1] - xs[lo])
def cuts(vals):
    s = sorted(vals); return [q7(s, k, 5) for k in (1, 2, 3, 4)]
def score(v, c): return 1 + sum(1 for x in c if x < v)
rows = {}
for cid, days in cust.items():
    pdays = sorted(d for d, (p, s) in days.items() if p > 0)
    if not pdays: continue
    tot = sum(s for (p, s) in days.values())
    rows[cid] = dict(pd=len(pdays), first=pdays[0], last=pdays[-1], dsl=A - pdays[-1],
                     tot=tot, m=float(tot), yr=sum(1 for d in pdays if A - d <= 365))
ids = sorted(rows, key=lambda x: (0, int(x), '') if x.isdigit() else (1, 0, x))
rc = cuts([-float(rows[i]['dsl']) for i in ids]); fc = cuts([float(rows[i]['pd']) for i in ids]); mc = cuts([rows[i]['m'] for i in ids])
n = len(ids)
md = Fraction(sum(rows[i]['dsl'] for i in ids), n); mf = Fraction(sum(rows[i]['pd'] for i in ids), n)
mm = Fraction(sum(Fraction(rows[i]['tot']) for i in ids), n)
grid = [["new_customers","potential_loyalists","loyal_customers","champions","champions"],
        ["promising","potential_loyalists","potential_loyalists","loyal_customers","champions"],
        ["promising","need_attention","potential_loyalists","loyal_customers","loyal_customers"],
        ["about_to_sleep","need_attention","need_attention","at_risk","at_risk"],
        ["lost","hibernating","at_risk","cant_lose_them","cant_lose_them"]]
total = sum(max(rows[i]['tot'], 0) for i in ids)
order = sorted(ids, key=lambda i: (-rows[i]['tot'], ids.index(i)))
before = Decimal(0); abcd = {}
for i in order:
    t = rows[i]['tot']; cls = 'C'
    if total > 0 and t > 0:
        sb = float(before) / float(total)
        cls = 'A' if sb < 0.8 else ('B' if sb < 0.95 else 'C')
        before += t
    abcd[i] = cls
gaps = sorted((rows[i]['last'] - rows[i]['first']) / (rows[i]['pd'] - 1) for i in ids if rows[i]['pd'] >= 2)
med = q7(gaps, 1, 2) if gaps else None
# needs: the inputs here carry no discount or category column, so the
# needs-based type is unknown for every customer (docs/classification.md: never invented).
print("customer_id,r_score,f_score,m_score,rfm8,segment,value_tier,abcd,tier,stage,needs")
for i in ids:
    r = rows[i]
    R = score(-float(r['dsl']), rc); F = score(float(r['pd']), fc); M = score(r['m'], mc)
    rh = r['dsl'] < md; fh = r['pd'] > mf; mh = Fraction(r['tot']) > mm
    k = ['value','development','retention','winback'][(0 if fh else 1) if rh else (2 if fh else 3)]
    rfm8 = ('important_' if mh else 'general_') + k
    seg = grid[5 - R][(F + M + 1) // 2 - 1]
    ssum = R + F + M; vt = 'high' if ssum >= 12 else ('mid' if ssum >= 8 else 'low')
    core = abcd[i] == 'A' and r['pd'] >= 2 and r['dsl'] <= 180
    tier = 'core' if core else ('potential' if R >= 4 and (F >= 3 or M >= 3) else 'ordinary')
    gap = (r['last'] - r['first']) / (r['pd'] - 1) if r['pd'] >= 2 else med
    if r['dsl'] > 365: st = 'churned'
    elif A - r['first'] <= 90: st = 'new'
    elif gap is not None and r['dsl'] > 2 * gap: st = 'at_risk'
    elif r['yr'] >= 3: st = 'loyal'
    else: st = 'active'
    print(f"{i},{R},{F},{M},{rfm8},{seg},{vt},{abcd[i]},{tier},{st},unknown")
