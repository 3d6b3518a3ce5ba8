import * as ai5 from 'ai';
import * as ai6 from 'ai-v6';
import { createCodex, type CodexProviderSettings } from '../../src';
import { createCodex as createCodexV3 } from '../../src/v3';

/**
 * `streamText` as the fault soak calls it, from `ai@5` with the root entry or `ai@6` with
 * `/v3`: the same call and the same reading of its parts, so one harness soaks both.
 */

export type SoakSdk = 'ai5' | 'ai6';

/** The fields of a `fullStream` part the soak reads. */
export type SoakPart = { type: string; text?: string; error?: unknown; finishReason?: string };

export type SoakStreamText = (call: {
  prompt: string;
  abortSignal: AbortSignal;
  /** Called once the provider hands the AI SDK a content part (before the SDK's stages). */
  onContent: () => void;
  onError: (error: unknown) => void;
}) => {
  fullStream: AsyncIterable<SoakPart>;
  /** What an app reads once the stream is over; each may reject after an error. */
  afterwards: Array<[string, PromiseLike<unknown>]>;
};

const CONTENT_PART = /^(text|reasoning|tool-input)-|^tool-call$/;

/** Passes the parts on, calling `onContent` at each content part. */
function watchContent<Part extends { type: string }>(onContent: () => void) {
  return new TransformStream<Part, Part>({
    transform(part, controller) {
      if (CONTENT_PART.test(part.type)) onContent();
      controller.enqueue(part);
    },
  });
}

/**
 * A middleware's `wrapStream` that calls `onContent` at each content part the provider
 * hands over, before the AI SDK's own stages see it.
 */
function watchStream(onContent: () => void) {
  return async <Part extends { type: string }, Answer extends { stream: ReadableStream<Part> }>({
    doStream,
  }: {
    doStream: () => PromiseLike<Answer>;
  }): Promise<Answer> => {
    const answer = await doStream();
    return { ...answer, stream: answer.stream.pipeThrough(watchContent<Part>(onContent)) };
  };
}

/** What an app reads once the stream is over. */
function afterwards(result: {
  response: PromiseLike<unknown>;
  warnings: PromiseLike<unknown>;
  request: PromiseLike<unknown>;
  providerMetadata: PromiseLike<unknown>;
}): Array<[string, PromiseLike<unknown>]> {
  return [
    ['response', result.response],
    ['warnings', result.warnings],
    ['request', result.request],
    ['providerMetadata', result.providerMetadata],
  ];
}

/** One provider for the whole soak, as an app has it, and `streamText` through it. */
export function soakStreamText(sdk: SoakSdk, settings: CodexProviderSettings): SoakStreamText {
  if (sdk === 'ai6') {
    const model = createCodexV3(settings)('gpt-5.3-codex');
    return ({ prompt, abortSignal, onContent, onError }) => {
      const result = ai6.streamText({
        model: ai6.wrapLanguageModel({
          model,
          middleware: { specificationVersion: 'v3', wrapStream: watchStream(onContent) },
        }),
        prompt,
        abortSignal,
        onError: ({ error }) => onError(error),
      });
      return { fullStream: result.fullStream, afterwards: afterwards(result) };
    };
  }
  const model = createCodex(settings)('gpt-5.3-codex');
  return ({ prompt, abortSignal, onContent, onError }) => {
    const result = ai5.streamText({
      model: ai5.wrapLanguageModel({ model, middleware: { wrapStream: watchStream(onContent) } }),
      prompt,
      abortSignal,
      onError: ({ error }) => onError(error),
    });
    return { fullStream: result.fullStream, afterwards: afterwards(result) };
  };
}

/** The AI SDK's `RetryError` (of either version) around the provider's last error. */
export function retriedError(error: unknown): unknown {
  return ai5.RetryError.isInstance(error) || ai6.RetryError.isInstance(error)
    ? error.lastError
    : undefined;
}
