"""Vix's local provider: a strategy draft from one sentence, deterministically and with no language model.

`generate(prompt, instrument=None, timeframe=None) -> Draft`. The prompt is data: it is read against a
fixed vocabulary and a fixed set of phrasings, every node it yields is a type of the catalogue
(domain.strategy.catalog) with params checked against the catalogue's own bounds, and the graph must
pass `validate_graph` (a failure there is a bug of this module: AssertionError). What cannot be
accounted for is refused (PromptNotUnderstood, listing the words), never guessed; what is filled in is
said ("Assumed: ..."), and what is overridden is said too ("Ignored: ...").

It reads in three passes, all linear in the prompt (at most 2000 characters; the one regex has no
nested quantifier, so no catastrophic backtracking):
1. tokens: NFKC, lower case; numbers, words (canonical forms: plurals, verb forms, aliases, then a
   single-edit spelling fix for words of five letters or more, which the explanation reports), clock
   times ("9:30", "10 am"), ratios ("2:1") and a few symbols. Commas inside parentheses are dropped, so
   "MACD(12,26,9)" reads as "macd 12 26 9"; other commas and sentence ends close a clause.
2. phrases: at each token the first recognizer that matches takes its tokens: instruments, timeframes,
   time windows and sessions, stops, targets, bars in trade, contracts, directions, exits, series
   (averages, RSI, MACD, Bollinger bands, N-bar highs and lows, VWAP, opening range, price, numbers) and
   comparators ("crosses above", "below", "breaks", "turns positive"). Filler words left over are fine;
   any other word left over is not understood.
3. rules: a condition is series-comparator-series, a comparator with the close as subject ("above
   VWAP"), a pair ("9/21 EMA cross") or a breakout; conditions join with "and"/"or" and belong to the
   direction named in their clause. Neutral phrasings ("cross", "breakout") take the side of their
   direction; the second direction of "long and short" mirrors the first (crosses below for above, <
   for >, the lower band or N-bar low for the upper band or high, 100 - x for an RSI level x).

Decisions a caller must know:
- N-bar breakouts. `highest`/`lowest` include the current bar and the catalogue has no lag node, so
  "close crosses above the 20-bar high" could never fire. A breakout is read as a new closing extreme,
  compare(close >= highest(close, N)): "the close makes a new 20-bar closing high" (mirrored: lowest, <=).
- Time zones. time_window and opening_range are exchange time (America/Chicago). New York, Chicago,
  Pacific and Mountain times convert at their fixed offset to Chicago (US zones change clocks on the
  same dates). London, Paris and Frankfurt (CET) convert at the offsets of the reference date
  REFERENCE_DATE, 2025-01-15 (standard time on both sides: London = Chicago + 6 h, CET = Chicago + 7 h);
  in the few weeks a year when US and European clocks change on different dates such a window is an
  hour off, which the explanation says. Zones whose offset to Chicago changes with US daylight saving
  time (UTC, GMT, Tokyo, Sydney, Singapore) cannot be one exchange-time window all year and are refused;
  a zone Vix does not know is a word not understood. A time without a zone is exchange time (said as an
  assumption). A list of windows with one zone named ("9:30 to 11:30 and 14:00 to 15:30 New York")
  shares it.
- A target in R needs a stop loss: without one the prompt is refused, not half-built.
- "sell" and "short" both enter short; an exit is "exit when ...", "exit on the opposite cross",
  "exit after N bars" or "flat by 15:00".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final
from zoneinfo import ZoneInfo

from domain.market.calendar import TIMEFRAME_DURATIONS
from domain.market.errors import UnknownTimeframe
from domain.market.instruments import INSTRUMENTS, TIMEFRAMES, InstrumentSpec, get_instrument
from domain.strategy.catalog import NODE_TYPES_BY_NAME
from domain.strategy.graph import validate_graph
from domain.vix.draft import DESCRIPTION_MAX, EXPLANATION_MAX, NAME_MAX, TAG_MAX, TAGS_MAX, Draft
from domain.vix.errors import PromptNotUnderstood

MAX_PROMPT: Final = 2000  # the contract's VixGenerateRequest.prompt maxLength
DEFAULT_INSTRUMENT: Final = "MNQ"
DEFAULT_TIMEFRAME: Final = "5m"
EXCHANGE_TZ: Final = "America/Chicago"
# Zone conversions that depend on the date use this one, so that a prompt always gives the same graph.
REFERENCE_DATE: Final = date(2025, 1, 15)
# More conditions than this is not a sentence any more; it also bounds the graph and the explanation.
MAX_CONDITIONS: Final = 12
_MAX_UNRECOGNIZED: Final = 40
_MAX_WORD: Final = 40  # longer "words" are not looked up (nothing in the vocabulary is that long)
META: Final = {"generated_by": "vix", "provider": "local"}


# ---- vocabulary ------------------------------------------------------------------------------------

@lru_cache(maxsize=512)
def _ws(spec: str) -> frozenset[str]:
    """A set of words written as one string ("above over"); cached, so patterns can spell them inline."""
    return frozenset(spec.split())


def _aliases(spec: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in spec.strip().splitlines():
        canon, _, variants = line.partition(":")
        for variant in variants.split():
            table[variant] = canon.strip()
    return table


# Words that carry no rule: left over, they are fine.
_FILLER: Final = _ws("""
    the a an its it is are be been being was were am i me we my our you your please pls kindly strategy
    strategies system setup algo idea plan want wanna would like need make makes create build give show
    that which this these those with on at of for in into onto when whenever if once then also go going
    trade trades trading take enter entry entries get position positions only just using use based chart
    candle bar by from while as so do does should can could will shall rule rules condition conditions time
    every each per via here there now ok okay thanks thank hey hi hello let s re ll ve d t m new during set
    put place have has market order orders intraday day futures contract signal line level mark value
    period length again to up
""")

# Words the recognizers look for. Left over (not part of a phrase), they are not understood.
_PATTERN_WORDS: Final = _ws("""
    micro mini emini e nasdaq s&p sp spx minute hour hourly daily tf h between from until till through thru
    and or plus but pm noon midday ny york et chicago ct exchange london uk bst pacific mountain utc gmt
    zulu tokyo jst sydney singapore hong kong frankfurt paris berlin cet cest session regular rth cash us
    american nyse european europe open stop loss sl protective hard initial risk target tp take profit
    taker reward rr ratio twice tick point dollar atr x times r multiple max most no more than hold holding
    keep stay held after size exit out flat flatten cover close all everything before long short buy sell both
    direction way side either opposite reverse other crossover cross back above below over under upward
    upside higher downward downside lower beneath break breakout breakdown move rise climb jump pop push
    rally spike run fall drop dip sink slip slide plunge greater less exceed remain turn flip become
    positive negative zero oversold overbought bullish bearish ema sma wma ma exponential simple weighted
    moving average fast faster quick slow slower rsi relative strength index macd histogram std bollinger
    band upper middle high low highest lowest last first price typical vwap volume opening range orb
    start begin down equal
""")

_ALIASES: Final = _aliases("""
cross: crosses crossed crossing xross
crossover: crossovers xover
break: broke broken
average: avg avgs
ema: emas
sma: smas
wma: wmas
ma: mas
bollinger: bb bbands bollingers
band: bands
histogram: hist histo
tick: tics tic tiks tik
point: pts pt handle handles
dollar: usd bucks buck
minute: mins min minut
hour: hr hrs hours
bar: candle candles candlestick candlesticks bars
contract: lot lots micros
stop: stoploss stops
target: tgt
tp: takeprofit
max: maximum
size: qty quantity
long: longs
short: shorts shorting
buy: bought
sell: sold
go: goes went gone
rise: rose risen
fall: fell fallen
last: past previous prior preceding
upper: top
lower: bottom
middle: mid basis center centre
std: stdev stddev sd sigma deviation deviations dev devs standard
ny: nyc newyork
et: est edt eastern
ct: cst cdt central
pacific: pst pdt
mountain: mst mdt
opposite: opposing
reverse: reversal
way: ways
direction: directions
side: sides
exponential: expo
""")

_SYMBOLS: Final = frozenset(s.lower() for s in INSTRUMENTS)  # whatever the instrument catalogue lists
_VOCAB: Final = _FILLER | _PATTERN_WORDS | frozenset(_ALIASES.values()) | _SYMBOLS
_WORD_NUMBERS: Final = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                        "thirty": 30, "forty": 40, "fifty": 50}
# Skipped between the words of a phrase: "the RSI is below 30", "stop of 20 ticks".
_SOFT: Final = _ws("the a an its their his her my our of is are be it that which")
_INFLECTIONS: Final = (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("d", ""))


def _lookup(word: str) -> str | None:
    alias = _ALIASES.get(word)
    if alias is not None:
        return alias
    return word if word in _VOCAB else None


# Spelling fixes: one transposition for words of 5+ letters, any single edit for 6+ letters, and only
# towards a unique vocabulary word of 5+ letters (short words have too many neighbours to fix safely).
_FUZZY_MIN: Final = 5
_CANDIDATES: Final = frozenset(w for w in _VOCAB | frozenset(_ALIASES) if len(w) >= _FUZZY_MIN and w.isalpha())


def _deletion_index() -> tuple[dict[str, frozenset[str]], dict[tuple[str, int], frozenset[str]]]:
    deletes: dict[str, set[str]] = {}
    at: dict[tuple[str, int], set[str]] = {}
    for word in _CANDIDATES:
        for i in range(len(word)):
            shorter = word[:i] + word[i + 1:]
            deletes.setdefault(shorter, set()).add(word)
            at.setdefault((shorter, i), set()).add(word)
    return ({k: frozenset(v) for k, v in deletes.items()}, {k: frozenset(v) for k, v in at.items()})


_DELETES, _DELETES_AT = _deletion_index()


def _fuzzy(word: str) -> str | None:
    n = len(word)
    if n < _FUZZY_MIN or n > 24 or not word.isalpha():
        return None
    found: set[str] = set()
    for i in range(n - 1):
        swapped = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if swapped != word and swapped in _CANDIDATES:
            found.add(swapped)
    if n >= _FUZZY_MIN + 1:
        for i in range(n):
            shorter = word[:i] + word[i + 1:]
            if shorter in _CANDIDATES:  # one letter too many
                found.add(shorter)
            found |= _DELETES_AT.get((shorter, i), frozenset())  # one letter wrong
        found |= _DELETES.get(word, frozenset())  # one letter missing
    targets = {t for t in (_lookup(c) for c in found) if t is not None}
    return targets.pop() if len(targets) == 1 else None


@lru_cache(maxsize=4096)
def _canon(word: str) -> tuple[str, bool]:
    """(canonical form, whether a misspelling was fixed); ("", False) for a word not in the vocabulary."""
    hit = _lookup(word)
    if hit is not None:
        return hit, False
    stems = [word[: -len(suffix)] + add for suffix, add in _INFLECTIONS
             if word.endswith(suffix) and len(word) - len(suffix) >= 3]
    for stem in stems:
        hit = _lookup(stem)
        if hit is not None:
            return hit, False
    for candidate in (word, *stems):
        hit = _fuzzy(candidate)
        if hit is not None:
            return hit, True
    return "", False


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


# ---- phrases ---------------------------------------------------------------------------------------

class _M:
    """The tokens of one prompt with the matching helpers the recognizers share. Each helper takes the
    index to look at and answers the index after what it matched (soft words in between skipped), or None."""

    def __init__(self, toks: Sequence[_Tok]) -> None:
        self.t = toks
        self.n = len(toks)
        # "signal" is the MACD signal line only in a prompt about MACD ("a buy signal when ..." is filler).
        self.macd = any(t.word == "macd" for t in toks)

    def skip(self, i: int) -> int:
        while i < self.n and self.t[i].kind == "word" and self.t[i].word in _SOFT:
            i += 1
        return i

    def tok(self, i: int) -> _Tok | None:
        j = self.skip(i)
        return self.t[j] if j < self.n else None

    def word(self, i: int, spec: str) -> int | None:
        j = self.skip(i)
        if j < self.n and self.t[j].kind == "word" and self.t[j].word in _ws(spec):
            return j + 1
        return None

    def words(self, i: int, *specs: str) -> int | None:
        for spec in specs:
            found = self.word(i, spec)
            if found is None:
                return None
            i = found
        return i

    def opt(self, i: int, spec: str) -> int:
        found = self.word(i, spec)
        return i if found is None else found

    def which(self, i: int) -> str:
        t = self.tok(i)
        return t.word if t is not None and t.kind == "word" else ""

    def sym(self, i: int, symbol: str) -> int | None:
        j = self.skip(i)
        if j < self.n and self.t[j].kind == "sym" and self.t[j].word == symbol:
            return j + 1
        return None

    def num(self, i: int) -> tuple[_Tok, int] | None:
        j = self.skip(i)
        if j < self.n and self.t[j].kind == "num":
            return self.t[j], j + 1
        return None

    def first_num(self, i: int) -> tuple[_Tok, int] | None:
        """A number right at i (a phrase that starts with one must not skip into the next phrase)."""
        return (self.t[i], i + 1) if i < self.n and self.t[i].kind == "num" else None

    def unit_follows(self, i: int) -> bool:
        """Whether a unit comes next: then the number before it belongs to another phrase ("EMA 20 tick stop")."""
        t = self.tok(i)
        if t is None:
            return False
        if t.kind == "sym":
            return t.word in ("%", *_MONEY)
        return t.kind == "word" and t.word in _ws(
            "tick point r atr contract bar minute hour m h x times dollar target tp stop sl profit day d")


@dataclass(frozen=True)
class _Item:
    kind: str
    a: int  # span in the normalized prompt
    b: int
    value: Any = None


_Hit = tuple[int, str, Any]  # (index after the phrase, item kind, item value)


@dataclass(frozen=True)
class _Clock:
    hour: int
    minute: int
    meridiem: str
    bare: bool  # a plain number ("9"), no colon and no am/pm
    text: str


# A zone: (IANA name, label); the name is "" for a zone Vix knows but refuses.
_Zone = tuple[str, str]
_ZONES: Final[dict[str, _Zone]] = {
    "ny": ("America/New_York", "New York"), "et": ("America/New_York", "New York"),
    "chicago": (EXCHANGE_TZ, "Chicago"), "ct": (EXCHANGE_TZ, "Chicago"), "exchange": (EXCHANGE_TZ, "Chicago"),
    "london": ("Europe/London", "London"), "uk": ("Europe/London", "London"), "bst": ("Europe/London", "London"),
    "pacific": ("America/Los_Angeles", "Pacific"), "mountain": ("America/Denver", "Mountain"),
    "frankfurt": ("Europe/Berlin", "Frankfurt"), "berlin": ("Europe/Berlin", "Berlin"),
    "paris": ("Europe/Paris", "Paris"), "cet": ("Europe/Berlin", "CET"), "cest": ("Europe/Berlin", "CET"),
}
# Zones whose clocks do not change with the US ones (or at all): no fixed exchange-time window all year.
_REFUSED_ZONES: Final = "utc gmt zulu tokyo jst sydney singapore"


@dataclass(frozen=True)
class _Window:
    start: _Clock
    end: _Clock
    zone: _Zone | None


@dataclass(frozen=True)
class _Qty:
    unit: str  # ticks, points, usd, atr, r, ratio, bare
    value: Decimal
    text: str
    value2: Decimal | None = None  # ratio: the second term
    period: _Tok | None = None  # atr: "ATR(10)"


@dataclass(frozen=True)
class _Duration:
    value: Decimal
    unit: str  # bar, minute, hour
    text: str


@dataclass(frozen=True)
class _Operand:
    kind: str  # price, const, ema, sma, wma, rsi, macd, bollinger, nbar, vwap, range
    # price: the field; macd: macd, signal or hist; bollinger: upper, middle or lower; nbar, range: high or low
    port: str | None = None
    nums: tuple[_Tok, ...] = ()  # as typed: a period; MACD fast, slow, signal; Bollinger period, deviations
    role: str | None = None  # averages: "fast" or "slow"
    sma_assumed: bool = False  # "moving average" or "MA", read as an SMA
    days: bool = False  # the period was given in days
    breakout: bool = False  # range, bollinger: "opening range breakout", "ORB", "Bollinger breakout"
    value: Decimal | None = None  # const: the number; range: the minutes
    text: str = ""  # const, range: as typed

    def __repr__(self) -> str:  # short, for messages and debugging
        return f"{self.kind}({self.port}, {[t.text for t in self.nums]})"


_CLOSE: Final = _Operand("price", "close")
_ZERO: Final = _Operand("const", value=Decimal(0), text="0")


@dataclass(frozen=True)
class _Cmp:
    form: str  # cross, cmp, zero_cross, zero_cmp, level
    sense: str | None  # up, down, or None: the direction decides
    op: str | None = None  # cmp: > < >= <=
    level: int | None = None  # oversold 30, overbought 70


def _r_instrument(m: _M, i: int) -> _Hit | None:
    t = m.t[i]
    if t.kind != "word":
        return None
    if t.word in _SYMBOLS:
        return i + 1, "instrument", t.word.upper()
    j, micro = i, False
    found = m.word(j, "micro")
    if found is not None:
        j, micro = found, True
    j = m.opt(j, "emini mini")
    found = m.words(j, "e", "mini")
    if found is not None:
        j = found
    found = m.word(j, "nasdaq nq")
    if found is not None:
        base, size = "NQ", Decimal(100)
    else:
        found = m.word(j, "s&p sp spx es")
        if found is None:
            return None
        base, size = "ES", Decimal(500)
    j = found
    number = m.num(j)
    if number is not None and number[0].num == size:  # "nasdaq 100", "s&p 500"
        j = number[1]
    symbol = ("M" if micro else "") + base
    return (j, "instrument", symbol) if symbol in INSTRUMENTS else None


def _r_timeframe(m: _M, i: int) -> _Hit | None:
    t = m.t[i]
    if t.kind == "word" and t.word in ("hourly", "daily"):
        if m.which(i + 1) in _ws("vwap high low range open close session"):
            return None
        return m.opt(i + 1, "chart tf bar"), "timeframe", ("1h" if t.word == "hourly" else "1d", t.text)
    if t.kind != "num" or t.num is None or t.num != t.num.to_integral_value() or not 0 < t.num < 10_000:
        return None
    if i > 0 and m.t[i - 1].kind == "word" and m.t[i - 1].word in _ws("first last after for within every max"):
        return None  # "first 15 minutes", "after 30 minutes": a duration, not a chart
    unit = m.which(i + 1) if i + 1 < m.n and m.t[i + 1].kind == "word" else ""
    if unit not in ("minute", "m", "hour", "h", "d", "day"):
        return None
    j = i + 2
    after = m.which(j)
    if after in _ws("opening open range or orb window high low highest lowest breakout break"):
        return None  # "15-minute opening range", "20-day high"
    if unit == "day" and after not in ("chart", "tf", "bar"):
        return None  # "200 day moving average" is a period in days
    n = int(t.num)
    tf = {"minute": f"{n}m", "m": f"{n}m", "hour": f"{n}h", "h": f"{n}h", "d": f"{n}d", "day": f"{n}d"}[unit]
    tf = {"60m": "1h", "240m": "4h", "24h": "1d"}.get(tf, tf)
    end = m.opt(j, "chart tf bar")
    return end, "timeframe", (tf, f"{t.text} {m.t[i + 1].text}")


def _timepoint(m: _M, i: int) -> tuple[_Clock, int] | None:
    j = m.skip(i)
    if j >= m.n:
        return None
    t = m.t[j]
    if t.kind == "clock":
        return _Clock(t.hour, t.minute, t.meridiem, False, t.text), j + 1
    if t.kind == "num" and t.num is not None and t.num == t.num.to_integral_value() and 0 <= t.num <= 23 \
            and len(t.text) <= 2:
        return _Clock(int(t.num), 0, "", True, t.text), j + 1
    return None


def _zone(m: _M, i: int) -> tuple[_Zone, int] | None:
    j = m.words(i, "new", "york")
    if j is not None:
        zone = _ZONES["ny"]
    elif (j := m.words(i, "hong", "kong")) is not None:
        zone = ("", "Hong Kong")
    else:
        t = m.tok(i)
        if t is None or t.kind != "word":
            return None
        j = m.skip(i) + 1
        if t.word in _ZONES:
            zone = _ZONES[t.word]
        elif t.word in _ws(_REFUSED_ZONES):
            zone = ("", t.text)
        else:
            return None
    return zone, m.opt(j, "time")


def _r_window(m: _M, i: int) -> _Hit | None:
    between = m.word(i, "between")
    j = between if between is not None else m.opt(i, "from")
    first = _timepoint(m, j)
    if first is None:
        return None
    start, j = first
    zone = _zone(m, j)
    z1 = None
    if zone is not None:
        z1, j = zone
    sep = m.word(j, "to until till through thru")
    if sep is None:
        sep = m.sym(j, "-")
    if sep is None and between is not None:
        sep = m.word(j, "and")
    if sep is None:
        return None
    second = _timepoint(m, sep)
    if second is None:
        return None
    end, j = second
    zone = _zone(m, j)
    z2 = None
    if zone is not None:
        z2, j = zone
    if start.bare and end.bare and z1 is None and z2 is None:
        return None  # "between 9 and 21" is no time without a clock, am/pm or a zone
    if z1 is not None and z2 is not None and z1 != z2:
        return j, "window", _Window(start, end, ("!", f"{z1[1]} and {z2[1]}"))
    return j, "window", _Window(start, end, z2 or z1)


# Sessions, in their own zone: New York cash hours, London stock-exchange hours.
_SESSIONS: Final[dict[str, tuple[tuple[int, int], tuple[int, int], _Zone]]] = {
    "ny": ((9, 30), (16, 0), _ZONES["ny"]),
    "london": ((8, 0), (16, 30), _ZONES["london"]),
}


def _r_session(m: _M, i: int) -> _Hit | None:
    found = (m.words(i, "regular", "trading", "hour") or m.words(i, "regular", "hour") or m.word(i, "rth")
             or m.words(i, "market", "hour"))
    if found is not None:
        return found, "session", "ny"
    key = None
    j = m.words(i, "new", "york")
    if j is not None:
        key = "ny"
    elif (j := m.word(i, "ny et us american nyse cash")) is not None:
        key = "ny"
    elif (j := m.word(i, "london uk european europe")) is not None:
        key = "london"
    if key is None or j is None:
        return None
    end = m.word(m.opt(j, "trading"), "session hour")
    return (end, "session", key) if end is not None else None


def _r_flat(m: _M, i: int) -> _Hit | None:
    j = m.word(i, "flat flatten exit out close")
    if j is None:
        return None
    j = m.word(m.opt(j, "all everything position trade"), "by at before")
    if j is None:
        return None
    point = _timepoint(m, j)
    if point is None:
        return None
    clock, j = point
    zone = _zone(m, j)
    z = None
    if zone is not None:
        z, j = zone
    if clock.bare and z is None:
        return None
    return j, "flat", (clock, z)


def _r_time(m: _M, i: int) -> _Hit | None:
    """A single time: the start of an opening range ("from 9:30 New York", "at the New York open")."""
    j = m.opt(m.opt(i, "from start begin"), "at")
    zone = _zone(m, j)
    if zone is not None:  # "the New York open"
        opened = m.word(zone[1], "open")
        if opened is None or zone[0][0] not in ("America/New_York", EXCHANGE_TZ, "Europe/London"):
            return None
        at = _Clock(8, 0, "", False, "08:00") if zone[0][0] == "Europe/London" else _Clock(9, 30, "", False, "9:30")
        ny = zone[0][0] != "Europe/London"
        return opened, "time", (at, _ZONES["ny"] if ny else zone[0])
    point = _timepoint(m, j)
    if point is None:
        return None
    clock, j = point
    zone = _zone(m, j)
    z = None
    if zone is not None:
        z, j = zone
    if clock.bare and z is None:
        return None
    return m.opt(j, "open"), "time", (clock, z)


def _qty(m: _M, i: int) -> tuple[_Qty, int] | None:
    t = m.tok(i)
    if t is None:
        return None
    if t.kind == "sym" and t.word == "$":
        number = m.num(m.skip(i) + 1)
        return (_Qty("usd", number[0].num or Decimal(0), number[0].text), number[1]) if number else None
    if t.kind == "ratio" and t.num is not None:
        return _Qty("ratio", t.num, t.text, value2=t.num2), m.skip(i) + 1
    twice = m.word(i, "twice")
    if twice is not None:
        j = m.word(twice, "risk stop r")
        return (_Qty("r", Decimal(2), "twice"), j) if j is not None else None
    number = m.num(i)
    if number is None or number[0].num is None:
        return None
    n, j = number
    value = n.num or Decimal(0)
    for spec, unit in (("tick", "ticks"), ("point", "points"), ("dollar", "usd")):
        found = m.word(j, spec)
        if found is not None:
            return _Qty(unit, value, n.text), found
    found = m.word(j, "r")
    if found is not None:
        return _Qty("r", value, n.text), m.opt(found, "multiple")
    k = m.opt(j, "x times")
    if k != j and (found := m.word(k, "risk stop r")) is not None:  # "2x risk", "2 times the stop"
        return _Qty("r", value, n.text), found
    period: _Tok | None = None
    inner = m.num(k)
    if inner is not None:  # "1.5 times the 10-period ATR"
        period, k = inner[0], m.opt(inner[1], "period bar length")
    found = m.word(k, "atr")
    if found is not None:
        if period is None:
            after = m.num(found)
            if after is not None and not m.unit_follows(after[1]):  # "1.5 ATR(10)"
                period, found = after[0], m.opt(after[1], "period bar")
        return _Qty("atr", value, n.text, period=period), found
    return _Qty("bare", value, n.text), j


def _stopword(m: _M, i: int) -> int | None:
    found = m.word(m.opt(i, "protective hard initial"), "stop sl")
    return None if found is None else m.opt(found, "loss")


def _r_stop(m: _M, i: int) -> _Hit | None:
    j = _stopword(m, i)
    if j is not None:
        qty = _qty(m, m.opt(m.opt(j, "at"), "to"))
        return (qty[1], "stop", qty[0]) if qty is not None else None
    if m.t[i].kind in ("num", "sym"):
        qty = _qty(m, i)
        if qty is not None:
            j = _stopword(m, qty[1])
            if j is not None:
                return j, "stop", qty[0]
    j = m.word(i, "risk")
    if j is not None:
        qty = _qty(m, j)
        if qty is not None and qty[0].unit in ("ticks", "points", "usd", "atr"):
            return qty[1], "stop", qty[0]
    return None


def _targetword(m: _M, i: int) -> int | None:
    found = (m.words(i, "take", "profit") or m.words(i, "profit", "target") or m.words(i, "target", "profit")
             or m.word(i, "target tp profit"))
    return None if found is None else m.opt(found, "taker")


def _rr(m: _M, i: int) -> int | None:
    found = (m.words(i, "risk", "reward") or m.words(i, "reward", "risk") or m.words(i, "risk", "to", "reward")
             or m.words(i, "reward", "to", "risk") or m.word(i, "rr") or m.words(i, "r", "r"))
    return None if found is None else m.opt(found, "ratio")


def _r_target(m: _M, i: int) -> _Hit | None:
    j = _targetword(m, i)
    if j is not None:
        qty = _qty(m, m.opt(m.opt(j, "at"), "to"))
        if qty is None:
            return None
        end = qty[1]
        if qty[0].unit == "ratio":
            end = _rr(m, end) or end
        return end, "target", qty[0]
    j = _rr(m, i)
    if j is not None:
        qty = _qty(m, m.opt(j, "at"))
        if qty is None or qty[0].unit not in ("ratio", "bare", "r"):
            return None
        value = qty[0] if qty[0].unit != "bare" else replace(qty[0], unit="r")
        return m.opt(qty[1], "target"), "target", value
    if m.t[i].kind in ("num", "sym", "ratio", "word"):
        qty = _qty(m, i) if m.t[i].kind != "word" or m.t[i].word == "twice" else None
        if qty is None:
            return None
        k = qty[1]
        if qty[0].unit == "ratio":
            rr = _rr(m, k)
            if rr is not None:
                return _targetword(m, rr) or rr, "target", qty[0]
        found = _targetword(m, k)
        if found is not None:
            return found, "target", qty[0]
    return None


def _duration(m: _M, i: int) -> tuple[_Duration, int] | None:
    number = m.num(i)
    if number is None or number[0].num is None:
        return None
    n, j = number
    for spec, unit in (("bar", "bar"), ("minute m", "minute"), ("hour h", "hour")):
        found = m.word(j, spec)
        if found is not None:
            end = m.words(found, "in", "trade") or m.words(found, "in", "position") or m.opt(found, "held")
            return _Duration(n.num or Decimal(0), unit, f"{n.text} {m.t[found - 1].text}"), end
    return None


def _r_maxbars(m: _M, i: int) -> _Hit | None:
    j = m.word(i, "exit close out flat")
    after = m.word(i if j is None else j, "after")
    if after is not None:  # "exit after 10 bars", "after 30 minutes"
        found = _duration(m, after)
        return (found[1], "maxbars", found[0]) if found is not None else None
    if j is not None:
        return None
    found_max = m.word(i, "max")
    if found_max is not None:  # "max 10 bars in trade", "maximum hold 10 bars", "max bars in trade 10"
        k = m.opt(found_max, "hold holding")
        found = _duration(m, k)
        if found is not None:
            return found[1], "maxbars", found[0]
        bars = m.word(k, "bar")
        if bars is not None:
            bars = m.words(bars, "in", "trade") or m.opt(bars, "held")
            number = m.num(bars)
            if number is not None and number[0].num is not None:
                return number[1], "maxbars", _Duration(number[0].num, "bar", number[0].text)
        return None
    held = m.word(i, "hold holding keep stay")
    if held is not None:  # "hold for at most 10 bars"
        k = m.opt(held, "for")
        k = m.words(k, "at", "most") or m.words(k, "up", "to") or m.words(k, "no", "more", "than") or m.opt(k, "max")
        found = _duration(m, k)
        return (found[1], "maxbars", found[0]) if found is not None else None
    stop = m.words(i, "time", "stop") or m.words(i, "stop", "after")
    if stop is not None:  # "time stop 10 bars", "stop after 10 bars"
        found = _duration(m, m.opt(stop, "after at"))
        return (found[1], "maxbars", found[0]) if found is not None else None
    if m.t[i].kind == "num":  # "10 bar time stop", "10 bars max"
        found = _duration(m, i)
        if found is not None and found[0].unit == "bar":
            end = m.words(found[1], "time", "stop") or m.word(found[1], "max")
            if end is not None:
                return m.opt(end, "hold"), "maxbars", found[0]
    return None


def _r_size(m: _M, i: int) -> _Hit | None:
    number = m.first_num(i)
    if number is not None:
        found = m.word(number[1], "contract")
        if found is not None:
            return found, "size", (number[0], None)
        at = m.skip(number[1])
        symbol = _r_instrument(m, at) if at < m.n else None
        found = m.word(symbol[0], "contract") if symbol is not None else None
        # "2 NQ contracts": a size that names the instrument too
        return (found, "size", (number[0], symbol[2] if symbol else None)) if found is not None else None
    found = m.word(i, "size contract")
    if found is not None:
        number = m.num(m.opt(found, "at to"))
        if number is not None:
            return m.opt(number[1], "contract"), "size", (number[0], None)
    return None


def _direction_word(m: _M, i: int) -> tuple[str, int] | None:
    j = m.opt(i, "go get enter")
    found = m.word(j, "long buy")
    if found is not None:
        return "long", found
    found = m.word(j, "short sell")
    if found is not None:
        return "short", m.opt(found, "short")
    return None


def _r_direction(m: _M, i: int) -> _Hit | None:
    first = _direction_word(m, i)
    if first is not None:
        side, j = first
        sep = m.word(j, "and or")
        if sep is None:
            sep = m.sym(j, "/")
        if sep is not None:
            second = _direction_word(m, sep)
            if second is not None and second[0] != side:  # "long and short", "buy or sell", "long/short"
                return m.opt(second[1], "only"), "dir", f"both:{side}"
        return m.opt(j, "only"), "dir", side
    found = m.word(i, "both either")
    if found is not None:
        end = m.word(found, "direction way side")
        if end is not None:
            return end, "dir", "both:long"
    return None


def _r_exit(m: _M, i: int) -> _Hit | None:
    j = (m.word(i, "exit flatten cover") or m.words(i, "get", "out") or m.words(i, "close", "position")
         or m.words(i, "close", "trade"))
    if j is None:
        return None
    k = m.opt(m.opt(j, "position trade"), "on at when if with upon")
    opposite = m.word(k, "opposite reverse other")
    if opposite is not None:  # "exit on the opposite cross"
        return m.opt(opposite, "cross crossover signal"), "opposite", None
    back = m.words(m.opt(k, "they"), "cross", "back")
    if back is not None and m.word(back, "above below over under") is None:  # "exit when it crosses back"
        return back, "opposite", None
    crossed = m.word(m.opt(k, "they"), "cross")
    if crossed is not None:  # "exit when it crosses below": the cross back, said with nothing after it
        end = m.opt(m.opt(crossed, "back"), "above below over under")
        after = m.tok(end)
        if end > crossed and (after is None or after.kind == "end"):
            return end, "opposite", None
    return j, "exit", None


def _ma_word(m: _M, i: int) -> tuple[str, bool, int] | None:
    """(node type, whether SMA was assumed, index after) of an average's name."""
    for spec in ("ema", "sma", "wma"):
        found = m.word(i, spec)
        if found is not None:
            return spec, False, found
    found = m.word(i, "exponential")
    if found is not None:
        return "ema", False, m.opt(m.opt(found, "moving"), "average")
    found = m.words(i, "simple", "moving", "average") or m.words(i, "simple", "average")
    if found is not None:
        return "sma", False, found
    found = m.words(i, "weighted", "moving", "average") or m.words(i, "weighted", "average")
    if found is not None and m.word(found, "price") is None:
        return "wma", False, found
    found = m.words(i, "moving", "average") or m.word(i, "ma")
    if found is not None:
        return "sma", True, found
    return None


def _r_pair(m: _M, i: int) -> _Hit | None:
    """Two averages of one kind: "9/21 EMA cross", "9 and 21 EMA crossover", "EMA 9/21"."""
    number = m.first_num(i)
    if number is not None:
        sep = m.sym(number[1], "/") or m.sym(number[1], "-")
        by_and = False
        if sep is None:
            sep, by_and = m.word(number[1], "and"), True
        if sep is None:
            return None
        second = m.num(sep)
        if second is None:
            return None
        name = _ma_word(m, second[1])
        if name is None or (by_and and m.word(name[2], "cross crossover") is None):
            return None
        return name[2], "pair", (name[0], name[1], number[0], second[0])
    name = _ma_word(m, i)
    if name is None:
        return None
    first = m.num(name[2])
    if first is None:
        return None
    sep = m.sym(first[1], "/") or m.sym(first[1], "-")
    second = m.num(sep) if sep is not None else None
    if second is None:
        return None
    return second[1], "pair", (name[0], name[1], first[0], second[0])


def _r_ma(m: _M, i: int) -> _Hit | None:
    role = None
    j = m.word(i, "fast faster quick")
    if j is not None:
        role = "fast"
    else:
        j = m.word(i, "slow slower")
        role = "slow" if j is not None else None
    j = i if j is None else j
    number = m.first_num(j) if j == i else m.num(j)
    if number is not None:  # "9 EMA", "200-day moving average", "fast 10-period SMA"
        days = m.word(number[1], "day")
        k = days if days is not None else m.opt(number[1], "period bar length")
        name = _ma_word(m, k)
        if name is not None:
            return name[2], "operand", _Operand(name[0], nums=(number[0],), role=role, sma_assumed=name[1],
                                                days=days is not None)
        return None
    name = _ma_word(m, j)
    if name is None:
        return None
    k = m.opt(name[2], "period length")
    number = m.num(k)
    if number is not None and not m.unit_follows(number[1]):  # "EMA 9", "SMA(10)", "EMA of 50"
        return m.opt(number[1], "period bar"), "operand", _Operand(name[0], nums=(number[0],), role=role,
                                                                   sma_assumed=name[1])
    return name[2], "operand", _Operand(name[0], role=role, sma_assumed=name[1])


def _r_rsi(m: _M, i: int) -> _Hit | None:
    period = m.first_num(i)
    j = i if period is None else m.opt(period[1], "period bar length")
    found = m.words(j, "relative", "strength", "index") or m.words(j, "relative", "strength") or m.word(j, "rsi")
    if found is None:
        return None
    nums = () if period is None else (period[0],)
    if period is None:
        after = m.num(found)
        if after is not None and not m.unit_follows(after[1]):  # "RSI(14)", "RSI 14"
            nums, found = (after[0],), m.opt(after[1], "period bar")
    return found, "operand", _Operand("rsi", nums=nums)


def _numbers(m: _M, i: int, count: int) -> tuple[tuple[_Tok, ...], int] | None:
    """Exactly `count` numbers, maybe joined by "-" or "/": "12 26 9", "12-26-9", "12/26/9"."""
    out: list[_Tok] = []
    j = i
    while len(out) < count:
        if out:
            j = m.sym(j, "-") or m.sym(j, "/") or j
        number = m.num(j)
        if number is None:
            return None
        out.append(number[0])
        j = number[1]
    return tuple(out), j


def _r_macd(m: _M, i: int) -> _Hit | None:
    j = m.word(i, "macd")
    if j is not None:
        params = _numbers(m, j, 3)
        nums: tuple[_Tok, ...] = ()
        if params is not None:
            nums, j = params
        hist = m.word(j, "histogram")
        if hist is not None:
            return hist, "operand", _Operand("macd", "hist", nums)
        return m.opt(j, "line"), "operand", _Operand("macd", "macd", nums)
    j = m.word(i, "histogram")
    if j is not None:
        nums = ()
        k = m.word(j, "macd")
        if k is not None:
            j = k
            params = _numbers(m, j, 3)
            if params is not None:
                nums, j = params
        return j, "operand", _Operand("macd", "hist", nums)
    j = m.word(i, "signal")
    if j is not None and (m.macd or m.word(j, "line") is not None):
        return m.opt(j, "line"), "operand", _Operand("macd", "signal")
    return None


_BAND_SIDES: Final = "upper lower middle"


def _r_bollinger(m: _M, i: int) -> _Hit | None:
    nums: list[_Tok] = []
    j = i
    first = m.first_num(i)
    if first is not None:  # "20-period Bollinger bands"
        nums.append(first[0])
        j = m.opt(first[1], "period bar length")
    side = None
    found = m.word(j, _BAND_SIDES)
    if found is not None:
        side, j = m.which(j), found
    found = m.word(j, "bollinger")
    if found is not None:
        j = m.opt(found, "band")
    else:
        found = m.word(j, "band")
        if found is None or side is None:  # "band" alone names Bollinger bands only with a side
            return None
        j = found
    if side is None:
        found = m.word(j, _BAND_SIDES)
        if found is not None:
            side, j = m.which(j), m.opt(found, "band")
    breakout = m.word(j, "breakout")  # "Bollinger breakout (20, 2.5)": the params may follow
    if breakout is not None:
        j = breakout
    while len(nums) < 2:  # "(20, 2)", "20 2.5", "20 period 2 standard deviations"
        if nums:
            j = m.sym(j, "/") or m.opt(j, "and with x")
        number = m.num(j)
        if number is None or m.unit_follows(number[1]):
            break
        nums.append(number[0])
        j = m.opt(number[1], "period bar length") if len(nums) == 1 else number[1]
        while (more := m.word(j, "std")) is not None:
            j = more
    return j, "operand", _Operand("bollinger", side, tuple(nums), breakout=breakout is not None)


def _r_nbar(m: _M, i: int) -> _Hit | None:
    j = m.opt(i, "last")
    number = m.first_num(j) if j == i else m.num(j)
    if number is not None:  # "20-bar high", "previous 10 bar low", "20 bar breakout"
        days = m.word(number[1], "day")
        found = days if days is not None else m.word(number[1], "bar period")
        if found is None:
            return None
        side = m.which(found)
        if side in ("high", "highest", "low", "lowest"):
            end = m.opt(m.skip(found) + 1, "high low close")
            return end, "operand", _Operand("nbar", side.removesuffix("est"), (number[0],), days=days is not None)
        if side in ("breakout", "break", "breakdown", "range"):
            return m.opt(found, "range"), "operand", _Operand("nbar", None, (number[0],), days=days is not None)
        return None
    side = m.which(i)
    if side not in ("high", "highest", "low", "lowest") or m.t[i].kind != "word":
        return None
    k = m.opt(m.opt(i + 1, "high low close"), "over in")
    last = m.word(k, "last")
    if last is None and side in ("high", "low"):
        return None  # "high of the last 20 bars", but not "high" alone
    number = m.num(k if last is None else last)
    if number is None:
        return None
    days = m.word(number[1], "day")
    found = days if days is not None else m.word(number[1], "bar period")
    if found is None:
        return None
    return found, "operand", _Operand("nbar", side.removesuffix("est"), (number[0],), days=days is not None)


def _range_minutes(m: _M, i: int) -> tuple[Decimal, str, int] | None:
    """"15 minute(s)", "1 hour", or "hour" alone ("the first hour"): (minutes, as typed, index after)."""
    number = m.num(i)
    if number is None:
        found = m.word(i, "hour")
        return (Decimal(60), "hour", found) if found is not None else None
    n, j = number
    value = n.num or Decimal(0)
    found = m.word(j, "minute m")
    if found is not None:
        return value, f"{n.text} minutes", found
    found = m.word(j, "hour h")
    if found is not None:
        return value * 60, f"{n.text} hours", found
    return None


def _r_range(m: _M, i: int) -> _Hit | None:
    side = m.which(i) if m.which(i) in ("high", "low") and m.t[i].kind == "word" else None
    j = i + 1 if side is not None else i
    first = m.word(j, "first")
    if first is not None:  # "the first 15 minutes", "high of the first 30 minutes"
        span = _range_minutes(m, first)
        if span is None:
            return None
        k = m.opt(span[2], "range")
        if side is None and m.which(k) in ("high", "low"):
            side, k = m.which(k), m.skip(k) + 1
        brk = m.word(k, "breakout break")
        return (brk or k), "operand", _Operand("range", side, breakout=brk is not None, value=span[0], text=span[1])
    span = None
    if m.t[j].kind == "num" if j < m.n else False:
        span = _range_minutes(m, j)
        if span is not None:
            j = span[2]
    orb = m.word(j, "orb")
    core = orb or m.words(j, "opening", "range") or m.words(j, "open", "range")
    if core is None and (span is not None or m.which(j + 1) in ("high", "low")):
        core = m.word(j, "or")  # "the 30-minute OR", "OR high"
    if core is None and side is None and m.which(j + 1) in ("high", "low"):
        core = m.word(j, "range")  # "range high"
    if core is None:
        return None
    k = core
    if side is None and m.which(k) in ("high", "low"):
        side, k = m.which(k), m.skip(k) + 1
    brk = m.word(k, "breakout break")
    if brk is not None:
        k = brk
    if span is None:
        found = m.word(k, "first")
        span = _range_minutes(m, found if found is not None else k)
        if span is not None:
            k = span[2]
    minutes: Decimal | None = span[0] if span is not None else None
    text = span[1] if span is not None else ""
    return k, "operand", _Operand("range", side, breakout=orb is not None or brk is not None, value=minutes, text=text)


def _r_vwap(m: _M, i: int) -> _Hit | None:
    j = m.opt(i, "session daily intraday")
    found = m.word(j, "vwap") or m.words(j, "volume", "weighted", "average", "price")
    return (found, "operand", _Operand("vwap")) if found is not None else None


def _r_price(m: _M, i: int) -> _Hit | None:
    found = m.words(i, "typical", "price")
    if found is not None:
        return found, "operand", _Operand("price", "typical")
    found = m.words(i, "last", "price") or m.word(i, "close price")
    if found is not None:
        return m.opt(found, "price"), "operand", _CLOSE
    return None


def _r_zero(m: _M, i: int) -> _Hit | None:
    found = m.word(i, "zero")
    return (found, "operand", _ZERO) if found is not None else None


_UP: Final = "above over upward upside higher up"
_DOWN: Final = "below under downward downside lower down beneath"
_OPS: Final = {">": "up", ">=": "up", "<": "down", "<=": "down"}


def _r_cmp(m: _M, i: int) -> _Hit | None:
    t = m.t[i]
    if t.kind == "sym" and t.word in _OPS:
        return i + 1, "cmp", _Cmp("cmp", _OPS[t.word], t.word)
    if t.kind != "word":
        return None
    j = m.word(i, "cross crossover")
    if j is not None:  # "crosses above", "crossed back below", "crosses over", "cross"
        k = m.opt(j, "back")
        for spec, sense in ((_UP, "up"), (_DOWN, "down")):
            found = m.word(k, spec)
            if found is not None:
                return m.opt(found, "through"), "cmp", _Cmp("cross", sense)
        return j, "cmp", _Cmp("cross", None)
    j = m.word(i, "break breakout")
    if j is not None:  # "breaks above", "breaks out below", "breakout", "breaks the 20-bar high"
        k = m.opt(m.opt(j, "out down"), "back")
        for spec, sense in ((_UP, "up"), (_DOWN, "down")):
            found = m.word(k, spec)
            if found is not None:
                return m.opt(found, "through"), "cmp", _Cmp("cross", sense)
        return m.opt(k, "through"), "cmp", _Cmp("cross", None)
    j = m.word(i, "breakdown")
    if j is not None:
        return j, "cmp", _Cmp("cross", "down")
    j = m.word(i, "bullish bearish")
    if j is not None:
        sense = "up" if m.which(i) == "bullish" else "down"
        found = m.word(j, "cross crossover")
        return (found, "cmp", _Cmp("cross", sense)) if found is not None else (j, "sense", sense)
    j = m.word(i, "move rise go climb jump pop push rally spike get run")
    if j is not None:
        found = m.word(m.opt(j, "back"), "above over")
        if found is not None:
            return found, "cmp", _Cmp("cross", "up")
    j = m.word(i, "fall drop dip move go sink slip slide plunge get")
    if j is not None:
        found = m.word(m.opt(j, "back"), "below under")
        if found is not None:
            return found, "cmp", _Cmp("cross", "down")
    j = m.word(i, "close")
    if j is not None:  # "closes above": a compare whose subject is the close
        k = m.opt(j, "back")
        for spec, op in (("above over", ">"), ("below under", "<")):
            found = m.word(k, spec)
            if found is not None:
                return found, "cmp", _Cmp("cmp", _OPS[op], op)
        return None
    j = m.word(i, "turn flip go cross move become")
    if j is not None:
        for spec, sense in (("positive", "up"), ("negative", "down")):
            found = m.word(j, spec)
            if found is not None:
                return found, "cmp", _Cmp("zero_cross", sense)
    j = m.words(i, "at", "or")
    if j is not None:
        for spec, op in (("above higher", ">="), ("below lower", "<=")):
            found = m.word(j, spec)
            if found is not None:
                return found, "cmp", _Cmp("cmp", _OPS[op], op)
        return None
    j = m.word(m.opt(i, "stay hold remain trade"), "above over")
    if j is not None:
        equal = m.words(j, "or", "equal") or m.words(j, "or", "at")
        return (equal, "cmp", _Cmp("cmp", "up", ">=")) if equal else (j, "cmp", _Cmp("cmp", "up", ">"))
    j = m.word(m.opt(i, "stay hold remain trade"), "below under beneath")
    if j is not None:
        equal = m.words(j, "or", "equal") or m.words(j, "or", "at")
        return (equal, "cmp", _Cmp("cmp", "down", "<=")) if equal else (j, "cmp", _Cmp("cmp", "down", "<"))
    j = m.words(i, "greater higher more", "than") or m.word(i, "exceed")
    if j is not None:
        return j, "cmp", _Cmp("cmp", "up", ">")
    j = m.words(i, "less lower", "than")
    if j is not None:
        return j, "cmp", _Cmp("cmp", "down", "<")
    for spec, sense in (("positive", "up"), ("negative", "down")):
        j = m.word(i, spec)
        if j is not None:
            return j, "cmp", _Cmp("zero_cmp", sense)
    j = m.word(i, "oversold overbought")
    if j is not None:
        over = m.which(i) == "overbought"
        return j, "cmp", _Cmp("level", "up" if over else "down", ">" if over else "<", level=70 if over else 30)
    return None


def _r_connector(m: _M, i: int) -> _Hit | None:
    t = m.t[i]
    if t.kind == "word" and t.word in ("and", "plus", "but", "or", "new"):
        return i + 1, "or" if t.word == "or" else "new" if t.word == "new" else "and", None
    if t.kind == "sym" and t.word == "/":
        return i + 1, "slash", None
    if t.kind == "num":
        return i + 1, "num", t
    if t.kind == "end":
        return i + 1, "end", None
    return None


_MA_STARTS: Final = "ema sma wma exponential simple weighted moving ma"
_ZONE_STARTS: Final = f"new hong {' '.join(_ZONES)} {_REFUSED_ZONES}"

# First match wins at each token, so the order settles overlaps: a session before a zone's "New York",
# bars in trade before a stop ("time stop 10 bars") and before averages ("10 bar time stop"), the
# opening range before N-bar highs ("high of the first 15 minutes"), pairs before single averages.
# Each recognizer says which tokens it can start at (token kinds, canonical words): at a token only
# those are tried, which keeps the reading at a few microseconds a token.
_RECOGNIZERS: Final[tuple[tuple[Callable[[_M, int], _Hit | None], str, str], ...]] = (
    (_r_instrument, "", f"{' '.join(_SYMBOLS)} micro emini mini e nasdaq nq s&p sp spx es"),
    (_r_timeframe, "num", "hourly daily"),
    (_r_window, "num clock", "between from"),
    (_r_session, "", "regular rth market new ny et us american nyse cash london uk european europe"),
    (_r_flat, "", "flat flatten exit out close"),
    (_r_time, "num clock", f"from start begin at {_ZONE_STARTS}"),
    (_r_maxbars, "num", "exit close out flat after max hold holding keep stay time stop"),
    (_r_stop, "num sym", "protective hard initial stop sl risk"),
    (_r_target, "num sym ratio", "take profit target tp risk reward rr r twice"),
    (_r_size, "num", "size contract"),
    (_r_direction, "", "go get enter long buy short sell both either"),
    (_r_exit, "", "exit flatten cover get close"),
    (_r_range, "num", "high low first orb opening open or range"),
    (_r_vwap, "", "session daily intraday vwap volume"),
    (_r_bollinger, "num", "upper lower middle bollinger band"),
    (_r_macd, "", "macd histogram signal"),
    (_r_rsi, "num", "relative rsi"),
    (_r_nbar, "num", "last high highest low lowest"),
    (_r_pair, "num", _MA_STARTS),
    (_r_ma, "num", f"fast faster quick slow slower {_MA_STARTS}"),
    (_r_cmp, "sym", "cross crossover break breakout breakdown bullish bearish move rise go climb jump pop push rally "
     "spike get run fall drop dip sink slip slide plunge close turn flip become at stay hold remain trade above "
     "over below under beneath greater higher more exceed less lower positive negative oversold overbought"),
    (_r_price, "", "typical last close price"),
    (_r_zero, "", "zero"),
    (_r_connector, "sym num end", "and plus but or new"),
)


def _index() -> tuple[dict[str, tuple[Callable[[_M, int], _Hit | None], ...]],
                      dict[str, tuple[Callable[[_M, int], _Hit | None], ...]]]:
    by_word: dict[str, list[Callable[[_M, int], _Hit | None]]] = {}
    by_kind: dict[str, list[Callable[[_M, int], _Hit | None]]] = {}
    for recognize, kinds, words in _RECOGNIZERS:
        for kind in kinds.split():
            by_kind.setdefault(kind, []).append(recognize)
        for word in words.split():
            by_word.setdefault(word, []).append(recognize)
    return ({k: tuple(v) for k, v in by_word.items()}, {k: tuple(v) for k, v in by_kind.items()})


_BY_WORD, _BY_KIND = _index()


def _phrases(toks: Sequence[_Tok]) -> tuple[list[_Item], list[_Tok]]:
    """The items of the prompt, and the tokens no phrase took (filler or not understood)."""
    m = _M(toks)
    items: list[_Item] = []
    left: list[_Tok] = []
    i = 0
    while i < m.n:
        t = toks[i]
        for recognize in _BY_WORD.get(t.word, ()) if t.kind == "word" else _BY_KIND.get(t.kind, ()):
            hit = recognize(m, i)
            if hit is not None and hit[0] > i:
                end, kind, value = hit
                items.append(_Item(kind, toks[i].a, toks[end - 1].b, value))
                i = end
                break
        else:
            left.append(toks[i])
            i += 1
    return items, left


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


# ---- resolution: series with their params ----------------------------------------------------------

@dataclass(frozen=True)
class _Series:
    """A series the graph computes: a node type, its params, the output port (price: its field)."""

    type: str
    port: str
    params: tuple[tuple[str, Any], ...] = ()
    role: str | None = None

    def param(self, name: str) -> Any:
        return dict(self.params)[name]


@dataclass(frozen=True)
class _Rule:
    node: str  # crosses_above, crosses_below, compare
    op: str | None
    a: _Series
    b: _Series
    extreme: bool = False  # a breakout read as a new closing extreme
    written: str = ""  # the phrase it comes from


_CLOSE_SERIES: Final = _Series("price", "close", (("field", "close"),))


def _fmt(value: Decimal | float | int) -> str:
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format(d.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _bounds(type_: str, param: str) -> tuple[Any, Any, Any, bool]:
    prop = NODE_TYPES_BY_NAME[type_].params_schema["properties"][param]
    return prop.get("minimum"), prop.get("maximum"), prop.get("exclusiveMinimum"), prop.get("type") == "integer"


def _param(cx: _Ctx, type_: str, param: str, value: Decimal, text: str, what: str) -> int | float | None:
    """A number for a param, checked against the catalogue's schema for it; None (and a problem) when out."""
    low, high, above, integer = _bounds(type_, param)
    if not value.is_finite():
        cx.problem(text, f"{what} {text} is not a number Vix can use.")
        return None
    if integer and value != value.to_integral_value():
        cx.problem(text, f"{what} must be a whole number, not {text}.")
        return None
    if (low is not None and value < Decimal(str(low))) or (high is not None and value > Decimal(str(high))) \
            or (above is not None and value <= Decimal(str(above))):
        lower = f"more than {above}" if above is not None else f"at least {low}"
        cx.problem(text, f"{what} {text} is out of range: it must be {lower} and at most {high}.")
        return None
    return int(value) if integer else float(value)


@dataclass
class _Resolver:
    """Turns operands into series: params from the prompt or inherited from an earlier mention of the same
    indicator, else the catalogue's defaults (said as assumptions); bounds from the catalogue."""

    cx: _Ctx
    timeframe: str
    range_start: str  # exchange time
    given: dict[str, tuple[_Tok, ...]] = field(default_factory=dict)
    range_minutes: tuple[Decimal, str] | None = None

    def learn(self, operand: _Operand) -> None:
        if operand.kind in ("rsi", "macd", "bollinger") and operand.nums:
            self.given.setdefault(operand.kind, operand.nums)
        if operand.kind == "range" and operand.value is not None and self.range_minutes is None:
            self.range_minutes = (operand.value, operand.text)

    def period(self, operand: _Operand, type_: str, label: str, default: int, param: str = "period") -> int | None:
        if not operand.nums:
            self.cx.assume(f"{label} period {default} (none was given).")
            return default
        tok = operand.nums[0]
        if operand.days and self.timeframe != "1d":
            self.cx.problem(f"{tok.text} day", f"A period of {tok.text} days needs the daily timeframe (1d); "
                            f"give it in bars for {self.timeframe} bars.")
            return None
        value = _param(self.cx, type_, param, tok.num or Decimal(0), tok.text, f"The {label} period")
        return None if value is None else int(value)

    def series(self, o: _Operand, port: str | None) -> _Series | None:
        cx = self.cx
        if o.kind == "price":
            return _Series("price", o.port or "close", (("field", o.port or "close"),))
        if o.kind == "const":
            value = _param(cx, "constant", "value", o.value if o.value is not None else Decimal(0), o.text, "The level")
            if value is None:
                return None
            number = int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)
            return _Series("constant", "value", (("value", number),))
        if o.kind in ("ema", "sma", "wma"):
            if o.sma_assumed:
                cx.assume("\"moving average\" is a simple moving average (SMA).")
            if not o.nums and o.role is not None:
                default = 9 if o.role == "fast" else 21
                cx.assume(f"{o.role} {o.kind.upper()} period {default} (none was given).")
                return _Series(o.kind, "value", (("period", default),), o.role)
            period = self.period(o, o.kind, o.kind.upper(), 20)
            return None if period is None else _Series(o.kind, "value", (("period", period),), o.role)
        if o.kind == "rsi":
            period = self.period(replace(o, nums=o.nums or self.given.get("rsi", ())), "rsi", "RSI", 14)
            return None if period is None else _Series("rsi", "value", (("period", period),))
        if o.kind == "macd":
            nums = o.nums or self.given.get("macd", ())
            if not nums:
                cx.assume("MACD(12, 26, 9) (no periods were given).")
                values: list[int | float | None] = [12, 26, 9]
            else:
                values = [_param(cx, "macd", name, t.num or Decimal(0), t.text, f"The MACD {name} period")
                          for name, t in zip(("fast", "slow", "signal"), nums, strict=True)]
            if None in values:
                return None
            return _Series("macd", port or o.port or "macd",
                           tuple((k, int(v or 0)) for k, v in zip(("fast", "slow", "signal"), values, strict=True)))
        if o.kind == "bollinger":
            nums = o.nums or self.given.get("bollinger", ())
            if not nums:
                cx.assume("Bollinger bands (20, 2) (no params were given).")
            band_period = self.period(replace(o, nums=nums[:1]), "bollinger", "Bollinger", 20) if nums else 20
            dev: int | float | None = 2.0
            if len(nums) > 1:
                dev = _param(cx, "bollinger", "nbdev_up", nums[1].num or Decimal(0), nums[1].text,
                             "The Bollinger deviation")
            elif nums:
                cx.assume("Bollinger bands of 2 standard deviations (none were given).")
            if band_period is None or dev is None:
                return None
            return _Series("bollinger", port or o.port or "middle",
                           (("period", band_period), ("nbdev_up", float(dev)), ("nbdev_dn", float(dev))))
        if o.kind == "nbar":
            kind = "highest" if (port or o.port) == "high" else "lowest"
            n = self.period(o, kind, "N-bar", 20)
            return None if n is None else _Series(kind, "value", (("period", n),))
        if o.kind == "vwap":
            return _Series("vwap", "value")
        if o.kind == "range":
            if self.range_minutes is None:
                cx.assume("an opening range of 15 minutes (no length was given).")
                minutes: int | float | None = 15
            else:
                minutes = _param(cx, "opening_range", "minutes", self.range_minutes[0], self.range_minutes[1],
                                 "The opening range length in minutes")
            if minutes is None:
                return None
            return _Series("opening_range", port or o.port or "high", (("start", self.range_start),
                                                                        ("minutes", int(minutes))))
        raise AssertionError(f"unknown operand {o.kind}")

    def rule(self, c: _Cond, direction: str) -> _Rule | None:
        """The condition for one direction: a neutral sense takes the direction's side."""
        sense = c.sense or ("up" if direction == "long" else "down")
        up = sense == "up"
        if c.form == "breakout":
            if c.a.kind != "price":
                self.cx.problem(c.text, f"\"{c.text}\": only the price can break out of a range or band.")
                return None
            port = c.b.port
            if c.b.kind == "nbar":
                port = port or ("high" if up else "low")
                if (port == "high") != up:
                    self.cx.problem(c.text, f"\"{c.text}\": Vix reads an N-bar high only as broken upwards and an "
                                    "N-bar low only as broken downwards.")
                    return None
                extreme = self.series(replace(c.b, port=port), port)
                if extreme is None:
                    return None
                return _Rule("compare", ">=" if up else "<=", _CLOSE_SERIES, extreme, True, c.text)
            port = port or (("high" if up else "low") if c.b.kind == "range" else ("upper" if up else "lower"))
            band = self.series(c.b, port)
            if band is None:
                return None
            return _Rule("crosses_above" if up else "crosses_below", None, _CLOSE_SERIES, band, written=c.text)
        a = self.series(c.a, self._port(c.a, up))
        b = self.series(c.b, self._port(c.b, up))
        if a is None or b is None:
            return None
        if a == b or (a.type == "constant" and b.type == "constant"):
            self.cx.problem(c.text, f"\"{c.text}\" compares a series with itself or two numbers.")
            return None
        if c.form == "cross":
            return _Rule("crosses_above" if up else "crosses_below", None, a, b, written=c.text)
        return _Rule("compare", c.op or (">" if up else "<"), a, b, written=c.text)

    @staticmethod
    def _port(o: _Operand, up: bool) -> str | None:
        if o.port is not None:
            return o.port
        if o.kind == "bollinger":
            return "upper" if up else "lower"
        if o.kind == "range":
            return "high" if up else "low"
        return None


# ---- times -----------------------------------------------------------------------------------------

def _hm(clock: _Clock) -> tuple[int, int]:
    hour = clock.hour
    if clock.meridiem == "am":
        hour = 0 if hour == 12 else hour
    elif clock.meridiem == "pm":
        hour = 12 if hour == 12 else hour + 12
    return hour, clock.minute


def _span_hm(start: _Clock, end: _Clock) -> tuple[tuple[int, int], tuple[int, int]]:
    s, e = _hm(start), _hm(end)
    if not start.meridiem and end.meridiem == "pm" and s[0] < 12 and (s[0] + 12, s[1]) <= e:
        s = (s[0] + 12, s[1])  # "1 to 3 pm"
    if not end.meridiem and start.meridiem and e[0] < 12 and e < s:
        e = (e[0] + 12, e[1])  # "10 am to 2"
    return s, e


def _exchange(hm: tuple[int, int], zone: str) -> str:
    """HH:MM in exchange time of a time of day in `zone`, at the offsets of REFERENCE_DATE."""
    local = datetime.combine(REFERENCE_DATE, time(*hm), tzinfo=ZoneInfo(zone))
    there = local.astimezone(ZoneInfo(EXCHANGE_TZ))
    return f"{there.hour:02d}:{there.minute:02d}"


def _zone_of(cx: _Ctx, zone: _Zone | None, text: str) -> _Zone | None:
    if zone is None:
        cx.assume("times without a zone are exchange time (America/Chicago).")
        return EXCHANGE_TZ, "Chicago"
    if zone[0] == "!":
        cx.problem(text, f"\"{text}\" mixes two time zones ({zone[1]}).")
        return None
    if zone[0] == "":
        cx.problem(zone[1], f"Times in {zone[1].upper() if len(zone[1]) <= 4 else zone[1].title()} are not supported: "
                   "their offset to Chicago changes with US daylight saving time, so they cannot be one exchange-"
                   "time window all year. Give New York, Chicago or London time.")
        return None
    if zone[0].startswith("Europe/"):
        ahead = _hours_ahead(zone[0])
        cx.assume(f"{zone[1]} times are converted at the offsets of {REFERENCE_DATE.isoformat()} ({zone[1]} {ahead} "
                  "hours ahead of Chicago); in the few weeks a year when US and European clocks change on different "
                  "dates the window is an hour off.")
    return zone


def _hours_ahead(zone: str) -> int:
    noon = datetime.combine(REFERENCE_DATE, time(12, 0), tzinfo=ZoneInfo(zone))
    offset, exchange = noon.utcoffset(), noon.astimezone(ZoneInfo(EXCHANGE_TZ)).utcoffset()
    assert offset is not None and exchange is not None
    return int((offset - exchange).total_seconds() // 3600)


def _hhmm(hm: tuple[int, int]) -> str:
    return f"{hm[0]:02d}:{hm[1]:02d}"


def _in_exchange(cx: _Ctx, hm: tuple[int, int], zone: _Zone) -> tuple[str, str]:
    """(HH:MM exchange time, how the prompt said it when that was another zone)."""
    converted = _exchange(hm, zone[0])
    said = "" if zone[0] == EXCHANGE_TZ else f"{_hhmm(hm)} {zone[1]}"
    return converted, said


@dataclass(frozen=True)
class _TimeWindow:
    start: str
    end: str
    said: str  # in the prompt's zone, when not exchange time


# ---- the plan --------------------------------------------------------------------------------------

@dataclass
class _Plan:
    instrument: str
    timeframe: str
    entries: dict[str, tuple[tuple[_Rule, ...], ...]] = field(default_factory=dict)
    windows: list[_TimeWindow] = field(default_factory=list)
    exits: list[tuple[tuple[tuple[_Rule, ...], ...], str]] = field(default_factory=list)  # (rules, how said)
    flat: list[_TimeWindow] = field(default_factory=list)
    stop: dict[str, Any] | None = None
    target: dict[str, Any] | None = None
    max_bars: tuple[int, str] | None = None
    size: int | None = None


_GLOBAL_KINDS: Final = frozenset({"instrument", "timeframe", "window", "session", "time", "flat", "stop", "target",
                                  "maxbars", "size"})


def _dedupe(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))  # first occurrences, in order


def _choose(cx: _Ctx, what: str, found: list[tuple[str, str]], given: str | None, default: str) -> str:
    values = _dedupe([v for v, _ in found])
    if given is not None:
        others = _dedupe([v for v, _ in found if v != given])
        if others:
            cx.ignored.append(f"{what} {', '.join(others)} in the prompt; the request's {what} {given} is used.")
        return given
    if len(values) > 1:
        cx.problem(", ".join(_dedupe([t for _, t in found])),
                   f"The prompt names more than one {what} ({', '.join(values)}); a strategy has one.")
        return values[0]
    if values:
        return values[0]
    cx.assume(f"{what} {default} (none was named).")
    return default


def _one(cx: _Ctx, items: list[_Item], what: str) -> _Item | None:
    """The one stop (target, size...) of the prompt: repeats are ignored, different ones refused."""
    if not items:
        return None
    distinct = _dedupe([it.value for it in items])
    if len(distinct) > 1:
        cx.problem(", ".join(cx.span(it) for it in items), f"The prompt gives more than one {what} "
                   f"({'; '.join(cx.span(it) for it in items)}); a strategy has one.")
    elif len(items) > 1:
        cx.ignored.append(f"the repeated \"{cx.span(items[1])}\".")
    return items[0]


def _ticks(cx: _Ctx, q: _Qty, spec: InstrumentSpec, type_: str, what: str) -> int | None:
    if q.unit == "points":
        value, said = q.value / spec.tick_size, f"{q.text} points"
    elif q.unit == "usd":
        value, said = q.value / spec.tick_value, f"${q.text}"
    else:
        value, said = q.value, f"{q.text} ticks"
    if not value.is_finite() or value != value.to_integral_value():
        cx.problem(q.text, f"The {what} of {said} is not a whole number of {spec.symbol} ticks "
                   f"({_fmt(spec.tick_size)} points, ${spec.tick_value} each).")
        return None
    low, high, _, _ = _bounds(type_, "ticks")
    if not low <= value <= high:
        converted = "" if q.unit in ("ticks", "bare") else f" ({_fmt(value)} ticks)"
        cx.problem(q.text, f"The {what} of {said}{converted} is out of range: it must be at least {low} and at most "
                   f"{high} ticks.")
        return None
    return int(value)


def _stop(cx: _Ctx, q: _Qty, spec: InstrumentSpec) -> tuple[dict[str, Any], str] | None:
    if q.unit in ("ticks", "points", "usd", "bare"):
        ticks = _ticks(cx, q, spec, "stop_loss", "stop")
        if ticks is None:
            return None
        if q.unit == "bare":
            cx.assume(f"the stop of {q.text} is {q.text} ticks.")
        return ({"mode": "ticks", "ticks": ticks},
                f"Stop loss {ticks} ticks ({_points(ticks, spec)}) from the entry price.")
    if q.unit == "atr":
        multiple = _param(cx, "stop_loss", "atr_multiple", q.value, q.text, "The stop's ATR multiple")
        if q.period is None:
            cx.assume("ATR period 14 for the stop (none was given).")
            period: int | float | None = 14
        else:
            period = _param(cx, "stop_loss", "atr_period", q.period.num or Decimal(0), q.period.text, "The ATR period")
        if multiple is None or period is None:
            return None
        return ({"mode": "atr", "atr_multiple": float(multiple), "atr_period": int(period)},
                f"Stop loss {_fmt(multiple)} × ATR({int(period)}) from the entry price.")
    cx.problem(q.text, f"A stop of {q.text} R is circular: R is the stop distance. Give ticks, points or ATRs.")
    return None


def _points(ticks: int, spec: InstrumentSpec) -> str:
    points = _fmt(spec.tick_size * ticks)
    return f"{points} point{'' if points == '1' else 's'}"


def _target(cx: _Ctx, q: _Qty, spec: InstrumentSpec, has_stop: bool, text: str) -> tuple[dict[str, Any], str] | None:
    if q.unit in ("ticks", "points", "usd", "bare"):
        ticks = _ticks(cx, q, spec, "take_profit", "target")
        if ticks is None:
            return None
        if q.unit == "bare":
            cx.assume(f"the target of {q.text} is {q.text} ticks.")
        return ({"mode": "ticks", "ticks": ticks},
                f"Take profit {ticks} ticks ({_points(ticks, spec)}) from the entry price.")
    if q.unit == "atr":
        cx.problem(text, "A target in ATRs is not in the catalogue: give ticks, points or R (multiples of the stop).")
        return None
    value = q.value
    if q.unit == "ratio":
        second = q.value2 or Decimal(0)
        if value <= 0 or second <= 0:
            cx.problem(q.text, f"The ratio {q.text} has a zero term.")
            return None
        value = max(value, second) / min(value, second)  # "2:1" and "1:2" both mean twice the risk
    if not has_stop:
        cx.problem(text, f"\"{text}\" sets the target in multiples of the stop distance (R), but the prompt gives no "
                   "stop; add one, e.g. \"20 tick stop\".")
        return None
    multiple = _param(cx, "take_profit", "r_multiple", value, q.text, "The target's R multiple")
    if multiple is None:
        return None
    r = _fmt(multiple)
    return ({"mode": "r_multiple", "r_multiple": float(multiple)},
            f"Take profit at {r}R: {r} times the stop distance from the entry price.")


def _max_bars(cx: _Ctx, d: _Duration, timeframe: str) -> tuple[int, str] | None:
    if d.unit == "bar":
        bars = _param(cx, "max_bars_in_trade", "bars", d.value, d.text.split()[0], "The number of bars in a trade")
        return None if bars is None else (int(bars), "")
    minutes = d.value * (60 if d.unit == "hour" else 1)
    width = TIMEFRAME_DURATIONS.get(timeframe)
    if width is None:
        cx.problem(d.text, f"\"{d.text}\" cannot be counted in daily bars; give the number of bars.")
        return None
    per_bar = Decimal(int(width.total_seconds()) // 60)
    bars_value = minutes / per_bar
    if bars_value != bars_value.to_integral_value():
        cx.problem(d.text, f"\"{d.text}\" is not a whole number of {timeframe} bars.")
        return None
    bars = _param(cx, "max_bars_in_trade", "bars", bars_value, d.text, "The number of bars in a trade")
    return None if bars is None else (int(bars), f" ({d.text} on {timeframe} bars)")


def _plan(items: Sequence[_Item], cx: _Ctx, instrument: str | None, timeframe: str | None) -> _Plan:
    by: dict[str, list[_Item]] = {}
    for it in items:
        by.setdefault(it.kind, []).append(it)
    named = [(it.value, cx.span(it)) for it in by.get("instrument", [])]
    named += [(it.value[1], cx.span(it)) for it in by.get("size", []) if it.value[1] is not None]
    symbol = _choose(cx, "instrument", named, instrument, DEFAULT_INSTRUMENT)
    frames = [(it.value[0], cx.span(it)) for it in by.get("timeframe", [])]
    if timeframe is None:
        for tf, text in frames:
            if tf not in TIMEFRAMES:
                cx.problem(text, f"Timeframe \"{text}\" is not available (available: {', '.join(TIMEFRAMES)}).")
        frames = [(tf, text) for tf, text in frames if tf in TIMEFRAMES]
    tf = _choose(cx, "timeframe", frames, timeframe, DEFAULT_TIMEFRAME)
    spec = INSTRUMENTS[symbol]
    plan = _Plan(symbol, tf)

    stream = [_Item("sep", it.a, it.b) if it.kind in _GLOBAL_KINDS else it for it in items]
    markers, placed, opposite = _clauses(stream, cx)
    if any(c.cond.lone for c in placed):
        # "break above the opening range high, 30 min opening range": the second only says how long it is
        used = any(not c.cond.lone and "range" in (c.cond.a.kind, c.cond.b.kind) for c in placed)
        if not used:
            cx.assume("the opening range is traded as a breakout of its high or low.")
        lone_ranges = [c.cond.b for c in placed if c.cond.lone]
        placed = [c for c in placed if not (used and c.cond.lone)]
    else:
        lone_ranges = []
    if len(placed) > MAX_CONDITIONS:
        cx.problem(None, f"The prompt has {len(placed)} conditions; Vix reads at most {MAX_CONDITIONS}.")
        return plan
    exprs, exit_exprs = _entries(markers, placed, cx)
    if not exprs:
        cx.problem(None, "No entry rule was found: say when to enter, e.g. \"buy when the 9 EMA crosses above the "
                   "21 EMA\".")

    # The opening range starts at a time the prompt gives ("from 9:30 New York"), else at the cash open.
    operands = [o for c in placed for o in (c.cond.a, c.cond.b)] + lone_ranges
    start = "08:30"
    times = by.get("time", [])
    if any(o.kind == "range" for o in operands):
        if times:
            clock, zone = times[0].value
            where = _zone_of(cx, zone, cx.span(times[0]))
            if where is not None:
                start, _ = _in_exchange(cx, _hm(clock), where)
            for extra in times[1:]:
                cx.problem(cx.span(extra), f"\"{cx.span(extra)}\": an opening range has one start time.")
        else:
            cx.assume("the opening range starts at 08:30 Chicago time (09:30 New York, the cash open).")
    else:
        for it in times:
            cx.problem(cx.span(it), f"\"{cx.span(it)}\" is a single time; for a time window give its start and end, "
                       "e.g. \"9:30 to 11:30 New York\".")
    resolver = _Resolver(cx, tf, start)
    for o in operands:
        resolver.learn(o)

    for d in ("long", "short"):
        if d in exprs:
            rules = tuple(tuple(_dedupe([r for r in (resolver.rule(c, d) for c in group) if r is not None]))
                          for group in exprs[d])
            plan.entries[d] = tuple(g for g in rules if g)
    if exit_exprs:
        sides = set(exprs)
        neutral = any(c.sense is None for group in exit_exprs for c in group)
        if neutral and len(sides) != 1:
            cx.problem(None, "An exit on a cross or breakout must say which way when both directions are traded "
                       "(e.g. \"exit when the close crosses below VWAP\").")
        way = "short" if sides == {"long"} else "long"  # a neutral exit is against the position
        rules = tuple(tuple(r for r in (resolver.rule(c, way) for c in group) if r is not None) for group in exit_exprs)
        plan.exits.append((tuple(g for g in rules if g), ""))
    for it in opposite:
        crosses = _dedupe([replace(r, node=_OPPOSITE[r.node], written="")
                           for rules in plan.entries.values() for group in rules for r in group if r.node in _OPPOSITE])
        if not crosses:
            cx.problem(cx.span(it), f"\"{cx.span(it)}\" needs an entry on a cross; this strategy enters on none.")
        else:
            plan.exits.append((tuple((r,) for r in crosses), " (the opposite cross)"))

    # "9:30 to 11:30 and 14:00 to 15:30 New York": one zone named for all the windows is theirs
    zones = _dedupe([it.value.zone for it in by.get("window", []) if it.value.zone is not None])
    for it in by.get("window", []) + by.get("session", []):
        if it.kind == "window":
            w: _Window = it.value
            where = _zone_of(cx, w.zone or (zones[0] if len(zones) == 1 else None), cx.span(it))
            hm_start, hm_end = _span_hm(w.start, w.end)
        else:
            hm_start, hm_end, where = _SESSIONS[it.value]
            _zone_of(cx, where, cx.span(it))
        if where is None:
            continue
        if not (0 <= hm_start[0] <= 23 and 0 <= hm_end[0] <= 23):
            cx.problem(cx.span(it), f"\"{cx.span(it)}\" is not a time of day.")
            continue
        s, said_s = _in_exchange(cx, hm_start, where)
        e, _ = _in_exchange(cx, hm_end, where)
        if s == e:
            cx.problem(cx.span(it), f"The window \"{cx.span(it)}\" is empty.")
            continue
        said = f"{_hhmm(hm_start)} to {_hhmm(hm_end)} {where[1]}" if said_s else ""
        plan.windows.append(_TimeWindow(s, e, said))
    if plan.windows and tf == "1d":
        cx.problem(cx.span(by.get("window", by.get("session", []))[0]),
                   "A time of day means nothing on daily bars; choose an intraday timeframe.")
    plan.windows = _dedupe(plan.windows)
    for it in by.get("flat", []):
        clock, zone = it.value
        where = _zone_of(cx, zone, cx.span(it))
        if where is None:
            continue
        at, said = _in_exchange(cx, _hm(clock), where)
        if at == "17:00":
            cx.problem(cx.span(it), "17:00 Chicago time is the start of the trading day, not a time to be flat by.")
            continue
        plan.flat.append(_TimeWindow(at, "17:00", said))

    stop = _one(cx, by.get("stop", []), "stop")
    if stop is not None:
        made = _stop(cx, stop.value, spec)
        if made is not None:
            plan.stop = {"params": made[0], "line": made[1]}
    target = _one(cx, by.get("target", []), "target")
    if target is not None:
        made = _target(cx, target.value, spec, stop is not None, cx.span(target))
        if made is not None:
            plan.target = {"params": made[0], "line": made[1]}
    bars = _one(cx, by.get("maxbars", []), "number of bars in a trade")
    if bars is not None:
        plan.max_bars = _max_bars(cx, bars.value, tf)
    size = _one(cx, by.get("size", []), "position size")
    if size is not None:
        count: _Tok = size.value[0]
        contracts = _param(cx, "position_size", "contracts", count.num or Decimal(0), count.text,
                           "The number of contracts")
        plan.size = None if contracts is None else int(contracts)

    ranges = [r.b for rules in plan.entries.values() for group in rules for r in group
              if r.b.type == "opening_range"]
    if ranges:
        width = TIMEFRAME_DURATIONS.get(tf)
        minutes = ranges[0].param("minutes")
        if width is None or minutes % (int(width.total_seconds()) // 60):
            cx.problem(None, f"A {minutes}-minute opening range cannot be measured on {tf} bars; choose a timeframe "
                       "that divides it.")
    return plan


_OPPOSITE: Final = {"crosses_above": "crosses_below", "crosses_below": "crosses_above"}


# ---- the graph -------------------------------------------------------------------------------------

_MA_TYPES: Final = ("ema", "sma", "wma")
_OP_HINTS: Final = {">": "above", "<": "below", ">=": "at_or_above", "<=": "at_or_below"}
_Port = tuple[str, str]


def _slug(value: Any) -> str:
    text = _fmt(value)
    return re.sub(r"[^0-9a-z]", "_", text.replace("-", "m"))


class _Builder:
    """Nodes and edges in the fixtures' shape; a node asked for twice (same type, params and inputs) is one."""

    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self._memo: dict[tuple[Any, ...], str] = {}
        self._ids: set[str] = set()

    def add(self, type_: str, params: dict[str, Any], inputs: Sequence[tuple[str, _Port]], hint: str) -> str:
        key = (type_, tuple(sorted(params.items())), tuple(inputs))
        if key in self._memo:
            return self._memo[key]
        node_id, k = hint, 2
        while node_id in self._ids:
            node_id, k = f"{hint}_{k}", k + 1
        self._ids.add(node_id)
        self._memo[key] = node_id
        self.nodes.append({"id": node_id, "type": type_, "params": params})
        for port, (src, src_port) in inputs:
            self.edges.append({"from": {"node": src, "port": src_port}, "to": {"node": node_id, "port": port}})
        return node_id

    def series(self, s: _Series, hint: str | None = None) -> _Port:
        if s.type == "price":
            hint = "price" if s.port == "close" else f"price_{s.port}"
            return self.add("price", {"field": s.port}, (), hint), "value"
        if s.type == "constant":
            value = s.param("value")
            hint = "zero" if value == 0 else f"level_{_slug(value)}"
            return self.add("constant", {"value": value}, (), hint), "value"
        if s.type == "vwap":
            return self.add("vwap", {}, (), "vwap"), "value"
        if s.type == "opening_range":
            return self.add("opening_range", dict(s.params), (), "range"), s.port
        source = self.series(_CLOSE_SERIES)
        default = {"rsi": "rsi", "macd": "macd", "bollinger": "bands"}.get(s.type)
        if default is None:
            default = s.role or f"{s.type}_{s.param('period')}"
        node = self.add(s.type, dict(s.params), (("series", source),), hint or default)
        return node, s.port if s.type in ("macd", "bollinger") else "value"

    def rule(self, r: _Rule) -> _Port:
        hints: tuple[str | None, str | None] = (None, None)
        if r.a.type in _MA_TYPES and r.b.type in _MA_TYPES and r.a != r.b:
            hints = ("fast", "slow") if r.a.param("period") <= r.b.param("period") else ("slow", "fast")
        a, b = self.series(r.a, hints[0]), self.series(r.b, hints[1])
        if r.node == "compare":
            assert r.op is not None
            hint = ("new_high" if r.op == ">=" else "new_low") if r.extreme else _OP_HINTS[r.op]
            return self.add("compare", {"op": r.op}, (("a", a), ("b", b)), hint), "signal"
        up = r.node == "crosses_above"
        if r.b.type in ("opening_range", "bollinger", "highest", "lowest"):
            hint = "break_up" if up else "break_down"
        else:
            hint = "cross_up" if up else "cross_down"
        return self.add(r.node, {}, (("a", a), ("b", b)), hint), "signal"

    def both(self, signals: Sequence[_Port], type_: str, hint: str) -> _Port:
        out = signals[0]
        for nxt in signals[1:]:
            out = self.add(type_, {}, (("a", out), ("b", nxt)), hint), "signal"
        return out

    def expr(self, rules: Sequence[Sequence[_Rule]], prefix: str) -> _Port:
        groups = _dedupe([self.both(_dedupe([self.rule(r) for r in group]), "and", f"{prefix}_all") for group in rules])
        return self.both(groups, "or", f"{prefix}_any")

    def layout(self) -> None:
        """Columns by depth (sources left, actions right), risk nodes under the actions."""
        feeds: dict[str, list[str]] = {}
        for e in self.edges:
            feeds.setdefault(e["to"]["node"], []).append(e["from"]["node"])
        depth: dict[str, int] = {}
        for node in self.nodes:  # added after their inputs: a topological order
            depth[node["id"]] = 1 + max((depth[s] for s in feeds.get(node["id"], [])), default=-1)
        actions = [depth[n["id"]] for n in self.nodes if NODE_TYPES_BY_NAME[n["type"]].category == "action"]
        last = max(actions, default=0)
        rows: dict[int, int] = {}
        for node in self.nodes:
            column = last if NODE_TYPES_BY_NAME[node["type"]].category == "risk" else depth[node["id"]]
            row = rows.get(column, 0)
            rows[column] = row + 1
            node["position"] = {"x": 220 * column, "y": 120 * row}


def _build(plan: _Plan) -> dict[str, Any]:
    g = _Builder()
    window: _Port | None = None
    if plan.windows:
        window = g.both([(g.add("time_window", {"start": w.start, "end": w.end}, (), "window"), "active")
                         for w in plan.windows], "or", "windows")
    for d, rules in plan.entries.items():
        signal = g.expr(rules, d)
        if window is not None:
            signal = g.add("and", {}, (("a", signal), ("b", window)), f"{d}_in_window"), "signal"
        g.add(f"enter_{d}", {}, (("when", signal),), f"entry_{d}")
    for rules, _ in plan.exits:
        g.add("exit", {}, (("when", g.expr(rules, "exit")),), "exit")
    for w in plan.flat:
        late = g.add("time_window", {"start": w.start, "end": w.end}, (), "late"), "active"
        g.add("exit", {}, (("when", late),), "flat")
    if plan.stop is not None:
        g.add("stop_loss", plan.stop["params"], (), "stop")
    if plan.target is not None:
        g.add("take_profit", plan.target["params"], (), "target")
    if plan.max_bars is not None:
        g.add("max_bars_in_trade", {"bars": plan.max_bars[0]}, (), "time_stop")
    if plan.size is not None:
        g.add("position_size", {"contracts": plan.size}, (), "size")
    g.layout()
    return {"nodes": g.nodes, "edges": g.edges, "meta": dict(META)}


# ---- words -----------------------------------------------------------------------------------------

_OP_WORDS: Final = {">": "above", "<": "below", ">=": "at or above", "<=": "at or below"}


def _say_series(s: _Series) -> str:
    if s.type == "price":
        return "the close" if s.port == "close" else f"the {s.port} price"
    if s.type == "constant":
        return _fmt(s.param("value"))
    if s.type in _MA_TYPES:
        return f"the {s.param('period')}-bar {s.type.upper()}"
    if s.type == "rsi":
        return f"RSI({s.param('period')})"
    if s.type == "macd":
        name = f"MACD({s.param('fast')}, {s.param('slow')}, {s.param('signal')})"
        parts = {"macd": "line", "signal": "signal line", "hist": "histogram"}
        return f"the {name} {parts[s.port]}"
    if s.type == "bollinger":
        return f"the {s.port} Bollinger band ({s.param('period')}, {_fmt(s.param('nbdev_up'))})"
    if s.type == "vwap":
        return "the session VWAP"
    if s.type == "opening_range":
        return f"the {s.port} of the {s.param('minutes')}-minute opening range from {s.param('start')} Chicago time"
    word = "highest" if s.type == "highest" else "lowest"
    return f"the {word} close of the last {s.param('period')} bars"


def _say_rule(r: _Rule) -> str:
    if r.extreme:
        n = r.b.param("period")
        high = r.b.type == "highest"
        return (f"the close makes a new {n}-bar closing {'high' if high else 'low'} (the "
                f"{'highest' if high else 'lowest'} close of the last {n} bars, this bar included)")
    a, b = _say_series(r.a), _say_series(r.b)
    if r.a.type == r.b.type == "macd" and r.a.params == r.b.params and r.b.port == "signal":
        b = "its signal line"
    if r.node == "crosses_above":
        return f"{a} crosses above {b}"
    if r.node == "crosses_below":
        return f"{a} crosses below {b}"
    return f"{a} is {_OP_WORDS[r.op or '>']} {b}"


def _say_expr(rules: Sequence[Sequence[_Rule]]) -> str:
    return ", or when ".join(" and ".join(_say_rule(r) for r in group) for group in rules)


def _say_windows(windows: Sequence[_TimeWindow]) -> str:
    parts = [f"from {w.start} to {w.end} Chicago time" + (f" ({w.said})" if w.said else "") for w in windows]
    return " or ".join(parts)


def _lines(plan: _Plan) -> list[str]:
    lines = [f"Enter {d} when {_say_expr(rules)}." for d, rules in plan.entries.items()]
    if plan.windows:
        lines.append(f"Enter only on bars that open {_say_windows(plan.windows)}.")
    for rules, note in plan.exits:
        lines.append(f"Exit when {_say_expr(rules)}{note}.")
    for w in plan.flat:
        said = f" ({w.said})" if w.said else ""
        lines.append(f"Exit any position from {w.start} Chicago time{said} to the end of the trading day.")
    if plan.stop is not None:
        lines.append(plan.stop["line"])
    if plan.target is not None:
        lines.append(plan.target["line"])
    if plan.max_bars is not None:
        n, said = plan.max_bars
        lines.append(f"Exit after {n} bar{'' if n == 1 else 's'} in the trade{said} if nothing closed it before.")
    if plan.size is not None:
        lines.append(f"Trade {plan.size} contract{'' if plan.size == 1 else 's'} per entry.")
    return lines


def _label(r: _Rule) -> str:
    a, b = r.a, r.b
    cross = r.node != "compare"
    if r.extreme:
        return f"{b.param('period')}-bar breakout"
    if a.type in _MA_TYPES and b.type in _MA_TYPES:
        first, second = sorted((a, b), key=lambda s: int(s.param("period")))
        if first.type == second.type:
            return f"{first.param('period')}/{second.param('period')} {first.type.upper()} cross"
        return f"{first.param('period')} {first.type.upper()}/{second.param('period')} {second.type.upper()} cross"
    if b.type in _MA_TYPES:
        average = f"{b.param('period')} {b.type.upper()}"
        return f"{average} cross" if cross else f"{_OP_WORDS[r.op or '>']} {average}"
    if a.type == "rsi":
        return f"RSI({a.param('period')}) {'cross' if cross else r.op} {_fmt(b.param('value'))}" \
            if b.type == "constant" else f"RSI({a.param('period')})"
    if a.type == "macd":
        return "MACD signal cross" if b.type == "macd" else "MACD histogram"
    names = {"bollinger": "Bollinger", "vwap": "VWAP", "opening_range": "opening range"}
    if b.type == "opening_range":
        return f"{b.param('minutes')}-minute ORB"
    if b.type in names:
        return f"{names[b.type]} {'breakout' if b.type == 'bollinger' and cross else 'cross' if cross else 'level'}"
    return "Vix strategy"


_TAGS: Final = {"ema": "ema", "sma": "sma", "wma": "wma", "rsi": "rsi", "macd": "macd", "bollinger": "bollinger",
                "vwap": "vwap", "opening_range": "opening-range", "highest": "breakout", "lowest": "breakout"}


def _tags(plan: _Plan) -> tuple[str, ...]:
    rules = [r for rs in plan.entries.values() for group in rs for r in group]
    tags: list[str] = []
    for r in rules:
        for s in (r.a, r.b):
            if s.type in _TAGS:
                tags.append(_TAGS[s.type])
        if r.node != "compare" and ((r.a.type in _MA_TYPES and r.b.type in _MA_TYPES) or r.b.type == "macd"):
            tags += ["crossover", "trend"]
        if r.b.type in ("opening_range", "bollinger") and r.node != "compare":
            tags.append("breakout")
        if r.a.type == "rsi":
            tags.append("oscillator")
    if plan.windows or plan.flat or any(t in tags for t in ("opening-range", "vwap")):
        tags.append("intraday")
    if len(plan.entries) == 2:
        tags.append("long-short")
    return tuple(t[:TAG_MAX] for t in _dedupe(tags)[:TAGS_MAX])


def _describe(plan: _Plan) -> str:
    parts = [f"{d} when {_say_expr(rules)}" for d, rules in plan.entries.items()]
    text = f"{plan.instrument} on {plan.timeframe} bars: {'; '.join(parts)}"
    if plan.windows:
        text += f", entering only on bars that open {_say_windows(plan.windows)}"
    risk = []
    if plan.stop is not None:
        p = plan.stop["params"]
        risk.append(f"{p['ticks']}-tick stop" if p["mode"] == "ticks" else f"{_fmt(p['atr_multiple'])} ATR stop")
    if plan.target is not None:
        p = plan.target["params"]
        risk.append(f"{p['ticks']}-tick target" if p["mode"] == "ticks" else f"{_fmt(p['r_multiple'])}R target")
    if plan.max_bars is not None:
        risk.append(f"out after {plan.max_bars[0]} bars")
    if risk:
        text += f"; {', '.join(risk)}"
    text += "."
    return text if len(text) <= DESCRIPTION_MAX else text[: DESCRIPTION_MAX - 1] + "…"


def _refuse(cx: _Ctx) -> None:
    words = _dedupe([w for w in cx.unknown] + [phrase for phrase, _ in cx.problems if phrase])
    parts: list[str] = []
    if cx.unknown:
        shown = _dedupe(cx.unknown)
        more = f" and {len(shown) - _MAX_UNRECOGNIZED} more" if len(shown) > _MAX_UNRECOGNIZED else ""
        parts.append("Vix did not understand " + ", ".join(f"\"{w}\"" for w in shown[:_MAX_UNRECOGNIZED])
                     + more + ": say it with the indicators, times and risk rules Vix knows.")
    parts += _dedupe([reason for _, reason in cx.problems])
    detail = " ".join(parts)
    if len(detail) > 1500:
        detail = detail[:1499] + "…"
    raise PromptNotUnderstood(detail, unrecognized=[w[:64] for w in words[:_MAX_UNRECOGNIZED]])


def generate(prompt: str, *, instrument: str | None = None, timeframe: str | None = None) -> Draft:
    """A draft strategy from a sentence; `instrument` and `timeframe` win over the prompt's. Raises
    PromptNotUnderstood (422) for anything it cannot read, UnknownInstrument / UnknownTimeframe for
    arguments outside the catalogue."""
    if instrument is not None:
        get_instrument(instrument)
    if timeframe is not None and timeframe not in TIMEFRAMES:
        raise UnknownTimeframe(f"Unknown timeframe {timeframe!r}; expected one of {', '.join(TIMEFRAMES)}.")
    if len(prompt) > MAX_PROMPT:
        raise PromptNotUnderstood(f"The prompt has {len(prompt)} characters; Vix reads at most {MAX_PROMPT}.",
                                  unrecognized=[])
    text = _normalize(prompt)
    cx = _Ctx(text)
    toks = _tokenize(text)
    items, left = _phrases(toks)
    unknown = set()
    for t in left:
        if (t.kind == "word" and t.word not in _FILLER) or t.kind in ("num", "clock", "ratio") \
                or (t.kind == "sym" and t.word in ("%", *_MONEY)):
            cx.unknown.append(t.text)
            unknown.add(id(t))
    plan = _plan(items, cx, instrument, timeframe)
    if cx.unknown or cx.problems:
        _refuse(cx)
    fixes = _dedupe([f"\"{t.text}\" as \"{t.word}\"" for t in toks if t.fixed and id(t) not in unknown])
    if fixes:
        cx.assume(f"read {', '.join(fixes)} (spelling).")
    if plan.stop is None:
        cx.assume("no stop loss, as none was given (a live strategy needs one).")
    if plan.size is None:
        cx.assume("1 contract per entry (no size was given).")

    graph = _build(plan)
    issues = validate_graph(graph, plan.instrument, plan.timeframe)
    if issues:  # a bug here, not the user's fault
        raise AssertionError(f"Vix built an invalid graph: {[i.to_dict() for i in issues]}")
    lines = _lines(plan) + [f"Assumed: {a}" for a in cx.assumed] + [f"Ignored: {i}" for i in cx.ignored]
    if len("\n".join(lines)) > EXPLANATION_MAX:
        raise PromptNotUnderstood(f"The prompt describes more than Vix can explain in {EXPLANATION_MAX} characters; "
                                  "shorten it.", unrecognized=[])
    first = next(iter(plan.entries.values()))[0][0]
    suffixes: dict[tuple[str, ...], str] = {("long",): "", ("short",): " short"}
    suffix = suffixes.get(tuple(plan.entries), " long/short")
    name = f"{plan.instrument} {_label(first)}{suffix}"[:NAME_MAX]
    return Draft(name=name, description=_describe(plan), instrument=plan.instrument, timeframe=plan.timeframe,
                 tags=_tags(plan), graph=graph, explanation=tuple(lines))
