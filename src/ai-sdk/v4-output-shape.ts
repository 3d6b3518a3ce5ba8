import type { LanguageModelV4StreamPart, SharedV4Warning } from '@ai-sdk/provider-latest';
import type { CodexOutputShape } from '../stream/codex-output-shape';
import { toV3FinishPart, toV3Warning } from './v3-output-shape';

type V4FinishPart = Extract<LanguageModelV4StreamPart, { type: 'finish' }>;

/**
 * V4 (`ai@7`) agrees with V3 on everything a shape covers (it only adds finish reasons and
 * warning kinds that Codex never produces), so V3's functions serve, checked here against
 * V4's own declarations.
 */
export const v4OutputShape: CodexOutputShape<V4FinishPart, SharedV4Warning> = {
  finishPart: toV3FinishPart,
  warnings: warnings => warnings.map(toV3Warning),
};
