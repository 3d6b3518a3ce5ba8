import type { Normaliser } from './normalise-values';
import type { RecordedRequest } from './recorder-server';

/**
 * One request as rows: `header: <name>` for each header (an upgrade's or an HTTP post's; a
 * WebSocket frame has none of its own), `body: <path>` for each body leaf. Lists are
 * summarised where their items are what differs: `input` as the sequence of item kinds plus
 * one row per item kind and key, `tools` as the names plus the keys a function tool has,
 * message `content` as its part types (the texts are the clients' own prompts). JSON carried
 * in a string (`x-codex-turn-metadata`) is unfolded into its keys.
 */
export function flattenRequest(
  request: RecordedRequest,
  normaliser: Normaliser,
): Map<string, string> {
  const rows = new Map<string, string>();
  const put = (field: string, shape: string) => {
    const previous = rows.get(field);
    if (previous == null) rows.set(field, shape);
    else if (!previous.split(' | ').includes(shape)) rows.set(field, `${previous} | ${shape}`);
  };
  if (request.kind !== 'frame') {
    for (const [name, value] of Object.entries(request.headers)) {
      const field = `header: ${name}`;
      if (isJsonObject(value)) unfold(JSON.parse(value), field, put, normaliser);
      else put(field, normaliser.value(value, field));
    }
  }
  if (request.body != null && typeof request.body === 'object') {
    unfold(request.body, 'body:', put, normaliser);
  } else if (request.body !== undefined) {
    put('body:', normaliser.value(request.body));
  }
  return rows;
}

type Put = (field: string, shape: string) => void;

function unfold(value: unknown, path: string, put: Put, normaliser: Normaliser): void {
  const at = (key: string) => (path.endsWith(':') ? `${path} ${key}` : `${path}.${key}`);
  if (Array.isArray(value)) {
    if (path === 'body: input') return unfoldInput(value, path, put, normaliser);
    if (path === 'body: tools') return unfoldTools(value, path, put, normaliser);
    if (value.every(item => item === null || typeof item !== 'object')) {
      put(path, `[${value.map(item => normaliser.value(item)).join(', ')}]`);
      return;
    }
    put(path, `list of ${value.length}`);
    return;
  }
  if (value != null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) put(path, '{}');
    for (const [key, item] of entries) {
      if (key === 'schema' && path.endsWith('format')) put(at(key), JSON.stringify(item));
      else if (typeof item === 'string' && isJsonObject(item))
        unfold(JSON.parse(item), at(key), put, normaliser);
      else unfold(item, at(key), put, normaliser);
    }
    return;
  }
  put(path, normaliser.value(value, path));
}

type Item = Record<string, unknown> & { type?: string; role?: string };

/** `message/developer`, `message/user`, `reasoning`, `function_call`, … */
function kindOf(item: Item): string {
  return item.type === 'message' || (item.type == null && item.role != null)
    ? `message/${item.role}`
    : String(item.type);
}

/** What an official message is for, from its own metadata (`[user.text]`, `[model.base_instructions]`). */
function purposeOf(item: Item): string {
  const kinds = (
    item.internal_chat_message_metadata_passthrough as { content_item_kinds?: string[] } | undefined
  )?.content_item_kinds;
  return kinds?.length ? ` [${kinds.join(', ')}]` : '';
}

function unfoldInput(items: unknown[], path: string, put: Put, normaliser: Normaliser): void {
  put(
    `${path} (item kinds)`,
    (items as Item[]).map(item => `${kindOf(item)}${purposeOf(item)}`).join(', ') || '[]',
  );
  for (const item of items as Item[]) {
    const base = `${path}[${kindOf(item)}]`;
    put(`${base} (keys)`, Object.keys(item).sort().join(', '));
    for (const [key, value] of Object.entries(item)) {
      if (key === 'content' && Array.isArray(value)) {
        put(`${base}.content`, `[${value.map(part => (part as Item)?.type).join(', ')}]`);
      } else if (key === 'summary' && Array.isArray(value)) {
        put(`${base}.summary`, `[${value.map(part => (part as Item)?.type).join(', ')}]`);
      } else if (key === 'output' && typeof value === 'string') {
        put(
          `${base}.output`,
          value.length > 20 ? `<text, ${value.split('\n').length} lines>` : normaliser.value(value),
        );
      } else if (key === 'internal_chat_message_metadata_passthrough') {
        put(
          `${base}.${key} (keys)`,
          Object.keys(value as object)
            .sort()
            .join(', '),
        );
      } else {
        unfold(value, `${base}.${key}`, put, normaliser);
      }
    }
  }
}

function unfoldTools(tools: unknown[], path: string, put: Put, normaliser: Normaliser): void {
  put(
    `${path} (type:name)`,
    (tools as Item[]).map(tool => `${tool.type}:${String(tool.name ?? '')}`).join(', ') || '[]',
  );
  for (const tool of tools as Item[]) {
    const base = `${path}[${tool.type}]`;
    put(`${base} (keys)`, Object.keys(tool).sort().join(', '));
    if (tool.type === 'function') {
      put(`${base}.strict`, normaliser.value(tool.strict));
      const parameters = tool.parameters as Item | undefined;
      put(
        `${base}.parameters.additionalProperties`,
        normaliser.value(parameters?.additionalProperties),
      );
    }
  }
}

function isJsonObject(text: unknown): text is string {
  if (typeof text !== 'string' || !text.startsWith('{')) return false;
  try {
    return typeof JSON.parse(text) === 'object';
  } catch {
    return false;
  }
}
