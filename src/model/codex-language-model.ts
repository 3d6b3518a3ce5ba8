import type { CodexModelConfig } from './codex-model-config';
import type { CodexRequestBody } from '../wire/codex-request-body';
import type { CodexModelId, CodexProviderOptions } from '../request/codex-provider-options';
import { getCodexArgs } from '../request/get-codex-args';
import type { CodexToolNames } from '../request/codex-tool-names';
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
import { sendWithAuth, type CallRouting } from './send-with-auth';

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
  readonly supportedUrls: Record<string, RegExp[]> = { 'image/*': [/^https:\/\/.+$/i] };

  constructor(
    modelId: CodexModelId,
    private readonly settings: CodexModelSettings,
    private readonly config: CodexModelConfig,
  ) {
    this.modelId = modelId;
  }

  get provider(): string {
    return this.config.provider;
  }

  getArgs(options: CodexCallOptions) {
    return getCodexArgs({
      modelId: this.modelId,
      knownModel: this.config.knownModel(this.modelId),
      options,
      defaults: {
        sessionId: this.config.sessionId,
        defaultInstructions: this.config.defaultInstructions,
        providerOptions: this.settings,
      },
    });
  }

  /** `doStream`, its `finish` part and warnings in the AI SDK version of `shape`. */
  async stream<FinishPart extends FinishPartBase, Warning>(
    options: CodexCallOptions,
    shape: CodexOutputShape<FinishPart, Warning>,
  ) {
    const call = await this.prepareCall(options);
    const { body, warnings } = call;
    const { stream, responseHeaders } = await this.startStream(body, call, options, {
      warnings: fromTransport => shape.warnings([...warnings, ...fromTransport]),
      finishPart: this.finishPart(call, shape.finishPart),
      holdUntil: 'content',
      toolNames: call.toolNames,
      leadingParts: call.leadingParts,
    });
    return { stream, request: { body }, response: { headers: responseHeaders() } };
  }

  /** `doGenerate`, its finish reason, usage and warnings in the AI SDK version of `shape`. */
  async generate<FinishPart extends FinishPartBase, Warning>(
    options: CodexCallOptions,
    shape: CodexOutputShape<FinishPart, Warning>,
  ): Promise<CodexGenerateResult<FinishPart, Warning>> {
    const call = await this.prepareCall(options);
    const { body, warnings } = call;
    const { stream, responseHeaders, transportWarnings } = await this.startStream(
      body,
      call,
      { ...options, includeRawChunks: false },
      {
        warnings: () => [],
        finishPart: this.finishPart(call, shape.finishPart),
        holdUntil: 'finish',
        toolNames: call.toolNames,
        leadingParts: call.leadingParts,
      },
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
      warnings: shape.warnings([...warnings, ...transportWarnings]),
    };
  }

  /**
   * The call's request, compacted first when `providerOptions.codex.compact` asks or the
   * conversation nears the compaction threshold (see `compactionThreshold`). The call then
   * goes out on the compacted prompt, which is the app's prompt with the compaction part
   * after it: the request holds what the next call's prompt will hand back.
   */
  private async prepareCall(options: CodexCallOptions): Promise<PreparedCall> {
    const args = await this.getArgs(options);
    const { compaction: setting, conversationUsage } = this.config;
    const threshold = compactionThreshold(setting, this.config.knownModel(this.modelId));
    const estimate = threshold != null ? estimateInputTokens(args.body) : undefined;
    const near =
      estimate != null &&
      conversationUsage.inputTokens(args.body.prompt_cache_key, estimate) >= threshold!;
    if (!args.compact && !near) return { ...args, estimate };

    const { compacted, transportWarnings } = await this.compact(args, options);
    const next = await this.getArgs({
      ...options,
      prompt: [...options.prompt, compactionMessage(compacted.compaction)],
    });
    return {
      ...next,
      // what the compaction request was told (a fallback to HTTP) is this call's to hear
      warnings: distinctWarnings([...args.warnings, ...transportWarnings, ...next.warnings]),
      estimate: threshold != null ? estimateInputTokens(next.body) : undefined,
      compacted,
      leadingParts: compactionParts(compacted.compaction.itemId, compacted.compaction),
    };
  }

  /**
   * The compaction request: the call's body with the trigger after it, sent as any request
   * is (auth, retries, routing), its answer read whole. The call is not sent unless it
   * brought exactly one compaction item.
   */
  private async compact(
    args: CodexArgs,
    options: CodexCallOptions,
  ): Promise<{ compacted: CompactionResult; transportWarnings: CodexWarning[] }> {
    const body = compactionRequestBody(args.body);
    // the call's own options (its headers, its abort signal); raw chunks would go unread
    const { stream, responseHeaders, transportWarnings } = await this.startStream(
      body,
      args,
      options,
      {
        warnings: () => [],
        finishPart: finish => ({ type: 'finish', usage: finish.usage }),
        holdUntil: 'finish',
        toolNames: args.toolNames,
      },
    );
    const { content, finish } = await collectCodexStream(stream);
    const compaction = compactionFromResponse(content, {
      url: this.url,
      body,
      responseHeaders: responseHeaders(),
    });
    return { compacted: { compaction, usage: finish?.usage }, transportWarnings };
  }

  /**
   * The version's finish part, which also notes the response's usage for the next call's
   * compaction check and reports the compaction this call made first.
   */
  private finishPart<FinishPart>(
    { body, estimate, compacted }: PreparedCall,
    finishPart: (finish: CodexFinish) => FinishPart,
  ) {
    return (finish: CodexFinish): FinishPart => {
      if (estimate != null && finish.usage != null) {
        this.config.conversationUsage.record(body.prompt_cache_key, finish.usage, estimate);
      }
      return finishPart(compacted != null ? withCompactionUsage(finish, compacted.usage) : finish);
    };
  }

  private get url(): string {
    return `${this.config.baseURL}/responses`;
  }

  /**
   * Connects (retrying what is safe to retry) and returns the part stream, which itself
   * retries failures that happen before the caller saw anything.
   */
  private async startStream<FinishPart extends { type: 'finish' }, Warning>(
    body: CodexRequestBody,
    routing: CallRouting,
    options: CodexCallOptions,
    output: {
      /** The call's warnings, given what the transport had to say about the first attempt. */
      warnings: (fromTransport: CodexWarning[]) => Warning[];
      finishPart: (finish: CodexFinish) => FinishPart;
      holdUntil: 'content' | 'finish';
      toolNames: CodexToolNames;
      leadingParts?: CodexContentPart[] | undefined;
    },
  ): Promise<{
    stream: ReadableStream<CodexStreamPart<FinishPart, Warning>>;
    responseHeaders: () => Record<string, string>;
    transportWarnings: CodexWarning[];
  }> {
    const { url } = this;
    const send = (signal: AbortSignal) =>
      sendWithAuth(this.config, { url, body, routing, headers: options.headers, signal });
    const session = new CodexRequestSession(this.config.retry, options.abortSignal);
    let latest = await session.connect(send);
    const transportWarnings = latest.warnings ?? [];
    const stream = createCodexPartStream(latest, {
      ...output,
      warnings: output.warnings(transportWarnings),
      includeRawChunks: options.includeRawChunks === true,
      generateId: this.config.generateId,
      request: { url, body },
      retries: { session, reconnect: async () => (latest = await session.connect(send)) },
      idleTimeoutMs: this.config.retry.streamIdleTimeoutMs,
      coalesceDeltas: this.config.coalesceDeltas,
    });
    // the headers of the attempt that answered last (a retry replaces the first one)
    return { stream, responseHeaders: () => latest.responseHeaders, transportWarnings };
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
