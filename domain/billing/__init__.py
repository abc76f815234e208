"""Billing: tiers and their caps, compliance documents and the CFTC 4.41 text."""
