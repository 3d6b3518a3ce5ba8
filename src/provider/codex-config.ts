import type { CodexImageConfig } from '../image/codex-image-config';
import type { CodexModelConfig } from '../model/codex-model-config';

/** What the provider factory hands every model: each model declares the part it reads. */
export type CodexConfig = CodexModelConfig & CodexImageConfig;
