// Tools as the Codex request body declares them: plain types, nothing to validate.

export type CodexFunctionTool = {
  type: 'function';
  name: string;
  description?: string;
  parameters: unknown;
  strict: boolean;
};

export type CodexWebSearchTool = {
  type: 'web_search';
  external_web_access?: boolean;
  filters?: { allowed_domains?: string[] };
  user_location?: {
    type: 'approximate';
    country?: string;
    region?: string;
    city?: string;
    timezone?: string;
  };
  search_context_size?: 'low' | 'medium' | 'high';
};

export type CodexCustomToolFormat =
  { type: 'text' } | { type: 'grammar'; syntax: 'lark' | 'regex'; definition: string };

export type CodexCustomTool = {
  type: 'custom';
  name: string;
  description?: string;
  format: CodexCustomToolFormat;
};

export type CodexLocalShellTool = { type: 'local_shell' };

export type CodexTool =
  CodexFunctionTool | CodexWebSearchTool | CodexCustomTool | CodexLocalShellTool;

export type CodexToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | { type: 'function'; name: string }
  | { type: 'custom'; name: string }
  | { type: 'web_search' };
