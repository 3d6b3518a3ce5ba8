import type { CodexModelSettings } from '../model/codex-language-model';
import type { CodexModelId } from '../request/codex-provider-options';

/**
 * The provider as the AI SDK calls it: a function (`codex('gpt-5.5')`) that carries the
 * rest of the provider (`rest`) and `sessionId`, which is read on demand so that making
 * a provider draws nothing random.
 */
export function callableProvider<M, Rest extends object>(
  languageModel: (modelId: CodexModelId, settings?: CodexModelSettings) => M,
  rest: Rest,
  sessionId: () => string,
): ((modelId: CodexModelId, settings?: CodexModelSettings) => M) &
  Rest & { readonly sessionId: string } {
  const provider = Object.assign(function (
    modelId: CodexModelId,
    settings?: CodexModelSettings,
  ): M {
    if (new.target) {
      throw new Error('The Codex model factory cannot be called with the new keyword.');
    }
    return languageModel(modelId, settings);
  }, rest);
  defineSessionId(provider, sessionId);
  return provider;
}

function defineSessionId<T extends object>(
  provider: T,
  sessionId: () => string,
): asserts provider is T & { readonly sessionId: string } {
  Object.defineProperty(provider, 'sessionId', { get: sessionId, enumerable: true });
}
