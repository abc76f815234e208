from enum import StrEnum


class GraphValidationErrorCode(StrEnum):
    CYCLE = "cycle"
    DANGLING_EDGE = "dangling_edge"
    DUPLICATE_EDGE = "duplicate_edge"
    DUPLICATE_NODE_ID = "duplicate_node_id"
    INVALID_PARAMS = "invalid_params"
    MULTIPLE_POSITION_SIZE = "multiple_position_size"
    NO_ENTRY_ACTION = "no_entry_action"
    PORT_TYPE_MISMATCH = "port_type_mismatch"
    UNCONNECTED_INPUT = "unconnected_input"
    UNKNOWN_NODE_TYPE = "unknown_node_type"
    UNSUPPORTED_INSTRUMENT = "unsupported_instrument"
    UNSUPPORTED_TIMEFRAME = "unsupported_timeframe"

    def __str__(self) -> str:
        return str(self.value)
