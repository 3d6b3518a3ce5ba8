import type { CodexWarning } from '../common/codex-warning';
import type {
  CodexAssistantPart,
  CodexPrompt,
  CodexToolResultPart,
  CodexUnsentPart,
} from './codex-call-options';
import { NO_TOOL_NAMES, type CodexToolNames } from './codex-tool-names';
import { CodexToolReplay } from './codex-tool-replay';
import { convertUserContent, type CodexUserPart } from './convert-user-content';
import { splitAtCompaction } from './split-at-compaction';
import type { CodexInputItem, CodexReasoningInput } from '../wire/codex-request-body';

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
  return new CodexInputBuilder(toolNames).convert(prompt);
}

class CodexInputBuilder {
  readonly #systemTexts: string[] = [];
  readonly #input: CodexInputItem[] = [];
  readonly #warnings: CodexWarning[] = [];
  readonly #toolReplay: CodexToolReplay;
  readonly #knownCallIds = new Set<string>();
  /** Calls still waiting for their output, by call id → tool name. */
  readonly #unanswered = new Map<string, string>();
  /**
   * Everything since the last user message: assistant and tool messages flattened, since
   * agent frameworks split one model step over several messages (the reasoning in one, the
   * call it led to in the next).
   */
  #turn: CodexInputItem[] = [];
  /**
   * Reasoning parts of one output item arrive split per summary block (and may be split
   * over messages); the item id in their metadata groups them again. It is never sent.
   */
  #reasoning: { itemId: string | undefined; item: PendingReasoning } | undefined;
  /**
   * Reasoning left out for want of encrypted content. Agent frameworks that drop
   * `providerMetadata` do it on every step, so this is told once per call, not per part.
   */
  #partsWithoutMetadata = 0;
  #itemsWithoutContent = 0;

  constructor(toolNames: CodexToolNames) {
    this.#toolReplay = new CodexToolReplay(toolNames, message => this.#warn(message));
  }

  convert(prompt: CodexPrompt): ConvertedCodexInput {
    const compacted = splitAtCompaction(prompt);
    if (compacted == null) this.#messages(prompt);
    else {
      this.#messages(compacted.before);
      this.#endTurn();
      const { itemId, encryptedContent } = compacted.compaction;
      this.#input.push({ type: 'compaction', id: itemId, encrypted_content: encryptedContent });
      this.#messages(compacted.after);
    }
    // A trailing call without output is left alone: it may be what the caller answers next.
    this.#endTurn();
    this.#warnUnreplayedReasoning();
    return { systemTexts: this.#systemTexts, input: this.#input, warnings: this.#warnings };
  }

  #warn(message: string) {
    this.#warnings.push({ type: 'other', message });
  }

  #messages(prompt: CodexPrompt) {
    for (const message of prompt) {
      switch (message.role) {
        case 'system':
          this.#systemTexts.push(message.content);
          break;
        case 'user':
          this.#user(message.content);
          break;
        case 'assistant':
          for (const part of message.content) this.#assistantPart(part);
          break;
        case 'tool':
          this.#toolResults(message.content);
          break;
      }
    }
  }

  #user(parts: CodexUserPart[]) {
    const content = parts.map(convertUserContent);
    if (content.length === 0) return;
    // The backend rejects a call left without an output once the conversation moves on
    // ("No tool output found for function call"); the official client answers such calls
    // with "aborted", and so do we.
    for (const [callId, toolName] of this.#unanswered) {
      this.#turn.push(this.#toolReplay.outputItem(callId, 'aborted'));
      this.#warn(
        `Tool call ${callId} (${toolName}) has no result in the prompt; sent as "aborted".`,
      );
    }
    this.#unanswered.clear();
    this.#endTurn();
    this.#input.push({ type: 'message', role: 'user', content });
  }

  /**
   * Reasoning without encrypted content cannot be replayed at all (it came from another
   * provider, or the framework kept only the summary), so it is left out; the call's warning
   * counts it. Reasoning with nothing after it in its turn is rejected by the backend, so it
   * is left out too, with a warning: the model loses that chain of thought.
   */
  #endTurn() {
    const kept = this.#turn.filter(
      item => item.type !== 'reasoning' || item.encrypted_content != null,
    );
    this.#itemsWithoutContent += this.#turn.length - kept.length;
    let dropped = 0;
    while (kept.at(-1)?.type === 'reasoning') {
      kept.pop();
      dropped++;
    }
    if (dropped > 0) {
      this.#warn(
        `${dropped} reasoning item(s) were not replayed: Codex rejects reasoning with no text or tool call after it in its turn.`,
      );
    }
    this.#input.push(...kept);
    this.#turn = [];
    this.#reasoning = undefined;
  }

  #assistantPart(part: CodexAssistantPart) {
    if (part.type !== 'reasoning') this.#reasoning = undefined;
    switch (part.type) {
      case 'text':
        if (part.text.length > 0) {
          // the model reads its own preambles (`commentary`) apart from answers (`final_answer`)
          const phase = part.providerOptions?.codex?.phase;
          this.#turn.push({
            type: 'message',
            role: 'assistant',
            content: [{ type: 'output_text', text: part.text }],
            ...(typeof phase === 'string' && phase !== '' && { phase }),
          });
        }
        break;
      case 'reasoning':
        this.#reasoningPart(part);
        break;
      case 'tool-call':
        this.#toolCall(part);
        break;
      case 'tool-result':
        this.#toolReplay.providerResult(part);
        break;
      default:
        // files, approval responses, custom and reasoning-file parts
        this.#warn(`Assistant ${part.type} parts are not sent to Codex.`);
    }
  }

  #warnUnreplayedReasoning() {
    const parts = this.#partsWithoutMetadata;
    const items = this.#itemsWithoutContent;
    const why = [
      parts > 0 && `${parts} reasoning part(s) carry no providerOptions.codex`,
      items > 0 &&
        `${items} reasoning item(s) have no providerOptions.codex.reasoningEncryptedContent`,
    ].filter(reason => reason !== false);
    if (why.length === 0) return;
    this.#warn(
      `Reasoning in the prompt was not replayed: ${why.join('; ')}. Pass each reasoning part's providerMetadata back as its providerOptions.`,
    );
  }

  #reasoningPart(part: Extract<CodexAssistantPart, { type: 'reasoning' }>) {
    const codex = part.providerOptions?.codex;
    if (codex == null) {
      // nothing to replay it with, and nothing to group it by
      this.#partsWithoutMetadata++;
      return;
    }
    if (codex.compaction != null) {
      // a valid one would have split the prompt (see `splitAtCompaction`)
      this.#warn(
        "A reasoning part's providerOptions.codex.compaction is not one this provider returned; it was not sent.",
      );
      return;
    }
    // what our `reasoning-end` metadata holds, read loosely
    const { itemId: id, reasoningEncryptedContent: encrypted } = codex;
    const itemId = typeof id === 'string' ? id : undefined;
    let reasoning = this.#reasoning;
    if (reasoning == null || itemId == null || reasoning.itemId !== itemId) {
      const item: PendingReasoning = { type: 'reasoning', summary: [] };
      this.#turn.push(item as CodexReasoningInput);
      reasoning = this.#reasoning = { itemId, item };
    }
    if (part.text.length > 0)
      reasoning.item.summary.push({ type: 'summary_text', text: part.text });
    if (typeof encrypted === 'string' && encrypted !== '')
      reasoning.item.encrypted_content = encrypted;
  }

  #toolCall(part: Extract<CodexAssistantPart, { type: 'tool-call' }>) {
    const item = this.#toolReplay.call(part);
    if (item == null) return;
    // the backend pairs every call but a web search's with an output
    if (item.type !== 'web_search_call') {
      this.#knownCallIds.add(part.toolCallId);
      this.#unanswered.set(part.toolCallId, part.toolName);
    }
    this.#turn.push(item);
  }

  #toolResults(parts: Array<CodexToolResultPart | CodexUnsentPart>) {
    this.#reasoning = undefined;
    for (const part of parts) {
      // approval responses concern provider-executed tools, which Codex does not run
      if (part.type !== 'tool-result') continue;
      const { toolCallId, toolName } = part;
      if (!this.#knownCallIds.has(toolCallId)) {
        this.#warn(
          `Tool result ${toolCallId} (${toolName}) has no matching tool call in the prompt and was dropped.`,
        );
        continue;
      }
      this.#unanswered.delete(toolCallId);
      this.#turn.push(this.#toolReplay.resultItem(part, this.#warnings));
    }
  }
}

type PendingReasoning = Omit<CodexReasoningInput, 'encrypted_content'> & {
  encrypted_content?: string;
};
