import type { CodexConfig } from '../provider/codex-config';
import { CodexLanguageModel, type CodexModelSettings } from '../model/codex-language-model';
import type { CodexModelId } from '../request/codex-provider-options';
import type { CodexOutputShape } from '../stream/codex-output-shape';
import { CodexModelWrapper } from './codex-model-wrapper';
import { toCodexCallOptions, type SpecCallOptions } from './to-codex-call-options';

/**
 * The V3/V4 face of the one core: call options are translated in, and the spec's output
 * shape gives its usage, finish reasons and warnings out. Everything between — request
 * mapping, auth, retries, the stream — is the same code as for V2.
 */
export abstract class CodexSpecLanguageModel<
  CallOptions extends SpecCallOptions,
  StreamResult,
  GenerateResult,
> extends CodexModelWrapper<CodexLanguageModel> {
  readonly supportedUrls: Record<string, RegExp[]>;

  constructor(
    modelId: CodexModelId,
    settings: CodexModelSettings,
    config: CodexConfig,
    private readonly shape: CodexOutputShape<
      { type: 'finish'; finishReason: unknown; usage: unknown },
      unknown
    >,
  ) {
    super(new CodexLanguageModel(modelId, settings, config));
    this.supportedUrls = this.core.supportedUrls;
  }

  async doStream(options: CallOptions): Promise<StreamResult> {
    const converted = toCodexCallOptions(options);
    return asSpecResult(await this.core.stream(converted.options, this.shape, converted.warnings));
  }

  async doGenerate(options: CallOptions): Promise<GenerateResult> {
    const converted = toCodexCallOptions(options);
    return asSpecResult(
      await this.core.generate(converted.options, this.shape, converted.warnings),
    );
  }
}

/**
 * The spec boundary. The core's content parts are declared with V2's types; V3 and V4
 * declare the same fields under their own names (with stricter metadata typing), and the
 * shape built the finish part and warnings in the spec's own form. The packed-tarball
 * consumer type-checks (strict `ai@6` and `ai@7` projects) guard what this cast asserts.
 */
function asSpecResult<T>(result: object): T {
  return result as T;
}
