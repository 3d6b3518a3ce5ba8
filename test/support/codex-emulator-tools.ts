// The emulator's side of the backend's own tools and of the image endpoints: request
// checks with the backend's error shapes, and the scripted answers.
import type { IncomingMessage } from 'node:http';
import { backendCallId } from './backend-ids';
import type { OutputSpec } from './codex-events';

export type Rejection = { status: number; body: unknown };

export function invalidRequest(
  message: string,
  param: string | null = null,
  code: string | null = null,
): Rejection {
  return { status: 400, body: { error: { message, type: 'invalid_request_error', param, code } } };
}

// ---- tool definitions ----------------------------------------------------------------

const CONTEXT_SIZES = ['low', 'medium', 'high'];

/** Checks a non-function tool the way the backend does; undefined when it is fine. */
export function validateProviderTool(tool: any): Rejection | undefined {
  const bad = (what: string) =>
    invalidRequest(`Invalid tool (${what}): ${JSON.stringify(tool).slice(0, 80)}`, 'tools');
  switch (tool?.type) {
    case 'web_search': {
      const allowed = tool.filters?.allowed_domains;
      if (allowed != null && !(Array.isArray(allowed) && allowed.every(isString)))
        return bad('filters.allowed_domains must be an array of strings');
      if (tool.search_context_size != null && !CONTEXT_SIZES.includes(tool.search_context_size))
        return bad('search_context_size');
      if (tool.user_location != null && tool.user_location.type !== 'approximate')
        return bad("user_location.type must be 'approximate'");
      if (tool.external_web_access != null && typeof tool.external_web_access !== 'boolean')
        return bad('external_web_access');
      return undefined;
    }
    case 'custom': {
      if (typeof tool.name !== 'string' || tool.name === '') return bad('name');
      const format = tool.format;
      if (format != null && format.type !== 'text') {
        if (format.type !== 'grammar') return bad('format.type');
        if (!['lark', 'regex'].includes(format.syntax)) return bad('format.syntax');
        if (typeof format.definition !== 'string' || format.definition === '')
          return bad('format.definition');
      }
      return undefined;
    }
    case 'local_shell':
      return Object.keys(tool).length === 1 ? undefined : bad('local_shell takes no fields');
    default:
      return bad(`unknown type '${String(tool?.type)}'`);
  }
}

// ---- input items ---------------------------------------------------------------------

export type CallKind = 'function' | 'custom' | 'local_shell';

/** Which output item answers which call; the backend pairs them by type and call_id. */
const OUTPUT_PAIRS: Record<string, CallKind[]> = {
  function_call_output: ['function', 'local_shell'],
  custom_tool_call_output: ['custom'],
  local_shell_call_output: ['local_shell'],
};

const WEB_SEARCH_ACTIONS = ['search', 'open_page', 'find_in_page'];

/**
 * Checks one input item about tools and tracks calls and their outputs. Returns a
 * rejection, or undefined when the item is fine (or not a tool item).
 */
export function checkToolItem(
  item: any,
  calls: Map<string, CallKind>,
  unanswered: Set<string>,
): Rejection | undefined {
  switch (item.type) {
    case 'function_call':
    case 'custom_tool_call':
    case 'local_shell_call': {
      if (typeof item.call_id !== 'string' || item.call_id === '')
        return invalidRequest(`Missing required parameter: 'input[].call_id'.`, 'input');
      if (item.type === 'custom_tool_call' && typeof item.input !== 'string')
        return invalidRequest(
          'Invalid type for custom_tool_call.input: expected a string.',
          'input',
        );
      if (item.type === 'local_shell_call') {
        const action = item.action;
        if (action?.type !== 'exec' || !Array.isArray(action.command))
          return invalidRequest(
            "Invalid local_shell_call.action: expected { type: 'exec', command: [...] }.",
            'input',
          );
      }
      const kind: CallKind =
        item.type === 'function_call'
          ? 'function'
          : item.type === 'custom_tool_call'
            ? 'custom'
            : 'local_shell';
      calls.set(item.call_id, kind);
      unanswered.add(item.call_id);
      return undefined;
    }
    case 'function_call_output':
    case 'custom_tool_call_output':
    case 'local_shell_call_output': {
      const kind = calls.get(item.call_id);
      if (kind == null || !OUTPUT_PAIRS[item.type]!.includes(kind)) {
        const what = item.type.replace(/_output$/, '').replace(/_/g, ' ');
        return invalidRequest(
          `No tool call found for ${what} output with call_id ${item.call_id}.`,
          'input',
        );
      }
      unanswered.delete(item.call_id);
      if (typeof item.output === 'string') return undefined;
      // function and custom tool outputs may also be a list of text and image items
      if (item.type === 'local_shell_call_output' || !Array.isArray(item.output))
        return invalidRequest(`Invalid type for ${item.type}.output: expected a string.`, 'input');
      return checkOutputContent(item.type, item.output);
    }
    case 'web_search_call': {
      if (item.action != null && !WEB_SEARCH_ACTIONS.includes(item.action.type))
        return invalidRequest(
          `Invalid value: '${String(item.action.type)}'. Supported values are: ${WEB_SEARCH_ACTIONS.map(a => `'${a}'`).join(', ')}.`,
          'input[].action.type',
          'invalid_value',
        );
      return undefined;
    }
  }
  return undefined;
}

const IMAGE_DETAILS = ['auto', 'low', 'high', 'original'];

/**
 * A tool output given as a list: `input_text` and `input_image` items, images as data URLs
 * only (the backend does not fetch a URL in a tool output).
 */
function checkOutputContent(type: string, output: any[]): Rejection | undefined {
  for (const [i, content] of output.entries()) {
    const where = `${type}.output[${i}]`;
    if (content?.type === 'input_text') {
      if (typeof content.text !== 'string')
        return invalidRequest(`Invalid type for '${where}.text': expected a string.`, 'input');
    } else if (content?.type === 'input_image') {
      if (
        typeof content.image_url !== 'string' ||
        !/^data:image\/[^;,]+;base64,/.test(content.image_url)
      )
        return invalidRequest(
          `Invalid '${where}.image_url'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got a value with an invalid format.`,
          'input',
          'invalid_value',
        );
      if (content.detail != null && !IMAGE_DETAILS.includes(content.detail))
        return invalidRequest(
          `Invalid value: '${String(content.detail)}'. Supported values are: ${IMAGE_DETAILS.map(d => `'${d}'`).join(', ')}.`,
          `${where}.detail`,
          'invalid_value',
        );
    } else {
      return invalidRequest(
        `Invalid value: '${String(content?.type)}'. Supported values are: 'input_text' and 'input_image'.`,
        `${where}.type`,
        'invalid_value',
      );
    }
  }
  return undefined;
}

/**
 * What the emulator "sees" in a tool output: its text, and each image as its size and
 * format (a PNG's width and height come from its header).
 */
export function describeToolOutput(output: unknown): string {
  if (!Array.isArray(output)) return String(output);
  return output
    .map(content =>
      content?.type === 'input_image' ? describeImage(String(content.image_url)) : content?.text,
    )
    .join(' ');
}

function describeImage(url: string): string {
  const [, mediaType = '?', data = ''] = /^data:([^;,]+);base64,(.*)$/s.exec(url) ?? [];
  const bytes = Buffer.from(data, 'base64');
  const isPng = bytes.subarray(1, 4).toString('latin1') === 'PNG' && bytes.length >= 24;
  return isPng
    ? `a ${bytes.readUInt32BE(16)}×${bytes.readUInt32BE(20)} PNG image`
    : `an image (${mediaType}, ${bytes.length} bytes)`;
}

// ---- scripted answers ----------------------------------------------------------------

/** The key the emulator tracks tools by: a function or custom tool's name, else its type. */
export function toolKey(tool: any): string {
  return tool.type === 'function' || tool.type === 'custom' ? tool.name : tool.type;
}

/** The tool key of a call item in the input, if it is one. */
export function calledToolKey(item: any): string | undefined {
  switch (item?.type) {
    case 'function_call':
    case 'custom_tool_call':
      return item.name;
    case 'web_search_call':
      return 'web_search';
    case 'local_shell_call':
      return 'local_shell';
  }
  return undefined;
}

export const SAMPLE_PATCH = `*** Begin Patch
*** Add File: hello.txt
+Hello from the Codex emulator
*** End Patch
`;

export const SAMPLE_SOURCES = [
  { url: 'https://ai-sdk.dev/docs/introduction', title: 'AI SDK by Vercel' },
  { url: 'https://developers.openai.com/codex', title: 'Codex | OpenAI Developers' },
];

/**
 * The output for calling one of the backend's own tools. Web search runs "server-side":
 * the search and the answer with its citations come in the same response. A user text
 * that mentions "inline links" gets the links only as markdown in the text, as the
 * backend sometimes answers.
 */
export function providerToolOutput(tool: any, userText: string): OutputSpec[] {
  switch (tool.type) {
    case 'web_search': {
      const query = userText.trim() || 'latest news';
      const inline = /inline links/i.test(userText);
      let text = `Here is what I found about "${query}":`;
      const annotations: Array<Record<string, unknown>> = [];
      for (const source of SAMPLE_SOURCES) {
        const link = `[${new URL(source.url).hostname}](${source.url})`;
        text += ` see ${link}`;
        annotations.push({
          type: 'url_citation',
          start_index: text.length - link.length,
          end_index: text.length,
          title: source.title,
          url: source.url,
        });
        text += ';';
      }
      return [
        { type: 'web_search_call', action: { type: 'search', query } },
        {
          type: 'message',
          text,
          phase: 'final_answer',
          ...(!inline && { annotations }),
        },
      ];
    }
    case 'custom':
      return [
        {
          type: 'custom_tool_call',
          name: tool.name,
          callId: backendCallId(),
          input: tool.name === 'apply_patch' ? SAMPLE_PATCH : `sample input for ${tool.name}`,
        },
      ];
    case 'local_shell':
      return [
        {
          type: 'local_shell_call',
          callId: backendCallId(),
          action: {
            type: 'exec',
            command: ['ls', '-a'],
            // where the user points, as a model would; else /tmp
            working_directory:
              /(?:^|\s)((?:\/|[A-Za-z]:\\)[^\s?]*[^\s?.,])/.exec(userText)?.[1] ?? '/tmp',
            timeout_ms: 10_000,
            env: { LC_ALL: 'C' },
          },
        },
      ];
  }
  return [];
}

// ---- images --------------------------------------------------------------------------

export type ImageRoute = 'generations' | 'edits';

export const IMAGE_MODELS = ['gpt-image-1.5', 'gpt-image-1'];
const IMAGE_SIZES = ['1024x1024', '1536x1024', '1024x1536', 'auto'];
const IMAGE_FIELDS: Record<ImageRoute, string[]> = {
  generations: ['prompt', 'model', 'n', 'size', 'quality', 'background', 'output_format'],
  edits: ['images', 'prompt', 'model', 'n', 'size', 'quality', 'background', 'output_format'],
};

export function imageRouteOf(basePath: string, method: string | undefined, path: string) {
  if (method !== 'POST') return undefined;
  if (path === `${basePath}/images/generations`) return 'generations';
  if (path === `${basePath}/images/edits`) return 'edits';
  return undefined;
}

export function validateImageRequest(
  req: IncomingMessage,
  route: ImageRoute,
  body: any,
): Rejection | undefined {
  if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
    return {
      status: 401,
      body: { detail: 'Could not parse your authentication token. Please try signing in again.' },
    };
  }
  if (body == null || typeof body !== 'object')
    return { status: 400, body: { detail: 'Invalid JSON body' } };
  for (const key of Object.keys(body)) {
    if (!IMAGE_FIELDS[route].includes(key))
      return invalidRequest(`Unknown parameter: '${key}'.`, key, 'unknown_parameter');
  }
  if (typeof body.prompt !== 'string' || body.prompt === '')
    return invalidRequest("Missing required parameter: 'prompt'.", 'prompt');
  if (route === 'generations' && typeof body.model !== 'string')
    return invalidRequest("Missing required parameter: 'model'.", 'model');
  if (body.model != null && !IMAGE_MODELS.includes(body.model)) {
    return {
      status: 400,
      body: {
        detail: `The '${body.model}' model is not supported when using Codex with a ChatGPT account.`,
      },
    };
  }
  if (body.n != null && !(Number.isInteger(body.n) && body.n >= 1 && body.n <= 10))
    return invalidRequest('n must be an integer from 1 to 10.', 'n');
  if (body.size != null && !IMAGE_SIZES.includes(body.size)) {
    return invalidRequest(
      `Invalid value: '${body.size}'. Supported values are: ${IMAGE_SIZES.map(s => `'${s}'`).join(', ')}.`,
      'size',
      'invalid_value',
    );
  }
  const enums: Record<string, string[]> = {
    quality: ['low', 'medium', 'high', 'auto'],
    background: ['transparent', 'opaque', 'auto'],
    output_format: ['png', 'jpeg', 'webp'],
  };
  for (const [key, values] of Object.entries(enums)) {
    if (body[key] != null && !values.includes(body[key]))
      return invalidRequest(`Invalid value: '${body[key]}'.`, key, 'invalid_value');
  }
  if (route === 'edits') {
    const images = body.images;
    if (
      !Array.isArray(images) ||
      images.length === 0 ||
      !images.every(
        (i: any) => typeof i?.image_url === 'string' && /^(data:image\/|https:)/.test(i.image_url),
      )
    ) {
      return invalidRequest(
        "Invalid 'images': expected a non-empty array of { image_url } with data: or https: URLs.",
        'images',
      );
    }
  }
  return undefined;
}

// The smallest files with the right signatures, so that `ai` detects the media type.
const TINY_IMAGES: Record<string, string> = {
  png: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  jpeg: '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  webp: 'UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==',
};

export function imageResponse(route: ImageRoute, body: any, n: number) {
  const format = body.output_format ?? 'png';
  const count = body.n ?? 1;
  return {
    created: 1_760_000_000 + n,
    background: body.background ?? 'opaque',
    data: Array.from({ length: count }, (_, i) => ({
      b64_json: TINY_IMAGES[format]!,
      ...(i === 0 && route === 'generations' && { revised_prompt: `${body.prompt} (revised)` }),
    })),
    output_format: format,
    quality: body.quality ?? 'medium',
    size: body.size ?? '1024x1024',
    usage: {
      input_tokens: 50,
      input_tokens_details: { image_tokens: route === 'edits' ? 40 : 0, text_tokens: 10 },
      output_tokens: 1000 * count,
      output_tokens_details: { image_tokens: 1000 * count, text_tokens: 0 },
      total_tokens: 50 + 1000 * count,
    },
  };
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
