import {
  type LanguageModelV2,
  type LanguageModelV2CallOptions,
  type LanguageModelV2CallWarning,
} from '@ai-sdk/provider';
import { withAuthRenewal } from './auth/codex-auth';
import type { CodexConfig } from './codex-config';
import { createStreamError } from './codex-error';
import { v2OutputShape, type CodexOutputShape } from './stream/codex-output-shape';
import { credentialHeaders, mergeHeaders } from './transport/codex-headers';
import type { CodexModelId, CodexProviderOptions } from './request/codex-provider-options';
import type { CodexRequestBody } from './codex-responses-api';
import { collectCodexStream } from './stream/collect-codex-stream';
import { getCodexArgs } from './request/get-codex-args';
import { postCodexRequest } from './transport/post-codex-request';
import { CodexRequestSession } from './transport/codex-request-session';
import { createCodexPartStream } from './stream/codex-part-stream';

export type CodexModelSettings = CodexProviderOptions;

export class CodexLanguageModel implements LanguageModelV2 {
  readonly specificationVersion = 'v2';
  readonly modelId: CodexModelId;

  private readonly config: CodexConfig;
  private readonly settings: CodexModelSettings;

  constructor(
    modelId: CodexModelId,
    settings: CodexModelSettings,
    config: CodexConfig,
    /** V2 here; the V3/V4 adapters pass theirs (usage, finish reason, warnings). */
    private readonly shape: CodexOutputShape = v2OutputShape,
  ) {
    this.modelId = modelId;
    this.settings = settings;
    this.config = config;
  }

  get provider(): string {
    return this.config.provider;
  }

  // The backend fetches https images itself; everything else `ai` downloads and passes as bytes.
  readonly supportedUrls: Record<string, RegExp[]> = { 'image/*': [/^https:\/\/.+$/i] };

  getArgs(options: LanguageModelV2CallOptions) {
    return getCodexArgs({
      modelId: this.modelId,
      options,
      defaults: {
        sessionId: this.config.sessionId,
        defaultInstructions: this.config.defaultInstructions,
        providerOptions: this.settings,
      },
    });
  }

  doStream(
    options: LanguageModelV2CallOptions,
  ): Promise<
    Awaited<ReturnType<LanguageModelV2['doStream']>> & { request: { body: CodexRequestBody } }
  > {
    return this.stream(options, []);
  }

  doGenerate(
    options: LanguageModelV2CallOptions,
  ): Promise<Awaited<ReturnType<LanguageModelV2['doGenerate']>>> {
    return this.generate(options, []);
  }

  /** `doStream`, with warnings an adapter found while converting its call options. */
  async stream(options: LanguageModelV2CallOptions, extraWarnings: LanguageModelV2CallWarning[]) {
    const { body, warnings } = await this.getArgs(options);
    const { stream, responseHeaders } = await this.startStream(
      body,
      [...extraWarnings, ...warnings],
      options,
      'content',
    );
    return { stream, request: { body }, response: { headers: responseHeaders() } };
  }

  /** `doGenerate`, with warnings an adapter found while converting its call options. */
  async generate(options: LanguageModelV2CallOptions, extraWarnings: LanguageModelV2CallWarning[]) {
    const { body, warnings: argWarnings } = await this.getArgs(options);
    const warnings = [...extraWarnings, ...argWarnings];
    const { stream, responseHeaders } = await this.startStream(
      body,
      warnings,
      { ...options, includeRawChunks: false },
      'finish',
    );
    const collected = await collectCodexStream(stream);
    return {
      content: collected.content,
      finishReason: collected.finishReason,
      usage: collected.usage,
      providerMetadata: collected.providerMetadata,
      request: { body },
      response: { ...collected.response, headers: responseHeaders() },
      warnings: this.shape.warnings(warnings) as LanguageModelV2CallWarning[],
    };
  }

  /**
   * Connects (retrying what is safe to retry) and returns the part stream, which itself
   * retries failures that happen before the caller saw anything.
   */
  private async startStream(
    body: CodexRequestBody,
    warnings: LanguageModelV2CallWarning[],
    options: LanguageModelV2CallOptions,
    holdUntil: 'content' | 'finish',
  ) {
    const url = `${this.config.baseURL}/responses`;
    const session = new CodexRequestSession(
      signal => this.postWithAuth(url, body, options, signal),
      this.config.retry,
      options.abortSignal,
    );
    let latest = await session.connect();
    const stream = createCodexPartStream(latest, {
      warnings: this.shape.warnings(warnings) as LanguageModelV2CallWarning[],
      shape: this.shape,
      includeRawChunks: options.includeRawChunks === true,
      generateId: this.config.generateId,
      session,
      holdUntil,
      idleTimeoutMs: this.config.retry.streamIdleTimeoutMs,
      createError: connection => {
        latest = connection;
        return ({ code, message, data }) =>
          createStreamError({
            code,
            message,
            data,
            url,
            requestBodyValues: body,
            responseHeaders: connection.responseHeaders,
          });
      },
    });
    // the headers of the attempt that answered last (a retry replaces the first one)
    return { stream, responseHeaders: () => latest.responseHeaders };
  }

  /** One POST with the current credentials, renewed after a 401 (see `withAuthRenewal`). */
  private postWithAuth(
    url: string,
    body: CodexRequestBody,
    options: LanguageModelV2CallOptions,
    abortSignal: AbortSignal,
  ) {
    return withAuthRenewal(this.config.auth, credentials =>
      postCodexRequest({
        url,
        headers: mergeHeaders(
          this.config.headers(),
          options.headers,
          credentialHeaders(credentials),
        ),
        body,
        fetch: this.config.fetch,
        abortSignal,
      }),
    );
  }
}
