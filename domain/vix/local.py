"""Vix's local provider: a strategy draft from one sentence, deterministically and with no language model.

`generate(prompt, instrument=None, timeframe=None) -> Draft`. The prompt is data: it is read against a
fixed vocabulary and a fixed set of phrasings, every node it yields is a type of the catalogue
(domain.strategy.catalog) with params checked against the catalogue's own bounds, and the graph must
pass `validate_graph` (a failure there is a bug of this provider: AssertionError). What cannot be
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

This module holds `generate`; the reading is in domain/vix/parser, in layers that import only downwards:
limits, vocabulary (and spelling fixes), tokens, phrases, conditions, resolution (series, params, times),
plan, graph, explanation.
"""

from __future__ import annotations

from domain.market.errors import UnknownTimeframe
from domain.market.instruments import TIMEFRAMES, get_instrument
from domain.strategy.graph import validate_graph
from domain.vix.draft import EXPLANATION_MAX, NAME_MAX, Draft
from domain.vix.errors import PromptNotUnderstood
from domain.vix.parser.conditions import _Ctx
from domain.vix.parser.explanation import _describe, _label, _lines, _refuse, _tags
from domain.vix.parser.graph import _build
from domain.vix.parser.limits import (
    DEFAULT_INSTRUMENT,
    DEFAULT_TIMEFRAME,
    EXCHANGE_TZ,
    MAX_CONDITIONS,
    MAX_PROMPT,
    META,
    REFERENCE_DATE,
)
from domain.vix.parser.phrases import _phrases
from domain.vix.parser.plan import _dedupe, _plan
from domain.vix.parser.tokens import _MONEY, _normalize, _tokenize
from domain.vix.parser.vocabulary import _FILLER

__all__ = ["DEFAULT_INSTRUMENT", "DEFAULT_TIMEFRAME", "EXCHANGE_TZ", "MAX_CONDITIONS", "MAX_PROMPT", "META",
           "REFERENCE_DATE", "generate"]


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
