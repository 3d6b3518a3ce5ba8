import type { BackendPlan } from './recorder-answers';

/**
 * The conversations both clients hold with the recorder. Each runs over WebSocket (the
 * official client's default) and over HTTP SSE (the recorder answers the upgrade with 426,
 * the backend's "use HTTP").
 */

export type Transport = 'websocket' | 'sse';
export const TRANSPORTS: Transport[] = ['websocket', 'sse'];

/** A JSON schema both clients ask the answer to follow (strict: every key required). */
export const ANSWER_SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'string' } },
  required: ['answer'],
  additionalProperties: false,
} as const;

export type Scenario = {
  name: string;
  title: string;
  /** One user message per turn. */
  prompts: string[];
  backend: Omit<BackendPlan, 'refuseWebSocket'>;
  official: {
    /**
     * `exec`: one `codex exec` per conversation. `app-server`: the CLI's JSON-RPC mode, where
     * one process holds a thread over several turns (`codex exec` ends after one turn, and
     * `exec resume` is a second process with a new socket).
     */
    mode: 'exec' | 'app-server';
    /** `config.toml` keys, TOML values. */
    config?: Record<string, string>;
    outputSchema?: object;
  };
  ours: {
    providerOptions?: Record<string, unknown>;
    /** Offer a shell tool shaped like the CLI's `exec_command` (it runs nothing). */
    tool?: boolean;
    outputSchema?: object;
    /** The threshold of automatic compaction, as the CLI's `model_auto_compact_token_limit`. */
    compactAtInputTokens?: number;
  };
};

export const SCENARIOS: Scenario[] = [
  {
    name: 'one-turn',
    title: 'One turn',
    prompts: ['Say hello.'],
    backend: {},
    official: { mode: 'exec' },
    ours: {},
  },
  {
    name: 'two-turns',
    title: 'Two turns in one process',
    prompts: ['Say hello.', 'Say it again.'],
    backend: {},
    official: { mode: 'app-server' },
    ours: {},
  },
  {
    name: 'tool-call',
    title: 'A tool call round trip',
    prompts: ['Run echo parity.'],
    backend: { toolCall: true },
    official: { mode: 'exec' },
    ours: { tool: true },
  },
  {
    name: 'reasoning-high',
    title: 'Reasoning effort high, summary detailed',
    prompts: ['Think hard, then say hello.'],
    backend: {},
    official: {
      mode: 'exec',
      config: { model_reasoning_effort: '"high"', model_reasoning_summary: '"detailed"' },
    },
    ours: { providerOptions: { reasoningEffort: 'high', reasoningSummary: 'detailed' } },
  },
  {
    name: 'structured-output',
    title: 'Structured output',
    prompts: ['Answer in JSON.'],
    backend: {},
    official: { mode: 'exec', outputSchema: ANSWER_SCHEMA },
    ours: { outputSchema: ANSWER_SCHEMA },
  },
  {
    name: 'priority-tier',
    title: "The priority tier (the CLI's fast mode)",
    prompts: ['Say hello, fast.'],
    backend: {},
    official: { mode: 'exec', config: { service_tier: '"fast"' } },
    ours: { providerOptions: { serviceTier: 'priority' } },
  },
  {
    name: 'compaction',
    title: 'A compaction inside a tool turn',
    prompts: ['Run echo parity.'],
    // the tool call's response reports more input than the compaction limit
    backend: { toolCall: true, toolCallInputTokens: 200_000 },
    official: { mode: 'exec', config: { model_auto_compact_token_limit: '50000' } },
    ours: { tool: true, compactAtInputTokens: 50_000 },
  },
];
