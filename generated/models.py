# Generated from openapi/openapi.yaml by datamodel-code-generator (flags in pyproject.toml).
# Do not edit by hand: run `tox -e generate`.

from __future__ import annotations

from uuid import UUID
from typing import Annotated, Any, Literal
from pydantic import AnyUrl, AwareDatetime, BaseModel, ConfigDict, EmailStr, Field, RootModel
from typing_extensions import TypeAliasType


class Loc(RootModel[str]):
    root: Annotated[str, Field(max_length=256)]


class ValidationErrorItem(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    loc: Annotated[
        list[Loc | int],
        Field(
            description='Where the failure is, e.g. ["body", "graph", "nodes", 0, "type"] or ["query", "limit"].',
            max_length=64,
        ),
    ]
    msg: Annotated[str, Field(max_length=1024)]
    type: Annotated[str, Field(description="The failed rule, e.g. required, format, maximum.", max_length=64)]


class Database(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    reachable: bool
    latency_ms: Annotated[float | None, Field(ge=0.0)]


class LoopState(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    name: Annotated[str, Field(examples=["feed-synthetic"], max_length=64)]
    status: Annotated[
        Literal["running", "backoff", "finished", "stopped"],
        Field(
            description="`backoff`: it crashed and is restarted after a delay that doubles up to a minute. `finished`: a loop with an end (a replay of a file) reached it."
        ),
    ]
    restarts: Annotated[int, Field(description="Crashes since the process started.", ge=0)]
    last_error: Annotated[str | None, Field(description="The last crash's exception.", max_length=1000)]
    last_crash_at: Annotated[AwareDatetime | None, Field(...)]


class WaitlistRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    email: Annotated[EmailStr, Field(max_length=254, min_length=3)]
    source: Annotated[str | None, Field(description="Where the sign-up came from (free text).", max_length=64)] = None


class WaitlistResponse(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    status: Literal["ok"]
    message: Annotated[str, Field(max_length=256)]


class WaitlistCount(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    count: Annotated[int, Field(ge=0)]


class Session(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    timezone: Annotated[str, Field(max_length=64)]
    open: Annotated[str, Field(description="Local time the trading day opens (HH:MM).", max_length=5)]
    close: Annotated[str, Field(description="Local time the trading day closes (HH:MM).", max_length=5)]


class MarketData(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    last_price: Annotated[
        str | None,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    change: Annotated[
        str | None,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    change_pct: Annotated[
        str | None,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    last_bar_ts: Annotated[AwareDatetime | None, Field(...)]
    status: Annotated[Literal["fresh", "stale", "closed"] | None, Field(title="Status")]


class RequiredDocument(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    document: Literal["terms_of_service", "risk_disclosure", "privacy_policy"]
    version: Annotated[str, Field(max_length=64)]
    title: Annotated[str, Field(max_length=128)]


class Document(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    document: Literal["terms_of_service", "risk_disclosure", "privacy_policy"]
    title: Annotated[str, Field(max_length=128)]
    required_version: Annotated[str, Field(max_length=64)]
    accepted_version: Annotated[str | None, Field(max_length=64)]
    accepted_at: Annotated[AwareDatetime | None, Field(...)]
    current: Annotated[bool, Field(description="True when the accepted version is the required one.")]


class ComplianceStatus(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    all_accepted: bool
    documents: Annotated[list[Document], Field(max_length=3)]


class ComplianceAcceptRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    document: Literal["terms_of_service", "risk_disclosure", "privacy_policy"]
    version: Annotated[str, Field(max_length=64, min_length=1)]


class ComplianceAcceptance(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    document: Literal["terms_of_service", "risk_disclosure", "privacy_policy"]
    version: Annotated[str, Field(max_length=64)]
    accepted_at: AwareDatetime
    ip: Annotated[str | None, Field(max_length=64)]
    user_agent: Annotated[str | None, Field(max_length=512)]


class TierFeatures(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    max_strategies: Annotated[int | None, Field(description="null means unlimited.", ge=0)]
    max_running_runtimes: Annotated[int | None, Field(ge=0)]
    vix_generations_per_month: Annotated[int | None, Field(ge=0)]
    max_alert_channels: Annotated[
        int | None, Field(description="How many alert channels the tier allows (null means unlimited).", ge=0)
    ] = None
    alert_channels: Annotated[list[Literal["email", "telegram", "webhook", "sms"]], Field(max_length=4)]


class NodePort(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    name: Annotated[str, Field(examples=["series"], max_length=64, pattern="^[a-z][a-z0-9_]*$")]
    kind: Literal["number_series", "boolean_series"]


class StrategyFixture(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    slug: Annotated[str, Field(examples=["sma-crossover"], max_length=64, pattern="^[a-z0-9-]{1,64}$")]
    name: Annotated[str, Field(max_length=100)]
    description: Annotated[str, Field(max_length=2000)]
    instrument: Annotated[str, Field(examples=["MNQ"], max_length=12, pattern="^[A-Z0-9]{1,12}$")]
    timeframe: Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"]


class GraphPosition(BaseModel):
    """
    Where the builder draws the node. No effect on evaluation.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    x: Annotated[float, Field(ge=-1000000.0, le=1000000.0)]
    y: Annotated[float, Field(ge=-1000000.0, le=1000000.0)]


class GraphEndpoint(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    node: Annotated[
        str,
        Field(
            description="A node id of the same graph.",
            max_length=64,
            min_length=1,
            pattern="^[A-Za-z0-9][A-Za-z0-9_.:-]*$",
        ),
    ]
    port: Annotated[
        str,
        Field(description="A port name of that node's type.", max_length=64, min_length=1, pattern="^[a-z][a-z0-9_]*$"),
    ]


class GraphValidationError(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    code: Literal[
        "unknown_node_type",
        "duplicate_node_id",
        "invalid_params",
        "dangling_edge",
        "duplicate_edge",
        "port_type_mismatch",
        "unconnected_input",
        "cycle",
        "no_entry_action",
        "multiple_position_size",
        "unsupported_instrument",
        "unsupported_timeframe",
    ]
    message: Annotated[str, Field(description="Human-readable explanation.", max_length=2000)]
    node: Annotated[
        str | None, Field(description="The id of the node concerned, when there is one.", max_length=64)
    ] = None
    edge: Annotated[
        int | None, Field(description="The index in `edges` of the edge concerned, when there is one.", ge=0)
    ] = None


class StrategyTag(RootModel[str]):
    root: Annotated[str, Field(max_length=32, min_length=1)]


class StrategyRollbackRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    to_version: Annotated[int, Field(ge=1, le=2147483647)]
    note: Annotated[str | None, Field(description="Note stored with the new version.", max_length=500)] = None


class StrategyRollbackResult(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    current_version: Annotated[int, Field(ge=1)]


class VersionSummary(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    version: Annotated[int, Field(ge=1)]
    content_hash: Annotated[
        str, Field(description="SHA-256 (hex) of the version's graph.", max_length=64, pattern="^[0-9a-f]{64}$")
    ]
    note: Annotated[str | None, Field(max_length=500)]
    created_at: AwareDatetime
    valid: Annotated[bool, Field(description="Whether the graph passed validation when this version was saved.")]


class StrategyVersionList(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    items: Annotated[list[VersionSummary], Field(max_length=200)]
    next_cursor: Annotated[
        str | None, Field(description="The last version number of this page, or null on the last page.", max_length=10)
    ]


class BacktestRequest(BaseModel):
    """
    Every field is optional.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    version: Annotated[
        int | None, Field(description="The version to test; the current one by default.", ge=1, le=2147483647)
    ] = None
    from_: Annotated[AwareDatetime | None, Field(alias="from", description="First bar open time included.")] = None
    to: Annotated[AwareDatetime | None, Field(description="First bar open time excluded.")] = None


class BacktestTrade(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    side: Literal["long", "short"]
    size: Annotated[int, Field(ge=1)]
    entry_time: Annotated[AwareDatetime, Field(description="Open time of the bar whose close filled the entry.")]
    entry_price: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    exit_time: Annotated[AwareDatetime, Field(description="Open time of the bar on which the position closed.")]
    exit_price: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    reason: Literal["stop", "target", "exit", "reverse", "max_bars", "end_of_data"]
    gross_pnl: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    slippage: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    commission: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    net_pnl: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]


class LivePromotionFailure(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    code: Literal["graph_invalid", "missing_stop_loss", "compliance_not_accepted"]
    message: Annotated[str, Field(max_length=1000)]


class StreamEvent(BaseModel):
    """
    One event of the signal stream, as an SSE client parses it (the stream itself is a WHATWG Server-Sent Events stream of these, with `retry:` and comment lines besides). `data` is one line of JSON - for `signal` and `signal_closed` a Signal; for `compliance` `{rule, text}`, the CFTC Rule 4.41 disclaimer; for `reset` `{reason, detail, resume_from}`; for `token_expired` `{detail}`.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    event: Literal["compliance", "reset", "signal", "signal_closed", "token_expired"]
    data: Annotated[str, Field(description="JSON text (see above).", max_length=65536)]
    id: Annotated[
        str | None,
        Field(
            description="The event id (for `reset`, the position the stream carries on from); a client sends the last one it received as Last-Event-ID when it reconnects. SSE clients keep the last id for events without one.",
            max_length=19,
            pattern="^[0-9]{1,19}$",
        ),
    ] = None
    retry: Annotated[int | None, Field(description="The reconnect delay in milliseconds.", ge=0)] = None


class Signal(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    strategy_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    strategy_version: Annotated[int, Field(description="The strategy version that fired the signal.", ge=1)]
    mode: Annotated[
        Literal["paper", "live"],
        Field(description="Paper or live; the two are separate pools for runtimes, signals and risk."),
    ]
    instrument: Annotated[str, Field(examples=["MNQ"], max_length=12, pattern="^[A-Z0-9]{1,12}$")]
    timeframe: Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"]
    side: Literal["long", "short"]
    status: Annotated[
        Literal["open", "closed", "cancelled"],
        Field(
            description="`closed` by stop, target, exit rule, reverse, max bars or the runtime being stopped; `cancelled` by the user or a force-close."
        ),
    ]
    entry_price: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    stop_price: Annotated[
        str | None,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    target_price: Annotated[
        str | None,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    size: Annotated[int, Field(description="Number of contracts.", ge=1)]
    fired_at: AwareDatetime
    bar_ts: Annotated[AwareDatetime, Field(description="Open time of the bar whose close fired the signal.")]
    closed_at: Annotated[AwareDatetime | None, Field(...)]
    close_price: Annotated[
        str | None,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    close_reason: Annotated[
        Literal["stop", "target", "exit", "reverse", "max_bars", "runtime_stopped", "user", "force_close"] | None,
        Field(title="CloseReason"),
    ]
    gross_pnl: Annotated[
        str | None,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    slippage: Annotated[
        str | None,
        Field(
            description="Slippage cost in money.", examples=["-500.00"], max_length=64, pattern="^-?[0-9]+(\\.[0-9]+)?$"
        ),
    ]
    commission: Annotated[
        str | None,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    net_pnl: Annotated[
        str | None,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    slippage_ticks: Annotated[float | None, Field(description="Adverse slippage assumed per side, in ticks.", ge=0.0)]
    event_id: Annotated[int, Field(description="The stream event id of the signal.", ge=1)]


class SignalDetail(Signal):
    """
    A signal with the CFTC Rule 4.41 disclaimer at the top level.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    disclaimer: Annotated[
        str,
        Field(
            description="The CFTC 17 CFR 4.41(b)(1)(i) hypothetical-performance disclaimer, word for word, embedded in\nevery response that carries backtest or paper P&L.\n",
            examples=[
                "Hypothetical or simulated performance results have certain inherent limitations. Unlike an actual performance record, simulated results do not represent actual trading. Also, since the trades have not actually been executed, the results may have under- or over-compensated for the impact, if any, of certain market factors, such as lack of liquidity. Simulated trading programs in general are also subject to the fact that they are designed with the benefit of hindsight. No representation is being made that any account will or is likely to achieve profits or losses similar to those shown."
            ],
            max_length=2000,
        ),
    ]


class SignalList(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    items: Annotated[list[Signal], Field(max_length=200)]
    next_cursor: Annotated[str | None, Field(max_length=512)]
    disclaimer: Annotated[
        str,
        Field(
            description="The CFTC 17 CFR 4.41(b)(1)(i) hypothetical-performance disclaimer, word for word, embedded in\nevery response that carries backtest or paper P&L.\n",
            examples=[
                "Hypothetical or simulated performance results have certain inherent limitations. Unlike an actual performance record, simulated results do not represent actual trading. Also, since the trades have not actually been executed, the results may have under- or over-compensated for the impact, if any, of certain market factors, such as lack of liquidity. Simulated trading programs in general are also subject to the fact that they are designed with the benefit of hindsight. No representation is being made that any account will or is likely to achieve profits or losses similar to those shown."
            ],
            max_length=2000,
        ),
    ]


class LegacySignalList(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    items: Annotated[list[Signal], Field(max_length=10000)]
    disclaimer: Annotated[
        str,
        Field(
            description="The CFTC 17 CFR 4.41(b)(1)(i) hypothetical-performance disclaimer, word for word, embedded in\nevery response that carries backtest or paper P&L.\n",
            examples=[
                "Hypothetical or simulated performance results have certain inherent limitations. Unlike an actual performance record, simulated results do not represent actual trading. Also, since the trades have not actually been executed, the results may have under- or over-compensated for the impact, if any, of certain market factors, such as lack of liquidity. Simulated trading programs in general are also subject to the fact that they are designed with the benefit of hindsight. No representation is being made that any account will or is likely to achieve profits or losses similar to those shown."
            ],
            max_length=2000,
        ),
    ]


class SignalCloseRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    close_price: Annotated[
        str | None,
        Field(
            description="The price to close at (a positive decimal string); when absent, the close of the latest bar.",
            examples=["21460.25"],
            max_length=21,
            pattern="^[0-9]{1,12}(\\.[0-9]{1,8})?$",
        ),
    ] = None


class SignalAuditEntry(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    strategy_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    strategy_version: Annotated[int, Field(ge=1)]
    runtime_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    instrument: Annotated[str, Field(examples=["MNQ"], max_length=12, pattern="^[A-Z0-9]{1,12}$")]
    timeframe: Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"]
    bar_ts: AwareDatetime
    decision: Literal["enter_long", "enter_short", "exit", "hold", "blocked", "skipped", "error"]
    inputs: Annotated[
        dict[str, Any],
        Field(description="The values the decision was made from (bar, indicator and condition values)."),
    ]
    reason: Annotated[str | None, Field(description="Why, for blocked, error or exit decisions.", max_length=2000)]
    created_at: AwareDatetime


class SignalAuditList(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    items: Annotated[list[SignalAuditEntry], Field(max_length=200)]
    next_cursor: Annotated[str | None, Field(max_length=512)]


RuntimesAdditionalProperty = TypeAliasType("RuntimesAdditionalProperty", Annotated[int, Field(ge=0)])


class MarketDataHealth(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    last_bar_ts: Annotated[AwareDatetime | None, Field(...)]
    lag_seconds: Annotated[float | None, Field(ge=0.0)]
    status: Literal["fresh", "stale", "closed"]


class Position(BaseModel):
    """
    The open position the runtime holds, or null when flat.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    side: Literal["long", "short"]
    size: Annotated[int, Field(ge=1)]
    entry_price: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    opened_at: AwareDatetime


class Runtime(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    strategy_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    strategy_name: Annotated[str, Field(max_length=100)]
    mode: Annotated[
        Literal["paper", "live"],
        Field(description="Paper or live; the two are separate pools for runtimes, signals and risk."),
    ]
    status: Literal["starting", "running", "draining", "stopped", "error", "paused"]
    strategy_version: Annotated[
        int | None,
        Field(
            description="The strategy version the runtime was started with and runs; null before its first start.", ge=1
        ),
    ] = None
    instrument: Annotated[
        str | None, Field(description="The instrument it runs on, pinned at start.", max_length=16)
    ] = None
    timeframe: Annotated[str | None, Field(description="The timeframe it runs on, pinned at start.", max_length=8)] = (
        None
    )
    restart_required: Annotated[
        bool | None,
        Field(
            description="True when the strategy has changed (a newer version, another instrument or timeframe) since the runtime was started; the runtime keeps running what it pinned until it is started again."
        ),
    ] = None
    started_at: Annotated[AwareDatetime | None, Field(...)]
    stopped_at: Annotated[AwareDatetime | None, Field(...)]
    last_heartbeat_at: Annotated[AwareDatetime | None, Field(...)]
    last_bar_ts: Annotated[AwareDatetime | None, Field(...)]
    last_error: Annotated[str | None, Field(max_length=2000)]
    position: Annotated[Position | None, Field(description="The open position the runtime holds, or null when flat.")]


class RuntimeList(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    items: Annotated[list[Runtime], Field(max_length=10000)]


class RuntimeStartRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    mode: Annotated[
        Literal["paper", "live"] | None,
        Field(description="Paper or live; the two are separate pools for runtimes, signals and risk."),
    ] = "paper"


class RuntimeStopRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    mode: Annotated[
        Literal["paper", "live"] | None,
        Field(description="Paper or live; the two are separate pools for runtimes, signals and risk."),
    ] = "paper"


class ForceCloseAllResult(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    strategy_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    closed: Annotated[int, Field(description="Number of signals moved to cancelled.", ge=0)]


class BacktestStats(BaseModel):
    """
    Statistics of a backtest's trades (net P&L by the one formula, costs included).
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    trades: Annotated[int, Field(ge=0)]
    wins: Annotated[int, Field(description="Trades with net P&L above zero.", ge=0)]
    losses: Annotated[int, Field(description="Trades with net P&L below zero.", ge=0)]
    scratches: Annotated[int, Field(description="Trades with net P&L of exactly zero.", ge=0)]
    win_rate: Annotated[float | None, Field(description="wins / trades; null without trades.", ge=0.0, le=1.0)]
    gross_pnl: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    net_pnl: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    slippage: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    commission: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    profit_factor: Annotated[
        float | None, Field(description="Winning nets over losing nets; null when no trade lost.", ge=0.0)
    ]
    max_drawdown: Annotated[
        str,
        Field(
            description="The largest fall (>= 0) of the closed-trade net equity curve from its running peak, in dollars.",
            max_length=64,
            pattern="^[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    sharpe: Annotated[
        float | None,
        Field(
            description="Mean over sample deviation of net P&L per CME trading day, times sqrt(252); null with fewer than 2 days or no variation."
        ),
    ]
    average_trade: Annotated[
        str | None,
        Field(description="net_pnl / trades; null without trades.", max_length=64, pattern="^-?[0-9]+(\\.[0-9]+)?$"),
    ]
    longest_losing_streak: Annotated[int, Field(ge=0)]
    from_: Annotated[AwareDatetime, Field(alias="from")]
    to: AwareDatetime


class LiveStats(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    signals: Annotated[int, Field(ge=0)]
    open: Annotated[int, Field(ge=0)]
    closed: Annotated[int, Field(ge=0)]
    wins: Annotated[int, Field(ge=0)]
    losses: Annotated[int, Field(ge=0)]
    win_rate: Annotated[float | None, Field(ge=0.0, le=1.0)]
    net_pnl: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]


class Backtest(BaseModel):
    """
    The backtest of the head version over all stored data (cached per version and data extent); null when there is no stored data for its instrument and timeframe, or its graph does not validate.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    trades: Annotated[int, Field(ge=0)]
    wins: Annotated[int, Field(description="Trades with net P&L above zero.", ge=0)]
    losses: Annotated[int, Field(description="Trades with net P&L below zero.", ge=0)]
    scratches: Annotated[int, Field(description="Trades with net P&L of exactly zero.", ge=0)]
    win_rate: Annotated[float | None, Field(description="wins / trades; null without trades.", ge=0.0, le=1.0)]
    gross_pnl: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    net_pnl: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    slippage: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    commission: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    profit_factor: Annotated[
        float | None, Field(description="Winning nets over losing nets; null when no trade lost.", ge=0.0)
    ]
    max_drawdown: Annotated[
        str,
        Field(
            description="The largest fall (>= 0) of the closed-trade net equity curve from its running peak, in dollars.",
            max_length=64,
            pattern="^[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    sharpe: Annotated[
        float | None,
        Field(
            description="Mean over sample deviation of net P&L per CME trading day, times sqrt(252); null with fewer than 2 days or no variation."
        ),
    ]
    average_trade: Annotated[
        str | None,
        Field(description="net_pnl / trades; null without trades.", max_length=64, pattern="^-?[0-9]+(\\.[0-9]+)?$"),
    ]
    longest_losing_streak: Annotated[int, Field(ge=0)]
    from_: Annotated[AwareDatetime, Field(alias="from")]
    to: AwareDatetime


class ReconciledTrade(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    side: Literal["long", "short"]
    entry_bar_ts: AwareDatetime
    entry_price: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    exit_bar_ts: Annotated[AwareDatetime | None, Field(...)]
    exit_price: Annotated[str | None, Field(max_length=64, pattern="^-?[0-9]+(\\.[0-9]+)?$")]
    reason: Annotated[str | None, Field(max_length=32)]
    net_pnl: Annotated[str | None, Field(max_length=64, pattern="^-?[0-9]+(\\.[0-9]+)?$")]
    status: Annotated[
        Literal["open", "closed", "cancelled"] | None,
        Field(
            description="`closed` by stop, target, exit rule, reverse, max bars or the runtime being stopped; `cancelled` by the user or a force-close."
        ),
    ] = None


class Today(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    signals: Annotated[int, Field(ge=0)]
    open: Annotated[int, Field(ge=0)]
    closed: Annotated[int, Field(ge=0)]
    net_pnl: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]


class Cumulative(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    signals: Annotated[int, Field(ge=0)]
    closed: Annotated[int, Field(ge=0)]
    wins: Annotated[int, Field(ge=0)]
    losses: Annotated[int, Field(ge=0)]
    win_rate: Annotated[float | None, Field(ge=0.0, le=1.0)]
    net_pnl: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    best_trade: Annotated[
        str | None,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    worst_trade: Annotated[
        str | None,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    profit_factor: Annotated[
        float | None, Field(description="Winning nets over losing nets; null when no signal lost.", ge=0.0)
    ]
    max_drawdown: Annotated[
        str,
        Field(
            description="The largest fall (>= 0) of the closed-trade net equity curve (in exit order, from 0) from its running peak, in dollars.",
            max_length=64,
            pattern="^[0-9]+(\\.[0-9]+)?$",
        ),
    ]


class OpenPosition(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    signal_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    strategy_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    instrument: Annotated[str, Field(examples=["MNQ"], max_length=12, pattern="^[A-Z0-9]{1,12}$")]
    side: Literal["long", "short"]
    size: Annotated[int, Field(description="Number of contracts.", ge=1)]
    entry_price: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    mark_price: Annotated[
        str | None,
        Field(
            description="The close of the newest 1m bar of the instrument; null when it has none.",
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    mark_at: Annotated[AwareDatetime | None, Field(description="When that bar closed.")]
    unrealized_pnl: Annotated[
        str | None,
        Field(
            description="Net P&L of closing at mark_price (slippage and commission of both sides included).",
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]


class BlockedReason(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    breaker: Annotated[
        str,
        Field(
            description="The breaker that tripped, e.g. daily_loss_limit, max_signals_per_day; `error` when the state could not be read.",
            examples=["daily_loss_limit"],
            max_length=64,
        ),
    ]
    reason: Annotated[
        str, Field(description="Machine-readable reason tag.", examples=["daily_loss_limit_breached"], max_length=64)
    ]
    observed: Annotated[
        str | None, Field(description='The tripping value, e.g. "-512.75" or "6"; null for `error`.', max_length=64)
    ]
    limit: Annotated[
        str | None, Field(description='The threshold, e.g. "-500.00" or "6"; null for `error`.', max_length=64)
    ]


class Limits(BaseModel):
    """
    The configured limits (the tier's defaults with the user's overrides); further breakers add
    their own members. The gate checks them in this order and reports the first that trips:
    `daily_loss_limit` (blocked once the day's realised net P&L is at or below it),
    `max_signals_per_day` (entries fired today), `max_consecutive_losses` (the trailing losing
    closes today), `max_open_positions` (positions open now in this mode), `cooldown_minutes`
    (no entry that long after today's newest losing close; breaker `cooldown`), and
    `no_entry_before_break_minutes` (no entry in the final minutes before the 16:00 CT break, nor
    while the market is closed; breaker `trading_window`). When the breaker is `error` these are
    the tier's defaults: the user's overrides could not be read.

    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    daily_loss_limit: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    max_signals_per_day: Annotated[int, Field(ge=0)]
    max_consecutive_losses: Annotated[int | None, Field(ge=0)] = None
    max_open_positions: Annotated[int | None, Field(ge=0)] = None
    cooldown_minutes: Annotated[int | None, Field(ge=0)] = None
    no_entry_before_break_minutes: Annotated[int | None, Field(ge=0, le=1380)] = None


class Usage(BaseModel):
    """
    The mode's usage in the trading day, in market time: `daily_pnl` (realised net P&L of the
    signals closed today, cancelled ones included), `signals_today` (signals fired today),
    `consecutive_losses` (today's losing closes, newest first, until one that was not a loss),
    `open_positions` (signals open now, whenever they fired) and `last_loss_at` (today's newest
    losing close; null when there was none). When the breaker is `error` the usage could not be
    read and the numbers are zeros that mean nothing.

    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    daily_pnl: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    signals_today: Annotated[int, Field(ge=0)]
    consecutive_losses: Annotated[int | None, Field(ge=0)] = None
    open_positions: Annotated[int | None, Field(ge=0)] = None
    last_loss_at: AwareDatetime | None = None


class RiskState(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    mode: Annotated[
        Literal["paper", "live"],
        Field(description="Paper or live; the two are separate pools for runtimes, signals and risk."),
    ]
    trading_allowed: bool
    blocked_reason: Annotated[BlockedReason | None, Field(...)]
    limits: Annotated[
        Limits,
        Field(
            description="The configured limits (the tier's defaults with the user's overrides); further breakers add\ntheir own members. The gate checks them in this order and reports the first that trips:\n`daily_loss_limit` (blocked once the day's realised net P&L is at or below it),\n`max_signals_per_day` (entries fired today), `max_consecutive_losses` (the trailing losing\ncloses today), `max_open_positions` (positions open now in this mode), `cooldown_minutes`\n(no entry that long after today's newest losing close; breaker `cooldown`), and\n`no_entry_before_break_minutes` (no entry in the final minutes before the 16:00 CT break, nor\nwhile the market is closed; breaker `trading_window`). When the breaker is `error` these are\nthe tier's defaults: the user's overrides could not be read.\n"
        ),
    ]
    usage: Annotated[
        Usage,
        Field(
            description="The mode's usage in the trading day, in market time: `daily_pnl` (realised net P&L of the\nsignals closed today, cancelled ones included), `signals_today` (signals fired today),\n`consecutive_losses` (today's losing closes, newest first, until one that was not a loss),\n`open_positions` (signals open now, whenever they fired) and `last_loss_at` (today's newest\nlosing close; null when there was none). When the breaker is `error` the usage could not be\nread and the numbers are zeros that mean nothing.\n"
        ),
    ]
    trading_day_start: AwareDatetime
    checked_at: AwareDatetime


class BlockedSignal(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    user_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    strategy_id: Annotated[UUID | None, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    strategy_version: Annotated[int | None, Field(ge=1)]
    instrument: Annotated[str, Field(examples=["MNQ"], max_length=12, pattern="^[A-Z0-9]{1,12}$")]
    timeframe: Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"]
    bar_ts: AwareDatetime
    mode: Annotated[
        Literal["paper", "live"],
        Field(description="Paper or live; the two are separate pools for runtimes, signals and risk."),
    ]
    side: Annotated[Literal["long", "short"] | None, Field(title="Side")]
    triggered_limit: Annotated[
        str, Field(description="The breaker name.", examples=["daily_loss_limit"], max_length=64)
    ]
    reason: Annotated[str, Field(examples=["daily_loss_limit_breached"], max_length=64)]
    observed: Annotated[
        str,
        Field(
            description="The tripping value; empty for breaker `error` (its reason_json says null).",
            examples=["-512.75"],
            max_length=64,
        ),
    ]
    limit: Annotated[
        str, Field(description="The threshold; empty for breaker `error`.", examples=["-500.00"], max_length=64)
    ]
    reason_json: Annotated[
        dict[str, Any], Field(description="The full snapshot of the gate's decision (limits and check time).")
    ]
    blocked_at: AwareDatetime


class BlockedSignalList(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    timestamp: Annotated[AwareDatetime, Field(description="Server time of the answer.")]
    items: Annotated[list[BlockedSignal], Field(max_length=200)]
    total: Annotated[int, Field(ge=0)]
    limit: Annotated[int, Field(ge=1, le=200)]
    offset: Annotated[int, Field(ge=0)]


class BillingComp(BaseModel):
    """
    The active admin comp; null when there is none.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    tier: Literal["free", "pro", "elite"]
    expires_at: Annotated[AwareDatetime | None, Field(description="null means the comp does not expire.")]
    reason: Annotated[str, Field(max_length=500)]


class BillingUsage(BaseModel):
    """
    What the caller uses of each cap of `entitlements`.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    strategies: Annotated[int, Field(description="Strategies not deleted (archived ones count).", ge=0)]
    running_runtimes: Annotated[int, Field(description="Runtimes starting, running or draining.", ge=0)]
    vix_generations_this_month: Annotated[int, Field(ge=0)]
    alert_channels: Annotated[list[Literal["email", "telegram", "webhook", "sms"]], Field(max_length=4)]


class CheckoutRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    tier: Annotated[Literal["pro", "elite"], Field(description="A tier that can be bought or comped (not `free`).")]
    success_url: Annotated[AnyUrl, Field(description="Where Stripe sends the user after paying.")]
    cancel_url: Annotated[AnyUrl, Field(description="Where Stripe sends the user when they back out.")]


class CheckoutSession(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    url: AnyUrl
    session_id: Annotated[str, Field(max_length=255)]


class PortalRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    return_url: AnyUrl


class PortalSession(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    url: AnyUrl


class CompRequest(BaseModel):
    """
    Name the user by exactly one of `user_id` or `email`.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    user_id: Annotated[UUID | None, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])] = None
    email: Annotated[EmailStr | None, Field(max_length=254, min_length=3)] = None
    tier: Annotated[Literal["pro", "elite"], Field(description="A tier that can be bought or comped (not `free`).")]
    expires_at: Annotated[
        AwareDatetime | None, Field(description="When the comp ends; omit for no end. Must be in the future.")
    ] = None
    reason: Annotated[str, Field(max_length=500, min_length=1)]


class CompGrant(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    user_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    tier: Annotated[Literal["pro", "elite"], Field(description="A tier that can be bought or comped (not `free`).")]
    expires_at: Annotated[AwareDatetime | None, Field(...)]
    reason: Annotated[str, Field(max_length=500)]
    granted_by: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    granted_at: AwareDatetime


class StripeEvent(BaseModel):
    """
    A Stripe event object, accepted as sent (its shape belongs to Stripe and changes with API
    versions); authenticity comes from the signature, not from this schema.

    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    id: Annotated[str | None, Field(max_length=255)] = None
    object: Annotated[str | None, Field(max_length=255)] = None
    type: Annotated[str | None, Field(max_length=255)] = None
    created: int | None = None
    livemode: bool | None = None
    data: dict[str, Any] | None = None


class StripeWebhookAck(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    received: Literal[True]
    duplicate: Annotated[bool, Field(description="True when this event id had already been processed.")]


class AlertChannel(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    type: Literal["email", "telegram", "webhook", "sms"]
    destination: Annotated[
        str, Field(description="The destination, masked for display (e.g. t***@example.com).", max_length=4096)
    ]
    verified: bool
    disabled: Annotated[
        bool,
        Field(
            description="A disabled channel receives nothing (unsubscribed, hard bounce, webhook answered 410, ...)."
        ),
    ]
    disabled_reason: Annotated[str | None, Field(max_length=500)]
    created_at: AwareDatetime
    verified_at: Annotated[AwareDatetime | None, Field(...)]


class AlertChannelCreated(AlertChannel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    verification_url: Annotated[
        str | None,
        Field(
            description="Telegram channels only, the bot's deep link (`https://t.me/<bot>?start=<token>`) that verifies the channel when the user presses Start; null for other types.",
            max_length=2048,
        ),
    ]
    secret: Annotated[
        str | None,
        Field(
            description="Webhook channels only, shown this once: the signing secret for deliveries. Null for other types.",
            max_length=128,
            pattern="^whsec_[A-Za-z0-9+/=]+$",
        ),
    ]


class AlertChannelList(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    items: Annotated[list[AlertChannel], Field(max_length=10000)]


class AlertChannelCreateRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    type: Literal["email", "telegram", "webhook", "sms"]
    destination: Annotated[
        str,
        Field(
            description="An email address (email), a Telegram chat handle (telegram) or an https URL (webhook).",
            max_length=2048,
            min_length=1,
        ),
    ]
    template: Annotated[
        str | None,
        Field(
            description="Webhook channels only: the JSON body to send instead of the standard envelope, for a receiver\nthat expects its own shape (a broker bridge). Valid JSON whose strings may hold placeholders:\n`{{instrument}}`, `{{side}}`, `{{action}}` (buy or sell), `{{size}}`, `{{entry_price}}`,\n`{{stop_price}}`, `{{target_price}}`, `{{close_price}}`, `{{close_reason}}`, `{{net_pnl}}`,\n`{{timeframe}}`, `{{mode}}`, `{{status}}`, `{{event}}`, `{{strategy_id}}`, `{{strategy_name}}`,\n`{{signal_id}}`, `{{runtime_id}}`, `{{fired_at}}`, `{{bar_ts}}`, `{{closed_at}}`, `{{error}}`,\n`{{reason}}`, `{{delivery_id}}`, `{{created_at}}`. A string that is exactly one placeholder\ntakes the value's own JSON type; inside longer text it is substituted as text. So the body is\nalways valid JSON and a value can never change its structure. An unknown placeholder or a\ntemplate that is not JSON is a 422 with code `invalid_template`.\n",
            max_length=8192,
        ),
    ] = None


class AlertVerificationSent(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    status: Literal["sent"]
    expires_at: Annotated[AwareDatetime, Field(description="When the new code stops working.")]
    verification_url: Annotated[
        str | None,
        Field(
            description="Telegram channels only, the bot's deep link (`https://t.me/<bot>?start=<token>`) to open and press Start in; null for other types.",
            max_length=2048,
        ),
    ]


class AlertChannelVerifyRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    code: Annotated[str, Field(max_length=6, min_length=6, pattern="^[0-9]{6}$")]


class AlertDelivery(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    channel_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    channel_type: Literal["email", "telegram", "webhook", "sms"]
    strategy_id: Annotated[UUID | None, Field(...)]
    signal_id: Annotated[UUID | None, Field(...)]
    event_id: Annotated[int | None, Field(description="The stream event that caused the alert.", ge=1)]
    status: Literal["pending", "sending", "delivered", "failed", "bounced", "suppressed"]
    attempts: Annotated[int, Field(ge=0)]
    last_error: Annotated[str | None, Field(max_length=2000)]
    next_attempt_at: Annotated[AwareDatetime | None, Field(...)]
    created_at: AwareDatetime
    delivered_at: Annotated[AwareDatetime | None, Field(...)]


class AlertDeliveryAttempt(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    attempted_at: AwareDatetime
    outcome: Annotated[
        Literal["delivered", "retry", "failed", "gone"],
        Field(
            description="What followed: delivered, retried later, given up (dead letter, or a permanent refusal), or the destination is gone (410: the channel is disabled)."
        ),
    ]
    status_code: Annotated[
        int | None, Field(description="The HTTP status (or SMTP reply code); null when no answer came.", ge=0, le=999)
    ]
    error: Annotated[str | None, Field(max_length=2000)]
    latency_ms: Annotated[int, Field(ge=0)]


class AlertDeliveryDetail(AlertDelivery):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    attempt_log: Annotated[
        list[AlertDeliveryAttempt], Field(description="Every attempt, oldest first.", max_length=1000)
    ]


class AlertVerifyLinkPreview(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    channel_type: Literal["email", "telegram", "webhook", "sms"]
    destination: Annotated[str, Field(description="The destination, masked.", max_length=4096)]
    confirm: Annotated[Literal[True], Field(description="Always true; verifying needs a POST.")]


class AlertVerifyLinkResult(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    verified: Literal[True]


class AlertDeliveryList(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    items: Annotated[list[AlertDelivery], Field(max_length=200)]
    next_cursor: Annotated[str | None, Field(max_length=512)]


class AlertSubscription(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    strategy_id: Annotated[UUID | None, Field(description="null: every strategy of the caller's, present and future.")]
    channel_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    events: Annotated[list[Literal["signal", "signal_closed", "runtime_error", "risk_block"]], Field(max_length=4)]
    enabled: bool
    created_at: AwareDatetime


class AlertSubscriptionList(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    items: Annotated[list[AlertSubscription], Field(max_length=10000)]


class AlertSubscriptionCreateRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    strategy_id: Annotated[
        UUID | None,
        Field(
            description="The strategy whose events are sent; absent or null: every strategy of the caller's, present and future."
        ),
    ] = None
    channel_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    events: Annotated[
        list[Literal["signal", "signal_closed", "runtime_error", "risk_block"]], Field(max_length=4, min_length=1)
    ] = ["signal", "signal_closed"]


class AlertSubscriptionPatchRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    enabled: bool | None = None
    events: Annotated[
        list[Literal["signal", "signal_closed", "runtime_error", "risk_block"]] | None,
        Field(max_length=4, min_length=1),
    ] = None


class AlertUnsubscribePreview(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    channel_type: Literal["email", "telegram", "webhook", "sms"]
    destination: Annotated[str, Field(description="The destination, masked.", max_length=4096)]
    strategy_name: Annotated[
        str | None,
        Field(
            description="The strategy whose alerts stop; null when the whole channel is unsubscribed.", max_length=100
        ),
    ]
    confirm: Annotated[Literal[True], Field(description="Always true; confirming needs a POST.")]


class AlertUnsubscribeRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    token: Annotated[str, Field(max_length=1024, min_length=16)]


class AlertUnsubscribeOneClickForm(BaseModel):
    """
    RFC 8058 one-click body; the token is in the query string.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    List_Unsubscribe: Annotated[Literal["One-Click"], Field(alias="List-Unsubscribe")]


class AlertUnsubscribeResult(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    unsubscribed: Literal[True]


class ToItem(RootModel[str]):
    root: Annotated[str, Field(max_length=320)]


class Data(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    email_id: Annotated[str | None, Field(description="The provider message id of the delivery.", max_length=255)] = (
        None
    )
    to: Annotated[list[ToItem] | None, Field(max_length=50)] = None
    from_: Annotated[str | None, Field(alias="from", max_length=320)] = None
    subject: Annotated[str | None, Field(max_length=998)] = None
    bounce: dict[str, Any] | None = None


class ResendEvent(BaseModel):
    """
    A Resend webhook event, accepted as sent (new provider fields are ignored).
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    type: Annotated[str, Field(description="e.g. email.delivered, email.bounced, email.complained.", max_length=128)]
    created_at: AwareDatetime
    data: Data


class AlertsWebhookReceived(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    received: Literal[True]


class TelegramUpdate(BaseModel):
    """
    A Telegram Update, accepted as sent; only `message.text` and `message.chat.id` are read.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    update_id: int
    message: dict[str, Any] | None = None


class TelegramWebhookAck(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    ok: Literal[True]


class TwilioCallback(BaseModel):
    """
    Twilio's form fields (status callbacks and incoming messages). Only MessageSid, MessageStatus,
    From and Body are read. The other fields Twilio documents are listed so that strict request
    validation does not reject them; further fields are allowed by the schema.

    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    MessageSid: Annotated[str | None, Field(max_length=64)] = None
    MessageStatus: Annotated[str | None, Field(max_length=32)] = None
    From: Annotated[str | None, Field(max_length=64)] = None
    Body: Annotated[str | None, Field(max_length=1600)] = None
    ErrorMessage: Annotated[str | None, Field(max_length=1024)] = None
    AccountSid: Annotated[str | None, Field(max_length=64)] = None
    MessagingServiceSid: Annotated[str | None, Field(max_length=64)] = None
    SmsSid: Annotated[str | None, Field(max_length=64)] = None
    SmsMessageSid: Annotated[str | None, Field(max_length=64)] = None
    SmsStatus: Annotated[str | None, Field(max_length=64)] = None
    To: Annotated[str | None, Field(max_length=64)] = None
    ApiVersion: Annotated[str | None, Field(max_length=64)] = None
    ErrorCode: Annotated[str | None, Field(max_length=64)] = None
    NumMedia: Annotated[str | None, Field(max_length=64)] = None
    NumSegments: Annotated[str | None, Field(max_length=64)] = None
    OptOutType: Annotated[str | None, Field(max_length=64)] = None
    FromCity: Annotated[str | None, Field(max_length=64)] = None
    FromState: Annotated[str | None, Field(max_length=64)] = None
    FromZip: Annotated[str | None, Field(max_length=64)] = None
    FromCountry: Annotated[str | None, Field(max_length=64)] = None
    ToCity: Annotated[str | None, Field(max_length=64)] = None
    ToState: Annotated[str | None, Field(max_length=64)] = None
    ToZip: Annotated[str | None, Field(max_length=64)] = None
    ToCountry: Annotated[str | None, Field(max_length=64)] = None
    RawDlrDoneDate: Annotated[str | None, Field(max_length=64)] = None


class VixGenerateRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    prompt: Annotated[
        str, Field(description="The strategy described in plain language.", max_length=2000, min_length=3)
    ]
    instrument: Annotated[str | None, Field(examples=["MNQ"], max_length=12, pattern="^[A-Z0-9]{1,12}$")] = None
    timeframe: Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"] | None = None


class Tag(RootModel[str]):
    root: Annotated[str, Field(max_length=32)]


class VixStrategyDraft(BaseModel):
    """
    A strategy preview, not saved; create it through the strategies API.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    name: Annotated[str, Field(max_length=100)]
    description: Annotated[str, Field(max_length=2000)]
    instrument: Annotated[str, Field(examples=["MNQ"], max_length=12, pattern="^[A-Z0-9]{1,12}$")]
    timeframe: Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"]
    tags: Annotated[list[Tag], Field(max_length=20)]
    graph: Annotated[dict[str, Any], Field(description="The node graph {nodes, edges, meta}.")]


class VixValidation(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    valid: bool
    errors: Annotated[
        list[dict[str, Any]],
        Field(
            description="The draft graph's issues, at most 200 (the first ones), as in StrategyValidation.",
            max_length=200,
        ),
    ]


class VixQuota(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    tier: Literal["free", "pro", "elite"]
    used: Annotated[int, Field(ge=0)]
    limit: Annotated[int | None, Field(description="null means unlimited.", ge=0)]
    remaining: Annotated[int | None, Field(description="null means unlimited.", ge=0)]
    period_start: AwareDatetime
    period_end: AwareDatetime


class VixGenerateResponse(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    strategy: VixStrategyDraft
    validation: VixValidation
    explanation: Annotated[str, Field(max_length=2000)]
    quota: VixQuota


class Problem(BaseModel):
    """
    RFC 9457 problem details, with a stable machine `code` and optional extension members.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    type: Annotated[
        str,
        Field(description="A URI reference identifying the problem type.", examples=["about:blank"], max_length=2048),
    ]
    title: Annotated[str, Field(max_length=128)]
    status: Annotated[int, Field(ge=100, le=599)]
    detail: Annotated[str | None, Field(max_length=4096)] = None
    instance: Annotated[str | None, Field(max_length=2048)] = None
    code: Annotated[
        Literal[
            "alert_subscription_not_found",
            "alerts_not_configured",
            "already_subscribed",
            "already_verified",
            "bad_request",
            "billing_not_configured",
            "body_too_large",
            "channel_disabled",
            "channel_exists",
            "channel_not_found",
            "channel_not_verified",
            "channel_type_not_in_tier",
            "channel_type_unavailable",
            "compliance_required",
            "conflict",
            "database_unavailable",
            "delivery_not_failed",
            "delivery_not_found",
            "destination_not_allowed",
            "draft_invalid",
            "engine_state_mismatch",
            "fixture_not_found",
            "forbidden",
            "graph_invalid",
            "idempotency_key_reused",
            "instrument_not_found",
            "internal_error",
            "invalid_bars",
            "invalid_comp",
            "invalid_cursor",
            "invalid_destination",
            "invalid_indicator_period",
            "invalid_link_token",
            "invalid_price",
            "invalid_range",
            "invalid_side",
            "invalid_signature",
            "invalid_size",
            "invalid_template",
            "invalid_token",
            "invalid_transition",
            "invalid_verification_code",
            "invalid_webhook_secret",
            "live_mode_disabled_v1",
            "live_validation_failed",
            "malformed_body",
            "method_not_allowed",
            "name_taken",
            "no_active_subscription",
            "no_billing_customer",
            "no_market_data",
            "non_finite_number",
            "not_acceptable",
            "not_found",
            "not_implemented",
            "nothing_to_resume",
            "origin_not_allowed",
            "outdated_version",
            "paper_only",
            "price_off_tick",
            "price_stale",
            "prompt_not_understood",
            "quota_exceeded",
            "rate_limited",
            "request_timeout",
            "rollback_to_current",
            "runtime_active",
            "runtime_already_active",
            "runtime_not_found",
            "service_unavailable",
            "signal_not_found",
            "signal_not_open",
            "strategy_not_found",
            "strategy_not_startable",
            "stripe_unavailable",
            "subscription_exists",
            "tier_cap_reached",
            "too_many_streams",
            "too_many_verification_attempts",
            "unknown_document",
            "unknown_instrument",
            "unknown_timeframe",
            "unsupported_format",
            "unsupported_media_type",
            "user_not_found",
            "validation_failed",
            "verification_cooldown",
            "version_mismatch",
            "version_not_found",
            "vix_unavailable",
            "webhook_handler_failed",
        ]
        | None,
        Field(
            description="Stable machine-readable error code, one per failure; clients branch on it. Every code this\nserver sends is listed here (operations still answering 501 document theirs in their examples):\n\n- `alert_subscription_not_found`: 404: no such alert subscription (or not the caller's).\n- `alerts_not_configured`: 503: this server has no provider for that channel type (email provider, Telegram bot) or no secret for that callback.\n- `already_subscribed`: 409: the caller already holds an active subscription to that tier (checkout).\n- `already_verified`: 409: the channel is verified already.\n- `bad_request`: A request Connexion refused for a reason without a code of its own.\n- `billing_not_configured`: 503: no Stripe key is configured here; the paid operations are off.\n- `body_too_large`: 413: the body is over the server's limit.\n- `channel_disabled`: 409: the channel is disabled (unsubscribed, bounced, gone).\n- `channel_exists`: 409: the caller has a channel of that type and destination already.\n- `channel_not_found`: 404: no such alert channel (or not the caller's).\n- `channel_not_verified`: 409: verify the channel first.\n- `channel_type_not_in_tier`: 403: the caller's tier does not include that channel type; `tier`, `channel_type`, `upgrade_to`.\n- `channel_type_unavailable`: 403: `sms` is reserved and not offered yet.\n- `compliance_required`: 409: accept the current compliance documents first; `missing` lists them (checkout).\n- `conflict`: 409 without a more specific code.\n- `database_unavailable`: 503: the database does not answer; retry after Retry-After.\n- `delivery_not_failed`: 409: only a dead-lettered (failed) delivery can be replayed; `current`.\n- `delivery_not_found`: 404: no such delivery (or not the caller's).\n- `destination_not_allowed`: 422: a webhook target that is not https, or is or resolves to a private, loopback, link-local or metadata address.\n- `draft_invalid`: 422: the language model could not produce a strategy that validates for that prompt; `validation_errors`.\n- `engine_state_mismatch`: A saved evaluator state belongs to another graph, instrument or timeframe.\n- `fixture_not_found`: 404: no fixture strategy with that slug.\n- `forbidden`: 403 without a more specific code.\n- `graph_invalid`: The graph does not validate (409 on promote, 422 on a backtest); `validation_errors`.\n- `idempotency_key_reused`: 409: the Idempotency-Key was used before with a different body.\n- `instrument_not_found`: 404: a path names an instrument the catalogue does not have.\n- `internal_error`: 500: a bug on our side, logged; nothing about it in the answer.\n- `invalid_bars`: The bars given to the engine are not a series (order, time zone, lengths).\n- `invalid_comp`: 422: a comp naming neither or both of user_id and email, or expiring in the past.\n- `invalid_cursor`: 422: a cursor this server did not hand out.\n- `invalid_destination`: 422: a destination that does not fit its channel type.\n- `invalid_indicator_period`: An indicator period outside its bounds.\n- `invalid_link_token`: 422: an unsubscribe or verification link token that is malformed, tampered with, expired or used.\n- `invalid_price`: A price that is not a positive finite decimal.\n- `invalid_range`: 422: `from` is not before `to`.\n- `invalid_side`: A side other than long or short.\n- `invalid_signature`: 400: a webhook's signature (Stripe-Signature, Resend's svix-signature) is missing, does not match the raw body, or is more than 300 s old.\n- `invalid_size`: A size that is not a whole number of contracts, at least 1.\n- `invalid_template`: 422: a webhook body template that is not JSON or names an unknown placeholder.\n- `invalid_token`: 401: no bearer token, or one that is invalid, expired or for another audience.\n- `invalid_transition`: 409: no such lifecycle move from the current status; `current_status`, `allowed`.\n- `invalid_verification_code`: 422: a wrong or expired verification code.\n- `invalid_webhook_secret`: 401: the Telegram webhook's shared secret is missing or does not match.\n- `live_mode_disabled_v1`: 403: live mode is not available in v1 (start).\n- `live_validation_failed`: 409: ready -> live with failed live-promotion checks; `failures`.\n- `malformed_body`: 400: the body cannot be read (not JSON, not UTF-8, NUL, too deep, missing).\n- `method_not_allowed`: 405, with the allowed methods in `Allow`.\n- `name_taken`: 409: the caller already has a strategy of that name.\n- `no_active_subscription`: 409: nothing to cancel (no active or trialing subscription).\n- `no_billing_customer`: 404: the caller has no Stripe customer yet (never checked out).\n- `no_market_data`: 422: no stored bars where some were needed.\n- `non_finite_number`: A graph holding NaN or Infinity.\n- `not_acceptable`: 406: no representation matches the Accept header.\n- `not_found`: 404 without a more specific code (an unknown route).\n- `not_implemented`: 501: described here, not implemented yet.\n- `nothing_to_resume`: 409: no subscription is set to cancel at period end.\n- `origin_not_allowed`: 422: a success, cancel or return URL outside the allowed front-end origins.\n- `outdated_version`: 409: not the current version of the document; `current_version`.\n- `paper_only`: 403: only paper signals can be closed by hand.\n- `price_off_tick`: A price off the instrument's tick grid.\n- `price_stale`: 409: a close without `close_price` while the newest bar is too old to be the market's price.\n- `prompt_not_understood`: 422: Vix's parser did not understand part of the prompt; `unrecognized` lists the words.\n- `quota_exceeded`: 429: the month's Vix generations are used up; `quota`, and Retry-After until the period resets.\n- `rate_limited`: 429: too many requests; retry after Retry-After.\n- `request_timeout`: 408: the request body arrived too slowly.\n- `rollback_to_current`: 409: that version is the current one already.\n- `runtime_active`: 409: stop the strategy's runtime first.\n- `runtime_already_active`: 409: the runtime is already running or draining; `current`.\n- `runtime_not_found`: 404: the caller has no runtime for this strategy and mode.\n- `service_unavailable`: 503 without a more specific code.\n- `signal_not_found`: 404: no such signal (or not the caller's).\n- `signal_not_open`: 409: the signal is closed or cancelled already; `current`.\n- `strategy_not_found`: 404: no such strategy (or not the caller's).\n- `strategy_not_startable`: 409: only ready, live or paused strategies can start.\n- `stripe_unavailable`: 503: Stripe could not be reached; nothing was recorded.\n- `subscription_exists`: 409: that strategy (or all) is already subscribed to that channel.\n- `tier_cap_reached`: 403: the caller's tier does not allow one more; `cap`, `limit`, `usage`, `tier` and `upgrade_to` (the tier that lifts it).\n- `too_many_streams`: 429: the caller has as many event streams open as allowed; retry after Retry-After.\n- `too_many_verification_attempts`: 429: five wrong codes in a row; retry after Retry-After, or resend.\n- `unknown_document`: 422: not a compliance document this service requires.\n- `unknown_instrument`: 422: not an instrument of the catalogue.\n- `unknown_timeframe`: 422: not a timeframe of the catalogue.\n- `unsupported_format`: 422: an import whose `format` is not `ex7.strategy/v1`.\n- `unsupported_media_type`: 415: a Content-Type the operation does not take.\n- `user_not_found`: 404: no user has that id or email (admin comp).\n- `validation_failed`: 422: the request breaks the contract; `errors` lists where.\n- `verification_cooldown`: 429: a verification was sent less than a minute ago; retry after Retry-After.\n- `version_mismatch`: 412: If-Match or expected_version no longer describes the object.\n- `version_not_found`: 404: the strategy has no such version.\n- `vix_unavailable`: 503: the language-model provider could not be reached or answered an error.\n- `webhook_handler_failed`: 500: a Stripe event was stored but could not be applied; Stripe retries it.\n",
            max_length=64,
        ),
    ] = None
    errors: Annotated[
        list[ValidationErrorItem] | None,
        Field(
            description="Each validation failure and where it is, at most 100. When there were more, the list holds the first 100, `errors_total` says how many there were and `errors_truncated` is true.",
            max_length=100,
        ),
    ] = None
    errors_total: Annotated[
        int | None,
        Field(
            description="How many failures there were in all, before `errors` was cut to 100. Optional: when it is absent, `errors` is the complete list.",
            ge=0,
        ),
    ] = None
    errors_truncated: Annotated[
        bool | None,
        Field(
            description="True when `errors` was cut to its first 100 entries (then `errors_total` is larger than 100). Optional: absent or false, `errors` is the complete list."
        ),
    ] = None
    validation_errors: Annotated[
        list[GraphValidationError] | None,
        Field(
            description="With code `graph_invalid`: the graph's validation issues, at most 200 (the first ones, as in StrategyValidation); `validation_errors_total` and `validation_errors_truncated` say when the list was cut.",
            max_length=200,
        ),
    ] = None
    validation_errors_total: Annotated[
        int | None, Field(description="How many graph issues there were in all.", ge=0)
    ] = None
    validation_errors_truncated: Annotated[
        bool | None, Field(description="True when `validation_errors` was cut to 200.")
    ] = None


class Health(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    status: Annotated[
        Literal["ok", "degraded", "unavailable"],
        Field(
            description="`unavailable`: the database does not answer (503). `degraded`: the API answers, but a background loop of this process crashed and waits to be restarted. `ok` otherwise."
        ),
    ]
    version: Annotated[str, Field(max_length=64)]
    uptime_seconds: Annotated[float, Field(ge=0.0)]
    time: AwareDatetime
    database: Database
    loops: Annotated[
        list[LoopState],
        Field(
            description="The background loops this process supervises (the market-data feed, ...), empty when it runs none.",
            max_length=32,
        ),
    ]


class HealthProblem(Problem):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    health: Health


class Instrument(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    symbol: Annotated[str, Field(examples=["MNQ"], max_length=12)]
    name: Annotated[str, Field(max_length=128)]
    exchange: Annotated[str, Field(max_length=32)]
    currency: Annotated[str, Field(max_length=8)]
    tick_size: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    tick_value: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    point_value: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    commission_per_side: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    timeframes: Annotated[list[Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"]], Field(max_length=8)]
    session: Session
    market: MarketData


class Disclaimer(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    rule: Annotated[str, Field(max_length=64)]
    text: Annotated[str, Field(max_length=2000)]
    documents: Annotated[list[RequiredDocument], Field(max_length=3)]


class Tier(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Literal["free", "pro", "elite"]
    name: Annotated[str, Field(max_length=100)]
    description: Annotated[str, Field(max_length=1000)]
    price_monthly: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            max_length=64,
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]
    currency: Annotated[str, Field(max_length=8)]
    features: TierFeatures


class NodeType(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    type: Annotated[
        str,
        Field(
            description="The value of a graph node's `type`.",
            examples=["sma"],
            max_length=64,
            pattern="^[a-z][a-z0-9_]*$",
        ),
    ]
    category: Literal["source", "indicator", "condition", "logic", "action", "risk"]
    label: Annotated[str, Field(description="Short display name.", max_length=64)]
    description: Annotated[str, Field(max_length=1000)]
    inputs: Annotated[list[NodePort], Field(max_length=16)]
    outputs: Annotated[list[NodePort], Field(max_length=16)]
    params_schema: Annotated[dict[str, Any], Field(description="A JSON Schema object describing the node's `params`.")]


class GraphNode(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    id: Annotated[
        str,
        Field(
            description="Unique within the graph.",
            examples=["fast"],
            max_length=64,
            min_length=1,
            pattern="^[A-Za-z0-9][A-Za-z0-9_.:-]*$",
        ),
    ]
    type: Annotated[
        str,
        Field(
            description="A node type from `GET /api/engines`.",
            examples=["sma"],
            max_length=64,
            min_length=1,
            pattern="^[a-z][a-z0-9_]*$",
        ),
    ]
    params: Annotated[
        dict[str, Any],
        Field(
            description="The node's parameters, checked against its type's `params_schema` during validation.",
            max_length=64,
        ),
    ]
    position: GraphPosition | None = None


class GraphEdge(BaseModel):
    """
    Connects an output port of one node to an input port of another.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    from_: Annotated[GraphEndpoint, Field(alias="from")]
    to: GraphEndpoint


class StrategyGraphInput(BaseModel):
    """
    A strategy graph as sent by a client. Only its shape is checked here; whether it makes sense
    (known node types, params, connections, cycles, ...) is the validation result, and an invalid
    graph can still be saved as a draft. `meta` defaults to {}.

    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    nodes: Annotated[list[GraphNode], Field(max_length=500)]
    edges: Annotated[list[GraphEdge], Field(max_length=2000)]
    meta: Annotated[
        dict[str, Any],
        Field(description="Free-form data for the builder (viewport, notes). No effect on evaluation.", max_length=64),
    ] = {}


class StrategyGraph(BaseModel):
    """
    A strategy graph as stored in a version.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    nodes: Annotated[list[GraphNode], Field(max_length=500)]
    edges: Annotated[list[GraphEdge], Field(max_length=2000)]
    meta: Annotated[dict[str, Any], Field(description="Free-form data for the builder. No effect on evaluation.")]


class StrategyValidation(BaseModel):
    """
    The result of validating a graph (with the strategy's instrument and timeframe). `valid` is true exactly when `errors` is empty.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    valid: bool
    errors: Annotated[
        list[GraphValidationError],
        Field(
            description="The graph's issues, at most 200. When there were more, the list holds the first 200, `errors_total` says how many there were and `errors_truncated` is true.",
            max_length=200,
        ),
    ]
    errors_total: Annotated[
        int | None,
        Field(
            description="How many issues there were in all, before `errors` was cut to 200. Optional: when it is absent, `errors` is the complete list.",
            ge=0,
        ),
    ] = None
    errors_truncated: Annotated[
        bool | None,
        Field(
            description="True when `errors` was cut to its first 200 issues (then `errors_total` is larger than 200). Optional: absent or false, `errors` is the complete list."
        ),
    ] = None


class Strategy(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    name: Annotated[str, Field(examples=["SMA crossover"], max_length=100, min_length=1)]
    description: Annotated[str, Field(description="May be empty.", max_length=2000)]
    instrument: Annotated[str, Field(examples=["MNQ"], max_length=12, pattern="^[A-Z0-9]{1,12}$")]
    timeframe: Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"]
    tags: Annotated[list[StrategyTag], Field(examples=[["trend", "intraday"]], max_length=20)]
    status: Annotated[
        Literal["draft", "ready", "live", "paused", "archived"],
        Field(
            description="Lifecycle status. draft -> ready -> live by promote; archive from any other status; unarchive -> draft."
        ),
    ]
    current_version: Annotated[int, Field(description="The number of the head version.", ge=1)]
    graph: StrategyGraph
    validation: StrategyValidation
    created_at: AwareDatetime
    updated_at: AwareDatetime


class StrategyList(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    items: Annotated[list[Strategy], Field(max_length=200)]
    next_cursor: Annotated[str | None, Field(max_length=512)]


class StrategyCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    name: Annotated[str, Field(examples=["SMA crossover"], max_length=100, min_length=1)]
    description: Annotated[str, Field(max_length=2000)] = ""
    instrument: Annotated[str, Field(examples=["MNQ"], max_length=12, pattern="^[A-Z0-9]{1,12}$")]
    timeframe: Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"]
    tags: Annotated[list[StrategyTag] | None, Field(examples=[["trend", "intraday"]], max_length=20)] = None
    graph: StrategyGraphInput
    note: Annotated[str | None, Field(description="Note stored with version 1.", max_length=500)] = None


class StrategyUpdate(BaseModel):
    """
    Every field is optional; fields left out keep their value.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    name: Annotated[str | None, Field(examples=["SMA crossover"], max_length=100, min_length=1)] = None
    description: Annotated[str | None, Field(max_length=2000)] = None
    tags: Annotated[list[StrategyTag] | None, Field(examples=[["trend", "intraday"]], max_length=20)] = None
    instrument: Annotated[str | None, Field(examples=["MNQ"], max_length=12, pattern="^[A-Z0-9]{1,12}$")] = None
    timeframe: Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"] | None = None
    graph: StrategyGraphInput | None = None
    note: Annotated[
        str | None,
        Field(description="Note stored with the new version, if the graph change makes one.", max_length=500),
    ] = None
    expected_version: Annotated[
        int | None,
        Field(description="The current_version the client last saw; a mismatch answers 412.", ge=1, le=2147483647),
    ] = None


class StrategyVersion(VersionSummary):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    graph: StrategyGraph
    validation: StrategyValidation


class BacktestResult(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    strategy_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    version: Annotated[int, Field(ge=1)]
    instrument: Annotated[str, Field(examples=["MNQ"], max_length=12, pattern="^[A-Z0-9]{1,12}$")]
    timeframe: Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"]
    from_: Annotated[AwareDatetime, Field(alias="from", description="Open time of the first bar tested.")]
    to: Annotated[AwareDatetime, Field(description="Open time of the last bar tested.")]
    bars: Annotated[int, Field(ge=1)]
    statistics: BacktestStats
    trades: Annotated[list[BacktestTrade], Field(max_length=1000000)]
    disclaimer: Annotated[str, Field(description="The CFTC Rule 4.41 text, word for word.", max_length=2000)]


class ExportPayload(BaseModel):
    """
    The portable `ex7.strategy/v1` document. Holds no ids, user ids or timestamps other than `exported_at`.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    format: Literal["ex7.strategy/v1"]
    exported_at: AwareDatetime
    name: Annotated[str, Field(examples=["SMA crossover"], max_length=100, min_length=1)]
    description: Annotated[str, Field(max_length=2000)]
    instrument: Annotated[str, Field(examples=["MNQ"], max_length=12, pattern="^[A-Z0-9]{1,12}$")]
    timeframe: Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"]
    tags: Annotated[list[StrategyTag], Field(examples=[["trend", "intraday"]], max_length=20)]
    graph: StrategyGraph


class StrategyImport(BaseModel):
    """
    An `ExportPayload` plus the import-only `name_on_conflict`.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    format: Annotated[Literal["ex7.strategy/v1"], Field(description="Must be exactly ex7.strategy/v1.")]
    exported_at: Annotated[AwareDatetime | None, Field(description="Accepted and ignored.")] = None
    name: Annotated[str, Field(examples=["SMA crossover"], max_length=100, min_length=1)]
    description: Annotated[str, Field(max_length=2000)] = ""
    instrument: Annotated[str, Field(examples=["MNQ"], max_length=12, pattern="^[A-Z0-9]{1,12}$")]
    timeframe: Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"]
    tags: Annotated[list[StrategyTag] | None, Field(examples=[["trend", "intraday"]], max_length=20)] = None
    graph: StrategyGraphInput
    name_on_conflict: Annotated[
        Literal["suffix", "error"],
        Field(description='On a name clash, `suffix` picks "<name> (2)", "<name> (3)", ...; `error` answers 409.'),
    ] = "error"


class LifecycleConflict(Problem):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    current_status: Annotated[
        Literal["draft", "ready", "live", "paused", "archived"],
        Field(
            description="Lifecycle status. draft -> ready -> live by promote; archive from any other status; unarchive -> draft."
        ),
    ]
    allowed: Annotated[
        list[Literal["draft", "ready", "live", "paused", "archived"]],
        Field(description="The statuses the strategy can move to from `current_status`.", max_length=5),
    ]
    validation_errors: Annotated[
        list[GraphValidationError] | None,
        Field(
            description="With code `graph_invalid`, the graph's validation errors (at most 200, the first ones, as in StrategyValidation).",
            max_length=200,
        ),
    ] = None
    failures: Annotated[
        list[LivePromotionFailure] | None,
        Field(
            description="With code `live_validation_failed`, one entry per failed live-promotion check.", max_length=3
        ),
    ] = None


class SignalCloseConflict(Problem):
    """
    A 409 on close; `current` (the signal as it is now) is present with code `signal_not_open`.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    current: Signal | None = None
    price_age_seconds: Annotated[
        float | None, Field(description="With `price_stale`: how long ago the newest price was written.", ge=0.0)
    ] = None


class SignalsHealth(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    dispatcher: Literal["ok", "stale"]
    market_data: Annotated[dict[str, MarketDataHealth], Field(description="Freshness per instrument symbol.")]
    runtimes: Annotated[
        dict[str, RuntimesAdditionalProperty], Field(description="Number of runtimes per runtime status.")
    ]
    now: AwareDatetime


class RuntimeConflict(Problem):
    """
    A 409 on start; `current` is present when the runtime is already running or draining.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    current: Runtime | None = None


class DifferentItem(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    backtest: ReconciledTrade
    paper: ReconciledTrade


class RuntimeReconciliation(BaseModel):
    """
    A runtime's paper trades set against the backtest of the version it runs over exactly the bars
    it processed (its warm-up, then every bar it audited), trade by trade. A trade matches when
    side, entry bar and price, exit bar and price, exit reason and net P&L are all equal.
    `missing_in_paper`: the backtest traded and paper did not (an entry the risk gate blocked or
    that came too late to publish; after a position closed by hand the two part ways).
    `extra_in_paper`: paper traded and the backtest did not. `closed_outside_engine`: paper
    signals ended by the user, a force-close or the runtime's stop, and those still open. Each list
    holds at most 50 entries (`truncated` says when one was cut).

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    runtime_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    mode: Annotated[
        Literal["paper", "live"],
        Field(description="Paper or live; the two are separate pools for runtimes, signals and risk."),
    ]
    strategy_version: Annotated[int, Field(ge=1)]
    bars: Annotated[int, Field(description="Bars the runtime evaluated (after its warm-up).", ge=0)]
    status: Annotated[
        Literal["matched", "differences", "not_run"],
        Field(description="`not_run`: nothing evaluated yet, or the version no longer compiles."),
    ]
    matched: Annotated[int, Field(ge=0)]
    backtest_trades: Annotated[int, Field(description="Trades the engine closed in the backtest.", ge=0)]
    paper_trades: Annotated[int, Field(description="Signals the runtime fired.", ge=0)]
    different: Annotated[list[DifferentItem], Field(max_length=50)]
    missing_in_paper: Annotated[list[ReconciledTrade], Field(max_length=50)]
    extra_in_paper: Annotated[list[ReconciledTrade], Field(max_length=50)]
    closed_outside_engine: Annotated[list[ReconciledTrade], Field(max_length=50)]
    truncated: bool


class Portfolio(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    today: Today
    cumulative: Cumulative
    open_positions: Annotated[
        list[OpenPosition],
        Field(
            description="The open signals of the mode, newest first, each marked at the newest 1m close of its instrument.",
            max_length=10000,
        ),
    ]
    trading_day_start: Annotated[
        AwareDatetime, Field(description="Start of the current trading day (17:00 America/Chicago), in UTC.")
    ]
    disclaimer: Annotated[
        str,
        Field(
            description="The CFTC 17 CFR 4.41(b)(1)(i) hypothetical-performance disclaimer, word for word, embedded in\nevery response that carries backtest or paper P&L.\n",
            examples=[
                "Hypothetical or simulated performance results have certain inherent limitations. Unlike an actual performance record, simulated results do not represent actual trading. Also, since the trades have not actually been executed, the results may have under- or over-compensated for the impact, if any, of certain market factors, such as lack of liquidity. Simulated trading programs in general are also subject to the fact that they are designed with the benefit of hindsight. No representation is being made that any account will or is likely to achieve profits or losses similar to those shown."
            ],
            max_length=2000,
        ),
    ]


class BillingMe(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    tier: Literal["free", "pro", "elite"]
    source: Annotated[
        Literal["stripe", "comp", "free"],
        Field(
            description="Where the effective tier comes from (on a tie between a subscription and a comp, `stripe`)."
        ),
    ]
    status: Annotated[
        Literal["none", "trialing", "active", "past_due", "canceled", "incomplete", "comped"],
        Field(
            description="Subscription status: `none` without a subscription; the Stripe statuses trialing, active,\npast_due, canceled, incomplete; `comped` when the tier comes from an admin comp alone.\n"
        ),
    ]
    cancel_at_period_end: bool
    current_period_end: Annotated[AwareDatetime | None, Field(...)]
    comp: BillingComp | None
    entitlements: TierFeatures
    usage: BillingUsage
    compliance_accepted: Annotated[
        bool, Field(description="True when every required document is accepted at its current version.")
    ]


class VixQuotaProblem(Problem):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    quota: VixQuota


class InstrumentList(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    items: Annotated[list[Instrument], Field(max_length=100)]


class TierList(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    items: Annotated[list[Tier], Field(max_length=3)]


class EngineCatalog(BaseModel):
    """
    What the strategy builder can render, and the fixture strategies it can start from.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    items: Annotated[list[NodeType], Field(max_length=200)]
    fixtures: Annotated[list[StrategyFixture], Field(max_length=100)]


class StrategyPerformance(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    strategy_id: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]
    name: Annotated[str, Field(max_length=100)]
    version: Annotated[int, Field(ge=1)]
    backtest: Annotated[
        Backtest | None,
        Field(
            description="The backtest of the head version over all stored data (cached per version and data extent); null when there is no stored data for its instrument and timeframe, or its graph does not validate."
        ),
    ]
    live: LiveStats
    reconciliation: Annotated[
        list[RuntimeReconciliation] | None,
        Field(
            description="Beyond the reference. One entry per runtime of the strategy (paper, live) that has run; see RuntimeReconciliation.",
            max_length=2,
        ),
    ] = None


class Performance(BaseModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    items: Annotated[list[StrategyPerformance], Field(max_length=10000)]
    disclaimer: Annotated[
        str,
        Field(
            description="The CFTC 17 CFR 4.41(b)(1)(i) hypothetical-performance disclaimer, word for word, embedded in\nevery response that carries backtest or paper P&L.\n",
            examples=[
                "Hypothetical or simulated performance results have certain inherent limitations. Unlike an actual performance record, simulated results do not represent actual trading. Also, since the trades have not actually been executed, the results may have under- or over-compensated for the impact, if any, of certain market factors, such as lack of liquidity. Simulated trading programs in general are also subject to the fact that they are designed with the benefit of hindsight. No representation is being made that any account will or is likely to achieve profits or losses similar to those shown."
            ],
            max_length=2000,
        ),
    ]
