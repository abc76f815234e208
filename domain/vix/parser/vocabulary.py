"""Vix local provider (domain/vix/local.py): the vocabulary, its canonical forms and the spelling fixes."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from domain.market.instruments import INSTRUMENTS

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

