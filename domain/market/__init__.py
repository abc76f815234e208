"""Markets: the instrument catalogue, the CME calendar, bars and their timeframes, synthetic bars, freshness."""
