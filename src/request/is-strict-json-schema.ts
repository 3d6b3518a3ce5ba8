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

  return Object.entries(SUBSCHEMAS).every(([key, subschemas]) => {
    const value = schema[key];
    if (value == null) return true;
    const list = subschemas(value);
    return list !== false && list.every(sub => check(sub, seen));
  });
}

const inList = (value: unknown) => Array.isArray(value) && value;
const inMap = (value: unknown) => isRecord(value) && Object.values(value);

/** Where subschemas sit, and how to list them; false: not what the key takes, never strict. */
const SUBSCHEMAS: Readonly<Record<string, (value: unknown) => unknown[] | false>> = {
  properties: inMap,
  $defs: inMap,
  definitions: inMap,
  anyOf: inList,
  allOf: inList,
  oneOf: inList,
  prefixItems: inList,
  items: value => [value],
};
