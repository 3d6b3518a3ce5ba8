import { describe, expect, it } from 'vitest';
import { itemDone, responseCompleted } from '../../test/support/codex-events';
import { corePartsOf, LOCAL_SHELL_DECLARED } from '../../test/support/part-stream';
import { localShellInputOf, localShellInputSchema } from './local-shell';

// The input a `local_shell` tool's `execute` gets for the backend's exec action: camelCased
// as `@ai-sdk/openai` has it, with the fields the backend left out (or sent as null) absent,
// so that the AI SDK's check against the tool's input schema passes.

async function inputOf(action: Record<string, unknown>) {
  const parts = (await corePartsOf(
    [
      itemDone(0, { id: 'lsh_1', type: 'local_shell_call', call_id: 'call_sh', action }),
      responseCompleted(),
    ],
    LOCAL_SHELL_DECLARED,
  )) as Array<{ type: string; input?: string }>;
  const calls = parts.filter(p => p.type === 'tool-call');
  expect(calls).toHaveLength(1);
  const input = JSON.parse(calls[0]!.input!);
  expect(localShellInputSchema.safeParse(input).success).toBe(true);
  return input;
}

describe('local shell input', () => {
  it('passes every field of the exec action, the user included', async () => {
    expect(
      await inputOf({
        type: 'exec',
        command: ['ls', '-a'],
        timeout_ms: 10_000,
        working_directory: '/tmp',
        env: { LC_ALL: 'C' },
        user: 'builder',
      }),
    ).toStrictEqual({
      action: {
        type: 'exec',
        command: ['ls', '-a'],
        timeoutMs: 10_000,
        workingDirectory: '/tmp',
        env: { LC_ALL: 'C' },
        user: 'builder',
      },
    });
  });

  it('leaves out the fields the backend sends as null', async () => {
    expect(
      await inputOf({
        type: 'exec',
        command: ['pwd'],
        timeout_ms: null,
        working_directory: null,
        env: null,
        user: null,
      }),
    ).toStrictEqual({ action: { type: 'exec', command: ['pwd'] } });
  });

  it('has no keys for the fields the backend leaves out', () => {
    // (the replay of a stored turn hands this object on as is, without a JSON round trip)
    expect(localShellInputOf({ type: 'exec', command: ['pwd'] })).toStrictEqual({
      action: { type: 'exec', command: ['pwd'] },
    });
  });
});
