import { describe, expect, it } from 'vitest';
import { RESPONSES_WEBSOCKETS_BETA, createUpgradeHeaders, toWebSocketUrl } from './upgrade-request';

describe('toWebSocketUrl', () => {
  it('turns https into wss and http (a loopback emulator) into ws', () => {
    expect(toWebSocketUrl('https://chatgpt.com/backend-api/codex/responses')).toBe(
      'wss://chatgpt.com/backend-api/codex/responses',
    );
    expect(toWebSocketUrl('HTTP://127.0.0.1:8080/responses')).toBe('ws://127.0.0.1:8080/responses');
  });

  it('changes only the scheme, never an http URL inside the path or query', () => {
    expect(toWebSocketUrl('wss://gateway.example/responses?upstream=https://chatgpt.com')).toBe(
      'wss://gateway.example/responses?upstream=https://chatgpt.com',
    );
  });
});

describe('createUpgradeHeaders', () => {
  it('keeps the request headers but the body ones, and adds the WebSocket beta', () => {
    const headers = createUpgradeHeaders({
      Authorization: 'Bearer tok',
      'ChatGPT-Account-Id': 'acc',
      originator: 'codex_cli_rs',
      'session-id': 's1',
      Accept: 'text/event-stream',
      'Content-Type': 'application/json',
      'Content-Length': '42',
    });
    expect(headers).toStrictEqual({
      authorization: 'Bearer tok',
      'chatgpt-account-id': 'acc',
      originator: 'codex_cli_rs',
      'session-id': 's1',
      'openai-beta': RESPONSES_WEBSOCKETS_BETA,
    });
  });
});
