import { InvalidArgumentError } from '@ai-sdk/provider';
import type { CodexImageWarning } from './codex-image-warning';
import { convertToBase64 } from '@ai-sdk/provider-utils';
import { parseArgument } from '../common/parse-argument';
import { codexImageProviderOptionsSchema } from './codex-image-options';

/** An input image, as V3/V4 pass them (V2 has none). */
export type CodexImageFile =
  { type: 'file'; mediaType: string; data: string | Uint8Array } | { type: 'url'; url: string };

/** The call options every spec version's image model reduces to. */
export type CodexImageCallOptions = {
  prompt: string | undefined;
  n: number;
  size: `${number}x${number}` | undefined;
  aspectRatio: `${number}:${number}` | undefined;
  seed: number | undefined;
  files?: CodexImageFile[];
  mask?: CodexImageFile;
  providerOptions: Record<string, Record<string, unknown> | undefined> | undefined;
};

export type CodexImageRequestBody = {
  prompt: string;
  model: string;
  images?: Array<{ image_url: string }>;
  n?: number;
  size?: string;
  quality?: string;
  background?: string;
  output_format?: string;
};

// The sizes of the GPT image models, by the aspect ratio they have.
const SIZE_BY_ASPECT_RATIO: Record<string, `${number}x${number}`> = {
  '1:1': '1024x1024',
  '3:2': '1536x1024',
  '2:3': '1024x1536',
};

/**
 * Image call options → the request the official client sends: `POST images/generations`
 * with `{ prompt, model, n?, size?, quality?, background? }`, or `POST images/edits` with
 * the input images as `images: [{ image_url }]` (data URLs) when there are any. Pure.
 */
export function buildCodexImageRequest(
  modelId: string,
  options: CodexImageCallOptions,
): {
  path: 'images/generations' | 'images/edits';
  body: CodexImageRequestBody;
  warnings: CodexImageWarning[];
} {
  const { prompt, n, aspectRatio, files = [] } = options;
  if (!prompt?.trim()) {
    throw new InvalidArgumentError({
      argument: 'prompt',
      message: 'Codex image generation needs a text prompt (also when editing images).',
    });
  }
  const { quality, background, outputFormat } = parseImageProviderOptions(
    options.providerOptions?.codex,
  );

  const warnings: CodexImageWarning[] = [];
  const unsupported = (setting: 'aspectRatio' | 'seed', details: string) =>
    warnings.push({ type: 'unsupported-setting', setting, details });
  let size: string | undefined = options.size;
  if (aspectRatio != null) {
    const mapped = SIZE_BY_ASPECT_RATIO[aspectRatio];
    if (size != null) {
      unsupported('aspectRatio', '`size` is set and wins; the aspect ratio was ignored.');
    } else if (mapped != null) {
      size = mapped;
    } else {
      unsupported(
        'aspectRatio',
        `Codex image models support the aspect ratios ${Object.keys(SIZE_BY_ASPECT_RATIO).join(', ')} (sizes ${Object.values(SIZE_BY_ASPECT_RATIO).join(', ')}); ${aspectRatio} was ignored.`,
      );
    }
  }
  if (options.seed != null) {
    unsupported('seed', 'Codex image models have no seed; it was not sent.');
  }
  if (options.mask != null) {
    warnings.push({
      type: 'other',
      message: 'Codex image edits take no mask; it was not sent and the whole image may change.',
    });
  }

  const edit = files.length > 0;
  const body: CodexImageRequestBody = {
    prompt,
    model: modelId,
    ...(edit && { images: files.map(file => ({ image_url: toImageUrl(file) })) }),
    ...(n !== 1 && { n }),
    ...(size != null && { size }),
    ...(quality != null && { quality }),
    ...(background != null && { background }),
    ...(outputFormat != null && { output_format: outputFormat }),
  };
  return { path: edit ? 'images/edits' : 'images/generations', body, warnings };
}

function toImageUrl(file: CodexImageFile): string {
  if (file.type === 'url') return file.url;
  // convertToBase64 passes a string (already base64) through
  return `data:${file.mediaType};base64,${convertToBase64(file.data)}`;
}

function parseImageProviderOptions(value: unknown) {
  if (value == null) return {};
  return parseArgument(
    codexImageProviderOptionsSchema,
    value,
    'providerOptions.codex',
    'providerOptions.codex for an image model',
  );
}
