/**
 * A call warning as the core finds it; each AI SDK version's output shape spells it its own
 * way (V2 keeps this form, V3 and V4 say `unsupported`).
 */
export type CodexWarning =
  | {
      type: 'unsupported-setting';
      /** The call option that was not sent, e.g. `temperature`. */
      setting: string;
      details?: string;
    }
  | {
      type: 'unsupported-tool';
      /** The tool's name (its key in `tools`). */
      toolName: string;
      details?: string;
    }
  | { type: 'other'; message: string };

/** The warnings, each once (two requests of one call may find the same). */
export function distinctWarnings(warnings: CodexWarning[]): CodexWarning[] {
  // keyed by their JSON, in the order each first came
  return [...new Map(warnings.map(warning => [JSON.stringify(warning), warning])).values()];
}
