"""Request validators that report every failure at once: 422 for a well-formed request that breaks the
contract, 400 for a body that cannot be read. They replace Connexion's defaults, which stop at the
first error, answer 400 for both, and let a non-UTF-8 body escape as a 500.
"""

from __future__ import annotations

import json
import typing as t

from connexion.datastructures import MediaTypeDict
from connexion.lifecycle import ConnexionRequest
from connexion.validators import (
    FormDataValidator,
    JSONRequestBodyValidator,
    JSONResponseBodyValidator,
    ParameterValidator,
    TextResponseBodyValidator,
)
from jsonschema import Draft4Validator, ValidationError

from ex7.problems import MalformedRequestProblem, RequestValidationProblem

_MAX_MSG = 200


def _refuse_constant(name: str) -> t.NoReturn:
    # Python's json accepts NaN and Infinity; JSON (RFC 8259) and PostgreSQL's jsonb do not.
    raise json.JSONDecodeError(f"{name} is not a JSON number", name, 0)


def _unstorable(value: t.Any) -> str | None:
    """Why a parsed value cannot be stored as text or jsonb (NUL, lone UTF-16 surrogates), or None.

    Both are legal JSON and pass any schema, but PostgreSQL rejects them: caught here, they are the
    caller's mistake (400) instead of a driver error (500). Iterative, so deep nesting cannot
    exhaust the stack.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return "a string contains a NUL character"
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return "a string contains an unpaired UTF-16 surrogate"
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _error_item(where: list[t.Any], error: ValidationError) -> dict[str, t.Any]:
    msg = error.message if len(error.message) <= _MAX_MSG else error.message[: _MAX_MSG - 3] + "..."
    return {"loc": [*where, *error.absolute_path], "msg": msg, "type": str(error.validator)}


class StrictJSONBodyValidator(JSONRequestBodyValidator):
    async def _parse(self, stream: t.AsyncGenerator[bytes, None], scope: t.Any) -> t.Any:
        raw = b"".join([chunk async for chunk in stream])
        try:
            text = raw.decode(self._encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            reason = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
            raise MalformedRequestProblem(f"The body is not valid {self._encoding}: {reason}") from exc
        if not text.strip():
            return None
        try:
            body = json.loads(text, parse_constant=_refuse_constant)
        except json.JSONDecodeError as exc:
            raise MalformedRequestProblem(f"The body is not valid JSON: {exc}") from exc
        except RecursionError as exc:
            raise MalformedRequestProblem("The body nests too deeply.") from exc
        unstorable = _unstorable(body)
        if unstorable:
            raise MalformedRequestProblem(f"The body cannot be accepted: {unstorable}.")
        return body

    def _validate(self, body: t.Any) -> dict | None:
        if body is None:
            if self._nullable or not self._required:  # an optional body may be left out
                return None
            raise MalformedRequestProblem("A JSON body is required.")
        try:
            errors = sorted(self._validator.iter_errors(body), key=lambda e: list(map(str, e.absolute_path)))
        except RecursionError as exc:
            raise MalformedRequestProblem("The body nests too deeply.") from exc
        if errors:
            raise RequestValidationProblem([_error_item(["body"], e) for e in errors])
        return None


class StrictFormDataValidator(FormDataValidator):
    def _validate(self, body: t.Any) -> dict | None:
        if not isinstance(body, dict):
            raise MalformedRequestProblem("The form body could not be read.")
        unstorable = _unstorable(body)
        if unstorable:
            raise MalformedRequestProblem(f"The form cannot be accepted: {unstorable}.")
        # Unknown fields are judged by the schema's own additionalProperties (provider callbacks
        # add fields over time), not by Connexion's blanket strict mode.
        errors = [_error_item(["body"], e) for e in self._validator.iter_errors(body)]
        if errors:
            raise RequestValidationProblem(errors)
        return None


class StrictParameterValidator(ParameterValidator):
    def validate_request(self, request: ConnexionRequest) -> None:
        errors: list[dict[str, t.Any]] = []
        if self.strict_validation:
            extra = self.validate_query_parameter_list(request, security_params=self.security_query_params)
            errors.extend(
                {"loc": ["query", name], "msg": "Unknown query parameter.", "type": "additionalProperties"}
                for name in sorted(extra)
            )
        sources = {
            "query": lambda p: request.query_params.get(p["name"]),
            "path": lambda p: request.path_params.get(p["name"].replace("-", "_")),
            "header": lambda p: request.headers.get(p["name"]),
            "cookie": lambda p: request.cookies.get(p["name"]),
        }
        for location, get in sources.items():
            for param in self.parameters.get(location, []):
                value = get(param)
                if value is None:
                    if param.get("required"):
                        errors.append({"loc": [location, param["name"]], "msg": "Missing required parameter.",
                                       "type": "required"})
                    continue
                if _unstorable(value):
                    errors.append({"loc": [location, param["name"]], "msg": "Contains a NUL character or an unpaired "
                                   "surrogate.", "type": "format"})
                    continue
                schema = param.get("schema", param)
                validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
                errors.extend(_error_item([location, param["name"]], e) for e in validator.iter_errors(value))
        if errors:
            raise RequestValidationProblem(errors)


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
