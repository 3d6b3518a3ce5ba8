import type { LanguageModelV2Message } from '@ai-sdk/provider';
import {
  customToolCallItemSchema,
  functionCallItemSchema,
  localShellCallItemSchema,
  messageItemSchema,
  reasoningItemSchema,
  webSearchCallItemSchema,
} from '../wire/codex-output-items';
import type { CodexInputItem } from '../wire/codex-request-body';
import { convertToCodexInput } from '../request/convert-to-codex-input';
import { localShellInputOf } from '../tools/local-shell';
import { webSearchOutputOf } from '../tools/web-search';

type AssistantPart = Extract<LanguageModelV2Message, { role: 'assistant' }>['content'][number];

/**
 * A response's output items as they come back in the caller's next prompt: the parts our
 * stream emits for them (one reasoning part per summary, text, tool calls), put through
 * the same input conversion. Only an exact match with the next prompt lets a socket send
 * just the new items, so this follows the package's replay rules rather than the backend's
 * item shapes. `undefined` when an item has no predictable replay (an unknown item type,
 * arguments that are not JSON): the next request then sends the full input.
 */
export function replayOutputItems(items: readonly unknown[]): CodexInputItem[] | undefined {
  const content: AssistantPart[] = [];
  for (const [index, raw] of items.entries()) {
    const type = (raw as { type?: unknown } | null)?.type;
    if (type === 'reasoning') {
      const parsed = reasoningItemSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      const { summary, encrypted_content } = parsed.data;
      const codex = {
        // only groups this item's summary parts in the conversion and is never sent:
        // the position is id enough
        itemId: String(index),
        reasoningEncryptedContent: encrypted_content ?? null,
      };
      const texts = summary != null && summary.length > 0 ? summary.map(s => s.text) : [''];
      for (const text of texts) {
        content.push({ type: 'reasoning', text, providerOptions: { codex } });
      }
    } else if (type === 'message') {
      const parsed = messageItemSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      const text = (parsed.data.content ?? [])
        .map(c => (c.type === 'output_text' ? (c.text ?? '') : ''))
        .join('');
      content.push({ type: 'text', text });
    } else if (type === 'function_call') {
      const parsed = functionCallItemSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      const { call_id, name, arguments: args } = parsed.data;
      let input: unknown;
      try {
        input = JSON.parse(args || '{}');
      } catch {
        return undefined;
      }
      content.push({ type: 'tool-call', toolCallId: call_id, toolName: name, input });
    } else {
      // the backend's own tools replay by the item type our stream puts in their metadata;
      // any other item type has no predictable replay
      const parts = replayToolItem(raw, index);
      if (parts == null) return undefined;
      content.push(...parts);
    }
  }
  return convertToCodexInput([{ role: 'assistant', content }]).input;
}

function replayToolItem(raw: unknown, index: number): AssistantPart[] | undefined {
  const custom = customToolCallItemSchema.safeParse(raw);
  if (custom.success) {
    const { call_id, name, input } = custom.data;
    return [
      {
        type: 'tool-call',
        toolCallId: call_id,
        toolName: name,
        input: input ?? '',
        providerOptions: { codex: { itemType: 'custom_tool_call', name } },
      },
    ];
  }
  const shell = localShellCallItemSchema.safeParse(raw);
  if (shell.success) {
    const callId = shell.data.call_id ?? shell.data.id;
    if (callId == null) return undefined;
    return [
      {
        type: 'tool-call',
        toolCallId: callId,
        toolName: 'local_shell',
        input: localShellInputOf(shell.data.action),
        providerOptions: { codex: { itemType: 'local_shell_call' } },
      },
    ];
  }
  const search = webSearchCallItemSchema.safeParse(raw);
  if (search.success) {
    // pairs the call with its result in the conversion and is never sent
    const toolCallId = String(index);
    const providerOptions = { codex: { itemType: 'web_search_call' } };
    return [
      {
        type: 'tool-call',
        toolCallId,
        toolName: 'web_search',
        input: {},
        providerExecuted: true,
        providerOptions,
      },
      {
        type: 'tool-result',
        toolCallId,
        toolName: 'web_search',
        output: { type: 'json', value: webSearchOutputOf(search.data.action) },
        providerOptions,
      },
    ];
  }
  return undefined;
}
