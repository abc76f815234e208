// The schema of an error answer is RFC 9457 problem details: a $ref to #/components/schemas/Problem, or
// to a schema that extends it (allOf whose first member is, recursively, a problem schema), or an
// anyOf/oneOf whose every branch is one. Run on the unresolved document, since resolving the $refs is
// what would hide which schema an answer names.
'use strict';

const PROBLEM = '#/components/schemas/Problem';

function target(document, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, part) => (node == null ? undefined : node[part]), document);
}

function isProblem(schema, document, seen) {
  if (schema == null || typeof schema !== 'object') return false;
  if (schema.$ref === PROBLEM) return true;
  if (schema.$ref !== undefined) {
    if (seen.has(schema.$ref)) return false; // a cycle never reaches Problem
    seen.add(schema.$ref);
    return isProblem(target(document, schema.$ref), document, seen);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) return isProblem(schema.allOf[0], document, seen);
  for (const key of ['anyOf', 'oneOf']) {
    if (Array.isArray(schema[key]) && schema[key].length > 0) {
      return schema[key].every(branch => isProblem(branch, document, new Set(seen)));
    }
  }
  return false;
}

module.exports = (schema, _options, context) => {
  const document = context.document.data;
  if (isProblem(schema, document, new Set())) return [];
  return [{ message: 'An error answer\'s schema must be #/components/schemas/Problem or a schema extending it (allOf).' }];
};
