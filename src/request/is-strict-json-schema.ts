/**
 * Whether OpenAI's strict mode accepts the schema as it is: every object lists all of its
 * properties in `required` and sets `additionalProperties: false`, at every depth. Forcing
 * strict on a schema with optional fields earns a 400 "Invalid schema".
 */
export function isStrictJsonSchema(schema: unknown): boolean {
  return check(schema, new Set());
}

const SUBSCHEMA_LIST_KEYS = ['anyOf', 'allOf', 'oneOf', 'prefixItems'] as const;
const SUBSCHEMA_MAP_KEYS = ['properties', '$defs', 'definitions'] as const;

function check(schema: unknown, seen: Set<object>): boolean {
  if (typeof schema === 'boolean') return true;
  if (schema == null || typeof schema !== 'object' || Array.isArray(schema)) return false;
  if (seen.has(schema)) return true;
  seen.add(schema);
  const s = schema as Record<string, unknown>;

  const isObject =
    s.type === 'object' ||
    (Array.isArray(s.type) && s.type.includes('object')) ||
    'properties' in s;
  if (isObject) {
    if (s.additionalProperties !== false) return false;
    const props = s.properties;
    if (props != null && (typeof props !== 'object' || Array.isArray(props))) return false;
    const required = Array.isArray(s.required) ? s.required : [];
    for (const key of Object.keys(props ?? {})) if (!required.includes(key)) return false;
  }

  for (const key of SUBSCHEMA_MAP_KEYS) {
    const map = s[key];
    if (map != null) {
      if (typeof map !== 'object') return false;
      for (const sub of Object.values(map)) if (!check(sub, seen)) return false;
    }
  }
  for (const key of SUBSCHEMA_LIST_KEYS) {
    const list = s[key];
    if (list != null) {
      if (!Array.isArray(list)) return false;
      for (const sub of list) if (!check(sub, seen)) return false;
    }
  }
  if (s.items != null && !check(s.items, seen)) return false;
  return true;
}
