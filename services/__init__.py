"""Use cases, one module per area and one function per use case, named after its operationId where it has one.

Handlers (HTTP) and background workers both call them. A use case takes the open transaction (the
entry point owns BEGIN/COMMIT) and returns plain data; it never sees HTTP or the wire models.
"""
