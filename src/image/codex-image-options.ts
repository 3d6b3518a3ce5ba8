import * as z from 'zod/v4';

/** Image models the ChatGPT backend serves, e.g. `gpt-image-1.5` (the official client's). */
export type CodexImageModelId = 'gpt-image-1.5' | 'gpt-image-1' | (string & {});

/** `codex.image(modelId, settings)`. */
export type CodexImageModelSettings = {
  /**
   * Images per request; the AI SDK splits a larger `n` into several requests. Default 10,
   * as for OpenAI's GPT image models.
   */
  maxImagesPerCall?: number;
};

export const codexImageProviderOptionsSchema = z
  .object({
    /** `quality`: `low`, `medium`, `high` or `auto`. */
    quality: z.enum(['low', 'medium', 'high', 'auto']).optional(),
    /** `background`: `transparent`, `opaque` or `auto`. */
    background: z.enum(['transparent', 'opaque', 'auto']).optional(),
    /**
     * `output_format`: `png`, `jpeg` or `webp`. The official client never sends it, so it
     * is sent only when set.
     */
    outputFormat: z.enum(['png', 'jpeg', 'webp']).optional(),
  })
  .strict();

export type CodexImageProviderOptions = z.infer<typeof codexImageProviderOptionsSchema>;
