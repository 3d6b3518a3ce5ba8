import type { ImageModelV4, ImageModelV4CallOptions } from '@ai-sdk/provider-latest';
import { CodexSpecImageModel } from './codex-spec-image-model';

/** `generateImage` of AI SDK 7 (`ai@7`). */
export class CodexImageModelV4
  extends CodexSpecImageModel<ImageModelV4CallOptions>
  implements ImageModelV4
{
  readonly specificationVersion = 'v4';
  readonly supportsFileInputs = true;
  // the backend's edit endpoint takes no mask
  readonly supportsMaskInputs = false;
}
