/**
 * What every spec wrapper, language or image, shows of the core it wraps: its id and
 * provider. The core is built once per model; the wrapper only changes its face.
 */
export abstract class CodexModelWrapper<
  CORE extends { readonly modelId: string; readonly provider: string },
> {
  readonly modelId: CORE['modelId'];
  readonly provider: string;

  protected constructor(protected readonly core: CORE) {
    this.modelId = core.modelId;
    this.provider = core.provider;
  }
}
