"""Account: waitlist sign-ups."""
