import { z } from 'zod/v4';
import type { CodexTool, CodexToolChoice } from './request/codex-tool-definitions';

// Schemas for the rare, structural events only. Delta events arrive thousands of times a
// response and are checked with a `typeof delta === 'string'` guard instead (see
// docs/performance.md). Every object is loose: the backend adds fields without notice.

const usageSchema = z
  .object({
    input_tokens: z.number().nullish(),
    input_tokens_details: z.object({ cached_tokens: z.number().nullish() }).loose().nullish(),
    output_tokens: z.number().nullish(),
    output_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).loose().nullish(),
    total_tokens: z.number().nullish(),
  })
  .loose();

export type CodexUsage = z.infer<typeof usageSchema>;

/** One event of a response, as a transport delivers it; only `type` is known up front. */
export type CodexEvent = Record<string, unknown> & { type: string };

export const responseCreatedSchema = z
  .object({
    response: z
      .object({
        id: z.string().nullish(),
        model: z.string().nullish(),
        created_at: z.number().nullish(),
      })
      .loose(),
  })
  .loose();

export const responseTerminalSchema = z
  .object({
    response: z
      .object({
        id: z.string().nullish(),
        status: z.string().nullish(),
        usage: usageSchema.nullish(),
        incomplete_details: z.object({ reason: z.string().nullish() }).loose().nullish(),
        error: z
          .object({ code: z.string().nullish(), message: z.string().nullish() })
          .loose()
          .nullish(),
        service_tier: z.string().nullish(),
      })
      .loose(),
  })
  .loose();

export type CodexTerminalResponse = z.infer<typeof responseTerminalSchema>['response'];

export const errorEventSchema = z
  .object({
    code: z.string().nullish(),
    message: z.string().nullish(),
    error: z
      .object({ code: z.string().nullish(), message: z.string().nullish() })
      .loose()
      .nullish(),
  })
  .loose();

export const messageItemSchema = z
  .object({
    type: z.literal('message'),
    id: z.string().nullish(),
    phase: z.string().nullish(),
    content: z.array(z.object({ type: z.string(), text: z.string().nullish() }).loose()).nullish(),
  })
  .loose();

export const reasoningItemSchema = z
  .object({
    type: z.literal('reasoning'),
    id: z.string().nullish(),
    encrypted_content: z.string().nullish(),
    summary: z.array(z.object({ type: z.string(), text: z.string() }).loose()).nullish(),
  })
  .loose();

export const functionCallItemSchema = z
  .object({
    type: z.literal('function_call'),
    id: z.string().nullish(),
    call_id: z.string(),
    name: z.string(),
    arguments: z.string().nullish(),
  })
  .loose();

export const webSearchCallItemSchema = z
  .object({
    type: z.literal('web_search_call'),
    id: z.string().nullish(),
    status: z.string().nullish(),
    action: z
      .object({
        type: z.string(),
        query: z.string().nullish(),
        queries: z.array(z.string()).nullish(),
        url: z.string().nullish(),
        pattern: z.string().nullish(),
        sources: z
          .array(z.object({ type: z.string(), url: z.string().nullish() }).loose())
          .nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();

export const customToolCallItemSchema = z
  .object({
    type: z.literal('custom_tool_call'),
    id: z.string().nullish(),
    call_id: z.string(),
    name: z.string(),
    input: z.string().nullish(),
  })
  .loose();

export const localShellCallItemSchema = z
  .object({
    type: z.literal('local_shell_call'),
    id: z.string().nullish(),
    call_id: z.string().nullish(),
    action: z
      .object({
        type: z.literal('exec'),
        command: z.array(z.string()),
        timeout_ms: z.number().nullish(),
        working_directory: z.string().nullish(),
        env: z.record(z.string(), z.string()).nullish(),
        user: z.string().nullish(),
      })
      .loose(),
  })
  .loose();

/** A `url_citation` annotation of an output text (web search citations). */
export const urlCitationSchema = z
  .object({
    type: z.literal('url_citation'),
    url: z.string(),
    title: z.string().nullish(),
    start_index: z.number().nullish(),
    end_index: z.number().nullish(),
  })
  .loose();

export type CodexMessageItem = z.infer<typeof messageItemSchema>;
export type CodexReasoningItem = z.infer<typeof reasoningItemSchema>;
export type CodexFunctionCallItem = z.infer<typeof functionCallItemSchema>;
export type CodexWebSearchCallItem = z.infer<typeof webSearchCallItemSchema>;
export type CodexCustomToolCallItem = z.infer<typeof customToolCallItemSchema>;
export type CodexLocalShellCallItem = z.infer<typeof localShellCallItemSchema>;

// The request side of the wire format: plain types, nothing to validate.

export type CodexInputContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string }
  | { type: 'output_text'; text: string };

export type CodexMessageInput = {
  type: 'message';
  role: 'user' | 'assistant' | 'developer';
  content: CodexInputContent[];
};

export type CodexReasoningInput = {
  type: 'reasoning';
  summary: Array<{ type: 'summary_text'; text: string }>;
  encrypted_content: string;
};

export type CodexFunctionCallInput = {
  type: 'function_call';
  call_id: string;
  name: string;
  arguments: string;
};

export type CodexFunctionCallOutputInput = {
  type: 'function_call_output';
  call_id: string;
  output: string;
};

export type CodexInputItem =
  | CodexMessageInput
  | CodexReasoningInput
  | CodexFunctionCallInput
  | CodexFunctionCallOutputInput
  | CodexWebSearchCallInput
  | CodexCustomToolCallInput
  | CodexCustomToolCallOutputInput
  | CodexLocalShellCallInput;

/** Web search actions as the backend reports and takes them back (snake_case). */
export type CodexWebSearchAction =
  | { type: 'search'; query?: string; queries?: string[] }
  | { type: 'open_page'; url?: string }
  | { type: 'find_in_page'; url?: string; pattern?: string };

export type CodexWebSearchCallInput = {
  type: 'web_search_call';
  status: 'completed';
  action?: CodexWebSearchAction;
};

export type CodexCustomToolCallInput = {
  type: 'custom_tool_call';
  call_id: string;
  name: string;
  input: string;
};

/** The answer to a `custom_tool_call` or a `local_shell_call`, by the call's own kind. */
export type CodexCustomToolCallOutputInput = {
  type: 'custom_tool_call_output' | 'local_shell_call_output';
  call_id: string;
  output: string;
};

export type CodexLocalShellAction = {
  type: 'exec';
  command: string[];
  timeout_ms?: number;
  working_directory?: string;
  env?: Record<string, string>;
  user?: string;
};

export type CodexLocalShellCallInput = {
  type: 'local_shell_call';
  call_id: string;
  status: 'completed';
  action: CodexLocalShellAction;
};

export type CodexTextFormat =
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; description?: string; schema: unknown; strict: boolean };

export type CodexRequestBody = {
  model: string;
  instructions: string;
  input: CodexInputItem[];
  tools?: CodexTool[];
  tool_choice?: CodexToolChoice;
  parallel_tool_calls: boolean;
  reasoning?: { effort?: string; summary?: string };
  store: false;
  stream: true;
  include: string[];
  prompt_cache_key: string;
  text?: { verbosity?: string; format?: CodexTextFormat };
  service_tier?: string;
};

// Tool definitions as the request body carries them.
export type {
  CodexFunctionTool,
  CodexWebSearchTool,
  CodexCustomToolFormat,
  CodexCustomTool,
  CodexLocalShellTool,
  CodexTool,
  CodexToolChoice,
} from './request/codex-tool-definitions';
