import * as z from 'zod/v4';
import type { CodexToolDefinition } from './provider-tool';

export const CUSTOM_TOOL_ID = 'codex.custom';

export const customToolFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({
    type: z.literal('grammar'),
    syntax: z.enum(['lark', 'regex']),
    definition: z.string(),
  }),
]);

export const customToolArgsSchema = z
  .object({
    /**
     * The tool's name, as `@ai-sdk/openai` 3.x takes it. Optional: the key under which the
     * tool sits in `tools` is its name; when given, it must equal that key.
     */
    name: z.string().optional(),
    description: z.string().optional(),
    /**
     * What the model may write: free text (`{ type: 'text' }`, the default) or text that
     * matches a Lark or regex grammar.
     */
    format: customToolFormatSchema.optional(),
  })
  .strict();

export type CodexCustomToolArgs = z.input<typeof customToolArgsSchema>;

/**
 * A freeform tool's input is the raw text the model wrote, not JSON. Its name on the wire
 * is the key under which it sits in `tools`, as for function tools.
 */
export const customToolDefinition: CodexToolDefinition<string, never, false> = {
  id: CUSTOM_TOOL_ID,
  name: 'custom',
  inputSchema: z.string(),
  providerExecuted: false,
};
