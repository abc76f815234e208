"""Vix local provider (domain/vix/local.py), pass 1: the prompt as tokens (numbers, words, clock times, ratios,
symbols), and how a number is written back."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Final

from domain.vix.parser.limits import _MAX_WORD
from domain.vix.parser.vocabulary import _WORD_NUMBERS, _canon

# ---- tokens ----------------------------------------------------------------------------------------

_RAW: Final = re.compile(r"(?P<num>[0-9]+(?:\.[0-9]+)?)|(?P<word>[^\W\d_]+)|(?P<other>\S)")
_OPENERS: Final = frozenset("([{")
_CLOSERS: Final = frozenset(")]}")
_ENDS: Final = frozenset(".;!?…。")
_DASHES: Final = frozenset("-–—−")
_MONEY: Final = frozenset("$€£¥")


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # word, num, clock, ratio, sym, end
    text: str  # as typed (normalized, lower case)
    a: int  # span in the normalized prompt
    b: int
    word: str = ""  # word: the canonical form ("" when unknown); sym: the symbol (> < >= <= / - $ %)
    num: Decimal | None = None  # num; ratio: the first term
    num2: Decimal | None = None  # ratio: the second term
    hour: int = 0  # clock
    minute: int = 0
    meridiem: str = ""  # clock: am, pm or "" (24-hour clock)
    fixed: bool = False  # word: a misspelling was fixed


def _normalize(prompt: str) -> str:
    text = unicodedata.normalize("NFKC", prompt)
    # Control and format characters (zero-width spaces...) would split words invisibly.
    return "".join(" " if c.isspace() else c for c in text
                   if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf")).casefold()


def _tokenize(text: str) -> list[_Tok]:
    raw = [(m.lastgroup or "", m.group(), m.start(), m.end()) for m in _RAW.finditer(text)]
    n = len(raw)

    def glued(k: int) -> bool:  # raw[k] starts where raw[k - 1] ends
        return 0 < k < n and raw[k - 1][3] == raw[k][2]

    toks: list[_Tok] = []
    depth = 0
    negative_at: int | None = None
    i = 0
    while i < n:
        kind, s, a, b = raw[i]
        if kind == "num":
            value = Decimal(s)
            if negative_at is not None:
                value, a, negative_at = -value, negative_at, None
            if i + 2 < n and raw[i + 1][1] == ":" and glued(i + 1) and glued(i + 2) and raw[i + 2][0] == "num":
                s2, b2 = raw[i + 2][1], raw[i + 2][3]
                if value >= 0 and s.isdigit() and len(s) <= 2 and int(s) <= 23 and len(s2) == 2 and s2.isdigit() \
                        and int(s2) <= 59:
                    toks.append(_Tok("clock", text[a:b2], a, b2, hour=int(s), minute=int(s2)))
                else:
                    toks.append(_Tok("ratio", text[a:b2], a, b2, num=value, num2=Decimal(s2)))
                i += 3
                continue
            toks.append(_Tok("num", text[a:b], a, b, num=value))
        elif kind == "word":
            if s in ("a", "p") and i + 2 < n and raw[i + 1][1] == "." and raw[i + 2][1] == "m" \
                    and glued(i + 1) and glued(i + 2):  # "a.m.", "p.m."
                end, b2 = i + 3, raw[i + 2][3]
                if end < n and raw[end][1] == "." and glued(end):
                    b2, end = raw[end][3], end + 1
                toks.append(_Tok("word", text[a:b2], a, b2, word=s + "m"))
                i = end
                continue
            if s == "s" and i + 2 < n and raw[i + 1][1] == "&" and raw[i + 2][1] == "p" and glued(i + 1) \
                    and glued(i + 2):
                toks.append(_Tok("word", "s&p", a, raw[i + 2][3], word="s&p"))
                i += 3
                continue
            if s in _WORD_NUMBERS:
                toks.append(_Tok("num", s, a, b, num=Decimal(_WORD_NUMBERS[s])))
            else:
                canon, fixed = _canon(s) if len(s) <= _MAX_WORD else ("", False)
                toks.append(_Tok("word", s, a, b, word=canon, fixed=fixed))
        elif s in _OPENERS:
            depth += 1
        elif s in _CLOSERS:
            depth = max(0, depth - 1)
        elif s == ",":
            if depth == 0:  # inside parentheses a comma separates params: "(12, 26, 9)"
                toks.append(_Tok("end", s, a, b))
        elif s in _ENDS:
            toks.append(_Tok("end", s, a, b))
        elif s in _DASHES:
            next_num = i + 1 < n and raw[i + 1][0] == "num"
            after_num = bool(toks) and toks[-1].kind in ("num", "clock")
            if i + 1 < n and raw[i + 1][1] == ">" and glued(i + 1):
                i += 2  # an arrow, "->"
                continue
            if next_num and glued(i + 1) and not after_num and (i == 0 or not glued(i) or raw[i - 1][1] in _OPENERS):
                negative_at = a  # "-5"
            elif next_num and after_num:
                toks.append(_Tok("sym", s, a, b, word="-"))  # "9:30-11:30", "12-26-9"
            # otherwise a hyphen joining words: "20-bar", "e-mini", "stop-loss"
        elif s in "<>":
            if i + 1 < n and raw[i + 1][1] == "=" and glued(i + 1):
                toks.append(_Tok("sym", s + "=", a, raw[i + 1][3], word=s + "="))
                i += 2
                continue
            toks.append(_Tok("sym", s, a, b, word=s))
        elif s in "≥≤":
            op = ">=" if s == "≥" else "<="
            toks.append(_Tok("sym", s, a, b, word=op))
        elif s == "=":
            if i + 1 < n and raw[i + 1][1] == ">" and glued(i + 1):
                i += 2  # an arrow, "=>"
                continue
        elif s == "&":
            toks.append(_Tok("word", s, a, b, word="and"))
        elif s == "/" or s == "%" or s in _MONEY:
            toks.append(_Tok("sym", s, a, b, word=s))
        elif unicodedata.category(s)[0] in "PSZ":
            pass  # other punctuation and symbols carry nothing
        else:
            toks.append(_Tok("word", s, a, b))  # a digit of another script, a combining mark...: unknown
        i += 1
    return _meridiem(toks)


def _meridiem(toks: list[_Tok]) -> list[_Tok]:
    """Join "10" + "am" and "9:30" + "pm" into clock tokens; "noon" is 12:00."""
    out: list[_Tok] = []
    for t in toks:
        if t.kind == "word" and t.word in ("am", "pm") and out:
            p = out[-1]
            if p.kind == "num" and p.num is not None and p.num == p.num.to_integral_value() and 1 <= p.num <= 12:
                out[-1] = _Tok("clock", f"{p.text} {t.text}", p.a, t.b, hour=int(p.num), meridiem=t.word)
                continue
            if p.kind == "clock" and not p.meridiem and 1 <= p.hour <= 12:
                out[-1] = replace(p, text=f"{p.text} {t.text}", b=t.b, meridiem=t.word)
                continue
        if t.kind == "word" and t.word in ("noon", "midday"):
            out.append(_Tok("clock", t.text, t.a, t.b, hour=12, meridiem="pm"))
            continue
        out.append(t)
    return out


def _fmt(value: Decimal | float | int) -> str:
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format(d.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
