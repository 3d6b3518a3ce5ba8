import type { ImageModelV3, ImageModelV3CallOptions } from '@ai-sdk/provider-v3';
import { CodexSpecImageModel } from './codex-spec-image-model';

/** `generateImage` of AI SDK 6 (`ai@6`). */
export class CodexImageModelV3
  extends CodexSpecImageModel<ImageModelV3CallOptions>
  implements ImageModelV3
{
  readonly specificationVersion = 'v3';
}
