import * as z from 'zod/v4';
import { requestCodexJson, type CodexAccountRequest } from './request-codex-json';

/** One entry of the live model catalog. */
export type CodexModelInfo = {
  id: string;
  name: string;
  /** Reasoning efforts the model accepts, in the catalog's order. */
  reasoningLevels: string[];
  defaultReasoningLevel?: string;
  contextWindow?: number;
};

const catalogSchema = z.object({
  models: z.array(
    z.object({
      slug: z.string(),
      display_name: z.string().nullish(),
      supported_reasoning_levels: z
        .array(z.union([z.string(), z.object({ effort: z.string() })]))
        .nullish(),
      default_reasoning_level: z.string().nullish(),
      // one of 0 or less (or no number) is unknown: as a window, every call would compact first
      context_window: z.number().positive().nullish().catch(undefined),
    }),
  ),
});

/** `GET {baseURL}/models?client_version=…`, with credentials renewed after a 401. */
export async function fetchCodexModels(
  request: CodexAccountRequest,
  baseURL: string,
  clientVersion: string,
): Promise<CodexModelInfo[]> {
  const { value } = await requestCodexJson(request, {
    url: `${baseURL}/models?client_version=${encodeURIComponent(clientVersion)}`,
    schema: catalogSchema,
    what: 'The Codex model catalog',
  });
  return value.models.map(m => ({
    id: m.slug,
    name: m.display_name ?? m.slug,
    reasoningLevels: (m.supported_reasoning_levels ?? []).map(l =>
      typeof l === 'string' ? l : l.effort,
    ),
    ...(m.default_reasoning_level != null && { defaultReasoningLevel: m.default_reasoning_level }),
    ...(m.context_window != null && { contextWindow: m.context_window }),
  }));
}
