"""The rules of EX7 in plain Python: no I/O, no framework, no database."""
