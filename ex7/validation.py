"""Request validators that report every failure at once: 422 for a well-formed request that breaks the
contract, 400 for a body that cannot be read. They replace Connexion's defaults, which stop at the
first error, answer 400 for both, and let a non-UTF-8 body escape as a 500.
"""

from __future__ import annotations

import asyncio
import json
import re
import typing as t

from connexion.datastructures import MediaTypeDict
from connexion.json_schema import Draft4RequestValidator
from connexion.lifecycle import ConnexionRequest
from connexion.middleware.request_validation import (
    RequestValidationAPI,
    RequestValidationMiddleware,
    RequestValidationOperation,
)
from connexion.validators import (
    FormDataValidator,
    JSONRequestBodyValidator,
    JSONResponseBodyValidator,
    ParameterValidator,
    TextResponseBodyValidator,
)
from jsonschema import Draft4Validator, ValidationError, validators

from ex7.invocation import BODY_KEY, PARAMS_KEY
from ex7.problems import MalformedRequestProblem, RequestValidationProblem

_MAX_MSG = 200
# JSON deeper than this is refused before validation: no operation needs it, and every later step
# (validation, storage as jsonb, rendering the response) must be able to handle what was accepted.
MAX_DEPTH = 32
# Bodies larger than this are parsed and validated on a worker thread, so one big request cannot
# hold the event loop (and every other request) for the time its validation takes.
_OFF_LOOP_BYTES = 64 * 1024


def _refuse_constant(name: str) -> t.NoReturn:
    # Python's json accepts NaN and Infinity; JSON (RFC 8259) and PostgreSQL's jsonb do not.
    raise json.JSONDecodeError(f"{name} is not a JSON number", name, 0)


def _unstorable(value: t.Any) -> str | None:
    """Why a parsed value cannot be accepted (NUL, lone UTF-16 surrogates, too deep), or None.

    NUL and lone surrogates are legal JSON and pass any schema, but PostgreSQL rejects them: caught
    here, they are the caller's mistake (400) instead of a driver error (500). Iterative, so deep
    nesting cannot exhaust the stack.
    """
    stack: list[tuple[t.Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return "a string contains a NUL character"
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return "a string contains an unpaired UTF-16 surrogate"
        elif isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                return _TOO_DEEP
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return None


_TOO_DEEP = f"it nests deeper than {MAX_DEPTH} levels"
# In JSON text a NUL or a surrogate can only come from a \u escape: a raw NUL is not valid JSON and a
# raw surrogate is not valid UTF-8. Text without such an escape needs no look at its strings.
_SUSPECT_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


def _json_unstorable(text: str, body: t.Any) -> str | None:
    """_unstorable for a body parsed from `text`, visiting only its containers unless an escape in the
    text could have made a string PostgreSQL refuses."""
    if _SUSPECT_ESCAPE.search(text):
        return _unstorable(body)
    stack: list[tuple[t.Any, int]] = [(body, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return _TOO_DEEP
        for child in item.values() if isinstance(item, dict) else item if isinstance(item, list) else ():
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return None


# ---- bounded JSON Schema validation -----------------------------------------------------------------
# jsonschema evaluates every keyword of a schema whatever the others found, so a 4,000-element array
# under `maxItems: 20` is still checked element by element, and `uniqueItems` over objects compares
# every pair (quadratic): seconds of CPU for 48 KB. These keyword functions skip the work that a
# cheaper failure already condemns: past `maxItems`, neither the items nor their uniqueness are
# checked; past `maxLength`, neither the pattern nor the format. Uniqueness of scalars is a set.

_BASE = Draft4RequestValidator.VALIDATORS


def _over(validator: t.Any, instance: t.Any, schema: dict[str, t.Any], kind: str, bound: str) -> bool:
    return bound in schema and validator.is_type(instance, kind) and len(instance) > schema[bound]


def _items(validator: t.Any, items: t.Any, instance: t.Any, schema: dict[str, t.Any]) -> t.Iterator[ValidationError]:
    if not _over(validator, instance, schema, "array", "maxItems"):
        yield from _BASE["items"](validator, items, instance, schema)


def _scalar_key(item: t.Any) -> t.Hashable | None:
    # JSON Schema equality: 1 == 1.0, but true != 1.
    if isinstance(item, bool):
        return ("bool", item)
    if isinstance(item, int | float):
        return ("number", item)
    if isinstance(item, str):
        return ("string", item)
    if item is None:
        return ("null",)
    return None


def _unique_items(validator: t.Any, unique: t.Any, instance: t.Any,
                  schema: dict[str, t.Any]) -> t.Iterator[ValidationError]:
    if not unique or not validator.is_type(instance, "array") or _over(validator, instance, schema, "array",
                                                                        "maxItems"):
        return
    keys = [_scalar_key(item) for item in instance]
    if None not in keys:
        if len(set(keys)) != len(keys):
            yield ValidationError("has non-unique elements")
        return
    item_type = schema.get("items", {}).get("type") if isinstance(schema.get("items"), dict) else None
    if isinstance(item_type, str) and not all(validator.is_type(item, item_type) for item in instance):
        return  # `items` reports the wrong types; comparing them would only cost time
    yield from _BASE["uniqueItems"](validator, unique, instance, schema)


def _string_check(keyword: str) -> t.Callable[..., t.Iterator[ValidationError]]:
    def check(validator: t.Any, value: t.Any, instance: t.Any, schema: dict[str, t.Any]) -> t.Iterator[ValidationError]:
        if not _over(validator, instance, schema, "string", "maxLength"):
            yield from _BASE[keyword](validator, value, instance, schema)
    return check


BoundedValidator = validators.extend(Draft4RequestValidator, {
    "items": _items,
    "uniqueItems": _unique_items,
    "pattern": _string_check("pattern"),
    "format": _string_check("format"),
})


# Connexion builds its validators anew for every request, from the same operation's schema objects;
# the JSON Schema validators built from them are kept here, keyed by the schema object (held, so that
# its id is never reused).
_VALIDATORS: dict[int, tuple[t.Any, t.Any]] = {}


def _bounded(schema: dict[str, t.Any]) -> t.Any:
    kept = _VALIDATORS.get(id(schema))
    if kept is None or kept[0] is not schema:
        validator = BoundedValidator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
        kept = _VALIDATORS[id(schema)] = (schema, validator)
    return kept[1]


def _error_item(where: list[t.Any], error: ValidationError) -> dict[str, t.Any]:
    msg = error.message if len(error.message) <= _MAX_MSG else error.message[: _MAX_MSG - 3] + "..."
    return {"loc": [*where, *error.absolute_path], "msg": msg, "type": str(error.validator)}


def _schema_errors(validator: t.Any, value: t.Any, where: list[t.Any]) -> list[dict[str, t.Any]]:
    errors = sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))
    return [_error_item(where, e) for e in errors]


class _NoBody:
    """No body was sent (as opposed to a body that is the JSON literal `null`)."""


_NO_BODY = _NoBody()


class StrictJSONBodyValidator(JSONRequestBodyValidator):
    """Reads, checks and validates a JSON body in `_parse` (on a worker thread when it is large), so that
    `_validate` has nothing left to do."""

    def __init__(self, **kwargs: t.Any) -> None:
        super().__init__(**kwargs)
        self._bounded = _bounded(self._schema)

    async def _parse(self, stream: t.AsyncGenerator[bytes, None], scope: t.Any) -> t.Any:
        raw = b"".join([chunk async for chunk in stream])
        body = await asyncio.to_thread(self._read, raw) if len(raw) > _OFF_LOOP_BYTES else self._read(raw)
        if body is not _NO_BODY:
            scope[BODY_KEY] = body  # what the handler gets (ex7.invocation)
        return body

    def _read(self, raw: bytes) -> t.Any:
        try:
            text = raw.decode(self._encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            reason = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
            raise MalformedRequestProblem(f"The body is not valid {self._encoding}: {reason}") from exc
        if not text.strip():
            if self._required and not self._nullable:
                raise MalformedRequestProblem("A JSON body is required.")
            return _NO_BODY
        try:
            body = json.loads(text, parse_constant=_refuse_constant)
        except json.JSONDecodeError as exc:
            raise MalformedRequestProblem(f"The body is not valid JSON: {exc}") from exc
        except RecursionError as exc:
            raise MalformedRequestProblem(f"The body nests deeper than {MAX_DEPTH} levels.") from exc
        unstorable = _json_unstorable(text, body)
        if unstorable:
            raise MalformedRequestProblem(f"The body cannot be accepted: {unstorable}.")
        # A literal `null` is validated like any other value: it is not an object.
        errors = _schema_errors(self._bounded, body, ["body"])
        if errors:
            raise RequestValidationProblem(errors)
        return body

    def _validate(self, body: t.Any) -> dict | None:
        return None  # done by _read, which has the raw body


class StrictFormDataValidator(FormDataValidator):
    def __init__(self, **kwargs: t.Any) -> None:
        super().__init__(**kwargs)
        self._bounded = _bounded(self._schema)

    async def _parse(self, stream: t.AsyncGenerator[bytes, None], scope: t.Any) -> t.Any:
        body = await super()._parse(stream, scope)
        scope[BODY_KEY] = body  # what the handler gets once _validate has passed it (ex7.invocation)
        return body

    def _validate(self, body: t.Any) -> dict | None:
        if not isinstance(body, dict):
            raise MalformedRequestProblem("The form body could not be read.")
        unstorable = _unstorable(body)
        if unstorable:
            raise MalformedRequestProblem(f"The form cannot be accepted: {unstorable}.")
        # Unknown fields are judged by the schema's own additionalProperties (provider callbacks
        # add fields over time), not by Connexion's blanket strict mode.
        errors = _schema_errors(self._bounded, body, ["body"])
        if errors:
            raise RequestValidationProblem(errors)
        return None


class StrictParameterValidator(ParameterValidator):
    def __init__(self, parameters: list[dict[str, t.Any]], *args: t.Any, **kwargs: t.Any) -> None:
        super().__init__(parameters, *args, **kwargs)
        self._checks = [
            (location, param, _bounded(param.get("schema", param)))
            for location in ("query", "path", "header", "cookie")
            for param in self.parameters.get(location, [])
        ]

    def validate(self, scope: t.Any) -> None:
        if self._checks or (self.strict_validation and scope.get("query_string")):
            super().validate(scope)

    def validate_request(self, request: ConnexionRequest) -> None:
        errors: list[dict[str, t.Any]] = []
        if self.strict_validation:
            extra = self.validate_query_parameter_list(request, security_params=self.security_query_params)
            errors.extend(
                {"loc": ["query", name[:256]], "msg": "Unknown query parameter.", "type": "additionalProperties"}
                for name in sorted(extra)
            )
        sources = {
            "query": lambda name: request.query_params.get(name),
            "path": lambda name: request.path_params.get(name.replace("-", "_")),
            "header": lambda name: request.headers.get(name),
            "cookie": lambda name: request.cookies.get(name),
        }
        checked: dict[str, t.Any] = {}
        for location, param, validator in self._checks:
            name = param["name"]
            value = sources[location](name)
            if location in ("path", "query") and value is not None:
                checked[name] = value
            if value is None:
                if param.get("required"):
                    errors.append({"loc": [location, name], "msg": "Missing required parameter.", "type": "required"})
                continue
            unstorable = _unstorable(value)
            if unstorable:
                # The contract's rule for any string anywhere: 400, like a body carrying one.
                raise MalformedRequestProblem(f"The {location} parameter {name!r} cannot be accepted: {unstorable}.")
            errors.extend(_schema_errors(validator, value, [location, name]))
        if errors:
            raise RequestValidationProblem(errors)
        request.scope[PARAMS_KEY] = checked  # what the handler gets (ex7.invocation)


VALIDATOR_MAP = {
    "parameter": StrictParameterValidator,
    "body": MediaTypeDict(
        {
            "*/*json": StrictJSONBodyValidator,
            "application/x-www-form-urlencoded": StrictFormDataValidator,
        }
    ),
    "response": MediaTypeDict(
        {
            "*/*json": JSONResponseBodyValidator,
            "text/plain": TextResponseBodyValidator,
        }
    ),
}


# ---- the validation middleware ---------------------------------------------------------------------

class _Operation(RequestValidationOperation):
    """An operation without parameters or a body has nothing to validate unless the request carries a
    query string (strict validation refuses unknown parameters): it skips building the validators."""

    def __init__(self, *args: t.Any, operation: t.Any, **kwargs: t.Any) -> None:
        super().__init__(*args, operation=operation, **kwargs)
        self._nothing_to_check = not operation.parameters and not operation.request_body

    async def __call__(self, scope: t.Any, receive: t.Any, send: t.Any) -> None:
        if self._nothing_to_check and not scope.get("query_string"):
            await self.next_app(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)


class _Api(RequestValidationAPI):
    def make_operation(self, operation: t.Any) -> RequestValidationOperation:
        return _Operation(self.next_app, operation=operation, strict_validation=self.strict_validation,
                          validator_map=self.validator_map)


class RequestValidation(RequestValidationMiddleware):
    """Connexion's request validation middleware, with the shortcut of `_Operation`."""

    api_cls = _Api
