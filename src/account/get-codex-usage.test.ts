import { describe, expect, it } from 'vitest';
import { codexUsageURL } from './get-codex-usage';

describe('codexUsageURL', () => {
  it('goes one level above the Codex API, whatever trailing slashes the base URL has', () => {
    expect(codexUsageURL('https://chatgpt.com/backend-api/codex')).toBe(
      'https://chatgpt.com/backend-api/wham/usage',
    );
    expect(codexUsageURL('https://chatgpt.com/backend-api/codex//')).toBe(
      'https://chatgpt.com/backend-api/wham/usage',
    );
    expect(codexUsageURL('https://proxy.example/backend-api/')).toBe(
      'https://proxy.example/backend-api/wham/usage',
    );
  });

  it('only a last path segment that is exactly `codex` is dropped', () => {
    expect(codexUsageURL('https://proxy.example/codex-gateway')).toBe(
      'https://proxy.example/codex-gateway/wham/usage',
    );
    expect(codexUsageURL('https://proxy.example/codex/api')).toBe(
      'https://proxy.example/codex/api/wham/usage',
    );
  });
});
