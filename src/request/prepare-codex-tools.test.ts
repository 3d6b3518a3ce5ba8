import { InvalidArgumentError, type LanguageModelV2CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { APPLY_PATCH_LARK_GRAMMAR } from '../tools/apply-patch';
import { prepareCodexTools } from './prepare-codex-tools';

type Tools = NonNullable<LanguageModelV2CallOptions['tools']>;
const provider = (id: `${string}.${string}`, name: string, args: Record<string, unknown> = {}) =>
  ({ type: 'provider-defined', id, name, args }) as const;
const prepare = (tools: Tools, toolChoice?: LanguageModelV2CallOptions['toolChoice']) =>
  prepareCodexTools({ tools, toolChoice }, undefined);

describe('prepareCodexTools with codex.tools', () => {
  it('sends web search with its options in the backend’s names', () => {
    const { tools, toolNames, toolWarnings } = prepare([
      provider('codex.web_search', 'search', {
        allowedDomains: ['ai-sdk.dev'],
        searchContextSize: 'high',
        userLocation: { country: 'DE', city: 'Berlin' },
        externalWebAccess: false,
      }),
    ]);
    expect(tools).toEqual([
      {
        type: 'web_search',
        external_web_access: false,
        filters: { allowed_domains: ['ai-sdk.dev'] },
        user_location: { type: 'approximate', country: 'DE', city: 'Berlin' },
        search_context_size: 'high',
      },
    ]);
    expect(toolNames.webSearch).toBe('search');
    expect(toolWarnings).toEqual([]);
  });

  it('sends a custom tool under its key, plain text by default', () => {
    const { tools, toolNames } = prepare([
      provider('codex.custom', 'write_sql', {
        description: 'SQL for the question',
        format: { type: 'grammar', syntax: 'regex', definition: 'SELECT .+' },
      }),
      provider('codex.custom', 'note'),
    ]);
    expect(tools).toEqual([
      {
        type: 'custom',
        name: 'write_sql',
        description: 'SQL for the question',
        format: { type: 'grammar', syntax: 'regex', definition: 'SELECT .+' },
      },
      { type: 'custom', name: 'note', format: { type: 'text' } },
    ]);
    expect(toolNames.customBySdkName).toEqual({ write_sql: 'write_sql', note: 'note' });
  });

  it('sends apply_patch as the official freeform tool, whatever its key', () => {
    const { tools, toolNames } = prepare([provider('codex.apply_patch', 'patch')]);
    expect(tools).toEqual([
      {
        type: 'custom',
        name: 'apply_patch',
        description: expect.stringContaining('FREEFORM'),
        format: { type: 'grammar', syntax: 'lark', definition: APPLY_PATCH_LARK_GRAMMAR },
      },
    ]);
    expect(toolNames.customByWireName).toEqual({ apply_patch: 'patch' });
    expect(APPLY_PATCH_LARK_GRAMMAR).toMatch(/^start: begin_patch hunk\+ end_patch\n/);
  });

  it('sends local shell as a bare local_shell tool', () => {
    const { tools, toolNames } = prepare([provider('codex.local_shell', 'shell')]);
    expect(tools).toEqual([{ type: 'local_shell' }]);
    expect(toolNames.localShell).toBe('shell');
  });

  it('maps toolChoice to the backend’s tool kinds', () => {
    const tools: Tools = [
      provider('codex.web_search', 'search'),
      provider('codex.apply_patch', 'patch'),
      provider('codex.local_shell', 'shell'),
      { type: 'function', name: 'fn', inputSchema: { type: 'object' } },
    ];
    const choice = (toolName: string) => prepare(tools, { type: 'tool', toolName });
    expect(choice('search').toolChoice).toEqual({ type: 'web_search' });
    expect(choice('patch').toolChoice).toEqual({ type: 'custom', name: 'apply_patch' });
    expect(choice('fn').toolChoice).toEqual({ type: 'function', name: 'fn' });
    const shell = choice('shell');
    expect(shell.toolChoice).toBe('required');
    expect(shell.toolWarnings).toEqual([expect.objectContaining({ type: 'other' })]);
  });

  it('leaves out a second tool of the same backend name with a warning', () => {
    const { tools, toolWarnings } = prepare([
      provider('codex.web_search', 'a'),
      provider('codex.web_search', 'b'),
      provider('codex.apply_patch', 'apply_patch'),
      { type: 'function', name: 'apply_patch', inputSchema: { type: 'object' } },
    ]);
    expect(tools?.map(t => t.type)).toEqual(['web_search', 'custom']);
    expect(toolWarnings).toHaveLength(2);
  });

  it('rejects invalid tool args, naming the tool', () => {
    expect(() =>
      prepare([provider('codex.web_search', 'search', { searchContextSize: 'huge' })]),
    ).toThrow(InvalidArgumentError);
    expect(() => prepare([provider('codex.custom', 'x', { syntax: 'lark' })])).toThrow(
      /codex\.custom tool 'x'/,
    );
  });

  it('takes a custom tool’s `name` (the @ai-sdk/openai 3.x signature) when it equals the key', () => {
    const { tools } = prepare([provider('codex.custom', 'run_sql', { name: 'run_sql' })]);
    expect(tools).toEqual([{ type: 'custom', name: 'run_sql', format: { type: 'text' } }]);
  });

  it('refuses a custom tool whose `name` differs from its key, naming both', () => {
    const attempt = () => prepare([provider('codex.custom', 'sql', { name: 'run_sql' })]);
    expect(attempt).toThrow(InvalidArgumentError);
    expect(attempt).toThrow(expect.objectContaining({ argument: 'tools.sql' }));
    expect(attempt).toThrow(
      "`tools.sql` has `name: 'run_sql'`, but Codex sends a custom tool under its key: rename the key to 'run_sql', or drop `name`.",
    );
  });

  it('still warns about provider tools it does not know', () => {
    const { tools, toolWarnings } = prepare([provider('openai.web_search', 'web')]);
    expect(tools).toBeUndefined();
    expect(toolWarnings).toEqual([
      expect.objectContaining({
        type: 'unsupported-tool',
        details: expect.stringContaining('openai.web_search'),
      }),
    ]);
  });
});
