import * as z from 'zod/v4';

// Fields the backend adds pass (unread, so dropped); only the images themselves are required.
export const codexImageResponseSchema = z.object({
  created: z.number().nullish(),
  data: z.array(z.object({ b64_json: z.string(), revised_prompt: z.string().nullish() })).min(1),
  background: z.string().nullish(),
  quality: z.string().nullish(),
  size: z.string().nullish(),
  output_format: z.string().nullish(),
  usage: z
    .object({
      input_tokens: z.number().nullish(),
      output_tokens: z.number().nullish(),
      total_tokens: z.number().nullish(),
    })
    .nullish(),
});

export type CodexImageResponse = z.infer<typeof codexImageResponseSchema>;

/** The spec-neutral result: base64 images, per-image metadata and usage. */
export function toCodexImageResult(response: CodexImageResponse) {
  const usage = response.usage;
  return {
    images: response.data.map(item => item.b64_json),
    providerMetadata: {
      codex: {
        images: response.data.map(item => ({
          ...(item.revised_prompt != null && { revisedPrompt: item.revised_prompt }),
          ...(response.created != null && { created: response.created }),
          ...(response.size != null && { size: response.size }),
          ...(response.quality != null && { quality: response.quality }),
          ...(response.background != null && { background: response.background }),
          ...(response.output_format != null && { outputFormat: response.output_format }),
        })),
      },
    },
    usage:
      usage != null
        ? {
            inputTokens: usage.input_tokens ?? undefined,
            outputTokens: usage.output_tokens ?? undefined,
            totalTokens: usage.total_tokens ?? undefined,
          }
        : undefined,
  };
}
