import type { CodexWarning } from '../common/codex-warning';
import type {
  CodexAssistantPart,
  CodexPrompt,
  CodexToolResultPart,
  CodexUnsentPart,
} from './codex-call-options';
import { NO_TOOL_NAMES, type CodexToolNames } from './codex-tool-names';
import { codexToolReplay } from './codex-tool-replay';
import { convertUserContent, type CodexUserPart } from './convert-user-content';
import { splitAtCompaction } from './split-at-compaction';
import type { CodexInputItem, CodexReasoningInput } from '../wire/codex-request-body';
import { otherWarning } from './other-warning';

export type ConvertedCodexInput = {
  /** System message texts, in order. */
  systemTexts: string[];
  input: CodexInputItem[];
  warnings: CodexWarning[];
};

/**
 * Maps an AI SDK prompt to Codex `input`. With `store: false` nothing lives server-side, so
 * no item id is ever sent (an id earns 404 "Item with id … not found"), reasoning travels
 * only with its encrypted content, and the history is kept in the shape the backend
 * insists on: no tool output without its call, no reasoning without a following item. After
 * a compaction, only what the official client sends then goes out (see `splitAtCompaction`).
 */
export function convertToCodexInput(
  prompt: CodexPrompt,
  /** Which tool names are the backend's own tools (see `prepareCodexTools`). */
  toolNames: CodexToolNames = NO_TOOL_NAMES,
): ConvertedCodexInput {
  const systemTexts: string[] = [];
  const input: CodexInputItem[] = [];
  const warnings: CodexWarning[] = [];
  const warn = (message: string) => {
    warnings.push(otherWarning(message));
  };
  const toolReplay = codexToolReplay(toolNames, warn);
  const knownCallIds = new Set<string>();
  /** Calls still waiting for their output, by call id → tool name. */
  const unanswered = new Map<string, string>();
  /**
   * Everything since the last user message: assistant and tool messages flattened, since
   * agent frameworks split one model step over several messages (the reasoning in one, the
   * call it led to in the next).
   */
  let turn: CodexInputItem[] = [];
  /**
   * Reasoning parts of one output item arrive split per summary block (and may be split
   * over messages); the item id in their metadata groups them again. It is never sent.
   */
  let reasoning: { itemId: string | undefined; item: PendingReasoning } | undefined;
  /**
   * Reasoning left out for want of encrypted content. Agent frameworks that drop
   * `providerMetadata` do it on every step, so this is told once per call, not per part.
   */
  let itemsWithoutContent = 0;

  /**
   * Reasoning without encrypted content cannot be replayed at all (it came from another
   * provider, or the framework kept only the summary), so it is left out; the call's warning
   * counts it. Reasoning with nothing after it in its turn is rejected by the backend, so it
   * is left out too, with a warning: the model loses that chain of thought.
   */
  const endTurn = () => {
    const kept = turn.filter(item => item.type !== 'reasoning' || item.encrypted_content != null);
    itemsWithoutContent += turn.length - kept.length;
    let dropped = 0;
    while (kept.at(-1)?.type === 'reasoning') {
      kept.pop();
      dropped++;
    }
    if (dropped > 0) {
      warn(
        `${dropped} reasoning item(s) were not replayed: Codex rejects reasoning with no text or tool call after it in its turn.`,
      );
    }
    input.push(...kept);
    turn = [];
    reasoning = undefined;
  };

  const user = (parts: CodexUserPart[]) => {
    const content = parts.map(convertUserContent);
    if (content.length === 0) return;
    // The backend rejects a call left without an output once the conversation moves on
    // ("No tool output found for function call"); the official client answers such calls
    // with "aborted", and so do we.
    for (const [callId, toolName] of unanswered) {
      turn.push(toolReplay.outputItem(callId, 'aborted'));
      warn(`Tool call ${callId} (${toolName}) has no result in the prompt; sent as "aborted".`);
    }
    unanswered.clear();
    endTurn();
    input.push({ type: 'message', role: 'user', content });
  };

  const reasoningPart = (part: Extract<CodexAssistantPart, { type: 'reasoning' }>) => {
    const codex = part.providerOptions?.codex;
    if (codex == null) {
      // nothing to replay it with, and nothing to group it by: an item of its own
      itemsWithoutContent++;
      return;
    }
    if (codex.compaction != null) {
      // a valid one would have split the prompt (see `splitAtCompaction`)
      warn(
        "A reasoning part's providerOptions.codex.compaction is not one this provider returned; it was not sent.",
      );
      return;
    }
    // what our `reasoning-end` metadata holds, read loosely
    const { itemId: id, reasoningEncryptedContent: encrypted } = codex;
    const itemId = typeof id === 'string' ? id : undefined;
    if (reasoning == null || itemId == null || reasoning.itemId !== itemId) {
      const item: PendingReasoning = { type: 'reasoning', summary: [] };
      turn.push(item as CodexReasoningInput);
      reasoning = { itemId, item };
    }
    if (part.text.length > 0)
      reasoning.item.summary.push({ type: 'summary_text', text: part.text });
    if (typeof encrypted === 'string' && encrypted !== '')
      reasoning.item.encrypted_content = encrypted;
  };

  const assistantPart = (part: CodexAssistantPart) => {
    if (part.type !== 'reasoning') reasoning = undefined;
    switch (part.type) {
      case 'text':
        if (part.text.length > 0) {
          // the model reads its own preambles (`commentary`) apart from answers (`final_answer`)
          const phase = part.providerOptions?.codex?.phase;
          turn.push({
            type: 'message',
            role: 'assistant',
            content: [{ type: 'output_text', text: part.text }],
            ...(typeof phase === 'string' && phase !== '' && { phase }),
          });
        }
        break;
      case 'reasoning':
        reasoningPart(part);
        break;
      case 'tool-call': {
        const item = toolReplay.call(part);
        if (item == null) break;
        // the backend pairs every call but a web search's with an output
        if (item.type !== 'web_search_call') {
          knownCallIds.add(part.toolCallId);
          unanswered.set(part.toolCallId, part.toolName);
        }
        turn.push(item);
        break;
      }
      case 'tool-result':
        toolReplay.providerResult(part);
        break;
      default:
        // files, approval responses, custom and reasoning-file parts
        warn(`Assistant ${part.type} parts are not sent to Codex.`);
    }
  };

  const toolResults = (parts: Array<CodexToolResultPart | CodexUnsentPart>) => {
    reasoning = undefined;
    for (const part of parts) {
      // approval responses concern provider-executed tools, which Codex does not run
      if (part.type !== 'tool-result') continue;
      const { toolCallId, toolName } = part;
      if (!knownCallIds.has(toolCallId)) {
        warn(
          `Tool result ${toolCallId} (${toolName}) was dropped: the prompt has no call of that id.`,
        );
        continue;
      }
      unanswered.delete(toolCallId);
      turn.push(toolReplay.resultItem(part, warnings));
    }
  };

  const messages = (prompt: CodexPrompt) => {
    for (const message of prompt) {
      switch (message.role) {
        case 'system':
          systemTexts.push(message.content);
          break;
        case 'user':
          user(message.content);
          break;
        case 'assistant':
          for (const part of message.content) assistantPart(part);
          break;
        case 'tool':
          toolResults(message.content);
          break;
      }
    }
  };

  const compacted = splitAtCompaction(prompt);
  if (compacted == null) messages(prompt);
  else {
    messages(compacted.before);
    endTurn();
    const { itemId, encryptedContent } = compacted.compaction;
    input.push({ type: 'compaction', id: itemId, encrypted_content: encryptedContent });
    messages(compacted.after);
  }
  // A trailing call without output is left alone: it may be what the caller answers next.
  endTurn();

  if (itemsWithoutContent > 0) {
    warn(
      `${itemsWithoutContent} reasoning item(s) were not replayed: they have no providerOptions.codex.reasoningEncryptedContent. Pass each reasoning part's providerMetadata back as its providerOptions.`,
    );
  }
  return { systemTexts, input, warnings };
}

type PendingReasoning = Omit<CodexReasoningInput, 'encrypted_content'> & {
  encrypted_content?: string;
};
