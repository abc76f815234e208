"""Contains all the data models used in inputs/outputs"""

from .alert_channel import AlertChannel
from .alert_channel_create_request import AlertChannelCreateRequest
from .alert_channel_created import AlertChannelCreated
from .alert_channel_list import AlertChannelList
from .alert_channel_type import AlertChannelType
from .alert_channel_verify_request import AlertChannelVerifyRequest
from .alert_delivery import AlertDelivery
from .alert_delivery_attempt import AlertDeliveryAttempt
from .alert_delivery_attempt_outcome import AlertDeliveryAttemptOutcome
from .alert_delivery_detail import AlertDeliveryDetail
from .alert_delivery_list import AlertDeliveryList
from .alert_delivery_status import AlertDeliveryStatus
from .alert_event_type import AlertEventType
from .alert_subscription import AlertSubscription
from .alert_subscription_create_request import AlertSubscriptionCreateRequest
from .alert_subscription_list import AlertSubscriptionList
from .alert_subscription_patch_request import AlertSubscriptionPatchRequest
from .alert_unsubscribe_one_click_form import AlertUnsubscribeOneClickForm
from .alert_unsubscribe_one_click_form_list_unsubscribe import (
    AlertUnsubscribeOneClickFormListUnsubscribe,
)
from .alert_unsubscribe_preview import AlertUnsubscribePreview
from .alert_unsubscribe_request import AlertUnsubscribeRequest
from .alert_unsubscribe_result import AlertUnsubscribeResult
from .alert_verification_sent import AlertVerificationSent
from .alert_verification_sent_status import AlertVerificationSentStatus
from .alert_verify_link_preview import AlertVerifyLinkPreview
from .alert_verify_link_result import AlertVerifyLinkResult
from .alerts_confirm_verify_link_data_body import AlertsConfirmVerifyLinkDataBody
from .alerts_webhook_received import AlertsWebhookReceived
from .backtest_request import BacktestRequest
from .backtest_result import BacktestResult
from .backtest_stats import BacktestStats
from .backtest_trade import BacktestTrade
from .backtest_trade_reason import BacktestTradeReason
from .backtest_trade_side import BacktestTradeSide
from .billing_comp_type_0 import BillingCompType0
from .billing_me import BillingMe
from .billing_me_source import BillingMeSource
from .billing_paid_tier_id import BillingPaidTierId
from .billing_status import BillingStatus
from .billing_usage import BillingUsage
from .blocked_signal import BlockedSignal
from .blocked_signal_list import BlockedSignalList
from .blocked_signal_reason_json import BlockedSignalReasonJson
from .blocked_signal_side import BlockedSignalSide
from .checkout_request import CheckoutRequest
from .checkout_session import CheckoutSession
from .comp_grant import CompGrant
from .comp_request import CompRequest
from .compliance_accept_request import ComplianceAcceptRequest
from .compliance_acceptance import ComplianceAcceptance
from .compliance_document import ComplianceDocument
from .compliance_status import ComplianceStatus
from .compliance_status_documents_item import ComplianceStatusDocumentsItem
from .disclaimer import Disclaimer
from .engine_catalog import EngineCatalog
from .export_payload import ExportPayload
from .export_payload_format import ExportPayloadFormat
from .force_close_all_result import ForceCloseAllResult
from .graph_edge import GraphEdge
from .graph_endpoint import GraphEndpoint
from .graph_node import GraphNode
from .graph_node_params import GraphNodeParams
from .graph_position import GraphPosition
from .graph_validation_error import GraphValidationError
from .graph_validation_error_code import GraphValidationErrorCode
from .health import Health
from .health_database import HealthDatabase
from .health_problem import HealthProblem
from .health_status import HealthStatus
from .instrument import Instrument
from .instrument_list import InstrumentList
from .instrument_session import InstrumentSession
from .legacy_signal_list import LegacySignalList
from .lifecycle_conflict import LifecycleConflict
from .live_promotion_failure import LivePromotionFailure
from .live_promotion_failure_code import LivePromotionFailureCode
from .live_stats import LiveStats
from .loop_state import LoopState
from .loop_state_status import LoopStateStatus
from .market_data import MarketData
from .market_data_health import MarketDataHealth
from .market_data_health_status import MarketDataHealthStatus
from .market_data_status import MarketDataStatus
from .node_port import NodePort
from .node_port_kind import NodePortKind
from .node_type import NodeType
from .node_type_category import NodeTypeCategory
from .node_type_params_schema import NodeTypeParamsSchema
from .open_position import OpenPosition
from .performance import Performance
from .portal_request import PortalRequest
from .portal_session import PortalSession
from .portfolio import Portfolio
from .portfolio_cumulative import PortfolioCumulative
from .portfolio_today import PortfolioToday
from .problem import Problem
from .problem_code import ProblemCode
from .reconciled_trade import ReconciledTrade
from .required_document import RequiredDocument
from .resend_event import ResendEvent
from .resend_event_data import ResendEventData
from .resend_event_data_bounce import ResendEventDataBounce
from .risk_state import RiskState
from .risk_state_blocked_reason_type_0 import RiskStateBlockedReasonType0
from .risk_state_limits import RiskStateLimits
from .risk_state_usage import RiskStateUsage
from .runtime import Runtime
from .runtime_conflict import RuntimeConflict
from .runtime_list import RuntimeList
from .runtime_position_type_0 import RuntimePositionType0
from .runtime_reconciliation import RuntimeReconciliation
from .runtime_reconciliation_different_item import RuntimeReconciliationDifferentItem
from .runtime_reconciliation_status import RuntimeReconciliationStatus
from .runtime_start_request import RuntimeStartRequest
from .runtime_status import RuntimeStatus
from .runtime_stop_request import RuntimeStopRequest
from .signal import Signal
from .signal_audit_decision import SignalAuditDecision
from .signal_audit_entry import SignalAuditEntry
from .signal_audit_entry_inputs import SignalAuditEntryInputs
from .signal_audit_list import SignalAuditList
from .signal_close_conflict import SignalCloseConflict
from .signal_close_reason import SignalCloseReason
from .signal_close_request import SignalCloseRequest
from .signal_detail import SignalDetail
from .signal_list import SignalList
from .signal_side import SignalSide
from .signal_status import SignalStatus
from .signals_health import SignalsHealth
from .signals_health_dispatcher import SignalsHealthDispatcher
from .signals_health_market_data import SignalsHealthMarketData
from .signals_health_runtimes import SignalsHealthRuntimes
from .strategy import Strategy
from .strategy_create import StrategyCreate
from .strategy_fixture import StrategyFixture
from .strategy_graph import StrategyGraph
from .strategy_graph_input import StrategyGraphInput
from .strategy_graph_input_meta import StrategyGraphInputMeta
from .strategy_graph_meta import StrategyGraphMeta
from .strategy_import import StrategyImport
from .strategy_import_format import StrategyImportFormat
from .strategy_import_name_on_conflict import StrategyImportNameOnConflict
from .strategy_list import StrategyList
from .strategy_performance import StrategyPerformance
from .strategy_performance_backtest_type_0 import StrategyPerformanceBacktestType0
from .strategy_rollback_request import StrategyRollbackRequest
from .strategy_rollback_result import StrategyRollbackResult
from .strategy_status import StrategyStatus
from .strategy_update import StrategyUpdate
from .strategy_validation import StrategyValidation
from .strategy_version import StrategyVersion
from .strategy_version_list import StrategyVersionList
from .stream_event import StreamEvent
from .stream_event_event import StreamEventEvent
from .stripe_event import StripeEvent
from .stripe_event_data import StripeEventData
from .stripe_webhook_ack import StripeWebhookAck
from .telegram_update import TelegramUpdate
from .telegram_update_message import TelegramUpdateMessage
from .telegram_webhook_ack import TelegramWebhookAck
from .tier import Tier
from .tier_features import TierFeatures
from .tier_id import TierId
from .tier_list import TierList
from .timeframe import Timeframe
from .trading_mode import TradingMode
from .twilio_callback import TwilioCallback
from .validation_error_item import ValidationErrorItem
from .version_summary import VersionSummary
from .vix_generate_request import VixGenerateRequest
from .vix_generate_response import VixGenerateResponse
from .vix_quota import VixQuota
from .vix_quota_problem import VixQuotaProblem
from .vix_strategy_draft import VixStrategyDraft
from .vix_strategy_draft_graph import VixStrategyDraftGraph
from .vix_validation import VixValidation
from .vix_validation_errors_item import VixValidationErrorsItem
from .waitlist_count import WaitlistCount
from .waitlist_request import WaitlistRequest
from .waitlist_response import WaitlistResponse
from .waitlist_response_status import WaitlistResponseStatus

__all__ = (
    "AlertChannel",
    "AlertChannelCreated",
    "AlertChannelCreateRequest",
    "AlertChannelList",
    "AlertChannelType",
    "AlertChannelVerifyRequest",
    "AlertDelivery",
    "AlertDeliveryAttempt",
    "AlertDeliveryAttemptOutcome",
    "AlertDeliveryDetail",
    "AlertDeliveryList",
    "AlertDeliveryStatus",
    "AlertEventType",
    "AlertsConfirmVerifyLinkDataBody",
    "AlertSubscription",
    "AlertSubscriptionCreateRequest",
    "AlertSubscriptionList",
    "AlertSubscriptionPatchRequest",
    "AlertsWebhookReceived",
    "AlertUnsubscribeOneClickForm",
    "AlertUnsubscribeOneClickFormListUnsubscribe",
    "AlertUnsubscribePreview",
    "AlertUnsubscribeRequest",
    "AlertUnsubscribeResult",
    "AlertVerificationSent",
    "AlertVerificationSentStatus",
    "AlertVerifyLinkPreview",
    "AlertVerifyLinkResult",
    "BacktestRequest",
    "BacktestResult",
    "BacktestStats",
    "BacktestTrade",
    "BacktestTradeReason",
    "BacktestTradeSide",
    "BillingCompType0",
    "BillingMe",
    "BillingMeSource",
    "BillingPaidTierId",
    "BillingStatus",
    "BillingUsage",
    "BlockedSignal",
    "BlockedSignalList",
    "BlockedSignalReasonJson",
    "BlockedSignalSide",
    "CheckoutRequest",
    "CheckoutSession",
    "CompGrant",
    "ComplianceAcceptance",
    "ComplianceAcceptRequest",
    "ComplianceDocument",
    "ComplianceStatus",
    "ComplianceStatusDocumentsItem",
    "CompRequest",
    "Disclaimer",
    "EngineCatalog",
    "ExportPayload",
    "ExportPayloadFormat",
    "ForceCloseAllResult",
    "GraphEdge",
    "GraphEndpoint",
    "GraphNode",
    "GraphNodeParams",
    "GraphPosition",
    "GraphValidationError",
    "GraphValidationErrorCode",
    "Health",
    "HealthDatabase",
    "HealthProblem",
    "HealthStatus",
    "Instrument",
    "InstrumentList",
    "InstrumentSession",
    "LegacySignalList",
    "LifecycleConflict",
    "LivePromotionFailure",
    "LivePromotionFailureCode",
    "LiveStats",
    "LoopState",
    "LoopStateStatus",
    "MarketData",
    "MarketDataHealth",
    "MarketDataHealthStatus",
    "MarketDataStatus",
    "NodePort",
    "NodePortKind",
    "NodeType",
    "NodeTypeCategory",
    "NodeTypeParamsSchema",
    "OpenPosition",
    "Performance",
    "PortalRequest",
    "PortalSession",
    "Portfolio",
    "PortfolioCumulative",
    "PortfolioToday",
    "Problem",
    "ProblemCode",
    "ReconciledTrade",
    "RequiredDocument",
    "ResendEvent",
    "ResendEventData",
    "ResendEventDataBounce",
    "RiskState",
    "RiskStateBlockedReasonType0",
    "RiskStateLimits",
    "RiskStateUsage",
    "Runtime",
    "RuntimeConflict",
    "RuntimeList",
    "RuntimePositionType0",
    "RuntimeReconciliation",
    "RuntimeReconciliationDifferentItem",
    "RuntimeReconciliationStatus",
    "RuntimeStartRequest",
    "RuntimeStatus",
    "RuntimeStopRequest",
    "Signal",
    "SignalAuditDecision",
    "SignalAuditEntry",
    "SignalAuditEntryInputs",
    "SignalAuditList",
    "SignalCloseConflict",
    "SignalCloseReason",
    "SignalCloseRequest",
    "SignalDetail",
    "SignalList",
    "SignalsHealth",
    "SignalsHealthDispatcher",
    "SignalsHealthMarketData",
    "SignalsHealthRuntimes",
    "SignalSide",
    "SignalStatus",
    "Strategy",
    "StrategyCreate",
    "StrategyFixture",
    "StrategyGraph",
    "StrategyGraphInput",
    "StrategyGraphInputMeta",
    "StrategyGraphMeta",
    "StrategyImport",
    "StrategyImportFormat",
    "StrategyImportNameOnConflict",
    "StrategyList",
    "StrategyPerformance",
    "StrategyPerformanceBacktestType0",
    "StrategyRollbackRequest",
    "StrategyRollbackResult",
    "StrategyStatus",
    "StrategyUpdate",
    "StrategyValidation",
    "StrategyVersion",
    "StrategyVersionList",
    "StreamEvent",
    "StreamEventEvent",
    "StripeEvent",
    "StripeEventData",
    "StripeWebhookAck",
    "TelegramUpdate",
    "TelegramUpdateMessage",
    "TelegramWebhookAck",
    "Tier",
    "TierFeatures",
    "TierId",
    "TierList",
    "Timeframe",
    "TradingMode",
    "TwilioCallback",
    "ValidationErrorItem",
    "VersionSummary",
    "VixGenerateRequest",
    "VixGenerateResponse",
    "VixQuota",
    "VixQuotaProblem",
    "VixStrategyDraft",
    "VixStrategyDraftGraph",
    "VixValidation",
    "VixValidationErrorsItem",
    "WaitlistCount",
    "WaitlistRequest",
    "WaitlistResponse",
    "WaitlistResponseStatus",
)
