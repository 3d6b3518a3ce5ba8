import { describe, expect, it } from 'vitest';
import { applyPatchToolDefinition } from './apply-patch';
import { createCodexToolsV2, createCodexToolsV3 } from './codex-tools';
import { localShellInputSchema, localShellOutputSchema } from './local-shell';
import { webSearchOutputSchema, webSearchToolDefinition } from './web-search';

// The exact tool objects `codex.tools` hands the app, per AI SDK flavor: an output schema
// only where the tool has one and `execute` only where the app gave one (no keys holding
// undefined, which the SDKs' `in` checks and spreads would see).

describe('codex.tools objects', () => {
  it('ai@5: a tool without output schema or execute has neither key', () => {
    expect(createCodexToolsV2().applyPatch()).toStrictEqual({
      type: 'provider-defined',
      name: 'apply_patch',
      id: 'codex.apply_patch',
      args: {},
      inputSchema: applyPatchToolDefinition.inputSchema,
    });
  });

  it('ai@6/7: web search carries its output schema and runs on the backend', () => {
    expect(createCodexToolsV3().webSearch({ searchContextSize: 'low' })).toStrictEqual({
      type: 'provider',
      isProviderExecuted: true,
      id: 'codex.web_search',
      args: { searchContextSize: 'low' },
      inputSchema: webSearchToolDefinition.inputSchema,
      outputSchema: webSearchOutputSchema,
    });
  });

  it('the app’s execute is kept as given, and not passed as an arg', () => {
    const execute = async () => ({ output: 'ok' });
    expect(createCodexToolsV3().localShell({ execute })).toStrictEqual({
      type: 'provider',
      isProviderExecuted: false,
      id: 'codex.local_shell',
      args: {},
      inputSchema: localShellInputSchema,
      outputSchema: localShellOutputSchema,
      execute,
    });
  });
});
