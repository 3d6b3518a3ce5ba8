/**
 * What the core takes for one call, in its own types. They are wide enough for every AI SDK
 * version's call options to be passed as they are (V2 of `ai@5`, V3 of `ai@6`, V4 of
 * `ai@7`, checked by the compiler in `ai-sdk/`): where the versions spell a thing
 * differently (file data, tool-result content, provider tools), every spelling is listed,
 * and `convertToCodexInput` reads them all.
 */

/** Per-provider options on a message or part (`providerOptions.codex`, …). */
export type CodexPartOptions = Record<string, Record<string, unknown> | undefined>;

/** File data: bytes, base64, a URL (V2, V3), or V4's tagged forms. */
export type CodexFileData =
  | Uint8Array
  | string
  | URL
  | { type: 'data'; data: Uint8Array | string }
  | { type: 'url'; url: URL }
  | { type: 'text'; text: string }
  | { type: 'reference'; reference: unknown };

export type CodexTextPart = { type: 'text'; text: string; providerOptions?: CodexPartOptions };

export type CodexFilePart = {
  type: 'file';
  data: CodexFileData;
  mediaType: string;
  filename?: string;
  providerOptions?: CodexPartOptions;
};

export type CodexReasoningPart = {
  type: 'reasoning';
  text: string;
  providerOptions?: CodexPartOptions;
};

export type CodexToolCallPart = {
  type: 'tool-call';
  toolCallId: string;
  toolName: string;
  input: unknown;
  providerExecuted?: boolean;
  providerOptions?: CodexPartOptions;
};

/** One item of a tool result's `content`, in each version's spelling. */
export type CodexToolResultContent =
  | { type: 'text'; text: string; providerOptions?: CodexPartOptions }
  /** V2: base64 data. */
  | { type: 'media'; data: string; mediaType: string; providerOptions?: undefined }
  /** V3: base64 data. */
  | {
      type: 'image-data' | 'file-data';
      data: string;
      mediaType: string;
      filename?: string;
      providerOptions?: CodexPartOptions;
    }
  /** V3: a URL, which the backend does not fetch for tool results. */
  | { type: 'image-url' | 'file-url'; url: string; mediaType?: string }
  /** V4. */
  | {
      type: 'file';
      data: CodexFileData;
      mediaType: string;
      filename?: string;
      providerOptions?: CodexPartOptions;
    }
  /** Provider file ids and custom content: nothing Codex can take. */
  | { type: 'file-id' | 'image-file-id' | 'custom'; [key: string]: unknown };

export type CodexToolResultOutput =
  | { type: 'text' | 'error-text'; value: string; providerOptions?: CodexPartOptions }
  | { type: 'json' | 'error-json'; value: unknown; providerOptions?: CodexPartOptions }
  /** V3, V4: the app denied running the tool. */
  | { type: 'execution-denied'; reason?: string; providerOptions?: CodexPartOptions }
  | { type: 'content'; value: CodexToolResultContent[] };

export type CodexToolResultPart = {
  type: 'tool-result';
  toolCallId: string;
  toolName: string;
  output: CodexToolResultOutput;
  providerOptions?: CodexPartOptions;
};

/**
 * Parts of newer versions that concern nothing Codex runs (tool approval responses) or
 * that it cannot take (custom and reasoning-file parts); they are left out.
 */
export type CodexUnsentPart = {
  type: 'tool-approval-response' | 'custom' | 'reasoning-file';
  providerOptions?: CodexPartOptions;
};

export type CodexAssistantPart =
  | CodexTextPart
  | CodexFilePart
  | CodexReasoningPart
  | CodexToolCallPart
  | CodexToolResultPart
  | CodexUnsentPart;

export type CodexMessage = (
  | { role: 'system'; content: string }
  | { role: 'user'; content: Array<CodexTextPart | CodexFilePart> }
  | { role: 'assistant'; content: CodexAssistantPart[] }
  | { role: 'tool'; content: Array<CodexToolResultPart | CodexUnsentPart> }
) & { providerOptions?: CodexPartOptions };

export type CodexPrompt = CodexMessage[];

export type CodexFunctionToolOption = {
  type: 'function';
  name: string;
  description?: string;
  inputSchema: unknown;
};

/** A provider tool: `provider-defined` in V2, `provider` in V3 and V4. */
export type CodexProviderToolOption = {
  type: 'provider-defined' | 'provider';
  id: `${string}.${string}`;
  name: string;
  args: Record<string, unknown>;
};

export type CodexToolOption = CodexFunctionToolOption | CodexProviderToolOption;

export type CodexToolChoiceOption =
  { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; toolName: string };

export type CodexCallOptions = {
  prompt: CodexPrompt;
  /** Settings the backend refuses: each one set earns a warning and is not sent. */
  maxOutputTokens?: number;
  temperature?: number;
  stopSequences?: string[];
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  seed?: number;
  responseFormat?:
    { type: 'text' } | { type: 'json'; schema?: unknown; name?: string; description?: string };
  tools?: CodexToolOption[];
  toolChoice?: CodexToolChoiceOption;
  includeRawChunks?: boolean;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
  /** AI SDK 7's reasoning level; `providerOptions.codex.reasoningEffort` wins over it. */
  reasoning?: string;
  providerOptions?: CodexPartOptions;
};
