import type { CodexTool, CodexToolChoice } from './codex-tool-definitions';

// The request side of the wire format: plain types, nothing to validate.

export type CodexInputContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string }
  | { type: 'output_text'; text: string };

export type CodexMessageInput = {
  type: 'message';
  role: 'user' | 'assistant' | 'developer';
  content: CodexInputContent[];
  /** An assistant message's `commentary` or `final_answer`, as the model wrote it. */
  phase?: string;
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

/** One item of a tool output given as a list: text, or an image as a data URL. */
export type CodexToolOutputContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string; detail?: CodexImageDetail };

export type CodexImageDetail = 'auto' | 'low' | 'high' | 'original';

/** A tool's output: text, or (with images) a list of content items. */
export type CodexToolOutput = string | CodexToolOutputContent[];

export type CodexFunctionCallOutputInput = {
  type: 'function_call_output';
  call_id: string;
  output: CodexToolOutput;
};

/**
 * The backend's compaction of the history before it (remote compaction v2), replayed with
 * its id as the official client sends it.
 */
export type CodexCompactionInput = { type: 'compaction'; id: string; encrypted_content: string };

/** Appended as the last item, it asks for a compaction of everything before it. */
export type CodexCompactionTriggerInput = { type: 'compaction_trigger' };

export type CodexInputItem =
  | CodexMessageInput
  | CodexReasoningInput
  | CodexFunctionCallInput
  | CodexFunctionCallOutputInput
  | CodexWebSearchCallInput
  | CodexCustomToolCallInput
  | CodexCustomToolCallOutputInput
  | CodexLocalShellCallInput
  | CodexLocalShellCallOutputInput
  | CodexCompactionInput
  | CodexCompactionTriggerInput;

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

/** The answer to a `custom_tool_call`. */
export type CodexCustomToolCallOutputInput = {
  type: 'custom_tool_call_output';
  call_id: string;
  output: CodexToolOutput;
};

/** The answer to a `local_shell_call`: text only. */
export type CodexLocalShellCallOutputInput = {
  type: 'local_shell_call_output';
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
  /** Routing ids (conversation, turn, context window), as the official client sends them. */
  client_metadata?: Record<string, string>;
};
