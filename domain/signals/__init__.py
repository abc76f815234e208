"""The signal pipeline's rules: signals and their wire form (records), runtimes (start, stop, warm-up,
lateness: runtime), what they add up to (the live statistics and the portfolio: stats), the failures
(errors). The risk gate is domain.risk."""
