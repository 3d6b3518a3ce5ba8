import type * as z from 'zod/v4';
import type { CodexAssistantPart } from '../request/codex-call-options';
import { NO_TOOL_NAMES } from '../request/codex-tool-names';
import { convertToCodexInput } from '../request/convert-to-codex-input';
import {
  customToolCallItemSchema,
  functionCallItemSchema,
  localShellCallItemSchema,
  messageItemSchema,
  reasoningItemSchema,
  webSearchCallItemSchema,
} from '../wire/codex-output-items';
import type { CodexInputItem } from '../wire/codex-request-body';
import type { CodexToolCall, CodexToolResult } from './codex-stream-part';
import {
  customToolCallPart,
  functionCallPart,
  localShellCallPart,
  messageText,
  reasoningTexts,
  webSearchCallPart,
  webSearchResultPart,
} from './output-item-parts';

/**
 * A response's output items as they come back in the caller's next prompt: the parts our
 * stream emits for them (`output-item-parts.ts`: one reasoning part per summary, text, tool
 * calls), put through the same input conversion. Only an exact match with the next prompt
 * lets a socket send just the new items, so this follows the package's replay rules rather
 * than the backend's item shapes. `undefined` when an item has no predictable replay (an
 * unknown item type, arguments that are not JSON) and after a compaction (whose next
 * request the official client sends without `previous_response_id`): the next request then
 * sends the full input.
 */
export function outputItemsAsInput(items: readonly unknown[]): CodexInputItem[] | undefined {
  const content: CodexAssistantPart[] = [];
  for (const [index, raw] of items.entries()) {
    const parts = replays.get((raw as { type?: unknown } | null)?.type)?.(raw, index);
    if (parts == null) return undefined;
    content.push(...parts);
  }
  return convertToCodexInput([{ role: 'assistant', content }]).input;
}

type Replay = (raw: unknown, index: number) => CodexAssistantPart[] | undefined;

/** The replay of items `schema` reads; `undefined` for any other. */
function replayOf<T>(
  schema: z.ZodType<T>,
  replay: (item: T, index: number) => CodexAssistantPart[] | undefined,
): Replay {
  return (raw, index) => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? replay(parsed.data, index) : undefined;
  };
}

/**
 * One item's parts as an assistant message holds them, by item type. Positions stand in
 * for ids (they only group a reasoning item's summaries and pair a search with its result,
 * and are never sent); tool names are the backend's, as no request's tools are known here.
 */
const replays: ReadonlyMap<unknown, Replay> = new Map([
  [
    'reasoning',
    replayOf(reasoningItemSchema, (item, index) => {
      const codex = {
        itemId: String(index),
        reasoningEncryptedContent: item.encrypted_content ?? null,
      };
      const texts = reasoningTexts(item);
      return (texts.length > 0 ? texts : ['']).map(text => ({
        type: 'reasoning',
        text,
        providerOptions: { codex },
      }));
    }),
  ],
  [
    'message',
    replayOf(messageItemSchema, item => [
      {
        type: 'text',
        text: messageText(item),
        ...(item.phase != null && { providerOptions: { codex: { phase: item.phase } } }),
      },
    ]),
  ],
  [
    'function_call',
    replayOf(functionCallItemSchema, item => toolCallAsParts(functionCallPart(item))),
  ],
  [
    'custom_tool_call',
    replayOf(customToolCallItemSchema, item =>
      toolCallAsParts(customToolCallPart(item, NO_TOOL_NAMES)),
    ),
  ],
  [
    'local_shell_call',
    replayOf(localShellCallItemSchema, item => {
      const callId = item.call_id ?? item.id;
      return callId != null
        ? toolCallAsParts(localShellCallPart(item, callId, 'local_shell'))
        : undefined;
    }),
  ],
  [
    'web_search_call',
    replayOf(webSearchCallItemSchema, (item, index) => {
      const callId = String(index);
      return toolCallAsParts(
        webSearchCallPart(callId, 'web_search'),
        webSearchResultPart(item, callId, 'web_search'),
      );
    }),
  ],
]);

/** A call (and a provider-executed result) as the AI SDK puts them in the next prompt. */
function toolCallAsParts(
  { input, providerMetadata, ...call }: CodexToolCall,
  result?: CodexToolResult,
): CodexAssistantPart[] | undefined {
  const parts: CodexAssistantPart[] = [];
  try {
    parts.push({
      ...call,
      input: JSON.parse(input || '{}'),
      ...(providerMetadata != null && { providerOptions: providerMetadata }),
    });
  } catch {
    return undefined;
  }
  // The input conversion reads a provider-executed result's output only, not its metadata.
  if (result != null) {
    parts.push({
      type: 'tool-result',
      toolCallId: result.toolCallId,
      toolName: result.toolName,
      output: { type: 'json', value: result.result },
    });
  }
  return parts;
}
