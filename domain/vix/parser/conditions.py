"""Vix local provider (domain/vix/local.py), pass 3: conditions, their mirror for the other direction, and
the clauses that give each direction its entries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Final

from domain.vix.parser.phrases import _CLOSE, _ZERO, _Cmp, _Item, _Operand
from domain.vix.parser.tokens import _fmt, _Tok

# ---- conditions ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Cond:
    """A condition as written: form cross (crosses above/below), cmp (compare) or breakout (of an opening
    range, a Bollinger band or an N-bar extreme); sense None when the direction decides ("cross")."""

    form: str
    sense: str | None
    op: str | None
    a: _Operand
    b: _Operand
    text: str
    lone: bool = False  # an opening range named with no comparison: a breakout, unless another rule uses it


@dataclass
class _Ctx:
    """What one reading collects: words and phrases not understood, with reasons; assumptions; overrides."""

    text: str
    unknown: list[str] = field(default_factory=list)
    problems: list[tuple[str | None, str]] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def problem(self, phrase: str | None, reason: str) -> None:
        self.problems.append((phrase, reason))

    def assume(self, line: str) -> None:
        if line not in self.assumed:
            self.assumed.append(line)

    def span(self, item: _Item) -> str:
        return self.text[item.a:item.b]


_Expr = tuple[tuple[_Cond, ...], ...]  # OR of ANDs


def _const(tok: _Tok) -> _Operand:
    return _Operand("const", value=tok.num, text=tok.text)


def _cond(s: Sequence[_Item], p: int, cx: _Ctx, before: _Operand | None = None) -> tuple[_Cond, int] | None:
    """The condition that starts at item p, and the index after it. `before` is the subject of the condition
    just before, when "and"/"or" joins them: "RSI is below 30 or above 70" compares RSI with 70 too."""

    def at(k: int) -> _Item | None:
        return s[k] if k < len(s) and s[k].kind not in ("end", "sep") else None

    def series(k: int) -> _Operand | None:
        x = at(k)
        if x is None:
            return None
        if x.kind == "operand":
            return x.value if isinstance(x.value, _Operand) else None
        return _const(x.value) if x.kind == "num" else None

    def cross_word(k: int) -> _Cmp | None:  # "cross", "crossover", "crosses above" with no series after it
        x = at(k)
        if x is None or x.kind != "cmp" or x.value.form != "cross" or series(k + 1) is not None:
            return None
        c: _Cmp = x.value
        return c

    def text(end: int) -> str:
        return cx.text[s[p].a:s[end - 1].b]

    it = s[p]
    if it.kind == "pair":
        kind, sma_assumed, t1, t2 = it.value
        small, large = (t1, t2) if (t1.num or 0) <= (t2.num or 0) else (t2, t1)
        fast = _Operand(kind, nums=(small,), role="fast", sma_assumed=sma_assumed)
        slow = _Operand(kind, nums=(large,), role="slow", sma_assumed=sma_assumed)
        c = cross_word(p + 1)
        end = p + 2 if c is not None else p + 1
        return _Cond("cross", c.sense if c else None, None, fast, slow, text(end)), end
    if it.kind == "new":  # "makes a new 20-bar high"
        b = series(p + 1)
        if b is not None and b.kind == "nbar":
            return _Cond("breakout", _port_sense(b.port), None, _CLOSE, b, text(p + 2)), p + 2
        return None
    if it.kind == "cmp":  # no subject: the close ("above VWAP", "breaks the 20-bar high")
        c = it.value
        b = series(p + 1)
        if c.form not in ("cross", "cmp") or b is None:
            return None
        # a level after "or"/"and" belongs to the subject before ("RSI below 30 or above 70"); a series that
        # is a price ("RSI below 30 and above VWAP") is compared with the close
        subject = before if before is not None and b.kind == "const" else _CLOSE
        return _binary(subject, c, b, text(p + 2)), p + 2
    a = series(p)
    if a is None:
        return None
    x = at(p + 1)
    if x is not None and x.kind == "new":  # "the close makes a new 50-bar high"
        b = series(p + 2)
        if b is not None and b.kind == "nbar":
            return _Cond("breakout", _port_sense(b.port), None, a, b, text(p + 3)), p + 3
    if x is not None and x.kind in ("slash", "and"):  # "EMA 9 / EMA 21 cross", "9 EMA and 21 EMA cross"
        b = series(p + 2)
        c = cross_word(p + 3)
        if b is not None and c is not None and _crossable(a, b):
            return _Cond("cross", c.sense, None, a, b, text(p + 4)), p + 4
    if x is not None and x.kind == "operand":  # "MACD signal cross"
        c = cross_word(p + 2)
        if c is not None and _crossable(a, x.value):
            return _Cond("cross", c.sense, None, a, x.value, text(p + 3)), p + 3
    if x is not None and x.kind == "cmp":
        c = x.value
        if c.form == "zero_cross":  # "the histogram turns positive"
            return _Cond("cross", c.sense, None, a, _ZERO, text(p + 2)), p + 2
        if c.form == "zero_cmp":  # "the histogram is positive"
            return _Cond("cmp", c.sense, ">" if c.sense == "up" else "<", a, _ZERO, text(p + 2)), p + 2
        if c.form == "level":  # "RSI is oversold"
            if a.kind != "rsi":
                return None
            word = "overbought" if c.level == 70 else "oversold"
            cx.assume(f"{word} means RSI {'above' if c.level == 70 else 'below'} {c.level}.")
            level = _Operand("const", value=Decimal(c.level or 0), text=str(c.level))
            return _Cond("cmp", c.sense, c.op, a, level, text(p + 2)), p + 2
        b = series(p + 2)
        if b is not None:
            return _binary(a, c, b, text(p + 3)), p + 3
        if c.form == "cross":  # "MACD crossover", "VWAP cross", "20-bar breakout"
            single = _single_cross(a, c, text(p + 2))
            return (single, p + 2) if single is not None else None
        return None
    if a.kind == "range":  # "the 30-minute opening range": traded as a breakout
        return _Cond("breakout", _port_sense(a.port), None, _CLOSE, a, text(p + 1), lone=not a.breakout), p + 1
    if a.kind == "bollinger" and a.breakout:  # "a Bollinger breakout (20, 2)"
        return _Cond("breakout", _port_sense(a.port), None, _CLOSE, a, text(p + 1)), p + 1
    return None


def _crossable(a: _Operand, b: _Operand) -> bool:
    """Two series named side by side before "cross": averages, price or VWAP, or MACD and its signal line."""
    lines = ("ema", "sma", "wma", "vwap", "price")
    return (a.kind in lines and b.kind in lines) or (a.kind == b.kind == "macd" and a.port != b.port)


def _port_sense(port: str | None) -> str | None:
    return {"high": "up", "upper": "up", "low": "down", "lower": "down"}.get(port or "")


def _binary(a: _Operand, c: _Cmp, b: _Operand, text: str) -> _Cond:
    if b.kind == "nbar":  # "closes above the 20-bar high": a new closing extreme (see the module docstring)
        return _Cond("breakout", c.sense or _port_sense(b.port), None, a, b, text)
    if c.form == "cross":
        return _Cond("cross", c.sense, None, a, b, text)
    return _Cond("cmp", c.sense, c.op, a, b, text)


def _single_cross(a: _Operand, c: _Cmp, text: str) -> _Cond | None:
    if a.kind == "macd":
        if a.port == "hist":
            return _Cond("cross", c.sense, None, a, _ZERO, text)
        return _Cond("cross", c.sense, None, replace(a, port="macd"), replace(a, port="signal"), text)
    if a.kind in ("vwap", "ema", "sma", "wma"):
        return _Cond("cross", c.sense, None, _CLOSE, a, text)
    if a.kind in ("range", "bollinger", "nbar"):
        return _Cond("breakout", c.sense or _port_sense(a.port), None, _CLOSE, a, text)
    return None


_FLIP_SENSE: Final = {"up": "down", "down": "up"}
_FLIP_OP: Final = {">": "<", "<": ">", ">=": "<=", "<=": ">="}
_FLIP_PORT: Final = {"upper": "lower", "lower": "upper", "high": "low", "low": "high"}


def _mirror(c: _Cond) -> _Cond:
    """The condition for the other direction: crosses below for above, < for >, lower for upper, low for
    high, and 100 - x for an RSI level x (30 <-> 70)."""

    def side(o: _Operand) -> _Operand:
        return replace(o, port=_FLIP_PORT.get(o.port or "", o.port))

    a, b = side(c.a), side(c.b)
    if a.kind == "rsi" and b.kind == "const" and b.value is not None:
        b = replace(b, value=100 - b.value, text=_fmt(100 - b.value))
    elif b.kind == "rsi" and a.kind == "const" and a.value is not None:
        a = replace(a, value=100 - a.value, text=_fmt(100 - a.value))
    return replace(c, sense=_FLIP_SENSE.get(c.sense or ""), op=_FLIP_OP.get(c.op or ""), a=a, b=b)


def _mirror_expr(expr: _Expr) -> _Expr:
    return tuple(tuple(_mirror(c) for c in group) for group in expr)


@dataclass(frozen=True)
class _Marker:
    pos: int
    seg: int
    target: str  # long, short, both:long, both:short, exit
    text: str


@dataclass(frozen=True)
class _Placed:
    pos: int
    seg: int
    cond: _Cond
    connector: str  # how it joins the condition before it of the same target: and / or


def _clauses(stream: Sequence[_Item], cx: _Ctx) -> tuple[list[_Marker], list[_Placed], list[_Item]]:
    """Markers (directions, exits), conditions in order, and the "exit on the opposite cross" items."""
    markers: list[_Marker] = []
    placed: list[_Placed] = []
    opposite: list[_Item] = []
    seg, connector, sense = 0, "and", None
    p = 0
    while p < len(stream):
        it = stream[p]
        if it.kind == "end":
            seg, connector = seg + 1, "and"
        elif it.kind in ("dir", "exit"):
            markers.append(_Marker(p, seg, it.value if it.kind == "dir" else "exit", cx.span(it)))
            connector = "and"
        elif it.kind == "opposite":
            opposite.append(it)
        elif it.kind in ("and", "or"):
            connector = it.kind
        elif it.kind == "sense":
            sense = it.value
        elif it.kind not in ("sep", "slash"):
            joined = p > 0 and stream[p - 1].kind in ("and", "or") and placed and placed[-1].seg == seg
            found = _cond(stream, p, cx, placed[-1].cond.a if joined else None)
            if found is None:
                if it.kind != "new":
                    cx.problem(cx.span(it), _unparsed(it, cx))
            else:
                cond, after = found
                if sense is not None and cond.sense is None:
                    cond = replace(cond, sense=sense)
                placed.append(_Placed(p, seg, cond, connector))
                p = after
                connector, sense = "and", None
                continue
        p += 1
    if sense is not None:
        cx.problem("bullish" if sense == "up" else "bearish", "A \"bullish\" or \"bearish\" that qualifies no cross "
                   "or breakout was not understood.")
    return markers, placed, opposite


def _unparsed(it: _Item, cx: _Ctx) -> str:
    what = cx.span(it)
    if it.kind == "operand":
        return f"\"{what}\" is compared with nothing Vix could read (say e.g. \"crosses above\" or \"is below\")."
    if it.kind == "cmp":
        return f"\"{what}\" compares nothing Vix could read on one of its sides."
    if it.kind == "pair":
        return f"\"{what}\" is not a rule Vix can read."
    return f"\"{what}\" is not part of a rule Vix can read."


def _entries(markers: Sequence[_Marker], placed: Sequence[_Placed], cx: _Ctx) -> tuple[dict[str, _Expr], _Expr]:
    """The entry conditions of each direction and the exit conditions, by clause (see the module docstring)."""
    groups: dict[int | None, list[_Placed]] = {}
    for c in placed:
        here = [k for k, mk in enumerate(markers) if mk.seg == c.seg]
        before = [k for k in here if markers[k].pos < c.pos]
        after = [k for k in here if markers[k].pos > c.pos]
        earlier = [k for k, mk in enumerate(markers) if mk.seg < c.seg]
        later = [k for k, mk in enumerate(markers) if mk.seg > c.seg]
        target = (before[-1] if before else after[0] if after else earlier[-1] if earlier else
                  later[0] if later else None)
        groups.setdefault(target, []).append(c)
    exprs: dict[str, list[tuple[_Cond, ...]]] = {"long": [], "short": []}
    exits: list[tuple[_Cond, ...]] = []
    named: list[str] = []
    for k, conds in groups.items():
        expr: list[list[_Cond]] = []
        for c in conds:
            if c.connector == "or" and expr:
                expr.append([])
            if not expr:
                expr.append([])
            expr[-1].append(c.cond)
        frozen = tuple(tuple(g) for g in expr)
        aim = "long" if k is None else markers[k].target
        if k is None:
            cx.assume("long entries (no direction was named).")
        if aim == "exit":
            exits.extend(frozen)
        elif aim.startswith("both:"):
            first = aim.removeprefix("both:")
            other = "short" if first == "long" else "long"
            exprs[first].extend(frozen)
            exprs[other].extend(_mirror_expr(frozen))
            cx.assume(f"the {other} entry mirrors the {first} entry.")
        else:
            exprs[aim].extend(frozen)
    for mk in markers:
        for d in (("long", "short") if mk.target.startswith("both:") else (mk.target,)):
            if d != "exit" and d not in named:
                named.append(d)
    sells = [mk for mk in markers if mk.target == "short" and "sell" in mk.text and "short" not in mk.text]
    if sells and any(mk.target in ("long", "both:long", "both:short") for mk in markers):
        cx.assume(f"\"{sells[0].text}\" enters short (to close a long say \"exit when ...\").")
    for k, mk in enumerate(markers):
        if mk.target == "exit" and not groups.get(k):
            cx.problem(mk.text, f"\"{mk.text}\" says to exit but not when (say e.g. \"exit when RSI is above 50\").")
    for d in named:
        other = "short" if d == "long" else "long"
        if not exprs[d] and exprs[other]:
            exprs[d] = list(_mirror_expr(tuple(exprs[other])))
            cx.assume(f"the {d} entry mirrors the {other} entry.")
    return {d: tuple(e) for d, e in exprs.items() if e}, tuple(exits)
