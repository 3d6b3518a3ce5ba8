// Event builders for the backend's own tool items (web search, custom, local shell), in
// the shapes of the recorded Responses API streams (vercel/ai's __fixtures__).
import type { CodexEvent } from './codex-events';

export type ToolOutputSpec =
  | {
      type: 'web_search_call';
      id?: string;
      /** Raw backend action, e.g. `{ type: 'search', query: 'x' }`. */
      action: Record<string, unknown>;
    }
  | {
      type: 'custom_tool_call';
      name: string;
      callId: string;
      input: string;
      id?: string;
      chunks?: string[];
    }
  | {
      type: 'local_shell_call';
      callId: string;
      action: {
        type: 'exec';
        command: string[];
        timeout_ms?: number;
        working_directory?: string;
        env?: Record<string, string>;
        user?: string;
      };
      id?: string;
    };

export function pushToolItemEvents(
  spec: ToolOutputSpec,
  output_index: number,
  push: (event: CodexEvent) => void,
): void {
  switch (spec.type) {
    case 'web_search_call': {
      const id = spec.id ?? `ws_${output_index}`;
      push({
        type: 'response.output_item.added',
        output_index,
        item: { id, type: 'web_search_call', status: 'in_progress' },
      });
      for (const phase of ['in_progress', 'searching', 'completed']) {
        push({ type: `response.web_search_call.${phase}`, output_index, item_id: id });
      }
      push({
        type: 'response.output_item.done',
        output_index,
        item: { id, type: 'web_search_call', status: 'completed', action: spec.action },
      });
      break;
    }
    case 'custom_tool_call': {
      const id = spec.id ?? `ctc_${output_index}`;
      const base = { id, type: 'custom_tool_call', call_id: spec.callId, name: spec.name };
      push({ type: 'response.output_item.added', output_index, item: { ...base, input: '' } });
      for (const delta of spec.chunks ?? lineChunks(spec.input)) {
        push({ type: 'response.custom_tool_call_input.delta', item_id: id, output_index, delta });
      }
      push({
        type: 'response.custom_tool_call_input.done',
        item_id: id,
        output_index,
        input: spec.input,
      });
      push({
        type: 'response.output_item.done',
        output_index,
        item: { ...base, input: spec.input, status: 'completed' },
      });
      break;
    }
    case 'local_shell_call': {
      const id = spec.id ?? `lsh_${output_index}`;
      const base = { id, type: 'local_shell_call', call_id: spec.callId };
      push({
        type: 'response.output_item.added',
        output_index,
        item: {
          ...base,
          status: 'in_progress',
          action: { type: 'exec', command: [], env: {} },
        },
      });
      push({
        type: 'response.output_item.done',
        output_index,
        item: { ...base, status: 'completed', action: spec.action },
      });
      break;
    }
  }
}

function lineChunks(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+/g) ?? [];
}
