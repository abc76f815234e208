"""One module per OpenAPI tag, one async function per operationId. Thin: parse, call, map."""
