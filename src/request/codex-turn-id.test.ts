import { describe, expect, it } from 'vitest';
import type { CodexFileData, CodexPrompt } from './codex-call-options';
import { codexTurnId } from './codex-turn-id';

const user = (text: string): CodexPrompt[number] => ({
  role: 'user',
  content: [{ type: 'text', text }],
});
const answer = (text: string): CodexPrompt[number] => ({
  role: 'assistant',
  content: [{ type: 'text', text }],
});
const image = (data: Uint8Array | string | URL): CodexPrompt[number] => ({
  role: 'user',
  content: [{ type: 'file', mediaType: 'image/png', data }],
});

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('codexTurnId', () => {
  it('is a version 8 UUID, the same for the same conversation and prompt in any process', () => {
    const id = codexTurnId('conv', [user('Hi')]);
    expect(id).toMatch(UUID_V8);
    // fixed: a process that restarts derives the ids of the turns it resumes
    expect(id).toBe(codexTurnId('conv', [user('Hi')]));
    expect(codexTurnId('conv', [user('Hi')])).toMatchInlineSnapshot(
      `"f9acf924-6298-8c99-bf8f-1a5b749db97d"`,
    );
  });

  it('stays through what follows the last user message and changes with the next one', () => {
    const turn = codexTurnId('conv', [user('one')]);
    expect(codexTurnId('conv', [user('one'), answer('step'), answer('more')])).toBe(turn);
    expect(codexTurnId('conv', [user('one'), answer('done'), user('two')])).not.toBe(turn);
  });

  it('tells apart conversations, positions and texts', () => {
    const ids = new Set([
      codexTurnId('conv', [user('same')]),
      codexTurnId('other', [user('same')]),
      codexTurnId('conv', [answer('x'), user('same')]),
      codexTurnId('conv', [user('Same')]),
      codexTurnId('conv', []),
      codexTurnId('conv', [answer('only')]),
    ]);
    expect(ids.size).toBe(5);
    // no user message: the turn is the conversation's, whatever else the prompt holds
    expect(codexTurnId('conv', [])).toBe(codexTurnId('conv', [answer('only')]));
  });

  it('tells images apart by size and URL without hashing their bytes', () => {
    const ids = [
      codexTurnId('conv', [image(new Uint8Array(10))]),
      codexTurnId('conv', [image(new Uint8Array(11))]),
      codexTurnId('conv', [image('aGVsbG8=')]),
      codexTurnId('conv', [image(new URL('https://a.example/1.png'))]),
      codexTurnId('conv', [image(new URL('https://a.example/2.png'))]),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(codexTurnId('conv', [image(new Uint8Array(10).fill(1))])).toBe(ids[0]);
  });

  it('reads V4 file data of every kind', () => {
    const file = (data: CodexFileData): CodexPrompt[number] => ({
      role: 'user',
      content: [{ type: 'file', mediaType: 'text/plain', data }],
    });
    const ids = [
      file({ type: 'data', data: new Uint8Array(3) }),
      file({ type: 'url', url: new URL('https://a.example/f') }),
      file({ type: 'text', text: 'abc' }),
      file({ type: 'reference', reference: 'r' }),
    ].map(message => codexTurnId('conv', [message]));
    expect(new Set(ids).size).toBe(4);
    expect(ids[0]).toBe(codexTurnId('conv', [file(new Uint8Array(3))]));
  });
});
