/**
 * Whether OpenAI's strict mode accepts the schema as it is: the root is an object, and every
 * object lists its `properties`, names all of them in `required` and sets
 * `additionalProperties: false`, at every depth and in every branch of a union. Forcing
 * strict on anything else earns a 400 "Invalid schema" (an object without `properties`
 * gets "object schema missing properties").
 */
export function isStrictJsonSchema(schema: unknown): boolean {
  return isRecord(schema) && isObjectSchema(schema) && check(schema, new Set());
}

const SUBSCHEMA_LIST_KEYS = ['anyOf', 'allOf', 'oneOf', 'prefixItems'] as const;
const SUBSCHEMA_MAP_KEYS = ['properties', '$defs', 'definitions'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value != null && typeof value === 'object' && !Array.isArray(value);
}

function isObjectSchema(s: Record<string, unknown>): boolean {
  return (
    s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || 'properties' in s
  );
}

function check(schema: unknown, seen: Set<object>): boolean {
  if (typeof schema === 'boolean') return true;
  if (!isRecord(schema)) return false;
  if (seen.has(schema)) return true;
  seen.add(schema);

  if (isObjectSchema(schema)) {
    const { properties, required } = schema;
    if (schema.additionalProperties !== false || properties == null) return false;
    // a malformed `properties` value is rejected with the other subschema maps below
    const keys = Object.keys(properties);
    if (!keys.every(key => Array.isArray(required) && required.includes(key))) return false;
  }

  for (const key of SUBSCHEMA_MAP_KEYS) {
    const map = schema[key];
    if (map == null) continue;
    if (!isRecord(map)) return false;
    for (const sub of Object.values(map)) if (!check(sub, seen)) return false;
  }
  for (const key of SUBSCHEMA_LIST_KEYS) {
    const list = schema[key];
    if (list == null) continue;
    if (!Array.isArray(list)) return false;
    for (const sub of list) if (!check(sub, seen)) return false;
  }
  return schema.items == null || check(schema.items, seen);
}
