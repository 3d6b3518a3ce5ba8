import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders } from '@ai-sdk/provider-utils';
import { withAuthRenewal } from '../auth/with-auth-renewal';
import type { CodexImageConfig } from './codex-image-config';
import { credentialHeaders, mergeHeaders } from '../transport/codex-headers';
import { sendCodexRequest } from '../transport/send-codex-request';
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
 * The Codex image model, whatever the spec version: builds the request, sends it with
 * the same credentials, identity headers, 401 renewal, retries and errors as the
 * language models, and parses the images. The V2/V3/V4 classes only adapt its shape.
 */
export class CodexImageModel {
  readonly maxImagesPerCall: number;

  constructor(
    readonly modelId: CodexImageModelId,
    settings: CodexImageModelSettings,
    private readonly config: CodexImageConfig,
  ) {
    this.maxImagesPerCall = settings.maxImagesPerCall ?? DEFAULT_MAX_IMAGES_PER_CALL;
  }

  /** `codex.image` for a provider named `codex` (`codex.responses` for its language models). */
  get provider(): string {
    const name = this.config.provider.replace(/\.responses$/, '');
    return `${name}.image`;
  }

  async generate(
    options: CodexImageCallOptions & {
      abortSignal?: AbortSignal;
      headers?: Record<string, string | undefined>;
    },
  ) {
    const { path, body, warnings } = buildCodexImageRequest(this.modelId, options);
    const url = `${this.config.baseURL}/${path}`;
    const { text, responseHeaders } = await new CodexRequestSession(
      this.config.retry,
      options.abortSignal,
    ).run(() => this.post(url, body, options));
    const result = toCodexImageResult(parseImageResponse(text, url, body, responseHeaders));
    return {
      ...result,
      warnings,
      response: { timestamp: new Date(), modelId: this.modelId, headers: responseHeaders },
    };
  }

  /** One POST with the current credentials, its body read in full (a broken read retries). */
  private post(
    url: string,
    body: CodexImageRequestBody,
    options: { abortSignal?: AbortSignal; headers?: Record<string, string | undefined> },
  ) {
    return withAuthRenewal(this.config.auth, async credentials => {
      const response = await sendCodexRequest({
        method: 'POST',
        url,
        headers: mergeHeaders(
          this.config.headers(),
          { accept: 'application/json' },
          options.headers,
          credentialHeaders(credentials),
        ),
        body,
        fetch: this.config.fetch,
        abortSignal: options.abortSignal,
      });
      const responseHeaders = extractResponseHeaders(response);
      try {
        return { text: await response.text(), responseHeaders };
      } catch (error) {
        if (options.abortSignal?.aborted) throw error;
        throw new APICallError({
          message: `The Codex image response broke off while it was being read: ${error instanceof Error ? error.message : String(error)}`,
          url,
          requestBodyValues: body,
          statusCode: response.status,
          responseHeaders,
          cause: error,
          isRetryable: true,
        });
      }
    });
  }
}

function parseImageResponse(
  text: string,
  url: string,
  body: CodexImageRequestBody,
  responseHeaders: Record<string, string>,
) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw unexpectedResponse('was not JSON', text, url, body, responseHeaders, cause);
  }
  const parsed = codexImageResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw unexpectedResponse(
      'had no images (`data[].b64_json`)',
      text,
      url,
      body,
      responseHeaders,
      parsed.error,
    );
  }
  return parsed.data;
}

function unexpectedResponse(
  what: string,
  text: string,
  url: string,
  body: CodexImageRequestBody,
  responseHeaders: Record<string, string>,
  cause: unknown,
) {
  return new APICallError({
    message: `The Codex image response ${what}.`,
    url,
    requestBodyValues: body,
    statusCode: 200,
    responseHeaders,
    responseBody: text.length > 2000 ? `${text.slice(0, 2000)}…` : text,
    cause,
    isRetryable: false,
  });
}
