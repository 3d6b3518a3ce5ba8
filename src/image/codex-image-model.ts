import { extractResponseHeaders } from '@ai-sdk/provider-utils';
import { requestCodexJson } from '../account/request-codex-json';
import type { CodexImageConfig } from './codex-image-config';
import { CodexRequestSession } from '../transport/codex-request-session';
import { buildCodexImageRequest, type CodexImageCallOptions } from './build-codex-image-request';
import type { CodexImageModelId, CodexImageModelSettings } from './codex-image-options';
import { codexImageResponseSchema, toCodexImageResult } from './parse-codex-image-response';

const DEFAULT_MAX_IMAGES_PER_CALL = 10;

/**
 * An answer may hold up to ten large base64 images; one past this is not held in memory.
 */
const IMAGE_ANSWER_LIMIT_BYTES = 128 * 1024 * 1024;

/**
 * The Codex image model, whatever the spec version: builds the request, sends it with
 * the same credentials, identity headers, 401 renewal, retries and errors as the
 * language models, and parses the images. The V2/V3/V4 classes only adapt its shape.
 */
export class CodexImageModel {
  readonly modelId: CodexImageModelId;
  readonly maxImagesPerCall: number;
  readonly #config: CodexImageConfig;

  constructor(
    modelId: CodexImageModelId,
    settings: CodexImageModelSettings,
    config: CodexImageConfig,
  ) {
    this.modelId = modelId;
    this.maxImagesPerCall = settings.maxImagesPerCall ?? DEFAULT_MAX_IMAGES_PER_CALL;
    this.#config = config;
  }

  /** `codex.image` for a provider named `codex` (`codex.responses` for its language models). */
  get provider(): string {
    return `${this.#config.provider.replace(/\.responses$/, '')}.image`;
  }

  async generate(
    options: CodexImageCallOptions & {
      abortSignal?: AbortSignal;
      headers?: Record<string, string | undefined>;
    },
  ) {
    const { path, body, warnings } = buildCodexImageRequest(this.modelId, options);
    const config = this.#config;
    const { abortSignal } = options;
    // One POST with the current credentials, its body read in full (a broken read retries).
    const { value, response } = await new CodexRequestSession(config.retry, abortSignal).run(() =>
      requestCodexJson(
        { ...config, abortSignal },
        {
          url: `${config.baseURL}/${path}`,
          body,
          callHeaders: options.headers,
          maxBytes: IMAGE_ANSWER_LIMIT_BYTES,
          schema: codexImageResponseSchema,
          what: 'The Codex image response',
          unexpected: 'no images (`data[].b64_json`)',
        },
      ),
    );
    return {
      ...toCodexImageResult(value),
      warnings,
      response: {
        timestamp: new Date(),
        modelId: this.modelId,
        headers: extractResponseHeaders(response),
      },
    };
  }
}
