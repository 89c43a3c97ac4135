#!/usr/bin/env python3
"""Reference values for the cash-flow corpus (tests/Gpunomics.Engine.Tests/Data/cashflows-corpus.json).

    python3 scripts/reference/cashflows_reference.py            # rewrites the corpus file
    python3 scripts/reference/cashflows_reference.py --check    # recomputes and compares with the file

Provenance. Every flow set is built below from fixed formulas and a seeded random generator (seed 20261201),
so the file is reproducible. Amounts are stored as JSON numbers; the references are computed from exactly those
doubles with mpmath 1.3.0 at 50 significant digits, independently of Gpunomics:

* NPV as a function of u = ln(1 + r): f(u) = sum_i c_i exp(-u t_i), with t_i = i (periods) for periodic flows and
  t_i = days from the earliest date / 365 (years, actual/365, the spreadsheets' XIRR/XNPV convention) for dated
  flows. Dated flows are evaluated with their fractional exponents directly, not on a daily timeline.
* ALL real roots in the searched range are found: u from max(-30, -700/T) to 5 per period (T the last period;
  for dated flows per day, T the last day, i.e. 365 times that in u per year) - the same range Gpunomics
  searches - scanned on a grid of 50 points per decade of |u| from 1e-8 (Gpunomics' own grid has 12 from 1e-5), plus 0 and both ends. Each sign change
  of f brackets a root, refined by bisection to 1e-45 in u. Each sign change of f' (an extremum of NPV) between
  grid points is located by bisection on f'; if f there has the other sign the interval holds two roots (both
  refined); if |f| there is below 1e-40 of sum |c_i| exp(-u t_i) it is a root where NPV touches zero (a double
  root, "touching").
* Completeness check (Descartes' rule of signs, which holds for sums of exponentials with real exponents): the
  number of roots in r > -100% counted with multiplicity is at most the number V of sign changes of the flows
  in time order and has V's parity. "descartesComplete" is true where the roots found (with a root above the
  range counted once) equal V: the list is then provably every root.
* "aboveRange": f at the top of the range has the sign opposite to the first non-zero flow (NPV's sign as r
  grows without bound), so a root lies above it.
* Each root's "slope" is the sign of dNPV/du there: "falling" (a return), "rising" (a borrowing rate) or
  "touching".
* NPV (periodic: flow 0 undiscounted, per-period rate (1 + rate)^(1/periodsPerYear) - 1) or XNPV at "rate";
  MIRR (periodic: outflows discounted at the finance rate, inflows compounded at the reinvestment rate, both
  converted per period; (FV/-PV)^(1/n) - 1 per period); payback (exact rational cumulative sums).
Reference numbers are written with 17 significant digits (round-trip for a double).
"""
import json
import random
import sys
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import mpmath
from mpmath import mp, mpf

mp.dps = 50
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "Gpunomics.Engine.Tests" / "Data" / "cashflows-corpus.json"
MAX_LOG_RATE = 5
PER_DECADE = 50


def periodic(name, flows, ppy=12, rate=0.1, finance=None, reinvest=None, tags=()):
    return {"name": name, "kind": "periodic", "periodsPerYear": ppy, "flows": [float(f) for f in flows],
            "rate": rate, "financeRate": finance if finance is not None else rate,
            "reinvestRate": reinvest if reinvest is not None else rate, "tags": list(tags)}


def dated(name, rows, rate=0.1, tags=()):
    return {"name": name, "kind": "dated", "dated": [{"date": d.isoformat(), "amount": float(a)} for d, a in rows],
            "rate": rate, "tags": list(tags)}


def corpus():
    rnd = random.Random(20261201)
    sets = []
    # Conventional: one outflow, then inflows.
    sets.append(periodic("monthly rental 61 flows", [-60000] + [1500] * 60, tags=["conventional"]))
    sets.append(periodic("annual 5 years", [-1000, 300, 300, 300, 300, 300], ppy=1, tags=["conventional"]))
    sets.append(periodic("quarterly 10 years", [-5000] + [180] * 40, ppy=4, tags=["conventional"]))
    sets.append(periodic("irr zero", [-1200] + [100] * 12, tags=["conventional"]))
    sets.append(periodic("irr tiny positive", [-1200] + [100.0001] * 12, tags=["conventional"]))
    sets.append(periodic("high return 15% a month", [-100] + [16] * 36, tags=["conventional"]))
    for k in range(12):
        n = rnd.randint(2, 121)
        capex = -round(rnd.uniform(1e3, 1e6), 2)
        rents = [round(rnd.uniform(0.2, 3.0) * -capex / n, 2) for _ in range(n)]
        sets.append(periodic(f"random conventional {k + 1} ({n} periods)", [capex] + rents, ppy=rnd.choice([1, 4, 12, 52]),
                             rate=round(rnd.uniform(0.0, 0.3), 4), tags=["conventional", "random"]))
    # Several roots.
    sets.append(periodic("two roots 10% and 20%", [-100, 230, -132], ppy=1, tags=["several-roots"]))
    sets.append(periodic("two close roots 14.5% and 15.5%", [-100, 230, -132.2475], ppy=1, tags=["several-roots"]))
    sets.append(periodic("double root 10% (touching)", [-100, 220, -121], ppy=1, tags=["several-roots", "touching"]))
    sets.append(periodic("no root, just below a double root", [-100, 220, -121.0001], ppy=1, tags=["no-root"]))
    sets.append(periodic("three roots 5%, 10%, 20%", [-1000, 3350, -3735, 1386], ppy=1, tags=["several-roots"]))
    sets.append(periodic("decommissioning cost in the last month", [-60000] + [1400] * 59 + [1400 - 15000], tags=["several-roots"]))
    sets.append(periodic("decommissioning cost too large for any root", [-60000] + [1400] * 59 + [1400 - 45000], tags=["no-root"]))
    sets.append(periodic("balloon loan equity flows", [-20000] + [900] * 59 + [900 - 30000], tags=["several-roots"]))
    sets.append(periodic("mine: invest, earn, reclaim", [-1600, 10000, -10000], ppy=1, tags=["several-roots"]))
    for k in range(4):
        n = rnd.randint(24, 96)
        flows = [-round(rnd.uniform(1e4, 1e5), 2)] + [round(rnd.uniform(500, 3000), 2) for _ in range(n - 1)] + [-round(rnd.uniform(1e4, 9e4), 2)]
        sets.append(periodic(f"random late cost {k + 1} ({n} periods)", flows, rate=round(rnd.uniform(0.05, 0.25), 4), tags=["several-roots", "random"]))
    # Borrowing type: money in first, paid out later.
    sets.append(periodic("loan received then repaid", [10000] + [-470] * 24, tags=["borrowing"]))
    sets.append(periodic("prepayment above capex", [52000] + [-403] * 60, tags=["borrowing"]))
    sets.append(periodic("annual borrowing", [1000, -400, -400, -400], ppy=1, tags=["borrowing"]))
    # Deep loss: IRR near -100%.
    sets.append(periodic("deep loss -99.999% per period", [-100, 0.001], ppy=1, tags=["deep-loss"]))
    sets.append(periodic("deep loss monthly, little back", [-1e6] + [1] * 12, tags=["deep-loss"]))
    sets.append(periodic("deep loss -6.8% a month", [-60000] + [400] * 60, tags=["deep-loss"]))
    sets.append(periodic("deep loss, 30 periods at 1e-9", [-1] + [1e-9] * 30, ppy=1, tags=["deep-loss"]))
    # Long monthly (600+ periods).
    sets.append(periodic("50-year monthly annuity (601 flows)", [-100000] + [700] * 600, tags=["long"]))
    sets.append(periodic("60-year monthly annuity (721 flows)", [-100000] + [520] * 720, tags=["long"]))
    sets.append(periodic("100-year monthly near zero (1201 flows)", [-120000] + [100.001] * 1200, tags=["long"]))
    sets.append(periodic("70-year monthly with a late cost (841 flows)", [-200000] + [1500] * 839 + [1500 - 2e6], tags=["long", "several-roots"]))
    rents = [round(rnd.uniform(300, 900), 2) for _ in range(660)]
    sets.append(periodic("55-year monthly random rents (661 flows)", [-150000] + rents, rate=0.08, tags=["long", "random"]))
    # No IRR.
    sets.append(periodic("no root: NPV positive at every rate", [100, -50, 60], ppy=1, tags=["no-root"]))
    sets.append(periodic("no outflow", [100, 200, 300], tags=["no-root"]))
    sets.append(periodic("no inflow", [-100, -200], tags=["no-root"]))
    sets.append(periodic("one flow", [-100], tags=["no-root"]))
    sets.append(periodic("above the searched range: 19,900% per period", [-1, 200], ppy=1, tags=["above-range"]))
    # Dated flows.
    excel = [(date(2008, 1, 1), -10000), (date(2008, 3, 1), 2750), (date(2008, 10, 30), 4250), (date(2009, 2, 15), 3250), (date(2009, 4, 1), 2750)]
    sets.append(dated("spreadsheet XIRR/XNPV documentation example", excel, rate=0.09, tags=["dated"]))
    sets.append(dated("dated example, rows out of date order", [excel[0], excel[3], excel[1], excel[4], excel[2]], rate=0.09, tags=["dated", "unsorted"]))
    sets.append(dated("dated, two rows on one date", [(date(2024, 1, 1), -5000), (date(2024, 1, 1), -5000), (date(2024, 7, 1), 3000), (date(2025, 3, 15), 8000)], rate=0.05, tags=["dated", "duplicate-dates"]))
    sets.append(dated("dated two roots 10% and 20% a year", [(date(2021, 1, 1), -100), (date(2022, 1, 1), 230), (date(2023, 1, 1), -132)], tags=["dated", "several-roots"]))
    sets.append(dated("dated three-root cubic shifted by a leap day: one root left", [(date(2023, 3, 1), -1000), (date(2024, 3, 1), 3350), (date(2025, 3, 1), -3735), (date(2026, 3, 1), 1386)], tags=["dated", "several-roots"]))
    sets.append(dated("dated borrowing: loan in, repaid monthly", [(date(2025, 1, 15), 10000)] + [(date(2025, 1, 15) + timedelta(days=30 * (k + 1)), -460) for k in range(24)], rate=0.07, tags=["dated", "borrowing"]))
    sets.append(dated("dated deep loss -99.9% a year", [(date(2025, 1, 1), -1000), (date(2026, 1, 1), 1)], tags=["dated", "deep-loss"]))
    sets.append(dated("dated deep loss over 20 days", [(date(2025, 1, 1), -1000), (date(2025, 1, 21), 500)], tags=["dated", "deep-loss"]))
    sets.append(dated("dated huge return over 3 days", [(date(2025, 1, 1), -100), (date(2025, 1, 4), 110)], tags=["dated"]))
    sets.append(dated("dated 40 years quarterly", [(date(2000, 1, 1), -50000)] + [(date(2000 + (k + 1) // 4, 1 + 3 * ((k + 1) % 4), 1), 1200) for k in range(160)], rate=0.06, tags=["dated", "long"]))
    sets.append(dated("dated no outflow", [(date(2025, 1, 1), 100), (date(2025, 6, 1), 100)], tags=["dated", "no-root"]))
    sets.append(dated("dated late cost (several roots)", [(date(2020, 1, 1), -60000)] + [(date(2020 + (k + 1) // 12, (k + 1) % 12 + 1, 1), 1400) for k in range(59)] + [(date(2025, 1, 1), -15000)], tags=["dated", "several-roots"]))
    for k in range(10):
        start = date(2015, 1, 1) + timedelta(days=rnd.randint(0, 3000))
        n = rnd.randint(3, 40)
        rows = [(start, -round(rnd.uniform(1e3, 1e6), 2))]
        d = start
        for _ in range(n):
            d = d + timedelta(days=rnd.randint(1, 200))
            rows.append((d, round(rnd.uniform(0.05, 0.2) * -rows[0][1], 2)))
        if k % 3 == 2:
            rows.append((d + timedelta(days=rnd.randint(1, 400)), -round(rnd.uniform(0.2, 1.5) * -rows[0][1], 2)))
        if k % 4 == 3:
            rnd.shuffle(rows)
        sets.append(dated(f"random irregular dated {k + 1} ({len(rows)} rows)", rows, rate=round(rnd.uniform(0.0, 0.25), 4), tags=["dated", "irregular", "random"]))
    return sets


def terms(s):
    """(exponents t_i, amounts c_i, last exponent in the solver's periods, periods per unit of u)."""
    if s["kind"] == "periodic":
        c = [mpf(x) for x in s["flows"]]
        return list(range(len(c))), c, len(c) - 1, 1
    rows = s["dated"]
    origin = min(date.fromisoformat(r["date"]) for r in rows)
    by_day = {}
    for r in rows:
        d = (date.fromisoformat(r["date"]) - origin).days
        by_day[d] = by_day.get(d, mpf(0)) + mpf(r["amount"])
    days = sorted(by_day)
    return [mpf(d) / 365 for d in days], [by_day[d] for d in days], days[-1], 365


def f(u, t, c):
    if isinstance(t[-1], int):  # periodic: Horner's rule in x = exp(-u)
        x, p = mpmath.exp(-u), mpf(0)
        for ci in reversed(c):
            p = p * x + ci
        return p
    return mpmath.fsum(ci * mpmath.exp(-u * ti) for ti, ci in zip(t, c))


def df(u, t, c):
    if isinstance(t[-1], int):
        x, p = mpmath.exp(-u), mpf(0)
        for i in range(len(c) - 1, 0, -1):
            p = p * x + i * c[i]
        return -p * x
    return -mpmath.fsum(ti * ci * mpmath.exp(-u * ti) for ti, ci in zip(t, c))


def scale(u, t, c):
    return mpmath.fsum(abs(ci) * mpmath.exp(-u * ti) for ti, ci in zip(t, c))


def bisect(g, lo, hi, glo):
    for _ in range(400):
        mid = (lo + hi) / 2
        gm = g(mid)
        if gm == 0:
            return mid
        if (gm > 0) == (glo > 0):
            lo, glo = mid, gm
        else:
            hi = mid
        if hi - lo < mpf(10) ** -45:
            break
    return (lo + hi) / 2


def roots(t, c, last, k):
    """Every root in u per unit of t (per period, or per year for dated flows), with its slope."""
    u_min = max(mpf(-30), mpf(-700) / last) * k if last > 0 else mpf(-30) * k
    u_max = mpf(MAX_LOG_RATE) * k
    grid = {mpf(0), u_min, u_max}
    e = mpf(-8)
    while e <= mpmath.log10(max(-u_min, u_max)):
        v = mpf(10) ** e
        if v < u_max:
            grid.add(v)
        if -v > u_min:
            grid.add(-v)
        e += mpf(1) / PER_DECADE
    grid = sorted(grid)
    found = []
    vals = [(u, f(u, t, c), df(u, t, c)) for u in grid]
    for (u0, f0, d0), (u1, f1, d1) in zip(vals, vals[1:]):
        if f0 == 0:
            found.append(u0)
        pieces = [(u0, f0), (u1, f1)]
        if d0 != 0 and d1 != 0 and (d0 > 0) != (d1 > 0):
            m = bisect(lambda u: df(u, t, c), u0, u1, d0)
            fm = f(m, t, c)
            if abs(fm) <= mpf(10) ** -40 * scale(m, t, c):
                found.append(("touching", m))
                continue
            pieces = [(u0, f0), (m, fm), (u1, f1)]
        for (a, fa), (b, fb) in zip(pieces, pieces[1:]):
            if fa != 0 and fb != 0 and (fa > 0) != (fb > 0):
                found.append(bisect(lambda u: f(u, t, c), a, b, fa))
    if vals[-1][1] == 0:
        found.append(vals[-1][0])
    out = []
    for r in found:
        if isinstance(r, tuple):
            out.append((r[1], "touching"))
        else:
            out.append((r, "falling" if df(r, t, c) < 0 else "rising"))
    first = next((x for x in c if x != 0), mpf(0))
    top = vals[-1][1]
    above = top != 0 and first != 0 and (top > 0) != (first > 0)
    return sorted(out, key=lambda x: x[0]), above


def sign_changes(c):
    signs = [x > 0 for x in c if x != 0]
    return sum(1 for a, b in zip(signs, signs[1:]) if a != b)


def num(x):
    return float(mpmath.nstr(x, 17, strip_zeros=False)) if x is not None else None


def reference(s):
    t, c, last, k = terms(s)
    ref = {}
    if len(c) >= 2 and any(x > 0 for x in c) and any(x < 0 for x in c):
        rs, above = roots(t, c, last, k)
    else:
        rs, above = [], False
    ppy = s.get("periodsPerYear", 1)
    ref["logRoots"] = [mpmath.nstr(u, 30) for u, _ in rs]
    ref["roots"] = [num(mpmath.expm1(u)) for u, _ in rs]
    ref["annualRoots"] = [num(mpmath.expm1(u * ppy)) if mpmath.fabs(u * ppy) < 700 else None for u, _ in rs]
    ref["slopes"] = [sl for _, sl in rs]
    ref["aboveRange"] = above
    multiplicity = sum(2 if sl == "touching" else 1 for _, sl in rs) + (1 if above else 0)
    v = sign_changes(c)
    assert multiplicity <= v, (s["name"], multiplicity, v)
    ref["signChanges"] = v
    ref["descartesComplete"] = multiplicity == v
    rate = mpf(s["rate"])
    if s["kind"] == "periodic":
        per = mpmath.expm1(mpmath.log1p(rate) / ppy)
        ref["npv"] = num(f(mpmath.log1p(per), t, c))
        fr = mpmath.expm1(mpmath.log1p(mpf(s["financeRate"])) / ppy)
        rr = mpmath.expm1(mpmath.log1p(mpf(s["reinvestRate"])) / ppy)
        n = len(c) - 1
        pv = mpmath.fsum(ci / (1 + fr) ** i for i, ci in enumerate(c) if ci < 0)
        fv = mpmath.fsum(ci * (1 + rr) ** (n - i) for i, ci in enumerate(c) if ci > 0)
        ref["mirrPerPeriod"] = num((fv / -pv) ** (mpf(1) / n) - 1) if n >= 1 and pv != 0 and fv != 0 else None
        exact = [Fraction(x) for x in s["flows"]]
    else:
        ref["npv"] = num(f(mpmath.log1p(rate), t, c))
        exact = [Fraction(0)] * len(c)
        origin = min(date.fromisoformat(r["date"]) for r in s["dated"])
        days = sorted({(date.fromisoformat(r["date"]) - origin).days for r in s["dated"]})
        for r in s["dated"]:
            exact[days.index((date.fromisoformat(r["date"]) - origin).days)] += Fraction(r["amount"])
    cum, total = [], Fraction(0)
    for x in exact:
        total += x
        cum.append(total)
    payback = None
    if len(exact) >= 2 and any(x < 0 for x in exact) and cum[-1] >= 0:
        payback = len(cum) - 1
        while payback > 1 and cum[payback - 1] >= 0:
            payback -= 1
    if s["kind"] == "periodic":
        ref["paybackPeriod"] = payback
    else:
        ref["paybackDate"] = (origin + timedelta(days=days[payback])).isoformat() if payback is not None else None
    return ref


def build():
    sets = corpus()
    for s in sets:
        s["reference"] = reference(s)
        print(f"{s['name']}: roots {s['reference']['roots']} {s['reference']['slopes']} above={s['reference']['aboveRange']}", file=sys.stderr)
    return {
        "provenance": "Generated by scripts/reference/cashflows_reference.py (mpmath " + mpmath.__version__ + ", 50 significant digits); "
                      "the method is stated in that script's header. Do not edit by hand: rerun the script.",
        "sets": sets,
    }


if __name__ == "__main__":
    doc = build()
    text = json.dumps(doc, indent=1) + "\n"
    if "--check" in sys.argv:
        same = OUT.read_text() == text
        print("corpus matches" if same else "corpus differs from the file", file=sys.stderr)
        sys.exit(0 if same else 1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"{len(doc['sets'])} sets written to {OUT.relative_to(ROOT)}", file=sys.stderr)
