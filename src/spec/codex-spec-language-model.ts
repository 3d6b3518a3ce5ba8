import type { LanguageModelV2CallOptions } from '@ai-sdk/provider';
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV4,
  LanguageModelV4CallOptions,
} from '@ai-sdk/provider-latest';
import type { CodexConfig } from '../codex-config';
import { CodexLanguageModel, type CodexModelSettings } from '../codex-language-model';
import type { CodexModelId } from '../request/codex-provider-options';
import { toV2CallOptions } from './to-codex-call-options';
import { v3OutputShape } from './v3-output-shape';

/**
 * The V3/V4 face of the one Codex core: call options are translated in, and the core's
 * output shape gives V3/V4 usage, finish reasons and warnings out. Everything between —
 * request mapping, auth, retries, the SSE stream — is the same code as for V2.
 */
abstract class CodexNextLanguageModel {
  readonly modelId: CodexModelId;
  private readonly core: CodexLanguageModel;

  constructor(modelId: CodexModelId, settings: CodexModelSettings, config: CodexConfig) {
    this.modelId = modelId;
    this.core = new CodexLanguageModel(modelId, settings, config, v3OutputShape);
  }

  get provider(): string {
    return this.core.provider;
  }

  get supportedUrls(): Record<string, RegExp[]> {
    return this.core.supportedUrls;
  }

  protected async streamNext(options: LanguageModelV3CallOptions | LanguageModelV4CallOptions) {
    const converted = toV2CallOptions(options);
    return this.core.stream(converted.options as LanguageModelV2CallOptions, converted.warnings);
  }

  protected async generateNext(options: LanguageModelV3CallOptions | LanguageModelV4CallOptions) {
    const converted = toV2CallOptions(options);
    return this.core.generate(converted.options as LanguageModelV2CallOptions, converted.warnings);
  }
}

/** AI SDK 6 (`ai@6`). */
export class CodexLanguageModelV3 extends CodexNextLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';

  async doStream(options: LanguageModelV3CallOptions) {
    return (await this.streamNext(options)) as unknown as Awaited<
      ReturnType<LanguageModelV3['doStream']>
    >;
  }

  async doGenerate(options: LanguageModelV3CallOptions) {
    return (await this.generateNext(options)) as unknown as Awaited<
      ReturnType<LanguageModelV3['doGenerate']>
    >;
  }
}

/** AI SDK 7 (`ai@7`). */
export class CodexLanguageModelV4 extends CodexNextLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';

  async doStream(options: LanguageModelV4CallOptions) {
    return (await this.streamNext(options)) as unknown as Awaited<
      ReturnType<LanguageModelV4['doStream']>
    >;
  }

  async doGenerate(options: LanguageModelV4CallOptions) {
    return (await this.generateNext(options)) as unknown as Awaited<
      ReturnType<LanguageModelV4['doGenerate']>
    >;
  }
}
