import type { CodexWarning } from '../common/codex-warning';
import type { CodexContentPart, CodexFinish } from './codex-stream-part';

/** The parts of one call's stream: content, then the AI SDK version's own `finish`. */
export type CodexStreamPart<FinishPart, Warning> =
  { type: 'stream-start'; warnings: Warning[] } | CodexContentPart | FinishPart;

/**
 * Where AI SDK versions differ on the way out: the `finish` part (usage and finish reason)
 * and the call warnings. Each version's model hands the core its shape.
 */
export type CodexOutputShape<FinishPart extends { type: 'finish' }, Warning> = {
  finishPart(finish: CodexFinish): FinishPart;
  warnings(warnings: CodexWarning[]): Warning[];
};
