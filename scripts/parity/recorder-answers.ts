import {
  itemAdded,
  itemDone,
  responseCompleted,
  responseEvents,
  type CodexEvent,
  type OutputSpec,
} from '../../test/support/codex-events';
import type { Answer, RecordedRequest, UpgradeAnswer } from './recorder-server';

/**
 * What the recorder says back, the same for both clients so their conversations run alike:
 * reasoning then text; a function call when the scenario asks for one and the turn has no
 * tool result yet; a JSON answer for structured output; one compaction item for a
 * `compaction_trigger`; an empty response for a prewarm (`generate: false`). Ids and turn
 * states count per scenario, so they are the same for both clients' runs of it.
 */

export type BackendPlan = {
  /** Answer a new user turn with a call of the client's shell tool. */
  toolCall?: boolean;
  /** Report this many input tokens on the response that asks for the tool call. */
  toolCallInputTokens?: number;
  /** `426` for every upgrade: the client must use HTTP SSE. */
  refuseWebSocket?: boolean;
};

/** The command the recorder asks a client to run: prints a word, changes nothing. */
export const HARMLESS_COMMAND = 'echo parity';

export function createBackend(plan: BackendPlan) {
  let responses = 0;
  let prewarms = 0;
  return {
    upgrade(_request: RecordedRequest): UpgradeAnswer {
      if (plan.refuseWebSocket) {
        return { status: 426, body: { detail: 'WebSocket is not available; use HTTP.' } };
      }
      return { status: 101 };
    },
    answer(request: RecordedRequest): Answer {
      const body = request.body as Body;
      // prewarms count apart, so a client that sends none gets the same ids for its turns
      if (body?.generate === false) {
        return { kind: 'events', events: prewarmEvents(body, ++prewarms) };
      }
      const n = ++responses;
      const headers =
        request.kind === 'http' ? { 'x-codex-turn-state': `turn-state-${n}` } : undefined;
      return { kind: 'events', events: eventsFor(plan, body, n), headers };
    },
  };
}

type Item = { type?: string; role?: string; [key: string]: unknown };
type Body = {
  model?: string;
  input?: Item[];
  tools?: Array<{ type?: string; name?: string }>;
  generate?: boolean;
  text?: { format?: { type?: string; schema?: unknown } };
};

function eventsFor(plan: BackendPlan, body: Body, n: number): CodexEvent[] {
  const id = `resp_parity_${n}`;
  const model = body?.model ?? 'gpt-5.3-codex';
  const input = Array.isArray(body?.input) ? body.input : [];
  if (input.at(-1)?.type === 'compaction_trigger') return compactionEvents(id, model, n);

  const lastUser = input
    .map(item => item.type === 'message' && item.role === 'user')
    .lastIndexOf(true);
  const turn = input.slice(lastUser + 1);
  // after a compaction the turn's tool results live in the compaction item
  const toolResult = turn.find(
    item => item.type === 'function_call_output' || item.type === 'compaction',
  );
  const tool = plan.toolCall ? shellTool(body.tools ?? []) : undefined;
  const output: OutputSpec[] = [
    {
      type: 'reasoning',
      id: `rs_parity_${n}`,
      summary: ['**Reading the request**\n\nDeciding what to answer.'],
      encryptedContent: `enc:parity:${n}`,
    },
  ];
  let inputTokens = 1_000;
  if (toolResult != null) {
    output.push({
      type: 'message',
      id: `msg_parity_${n}`,
      text: 'The command printed parity.',
      phase: 'final_answer',
    });
  } else if (tool != null) {
    output.push({
      type: 'function_call',
      id: `fc_parity_${n}`,
      callId: `call_parity_${n}`,
      name: tool,
      arguments: JSON.stringify(shellArguments(tool)),
    });
    inputTokens = plan.toolCallInputTokens ?? inputTokens;
  } else if (body.text?.format?.type === 'json_schema') {
    output.push({
      type: 'message',
      id: `msg_parity_${n}`,
      text: JSON.stringify({ answer: 'parity' }),
      phase: 'final_answer',
    });
  } else {
    output.push({
      type: 'message',
      id: `msg_parity_${n}`,
      text: 'Hello from the parity recorder.',
      phase: 'final_answer',
    });
  }
  return responseEvents({
    id,
    model,
    output,
    usage: { input_tokens: inputTokens, output_tokens: 50, reasoningTokens: 10, cachedTokens: 0 },
  });
}

/** A prewarm (`generate: false`): the backend answers with an empty response. */
function prewarmEvents(body: Body, n: number): CodexEvent[] {
  const id = `resp_parity_prewarm_${n}`;
  const model = body.model ?? 'gpt-5.3-codex';
  return [
    { type: 'response.created', response: { id, model, status: 'in_progress' } },
    responseCompleted({ id, model, output: [], usage: usage(0) }),
  ];
}

/** The client's shell tool: the official CLI's name for it varies with the model's catalog entry. */
function shellTool(tools: Array<{ type?: string; name?: string }>): string | undefined {
  const names = tools.filter(tool => tool.type === 'function').map(tool => tool.name ?? '');
  return ['shell_command', 'exec_command', 'shell'].find(name => names.includes(name));
}

function shellArguments(tool: string): Record<string, unknown> {
  if (tool === 'exec_command') return { cmd: HARMLESS_COMMAND };
  if (tool === 'shell') return { command: HARMLESS_COMMAND.split(' ') };
  return { command: HARMLESS_COMMAND };
}

function usage(inputTokens: number) {
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 0,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: inputTokens,
  };
}

/** Remote compaction's answer: exactly one `compaction` item (the CLI fails on anything else). */
function compactionEvents(id: string, model: string, n: number): CodexEvent[] {
  const item = {
    type: 'compaction',
    id: `cmp_parity_${n}`,
    encrypted_content: `enc:compaction:${n}`,
  };
  return [
    { type: 'response.created', response: { id, model, status: 'in_progress' } },
    itemAdded(0, item),
    itemDone(0, item),
    responseCompleted({ id, model, output: [item], usage: usage(2_000) }),
  ];
}
