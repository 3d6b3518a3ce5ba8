import { webSearchOutputOf } from '../tools/web-search';
import { localShellInputOf } from '../tools/local-shell';
import { customToolSdkName, type CodexToolNames } from '../request/codex-tool-names';
import type { CodexCompaction } from '../request/split-at-compaction';
import type {
  CodexCompactionItem,
  CodexCustomToolCallItem,
  CodexFunctionCallItem,
  CodexLocalShellCallItem,
  CodexMessageItem,
  CodexReasoningItem,
  CodexWebSearchCallItem,
} from '../wire/codex-output-items';
import type { CodexContentPart, CodexToolCall, CodexToolResult } from './codex-stream-part';

// What a finished output item amounts to for the caller, written once: the stream's
// handlers emit these parts, and `outputItemsAsInput` replays them as the caller will send
// them back.

/** A message's text: its output texts, joined. */
export function messageText(item: CodexMessageItem): string {
  return (item.content ?? []).map(c => (c.type === 'output_text' ? (c.text ?? '') : '')).join('');
}

/** A reasoning item's summary texts, one block each. */
export function reasoningTexts(item: CodexReasoningItem): string[] {
  return item.summary?.map(s => s.text) ?? [];
}

export function functionCallPart(item: CodexFunctionCallItem): CodexToolCall {
  return {
    type: 'tool-call',
    toolCallId: item.call_id,
    toolName: item.name,
    input: item.arguments ?? '',
  };
}

/**
 * A freeform tool's call. Its input is raw text, but the AI SDK parses a call's input as
 * JSON, so it travels as a JSON string.
 */
export function customToolCallPart(
  item: CodexCustomToolCallItem,
  toolNames: CodexToolNames,
): CodexToolCall {
  return {
    type: 'tool-call',
    toolCallId: item.call_id,
    toolName: customToolSdkName(toolNames, item.name),
    input: JSON.stringify(item.input ?? ''),
    providerMetadata: {
      codex: { itemId: item.id ?? null, itemType: 'custom_tool_call', name: item.name },
    },
  };
}

/** A shell call: its action, camelCased as `@ai-sdk/openai` hands it to `execute`. */
export function localShellCallPart(
  item: CodexLocalShellCallItem,
  callId: string,
  toolName: string,
): CodexToolCall {
  return {
    type: 'tool-call',
    toolCallId: callId,
    toolName,
    input: JSON.stringify(localShellInputOf(item.action)),
    providerMetadata: { codex: { itemId: item.id ?? null, itemType: 'local_shell_call' } },
  };
}

const WEB_SEARCH_METADATA = (callId: string) => ({
  codex: { itemId: callId, itemType: 'web_search_call' },
});

/** A web search runs on the backend: its call goes out as it starts. */
export function webSearchCallPart(callId: string, toolName: string): CodexToolCall {
  return {
    type: 'tool-call',
    toolCallId: callId,
    toolName,
    input: '{}',
    providerExecuted: true,
    providerMetadata: WEB_SEARCH_METADATA(callId),
  };
}

/** …and its result when it is done, in the shape `@ai-sdk/openai` reports. */
export function webSearchResultPart(
  item: CodexWebSearchCallItem,
  callId: string,
  toolName: string,
): CodexToolResult {
  return {
    type: 'tool-result',
    toolCallId: callId,
    toolName,
    result: webSearchOutputOf(item.action),
    providerExecuted: true,
    ...(item.status === 'failed' && { isError: true }),
    providerMetadata: WEB_SEARCH_METADATA(callId),
  };
}

export function compactionOfItem(item: CodexCompactionItem): CodexCompaction {
  return { itemId: item.id, encryptedContent: item.encrypted_content };
}

/**
 * A compaction as the caller's history keeps it: a reasoning block with no text whose
 * metadata holds the item, so that `response.messages`, UI messages and agent frameworks
 * carry it as they carry reasoning, and the next prompt hands it back.
 */
export function compactionParts(id: string, compaction: CodexCompaction): CodexContentPart[] {
  const providerMetadata = { codex: { compaction } };
  return [
    { type: 'reasoning-start', id, providerMetadata },
    { type: 'reasoning-end', id, providerMetadata },
  ];
}
