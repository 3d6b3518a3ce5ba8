import {
  UnsupportedFunctionalityError,
  type LanguageModelV2CallWarning,
  type LanguageModelV2FilePart,
  type LanguageModelV2Prompt,
  type LanguageModelV2ToolResultOutput,
} from '@ai-sdk/provider';
import { convertToBase64 } from '@ai-sdk/provider-utils';
import { codexReasoningMetadataSchema } from './codex-provider-options';
import { NO_TOOL_NAMES, type CodexToolNames } from './codex-tool-names';
import { CodexToolReplay } from './replay-codex-tool-items';
import { detectImageMediaType } from './detect-image-media-type';
import type {
  CodexInputContent,
  CodexInputItem,
  CodexReasoningInput,
} from '../codex-responses-api';

export type ConvertedCodexInput = {
  /** System message texts, in order. */
  systemTexts: string[];
  input: CodexInputItem[];
  warnings: LanguageModelV2CallWarning[];
};

/**
 * Maps an AI SDK prompt to Codex `input`. With `store: false` nothing lives server-side, so
 * no item id is ever sent (an id earns 404 "Item with id … not found"), reasoning travels
 * only with its encrypted content, and the history is kept in the shape the backend
 * insists on: no tool output without its call, no reasoning without a following item.
 */
export function convertToCodexInput(
  prompt: LanguageModelV2Prompt,
  /** Which tool names are the backend's own tools (see `prepareCodexTools`). */
  toolNames: CodexToolNames = NO_TOOL_NAMES,
): ConvertedCodexInput {
  const systemTexts: string[] = [];
  const input: CodexInputItem[] = [];
  const warnings: LanguageModelV2CallWarning[] = [];
  const toolReplay = new CodexToolReplay(toolNames, message =>
    warnings.push({ type: 'other', message }),
  );
  const knownCallIds = new Set<string>();
  // calls still waiting for their output, by call id → tool name
  const unanswered = new Map<string, string>();
  // Everything since the last user message: assistant and tool messages flattened, since
  // agent frameworks split one model step over several messages (the reasoning in one, the
  // call it led to in the next).
  let turn: CodexInputItem[] = [];
  // Reasoning parts of one output item arrive split per summary block (and may be split
  // over messages); the item id in their metadata groups them again. It is never sent.
  let reasoning: { itemId: string | undefined; item: PendingReasoning } | undefined;

  // The backend rejects a call left without an output once the conversation moves on
  // ("No tool output found for function call"); the official client answers such calls
  // with "aborted", and so do we.
  const closeUnanswered = () => {
    for (const [callId, toolName] of unanswered) {
      turn.push(toolReplay.outputItem(callId, 'aborted'));
      warnings.push({
        type: 'other',
        message: `Tool call ${callId} (${toolName}) had no result in the prompt; it was sent as "aborted".`,
      });
    }
    unanswered.clear();
  };
  const endTurn = () => {
    input.push(...replayableTurn(turn, warnings));
    turn = [];
    reasoning = undefined;
  };

  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        systemTexts.push(message.content);
        break;

      case 'user': {
        const content = message.content.map((part): CodexInputContent => {
          if (part.type === 'text') return { type: 'input_text', text: part.text };
          return { type: 'input_image', image_url: toImageUrl(part) };
        });
        if (content.length > 0) {
          closeUnanswered();
          endTurn();
          input.push({ type: 'message', role: 'user', content });
        }
        break;
      }

      case 'assistant': {
        for (const part of message.content) {
          if (part.type !== 'reasoning') reasoning = undefined;
          switch (part.type) {
            case 'text':
              if (part.text.length > 0) {
                turn.push({
                  type: 'message',
                  role: 'assistant',
                  content: [{ type: 'output_text', text: part.text }],
                });
              }
              break;
            case 'reasoning': {
              const parsed = codexReasoningMetadataSchema.safeParse(
                part.providerOptions?.codex ?? {},
              );
              const meta = parsed.success ? parsed.data : {};
              const itemId = meta.itemId ?? undefined;
              if (reasoning == null || itemId == null || reasoning.itemId !== itemId) {
                const item: PendingReasoning = {
                  type: 'reasoning',
                  summary: [],
                  encrypted_content: undefined,
                };
                turn.push(item as CodexReasoningInput);
                reasoning = { itemId, item };
              }
              if (part.text.length > 0)
                reasoning.item.summary.push({ type: 'summary_text', text: part.text });
              if (meta.reasoningEncryptedContent)
                reasoning.item.encrypted_content = meta.reasoningEncryptedContent;
              break;
            }
            case 'tool-call': {
              const replayed = toolReplay.call(part);
              if (replayed !== undefined) {
                if (replayed.item === undefined) break;
                turn.push(replayed.item);
                if (replayed.awaitsOutput) {
                  knownCallIds.add(part.toolCallId);
                  unanswered.set(part.toolCallId, part.toolName);
                }
                break;
              }
              if (part.providerExecuted) {
                warnings.push({
                  type: 'other',
                  message: `Provider-executed tool call ${part.toolName} is not sent to Codex.`,
                });
                break;
              }
              knownCallIds.add(part.toolCallId);
              unanswered.set(part.toolCallId, part.toolName);
              turn.push({
                type: 'function_call',
                call_id: part.toolCallId,
                name: part.toolName,
                arguments: JSON.stringify(part.input ?? {}),
              });
              break;
            }
            case 'tool-result':
              if (toolReplay.providerResult(part)) break;
              warnings.push({
                type: 'other',
                message: `Provider-executed tool result ${part.toolName} is not sent to Codex.`,
              });
              break;
            case 'file':
              warnings.push({
                type: 'other',
                message: 'Assistant file parts are not sent to Codex.',
              });
              break;
          }
        }
        break;
      }

      case 'tool':
        reasoning = undefined;
        for (const part of message.content) {
          if (!knownCallIds.has(part.toolCallId)) {
            warnings.push({
              type: 'other',
              message: `Tool result ${part.toolCallId} (${part.toolName}) has no matching tool call in the prompt and was dropped.`,
            });
            continue;
          }
          unanswered.delete(part.toolCallId);
          turn.push(
            toolReplay.outputItem(
              part.toolCallId,
              toolReplay.outputText(part.toolCallId, part.output) ??
                toolOutputToString(part.output, warnings),
            ),
          );
        }
        break;
    }
  }

  // A trailing call without output is left alone: it may be what the caller answers next.
  endTurn();
  return { systemTexts, input, warnings };
}

type PendingReasoning = Omit<CodexReasoningInput, 'encrypted_content'> & {
  encrypted_content: string | undefined;
};

/**
 * Reasoning without encrypted content cannot be replayed at all (it came from another
 * provider, or the summary was all we got), so it is left out. Reasoning with nothing after
 * it in its turn is rejected by the backend, so it is left out too, with a warning: the
 * model loses that chain of thought.
 */
function replayableTurn(
  turn: CodexInputItem[],
  warnings: LanguageModelV2CallWarning[],
): CodexInputItem[] {
  const kept = turn.filter(item => item.type !== 'reasoning' || item.encrypted_content != null);
  let dropped = 0;
  while (kept.length > 0 && kept[kept.length - 1]!.type === 'reasoning') {
    kept.pop();
    dropped++;
  }
  if (dropped > 0) {
    warnings.push({
      type: 'other',
      message: `${dropped} reasoning item(s) with encrypted content had no text or tool call after them before the next user message, which the Codex backend rejects; they were not replayed.`,
    });
  }
  return kept;
}

function toImageUrl(part: LanguageModelV2FilePart): string {
  if (!part.mediaType.startsWith('image/')) {
    throw new UnsupportedFunctionalityError({
      functionality: `file parts with media type ${part.mediaType}`,
      message:
        `Codex accepts images only; the file part with media type '${part.mediaType}'` +
        `${part.filename ? ` (${part.filename})` : ''} cannot be sent. Convert it to text or an image first.`,
    });
  }
  if (part.data instanceof URL) return part.data.toString();
  if (typeof part.data === 'string' && /^(https?|data):/i.test(part.data)) return part.data;
  // `image/*` ("some image") names no format the backend can decode, so the bytes say which.
  const mediaType =
    part.mediaType === 'image/*'
      ? (detectImageMediaType(part.data) ?? 'image/jpeg')
      : part.mediaType;
  return `data:${mediaType};base64,${convertToBase64(part.data)}`;
}

function toolOutputToString(
  output: LanguageModelV2ToolResultOutput,
  warnings: LanguageModelV2CallWarning[],
): string {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return output.value;
    case 'json':
    case 'error-json':
      return JSON.stringify(output.value);
    case 'content':
      return output.value
        .flatMap(item => {
          if (item.type === 'text') return [item.text];
          warnings.push({
            type: 'other',
            message: `Tool result media (${item.mediaType}) is not supported by Codex and was left out.`,
          });
          return [];
        })
        .join('\n');
  }
}
