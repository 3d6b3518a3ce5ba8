import * as z from 'zod/v4';
import type { CodexLocalShellCallItem } from '../wire/codex-output-items';
import type { CodexToolDefinition } from './provider-tool';

export const LOCAL_SHELL_TOOL_ID = 'codex.local_shell';

export const localShellArgsSchema = z.object({}).strict();

/** One `local_shell_call` action, camelCased as `@ai-sdk/openai` hands it to `execute`. */
export const localShellInputSchema = z.object({
  action: z.object({
    type: z.literal('exec'),
    /** argv, e.g. `['ls', '-la']`; no shell parses it unless the command starts one. */
    command: z.array(z.string()),
    timeoutMs: z.number().optional(),
    workingDirectory: z.string().optional(),
    env: z.record(z.string(), z.string()).optional(),
    user: z.string().optional(),
  }),
});

export const localShellOutputSchema = z.object({
  /** What the command printed (stdout and stderr), as the model should see it. */
  output: z.string(),
});

export type CodexLocalShellInput = z.infer<typeof localShellInputSchema>;
export type CodexLocalShellOutput = z.infer<typeof localShellOutputSchema>;

export const localShellToolDefinition: CodexToolDefinition<
  CodexLocalShellInput,
  CodexLocalShellOutput,
  false
> = {
  id: LOCAL_SHELL_TOOL_ID,
  name: 'local_shell',
  inputSchema: localShellInputSchema,
  outputSchema: localShellOutputSchema,
  providerExecuted: false,
};

/** A `local_shell_call` item's action as the tool's input. */
export function localShellInputOf(action: CodexLocalShellCallItem['action']): CodexLocalShellInput {
  const { command, timeout_ms, working_directory, env, user } = action;
  return {
    action: {
      type: 'exec',
      command,
      ...(timeout_ms != null && { timeoutMs: timeout_ms }),
      ...(working_directory != null && { workingDirectory: working_directory }),
      ...(env != null && { env }),
      ...(user != null && { user }),
    },
  };
}
