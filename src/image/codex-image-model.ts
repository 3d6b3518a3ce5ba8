import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders } from '@ai-sdk/provider-utils';
import { withAuthRenewal } from '../auth/with-auth-renewal';
import type { CodexImageConfig } from './codex-image-config';
import { credentialHeaders, mergeHeaders } from '../transport/codex-headers';
import { sendCodexRequest } from '../transport/send-codex-request';
import { formatLimit, readLimitedText } from '../common/read-limited-text';
import { redactAPICallError, unexpectedAnswerError } from '../common/redact-secrets';
import { CodexRequestSession } from '../transport/codex-request-session';
import {
  buildCodexImageRequest,
  type CodexImageCallOptions,
  type CodexImageRequestBody,
} from './build-codex-image-request';
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
    const url = `${this.#config.baseURL}/${path}`;
    const answer = await new CodexRequestSession(this.#config.retry, options.abortSignal).run(() =>
      this.#post(url, body, options),
    );
    return {
      ...toCodexImageResult(parseImageResponse(answer, url, body)),
      warnings,
      response: {
        timestamp: new Date(),
        modelId: this.modelId,
        headers: extractResponseHeaders(answer.response),
      },
    };
  }

  /**
   * One POST with the current credentials, its body read in full (a broken read retries)
   * up to 128 MiB. Hands back the credential it was sent with, for redaction.
   */
  #post(
    url: string,
    body: CodexImageRequestBody,
    options: { abortSignal?: AbortSignal; headers?: Record<string, string | undefined> },
  ): Promise<ImageAnswer> {
    const config = this.#config;
    return withAuthRenewal(config.auth, async credentials => {
      const headers = mergeHeaders(
        config.headers(),
        { accept: 'application/json' },
        options.headers,
        credentialHeaders(credentials),
      );
      const secrets = [headers.authorization];
      const response = await sendCodexRequest({
        method: 'POST',
        url,
        headers,
        body,
        fetch: config.fetch,
        abortSignal: options.abortSignal,
      });
      const failure = (message: string, isRetryable: boolean, cause?: unknown) =>
        redactAPICallError(
          new APICallError({
            message,
            url,
            requestBodyValues: body,
            statusCode: response.status,
            responseHeaders: extractResponseHeaders(response),
            cause,
            isRetryable,
          }),
          secrets,
        );
      let text: string | undefined;
      try {
        text = await readLimitedText(response, url, IMAGE_ANSWER_LIMIT_BYTES);
      } catch (error) {
        if (options.abortSignal?.aborted) throw error;
        throw failure(
          `The Codex image response broke off while it was being read: ${error instanceof Error ? error.message : String(error)}`,
          true,
          error,
        );
      }
      if (text === undefined) {
        throw failure(
          `The Codex image response is larger than ${formatLimit(IMAGE_ANSWER_LIMIT_BYTES)}; it was not read.`,
          false,
        );
      }
      return { text, response, secrets };
    });
  }
}

type ImageAnswer = { text: string; response: Response; secrets: Array<string | undefined> };

/** The images of a 2xx answer; one that has none is an error that keeps no credential. */
function parseImageResponse(
  { text, response, secrets }: ImageAnswer,
  url: string,
  requestBodyValues: CodexImageRequestBody,
) {
  try {
    return codexImageResponseSchema.parse(JSON.parse(text));
  } catch (cause) {
    throw unexpectedAnswerError({
      message: 'The Codex image response had no images (`data[].b64_json`).',
      notJsonMessage: 'The Codex image response was not JSON.',
      url,
      requestBodyValues,
      response,
      text,
      cause,
      secrets,
    });
  }
}
