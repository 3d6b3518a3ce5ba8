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
    const parts = itemAsParts(raw, index);
    if (parts == null) return undefined;
    content.push(...parts);
  }
  return convertToCodexInput([{ role: 'assistant', content }]).input;
}

/**
 * One item's parts as an assistant message holds them. Positions stand in for ids (they
 * only group a reasoning item's summaries and pair a search with its result, and are
 * never sent); tool names are the backend's, as no request's tools are known here.
 */
function itemAsParts(raw: unknown, index: number): CodexAssistantPart[] | undefined {
  switch ((raw as { type?: unknown } | null)?.type) {
    case 'reasoning': {
      const parsed = reasoningItemSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      const codex = {
        itemId: String(index),
        reasoningEncryptedContent: parsed.data.encrypted_content ?? null,
      };
      const texts = reasoningTexts(parsed.data);
      return (texts.length > 0 ? texts : ['']).map(text => ({
        type: 'reasoning',
        text,
        providerOptions: { codex },
      }));
    }
    case 'message': {
      const parsed = messageItemSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      const { phase } = parsed.data;
      return [
        {
          type: 'text',
          text: messageText(parsed.data),
          ...(phase != null && { providerOptions: { codex: { phase } } }),
        },
      ];
    }
    case 'function_call': {
      const parsed = functionCallItemSchema.safeParse(raw);
      return parsed.success ? toolCallAsParts(functionCallPart(parsed.data)) : undefined;
    }
    case 'custom_tool_call': {
      const parsed = customToolCallItemSchema.safeParse(raw);
      return parsed.success
        ? toolCallAsParts(customToolCallPart(parsed.data, NO_TOOL_NAMES))
        : undefined;
    }
    case 'local_shell_call': {
      const parsed = localShellCallItemSchema.safeParse(raw);
      const callId = parsed.success ? (parsed.data.call_id ?? parsed.data.id) : undefined;
      return parsed.success && callId != null
        ? toolCallAsParts(localShellCallPart(parsed.data, callId, 'local_shell'))
        : undefined;
    }
    case 'web_search_call': {
      const parsed = webSearchCallItemSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      const callId = String(index);
      return toolCallAsParts(
        webSearchCallPart(callId, 'web_search'),
        webSearchResultPart(parsed.data, callId, 'web_search'),
      );
    }
    default:
      return undefined;
  }
}

/** A call (and a provider-executed result) as the AI SDK puts them in the next prompt. */
function toolCallAsParts(
  call: CodexToolCall,
  result?: CodexToolResult,
): CodexAssistantPart[] | undefined {
  let input: unknown;
  try {
    input = JSON.parse(call.input || '{}');
  } catch {
    return undefined;
  }
  const parts: CodexAssistantPart[] = [
    {
      type: 'tool-call',
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      input,
      ...(call.providerExecuted != null && { providerExecuted: call.providerExecuted }),
      ...(call.providerMetadata != null && { providerOptions: call.providerMetadata }),
    },
  ];
  if (result != null) {
    parts.push({
      type: 'tool-result',
      toolCallId: result.toolCallId,
      toolName: result.toolName,
      output: { type: 'json', value: result.result },
      ...(result.providerMetadata != null && { providerOptions: result.providerMetadata }),
    });
  }
  return parts;
}
