import * as z from 'zod/v4';

/**
 * Base64 that `atob` decodes (padded or not; `-` and `_` too, which the AI SDK maps; no
 * line breaks, which the backend does not send): an image it cannot decode would throw a
 * DOMException out of `generateImage`. No regex of groups: on megabytes it overflows.
 */
function isBase64(text: string): boolean {
  const body = text.replace(/={1,2}$/, '');
  return (
    /^[\w+/-]*$/.test(body) && body.length % 4 !== 1 && (body === text || text.length % 4 === 0)
  );
}

// Fields the backend adds pass (unread, so dropped); only the images themselves are required.
export const codexImageResponseSchema = z.object({
  created: z.number().nullish(),
  data: z
    .array(
      z.object({ b64_json: z.string().refine(isBase64), revised_prompt: z.string().nullish() }),
    )
    .min(1),
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

/** The spec-neutral result: base64 images, per-image metadata and usage (when sent). */
export function toCodexImageResult({
  data,
  created,
  size,
  quality,
  background,
  output_format,
  usage,
}: CodexImageResponse) {
  // what the answer says of all its images
  const shared = {
    ...(created != null && { created }),
    ...(size != null && { size }),
    ...(quality != null && { quality }),
    ...(background != null && { background }),
    ...(output_format != null && { outputFormat: output_format }),
  };
  return {
    images: data.map(item => item.b64_json),
    providerMetadata: {
      codex: {
        images: data.map(({ revised_prompt }) => ({
          ...(revised_prompt != null && { revisedPrompt: revised_prompt }),
          ...shared,
        })),
      },
    },
    // no `usage` key at all when the answer has none, so a spec wrapper passes the result on
    ...(usage != null && {
      usage: {
        inputTokens: usage.input_tokens ?? undefined,
        outputTokens: usage.output_tokens ?? undefined,
        totalTokens: usage.total_tokens ?? undefined,
      },
    }),
  };
}
