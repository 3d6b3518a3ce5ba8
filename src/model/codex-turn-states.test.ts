import { describe, expect, it } from 'vitest';
import { CodexTurnStates } from './codex-turn-states';

const turn = (conversationId: string, turnId: string) => ({ conversationId, turnId });
const state = (value: string) => ({ 'x-codex-turn-state': value });

describe('CodexTurnStates', () => {
  it("gives a turn's later requests the first value one of its responses set", () => {
    const states = new CodexTurnStates();
    expect(states.get(turn('c', 't1'))).toBeUndefined();
    states.record(turn('c', 't1'), {});
    expect(states.get(turn('c', 't1'))).toBeUndefined();
    states.record(turn('c', 't1'), state('a'));
    states.record(turn('c', 't1'), state('b'));
    states.record(turn('c', 't1'), state(''));
    expect(states.get(turn('c', 't1'))).toBe('a');
  });

  it('never on another turn or another conversation', () => {
    const states = new CodexTurnStates();
    states.record(turn('c', 't1'), state('a'));
    states.record(turn('d', 't1'), state('d'));
    expect(states.get(turn('c', 't2'))).toBeUndefined();
    expect(states.get(turn('e', 't1'))).toBeUndefined();
    expect(states.get(turn('d', 't1'))).toBe('d');
    states.record(turn('c', 't2'), state('b'));
    expect(states.get(turn('c', 't2'))).toBe('b');
    // the old turn is over: its requests go without rather than with the new turn's value
    expect(states.get(turn('c', 't1'))).toBeUndefined();
  });

  it("does not take an earlier turn's value for a later turn (a reused socket repeats it)", () => {
    const states = new CodexTurnStates();
    states.record(turn('c', 't1'), state('a'));
    states.record(turn('c', 't2'), state('a'));
    expect(states.get(turn('c', 't2'))).toBeUndefined();
    states.record(turn('c', 't3'), state('a'));
    expect(states.get(turn('c', 't3'))).toBeUndefined();
    states.record(turn('c', 't3'), state('c'));
    expect(states.get(turn('c', 't3'))).toBe('c');
    // only the last few are remembered
    for (const [t, v] of [
      ['t4', 'd'],
      ['t5', 'e'],
      ['t6', 'f'],
      ['t7', 'g'],
      ['t8', 'h'],
    ]) {
      states.record(turn('c', t!), state(v!));
    }
    states.record(turn('c', 't9'), state('d'));
    expect(states.get(turn('c', 't9'))).toBe('d');
    states.record(turn('c', 't10'), state('h'));
    expect(states.get(turn('c', 't10'))).toBeUndefined();
  });

  it('forgets the least recently used conversation past 1000', () => {
    const states = new CodexTurnStates();
    for (let i = 0; i <= 1000; i++) states.record(turn(`c${i}`, 't'), state(`v${i}`));
    expect(states.get(turn('c0', 't'))).toBeUndefined();
    expect(states.get(turn('c1', 't'))).toBe('v1');
    // using one moves it to the back of the line
    states.record(turn('c1', 't'), {});
    states.record(turn('c1001', 't'), state('v1001'));
    expect(states.get(turn('c1', 't'))).toBe('v1');
    expect(states.get(turn('c2', 't'))).toBeUndefined();
  });
});
