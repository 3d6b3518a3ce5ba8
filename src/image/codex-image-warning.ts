/** A warning of an image call, as the image core finds it; each AI SDK version spells it. */
export type CodexImageWarning =
  | { type: 'unsupported-setting'; setting: 'aspectRatio' | 'seed'; details?: string }
  | { type: 'other'; message: string };
