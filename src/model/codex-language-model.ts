import type { CodexModelConfig } from './codex-model-config';
import type { CodexRequestBody } from '../wire/codex-request-body';
import type { CodexModelId, CodexProviderOptions } from '../request/codex-provider-options';
import { getCodexArgs } from '../request/get-codex-args';
import { collectCodexStream } from '../stream/collect-codex-stream';
import { distinctWarnings, type CodexWarning } from '../common/codex-warning';
import type { CodexContent, CodexContentPart, CodexFinish } from '../stream/codex-stream-part';
import { compactionParts } from '../stream/output-item-parts';
import { compactionRequestBody } from '../request/compaction-request';
import { estimateInputTokens } from '../request/estimate-input-tokens';
import { compactionMessage } from '../request/split-at-compaction';
import {
  compactionFromResponse,
  compactionThreshold,
  withCompactionUsage,
  type CompactionResult,
} from './codex-compaction';
import type { CodexCallOptions } from '../request/codex-call-options';
import type { CodexOutputShape, CodexStreamPart } from '../stream/codex-output-shape';
import { createCodexPartStream } from '../stream/codex-part-stream';
import { CodexRequestSession } from '../transport/codex-request-session';
import { sendWithAuth } from './send-with-auth';

export type CodexModelSettings = CodexProviderOptions;

/** What every spec's finish part carries; `doGenerate` returns the same three fields. */
type FinishPartBase = {
  type: 'finish';
  finishReason: unknown;
  usage: unknown;
  providerMetadata?: unknown;
};

/** `doGenerate`'s result, in the spec version of the shape it was given. */
export type CodexGenerateResult<FinishPart extends FinishPartBase, Warning> = {
  content: CodexContent[];
  finishReason: FinishPart['finishReason'];
  usage: FinishPart['usage'];
  providerMetadata: FinishPart['providerMetadata'];
  request: { body: CodexRequestBody };
  response: { id?: string; modelId?: string; timestamp?: Date; headers: Record<string, string> };
  warnings: Warning[];
};

/**
 * The one Codex language model, of no spec version: it maps call options to a request,
 * sends it (with auth renewal and retries) and returns content parts, leaving the parts
 * that differ between specs (`finish`, warnings) to the shape its spec wrapper hands in.
 */
export class CodexLanguageModel {
  readonly modelId: CodexModelId;

  // The backend fetches https images itself; everything else `ai` downloads and passes as bytes.
  readonly supportedUrls: Record<string, RegExp[]> = { 'image/*': [/^https:\/\//i] };

  readonly #settings: CodexModelSettings;
  readonly #config: CodexModelConfig;

  constructor(modelId: CodexModelId, settings: CodexModelSettings, config: CodexModelConfig) {
    this.modelId = modelId;
    this.#settings = settings;
    this.#config = config;
  }

  get provider(): string {
    return this.#config.provider;
  }

  /** `doStream`, its `finish` part and warnings in the AI SDK version of `shape`. */
  async stream<FinishPart extends FinishPartBase, Warning>(
    options: CodexCallOptions,
    shape: CodexOutputShape<FinishPart, Warning>,
  ) {
    const { body, stream, responseHeaders } = await this.#call(options, shape, 'content');
    return { stream, request: { body }, response: { headers: responseHeaders() } };
  }

  /** `doGenerate`, its finish reason, usage and warnings in the AI SDK version of `shape`. */
  async generate<FinishPart extends FinishPartBase, Warning>(
    options: CodexCallOptions,
    shape: CodexOutputShape<FinishPart, Warning>,
  ): Promise<CodexGenerateResult<FinishPart, Warning>> {
    const { body, stream, responseHeaders, warnings } = await this.#call(
      { ...options, includeRawChunks: false },
      shape,
      'finish',
    );
    const { content, finish, response } = await collectCodexStream(stream);
    const ended: FinishPart = finish ?? shape.finishPart(UNFINISHED);
    return {
      content,
      finishReason: ended.finishReason,
      usage: ended.usage,
      providerMetadata: ended.providerMetadata,
      request: { body },
      response: { ...response, headers: responseHeaders() },
      warnings,
    };
  }

  /**
   * Prepares the call and starts its part stream. Its warnings are the request's and what
   * the transport had to say about the first attempt; `doGenerate` returns the same ones
   * that `stream-start` carries.
   */
  async #call<FinishPart extends FinishPartBase, Warning>(
    options: CodexCallOptions,
    shape: CodexOutputShape<FinishPart, Warning>,
    holdUntil: 'content' | 'finish',
  ) {
    const call = await this.#prepareCall(options);
    const { estimate, compacted, body } = call;
    const { conversationUsage } = this.#config;
    const started = await this.#startStream(
      call,
      options,
      holdUntil,
      // notes the response's usage for the next call's compaction check, and reports the
      // compaction this call made first
      finish => {
        if (estimate != null && finish.usage != null) {
          conversationUsage.record(body.prompt_cache_key, finish.usage, estimate);
        }
        return shape.finishPart(
          compacted != null ? withCompactionUsage(finish, compacted.usage) : finish,
        );
      },
      fromTransport => shape.warnings([...call.warnings, ...fromTransport]),
    );
    return { body, ...started };
  }

  #getArgs(options: CodexCallOptions) {
    const config = this.#config;
    return getCodexArgs({
      modelId: this.modelId,
      knownModel: config.knownModel(this.modelId),
      options,
      defaults: {
        sessionId: config.sessionId,
        defaultInstructions: config.defaultInstructions,
        providerOptions: this.#settings,
      },
    });
  }

  /**
   * The call's request, compacted first when `providerOptions.codex.compact` asks or the
   * conversation nears the compaction threshold (see `compactionThreshold`). The call then
   * goes out on the compacted prompt, which is the app's prompt with the compaction part
   * after it: the request holds what the next call's prompt will hand back.
   */
  async #prepareCall(options: CodexCallOptions): Promise<PreparedCall> {
    const args = await this.#getArgs(options);
    const { compaction: setting, conversationUsage, knownModel } = this.#config;
    const threshold = compactionThreshold(setting, knownModel(this.modelId));
    const estimate = threshold != null ? estimateInputTokens(args.body) : undefined;
    const near =
      estimate != null &&
      conversationUsage.inputTokens(args.body.prompt_cache_key, estimate) >= threshold!;
    if (!args.compact && !near) return { ...args, estimate };

    // The compaction request: the call's body with the trigger after it, sent as any request
    // is (auth, retries, routing) with the call's own options (its headers, its abort signal;
    // raw chunks would go unread), its answer read whole. The call is not sent unless it
    // brought exactly one compaction item.
    const body = compactionRequestBody(args.body);
    const compacting = await this.#startStream(
      { ...args, body },
      options,
      'finish',
      finish => ({ type: 'finish', usage: finish.usage }),
      fromTransport => fromTransport,
    );
    const { content, finish } = await collectCodexStream(compacting.stream);
    const compaction = compactionFromResponse(content, {
      url: compacting.url,
      body,
      responseHeaders: compacting.responseHeaders(),
    });
    const next = await this.#getArgs({
      ...options,
      prompt: [...options.prompt, compactionMessage(compaction)],
    });
    return {
      ...next,
      // what the compaction request was told (a fallback to HTTP) is this call's to hear
      warnings: distinctWarnings([...args.warnings, ...compacting.warnings, ...next.warnings]),
      estimate: threshold != null ? estimateInputTokens(next.body) : undefined,
      compacted: { compaction, usage: finish?.usage },
      leadingParts: compactionParts(compaction.itemId, compaction),
    };
  }

  /**
   * Connects (retrying what is safe to retry) and returns the part stream, which itself
   * retries failures that happen before the caller saw anything.
   */
  async #startStream<FinishPart extends { type: 'finish' }, Warning>(
    {
      body,
      toolNames,
      leadingParts,
      ...routing
    }: CodexArgs & { leadingParts?: CodexContentPart[] },
    options: CodexCallOptions,
    holdUntil: 'content' | 'finish',
    finishPart: (finish: CodexFinish) => FinishPart,
    /** The call's warnings, given what the transport had to say about the first attempt. */
    callWarnings: (fromTransport: CodexWarning[]) => Warning[],
  ): Promise<{
    stream: ReadableStream<CodexStreamPart<FinishPart, Warning>>;
    responseHeaders: () => Record<string, string>;
    warnings: Warning[];
    url: string;
  }> {
    const config = this.#config;
    const url = `${config.baseURL}/responses`;
    const send = (signal: AbortSignal) =>
      sendWithAuth(config, { url, body, routing, headers: options.headers, signal });
    const session = new CodexRequestSession(config.retry, options.abortSignal);
    let latest = await session.connect(send);
    const warnings = callWarnings(latest.warnings ?? []);
    const stream = createCodexPartStream(latest, {
      finishPart,
      warnings,
      holdUntil,
      toolNames,
      leadingParts,
      includeRawChunks: options.includeRawChunks === true,
      generateId: config.generateId,
      request: { url, body },
      retries: { session, reconnect: async () => (latest = await session.connect(send)) },
      idleTimeoutMs: config.retry.streamIdleTimeoutMs,
      coalesceDeltas: config.coalesceDeltas,
    });
    // the headers of the attempt that answered last (a retry replaces the first one)
    return { stream, responseHeaders: () => latest.responseHeaders, warnings, url };
  }
}

type CodexArgs = Awaited<ReturnType<typeof getCodexArgs>>;

/** A call's request, and what its compaction check knows. */
type PreparedCall = CodexArgs & {
  /** `estimateInputTokens` of the body, when compaction has a threshold to compare it to. */
  estimate: number | undefined;
  /** The compaction made before this call. */
  compacted?: CompactionResult;
  /** The compaction's parts, which come first in the call's result. */
  leadingParts?: CodexContentPart[];
};

/** A stream that closed without `finish` (it cannot, but `doGenerate` must return one). */
const UNFINISHED: CodexFinish = {
  unified: 'other',
  raw: undefined,
  usage: undefined,
  providerMetadata: { codex: { responseId: null } },
};
