# Generated from openapi/openapi.yaml by datamodel-code-generator (flags in pyproject.toml).
# Do not edit by hand: run `tox -e generate`.

from __future__ import annotations

from uuid import UUID
from typing import Annotated, Literal
from pydantic import AwareDatetime, BaseModel, ConfigDict, EmailStr, Field, RootModel


class Uuid(RootModel[UUID]):
    root: Annotated[UUID, Field(examples=["3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60"])]


class Decimal(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="A decimal number as a string (money, prices).",
            examples=["-500.00"],
            pattern="^-?[0-9]+(\\.[0-9]+)?$",
        ),
    ]


class ValidationErrorItem(BaseModel):
    loc: Annotated[
        list[str | int],
        Field(description='Where the failure is, e.g. ["body", "graph", "nodes", 0, "type"] or ["query", "limit"].'),
    ]
    msg: str
    type: Annotated[str, Field(description="The failed rule, e.g. required, format, maximum.")]


class Database(BaseModel):
    reachable: bool
    latency_ms: Annotated[float | None, Field(ge=0.0)]


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    version: str
    uptime_seconds: Annotated[float, Field(ge=0.0)]
    time: AwareDatetime
    database: Database


class WaitlistRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    email: Annotated[EmailStr, Field(max_length=254, min_length=3)]
    source: Annotated[str | None, Field(description="Where the sign-up came from (free text).", max_length=64)] = None


class WaitlistResponse(BaseModel):
    status: Literal["ok"]
    message: str


class WaitlistCount(BaseModel):
    count: Annotated[int, Field(ge=0)]


class Session(BaseModel):
    timezone: str
    open: Annotated[str, Field(description="Local time the trading day opens (HH:MM).")]
    close: Annotated[str, Field(description="Local time the trading day closes (HH:MM).")]


class MarketData(BaseModel):
    last_price: Annotated[Decimal | None, Field(...)]
    change: Annotated[Decimal | None, Field(...)]
    change_pct: Annotated[Decimal | None, Field(...)]
    last_bar_ts: Annotated[AwareDatetime | None, Field(...)]
    status: Annotated[Literal["fresh", "stale", "closed"] | None, Field(...)]


class Timeframe(RootModel[Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"]]):
    root: Literal["1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d"]


class InstrumentSymbol(RootModel[str]):
    root: Annotated[str, Field(examples=["MNQ"], pattern="^[A-Z0-9]{1,12}$")]


class ComplianceDocument(RootModel[Literal["terms_of_service", "risk_disclosure", "privacy_policy"]]):
    root: Literal["terms_of_service", "risk_disclosure", "privacy_policy"]


class RequiredDocument(BaseModel):
    document: ComplianceDocument
    version: str
    title: str


class Document(BaseModel):
    document: ComplianceDocument
    title: str
    required_version: str
    accepted_version: Annotated[str | None, Field(...)]
    accepted_at: Annotated[AwareDatetime | None, Field(...)]
    current: Annotated[bool, Field(description="True when the accepted version is the required one.")]


class ComplianceStatus(BaseModel):
    all_accepted: bool
    documents: list[Document]


class ComplianceAcceptRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    document: ComplianceDocument
    version: Annotated[str, Field(max_length=64, min_length=1)]


class ComplianceAcceptance(BaseModel):
    document: ComplianceDocument
    version: str
    accepted_at: AwareDatetime
    ip: Annotated[str | None, Field(...)]
    user_agent: Annotated[str | None, Field(...)]


class TierId(RootModel[Literal["free", "pro", "elite"]]):
    root: Literal["free", "pro", "elite"]


class AlertChannelType(RootModel[Literal["email", "telegram", "webhook", "sms"]]):
    root: Literal["email", "telegram", "webhook", "sms"]


class TierFeatures(BaseModel):
    max_strategies: Annotated[int | None, Field(description="null means unlimited.", ge=0)]
    max_running_runtimes: Annotated[int | None, Field(ge=0)]
    vix_generations_per_month: Annotated[int | None, Field(ge=0)]
    alert_channels: list[AlertChannelType]


class Problem(BaseModel):
    """
    RFC 9457 problem details, with a stable machine `code` and optional extension members.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    type: Annotated[str, Field(description="A URI reference identifying the problem type.", examples=["about:blank"])]
    title: str
    status: Annotated[int, Field(ge=100, le=599)]
    detail: str | None = None
    instance: str | None = None
    code: Annotated[str | None, Field(description="Stable machine-readable error code.")] = None
    errors: Annotated[
        list[ValidationErrorItem] | None, Field(description="Each validation failure and where it is.")
    ] = None


class HealthProblem(Problem):
    health: Health


class Instrument(BaseModel):
    symbol: Annotated[str, Field(examples=["MNQ"])]
    name: str
    exchange: str
    currency: str
    tick_size: Decimal
    tick_value: Decimal
    point_value: Decimal
    commission_per_side: Decimal
    timeframes: list[Timeframe]
    session: Session
    market: MarketData


class Disclaimer(BaseModel):
    rule: str
    text: str
    documents: list[RequiredDocument]


class Tier(BaseModel):
    id: TierId
    name: str
    description: str
    price_monthly: Decimal
    currency: str
    features: TierFeatures


class InstrumentList(BaseModel):
    items: list[Instrument]


class TierList(BaseModel):
    items: list[Tier]
