"""Vix local provider (domain/vix/local.py), in layers: limits, vocabulary, tokens, phrases, conditions,
resolution, plan, graph, explanation; each imports only the ones before it."""
