import type { CodexModelInfo } from '../account/fetch-codex-models';
import { knownModel, type KnownModel } from '../request/codex-model-capabilities';

export type CodexModelCatalog = {
  /** `listModels()`: the catalog, fetched once and kept until `refresh`. */
  list: (options?: {
    refresh?: boolean | undefined;
    abortSignal?: AbortSignal | undefined;
  }) => Promise<CodexModelInfo[]>;
  /**
   * What is known of a model now, with no request: the loaded catalog's entry, else the
   * built-in table. Calls read it, so a catalog loaded once serves every later call.
   */
  knownModel: (modelId: string) => KnownModel | undefined;
};

/**
 * The provider's model catalog. Calls never fetch it themselves: that would add a request
 * (with the account's credentials, to a catalog filtered by client version) to calls that
 * did not ask for one, or hold the first call up. An app that wants calls to follow the
 * live catalog calls `listModels()` once; until then the built-in table stands in.
 */
export function createCodexModelCatalog(
  fetchModels: (abortSignal: AbortSignal | undefined) => Promise<CodexModelInfo[]>,
): CodexModelCatalog {
  let pending: Promise<CodexModelInfo[]> | undefined;
  let loaded: ReadonlyMap<string, CodexModelInfo> | undefined;
  return {
    list: ({ refresh = false, abortSignal } = {}) => {
      if (refresh || pending == null) {
        const request = fetchModels(abortSignal);
        request.then(
          models => {
            // a later refresh that already answered wins over an earlier one
            if (pending === request) loaded = new Map(models.map(model => [model.id, model]));
          },
          // a failure is not cached: the next call asks again (the last catalog stays known)
          () => {
            if (pending === request) pending = undefined;
          },
        );
        pending = request;
      }
      return pending;
    },
    knownModel: modelId => knownModel(modelId, loaded?.get(modelId)),
  };
}
