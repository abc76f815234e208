"""Background loops of the service, run under one supervisor: the market-data feeds, and the loops still to come."""
