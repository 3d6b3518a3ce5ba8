import type {
  LanguageModelV2,
  LanguageModelV2CallOptions,
  LanguageModelV2CallWarning,
  LanguageModelV2StreamPart,
} from '@ai-sdk/provider';
import type { CodexConfig } from './codex-config';
import { createStreamError } from './codex-error';
import { credentialHeaders, mergeHeaders } from './codex-headers';
import type { CodexModelId, CodexProviderOptions } from './codex-options';
import type { CodexRequestBody } from './codex-request-types';
import { collectCodexStream } from './collect-codex-stream';
import { getCodexArgs } from './get-codex-args';
import { postCodexRequest } from './post-codex-request';
import { createCodexPartStream } from './stream/codex-part-stream';

export type CodexModelSettings = CodexProviderOptions;

export class CodexLanguageModel implements LanguageModelV2 {
  readonly specificationVersion = 'v2';
  readonly modelId: CodexModelId;

  private readonly config: CodexConfig;
  private readonly settings: CodexModelSettings;

  constructor(modelId: CodexModelId, settings: CodexModelSettings, config: CodexConfig) {
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

  async doStream(
    options: LanguageModelV2CallOptions,
  ): Promise<
    Awaited<ReturnType<LanguageModelV2['doStream']>> & { request: { body: CodexRequestBody } }
  > {
    const { body, warnings } = await this.getArgs(options);
    const { stream, responseHeaders } = await this.startStream(body, warnings, options);
    return { stream, request: { body }, response: { headers: responseHeaders } };
  }

  async doGenerate(
    options: LanguageModelV2CallOptions,
  ): Promise<Awaited<ReturnType<LanguageModelV2['doGenerate']>>> {
    const { body, warnings } = await this.getArgs(options);
    const { stream, responseHeaders } = await this.startStream(body, warnings, {
      ...options,
      includeRawChunks: false,
    });
    const collected = await collectCodexStream(stream);
    return {
      content: collected.content,
      finishReason: collected.finishReason,
      usage: collected.usage,
      providerMetadata: collected.providerMetadata,
      request: { body },
      response: { ...collected.response, headers: responseHeaders },
      warnings,
    };
  }

  private async startStream(
    body: CodexRequestBody,
    warnings: LanguageModelV2CallWarning[],
    options: LanguageModelV2CallOptions,
  ): Promise<{
    stream: ReadableStream<LanguageModelV2StreamPart>;
    responseHeaders: Record<string, string>;
  }> {
    const url = `${this.config.baseURL}/responses`;
    const credentials = await this.config.auth();
    const headers = mergeHeaders(
      this.config.headers(),
      options.headers,
      credentialHeaders(credentials),
    );
    const response = await postCodexRequest({
      url,
      headers,
      body,
      fetch: this.config.fetch,
      abortSignal: options.abortSignal,
    });
    const stream = createCodexPartStream(response.body, {
      warnings,
      includeRawChunks: options.includeRawChunks === true,
      generateId: this.config.generateId,
      createError: ({ code, message, data }) =>
        createStreamError({
          code,
          message,
          data,
          url,
          requestBodyValues: body,
          responseHeaders: response.responseHeaders,
        }),
    });
    return { stream, responseHeaders: response.responseHeaders };
  }
}
