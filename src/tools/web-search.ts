import * as z from 'zod/v4';
import type { CodexWebSearchCallItem } from '../wire/codex-output-items';
import type { CodexToolDefinition } from './provider-tool';

export const WEB_SEARCH_TOOL_ID = 'codex.web_search';

export const webSearchArgsSchema = z
  .object({
    /** Only search these domains (and their subdomains); no scheme, e.g. `ai-sdk.dev`. */
    allowedDomains: z.array(z.string()).optional(),
    /** How much search context the model gets: `low`, `medium` (default) or `high`. */
    searchContextSize: z.enum(['low', 'medium', 'high']).optional(),
    /** An approximate location, for local results. */
    userLocation: z
      .object({
        type: z.literal('approximate').optional(),
        /** Two-letter ISO country code, e.g. `US`. */
        country: z.string().optional(),
        region: z.string().optional(),
        city: z.string().optional(),
        /** IANA time zone, e.g. `America/Chicago`. */
        timezone: z.string().optional(),
      })
      .optional(),
    /** `true`: fetch live pages; `false`: search cached/indexed content only. */
    externalWebAccess: z.boolean().optional(),
  })
  .strict();

export type CodexWebSearchArgs = z.input<typeof webSearchArgsSchema>;

const webSearchActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('search'),
    query: z.string().optional(),
    queries: z.array(z.string()).optional(),
  }),
  z.object({ type: z.literal('openPage'), url: z.string().optional() }),
  z.object({
    type: z.literal('findInPage'),
    url: z.string().optional(),
    pattern: z.string().optional(),
  }),
]);

/** The result of one `web_search_call`: what the model did, in the shape `@ai-sdk/openai` uses. */
export const webSearchOutputSchema = z.object({
  action: webSearchActionSchema.optional(),
  sources: z.array(z.object({ type: z.literal('url'), url: z.string() })).optional(),
});

export type CodexWebSearchOutput = z.infer<typeof webSearchOutputSchema>;

/** The model decides what to search from the conversation: the call itself has no input. */
export const webSearchToolDefinition: CodexToolDefinition<
  Record<string, never>,
  CodexWebSearchOutput,
  true
> = {
  id: WEB_SEARCH_TOOL_ID,
  name: 'web_search',
  inputSchema: z.record(z.string(), z.never()),
  outputSchema: webSearchOutputSchema,
  providerExecuted: true,
};

/** The backend's action, camelCased like `@ai-sdk/openai`'s web search results. */
export function webSearchOutputOf(action: CodexWebSearchCallItem['action']): CodexWebSearchOutput {
  if (action == null) return {};
  const { query, queries, url, pattern } = action;
  const sources = action.sources?.flatMap(s =>
    s.type === 'url' && s.url != null ? [{ type: 'url' as const, url: s.url }] : [],
  );
  const withSources = sources?.length ? { sources } : {};
  const withUrl = url != null ? { url } : {};
  switch (action.type) {
    case 'search':
      return {
        action: {
          type: 'search',
          ...(query != null && { query }),
          ...(queries != null && { queries }),
        },
        ...withSources,
      };
    case 'open_page':
      return { action: { type: 'openPage', ...withUrl } };
    case 'find_in_page':
      return { action: { type: 'findInPage', ...withUrl, ...(pattern != null && { pattern }) } };
    default:
      return withSources;
  }
}
