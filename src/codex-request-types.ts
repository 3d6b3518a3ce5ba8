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
  CodexMessageInput | CodexReasoningInput | CodexFunctionCallInput | CodexFunctionCallOutputInput;

export type CodexFunctionTool = {
  type: 'function';
  name: string;
  description?: string;
  parameters: unknown;
  strict: boolean;
};

export type CodexToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; name: string };

export type CodexTextFormat =
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; description?: string; schema: unknown; strict: boolean };

export type CodexRequestBody = {
  model: string;
  instructions: string;
  input: CodexInputItem[];
  tools?: CodexFunctionTool[];
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
