"""The signal pipeline's rules: signals and their wire form (records), runtimes (start, stop, warm-up,
lateness: runtime), the failures (errors). The risk gate is domain.risk."""
