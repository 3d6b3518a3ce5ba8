import type { JSONSchema7, LanguageModelV2CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { getCodexArgs } from './get-codex-args';
import { UNSUPPORTED_SETTINGS } from './unsupported-settings';
import { UNSUPPORTED_SAMPLING_PARAMS } from '../../test/support/codex-emulator';

const defaults = { sessionId: 'session-1', defaultInstructions: 'Default instructions.' };

function args(
  options: Partial<LanguageModelV2CallOptions>,
  modelDefaults?: Parameters<typeof getCodexArgs>[0]['defaults']['providerOptions'],
) {
  return getCodexArgs({
    modelId: 'gpt-5.3-codex',
    options: { prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], ...options },
    defaults: { ...defaults, providerOptions: modelDefaults },
  });
}

describe('getCodexArgs', () => {
  it('builds the base body the backend requires', async () => {
    const { body, warnings } = await args({});
    expect(warnings).toEqual([]);
    expect(body).toMatchInlineSnapshot(`
      {
        "client_metadata": {
          "root_turn_id": "16ca5fd0-2620-81a1-be2a-8badd99b8ea2",
          "session_id": "session-1",
          "thread_id": "session-1",
          "turn_id": "16ca5fd0-2620-81a1-be2a-8badd99b8ea2",
          "x-codex-window-id": "session-1:0",
        },
        "include": [
          "reasoning.encrypted_content",
        ],
        "input": [
          {
            "content": [
              {
                "text": "Hi",
                "type": "input_text",
              },
            ],
            "role": "user",
            "type": "message",
          },
        ],
        "instructions": "Default instructions.",
        "model": "gpt-5.3-codex",
        "parallel_tool_calls": true,
        "prompt_cache_key": "session-1",
        "reasoning": {
          "summary": "auto",
        },
        "store": false,
        "stream": true,
      }
    `);
  });

  it('joins system messages into instructions with a blank line', async () => {
    const { body } = await args({
      prompt: [
        { role: 'system', content: 'You are terse.' },
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
    });
    expect(body.instructions).toBe('You are terse.\n\nAnswer in French.');
    expect(body.input).toHaveLength(1);
  });

  it('falls back to the default instructions when system messages are blank', async () => {
    const { body } = await args({
      prompt: [
        { role: 'system', content: '  ' },
        { role: 'user', content: [{ type: 'text', text: 'x' }] },
      ],
    });
    expect(body.instructions).toBe('Default instructions.');
  });

  it('lets providerOptions.codex.instructions override and keeps system text as a developer message', async () => {
    const { body } = await args({
      prompt: [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      providerOptions: { codex: { instructions: 'Override.' } },
    });
    expect(body.instructions).toBe('Override.');
    expect(body.input[0]).toEqual({
      type: 'message',
      role: 'developer',
      content: [{ type: 'input_text', text: 'Be kind.' }],
    });
  });

  it('treats an empty instructions override as unset: default instructions, or the system text', async () => {
    const bare = await args({ providerOptions: { codex: { instructions: '' } } });
    expect(bare.body.instructions).toBe('Default instructions.');
    const withSystem = await args({
      prompt: [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      providerOptions: { codex: { instructions: ' \n' } },
    });
    expect(withSystem.body.instructions).toBe('Be kind.');
    expect(withSystem.body.input.map(i => i.type === 'message' && i.role)).toEqual(['user']);
  });

  it('keeps the override as the only instructions when there is no system message', async () => {
    const { body } = await args({ providerOptions: { codex: { instructions: 'Override.' } } });
    expect(body.instructions).toBe('Override.');
    expect(body.input).toHaveLength(1);
  });

  it('never sends unsupported sampling settings and warns for each', async () => {
    const settings = {
      maxOutputTokens: 100,
      temperature: 0.2,
      topP: 0.9,
      topK: 3,
      presencePenalty: 0.1,
      frequencyPenalty: 0.1,
      seed: 7,
      stopSequences: ['END'],
    };
    const { body, warnings } = await args(settings);
    // one warning per setting, in this order
    expect(warnings.map(w => (w.type === 'unsupported-setting' ? w.setting : w.type))).toEqual(
      Object.keys(settings),
    );
    expect(Object.keys(settings)).toEqual(UNSUPPORTED_SETTINGS);
    for (const field of UNSUPPORTED_SAMPLING_PARAMS) {
      expect(body).not.toHaveProperty(field);
    }
  });

  it('does not warn about an empty stopSequences list or unset settings', async () => {
    const { warnings } = await args({ stopSequences: [], temperature: undefined });
    expect(warnings).toEqual([]);
  });

  it('explains why an unsupported setting was dropped', async () => {
    const { warnings } = await args({ seed: 0 });
    expect(warnings).toEqual([
      {
        type: 'unsupported-setting',
        setting: 'seed',
        details: 'Codex rejects this setting; it was not sent.',
      },
    ]);
  });

  it('maps provider options', async () => {
    const { body } = await args({
      providerOptions: {
        codex: {
          reasoningEffort: 'high',
          reasoningSummary: 'detailed',
          textVerbosity: 'low',
          parallelToolCalls: false,
          promptCacheKey: 'conv-42',
          serviceTier: 'priority',
          include: ['reasoning.encrypted_content', 'message.output_text.logprobs'],
        },
      },
    });
    expect(body.reasoning).toEqual({ effort: 'high', summary: 'detailed' });
    expect(body.text).toEqual({ verbosity: 'low' });
    expect(body.parallel_tool_calls).toBe(false);
    expect(body.prompt_cache_key).toBe('conv-42');
    expect(body.service_tier).toBe('priority');
    expect(body.include).toEqual(['reasoning.encrypted_content', 'message.output_text.logprobs']);
  });

  it('uses model-level defaults that call options override', async () => {
    const { body } = await args(
      { providerOptions: { codex: { reasoningSummary: 'none' } } },
      { reasoningEffort: 'low', reasoningSummary: 'concise' },
    );
    expect(body.reasoning).toEqual({ effort: 'low', summary: 'none' });
  });

  it('rejects invalid provider options with a clear error', async () => {
    await expect(
      args({ providerOptions: { codex: { reasoningSummary: 'extreme' } } }),
    ).rejects.toMatchObject({
      name: 'AI_InvalidArgumentError',
      argument: 'providerOptions.codex',
      message: expect.stringMatching(/^Invalid providerOptions\.codex: .*→ at reasoningSummary$/),
    });
  });

  it('lists every invalid provider option on one readable line', async () => {
    const error = await args({
      providerOptions: { codex: { reasoningEffort: '', parallelToolCalls: 'yes' } },
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).not.toContain('\n');
    // each problem starts after a space, not glued to the previous field name
    expect(error?.message).toMatch(/→ at reasoningEffort ✖ .*→ at parallelToolCalls$/);
  });

  it.each([
    ['reasoningSummary', ['auto', 'concise', 'detailed', 'none'], 'reasoning.summary'],
    ['textVerbosity', ['low', 'medium', 'high'], 'text.verbosity'],
    ['serviceTier', ['default', 'priority'], 'service_tier'],
  ] as const)('sends every documented %s value as %s', async (option, values, field) => {
    for (const value of values) {
      const { body } = await args({ providerOptions: { codex: { [option]: value } } });
      const [head, tail] = field.split('.') as [keyof typeof body, string | undefined];
      expect(tail == null ? body[head] : (body[head] as Record<string, unknown>)[tail]).toBe(value);
    }
  });

  it('fits reasoningEffort to what the catalog says of the model, else to the built-in table', async () => {
    const withEffort = (
      effort: string,
      knownModel?: Parameters<typeof getCodexArgs>[0]['knownModel'],
    ) =>
      getCodexArgs({
        modelId: 'gpt-5',
        knownModel,
        options: {
          prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
          providerOptions: { codex: { reasoningEffort: effort } },
        },
        defaults,
      });
    // the table has no xhigh for gpt-5
    expect((await withEffort('xhigh')).body.reasoning).toEqual({ effort: 'high', summary: 'auto' });
    const catalog = {
      reasoningEfforts: ['minimal', 'low', 'medium', 'high', 'xhigh', 'max'],
      effortsFrom: 'catalog' as const,
    };
    for (const effort of ['xhigh', 'max']) {
      const { body, warnings } = await withEffort(effort, catalog);
      expect(body.reasoning).toEqual({ effort, summary: 'auto' });
      expect(warnings).toEqual([]);
    }
    // one the catalog lacks and that cannot be ordered: the model's default, with a warning
    const turbo = await withEffort('turbo', catalog);
    expect(turbo.body.reasoning).toEqual({ summary: 'auto' });
    expect(turbo.warnings).toEqual([
      { type: 'other', message: expect.stringContaining("reasoningEffort 'turbo'") },
    ]);
  });

  it('rejects a reasoningEffort that is no effort at all, naming it', async () => {
    await expect(args({ providerOptions: { codex: { reasoningEffort: 3 } } })).rejects.toThrow(
      /must be a reasoning effort such as low, medium or high\s+→ at reasoningEffort/,
    );
  });

  it("sends serviceTier 'fast' as priority, and no other tier than priority and default", async () => {
    const fast = await args({ providerOptions: { codex: { serviceTier: 'fast' } } });
    expect(fast.body.service_tier).toBe('priority');
    expect(fast.warnings).toEqual([]);
    for (const tier of ['auto', 'flex', 'scale']) {
      const { body, warnings } = await args({ providerOptions: { codex: { serviceTier: tier } } });
      expect(body).not.toHaveProperty('service_tier');
      expect(warnings).toEqual([
        {
          type: 'other',
          message: `serviceTier '${tier}' was not sent: Codex takes only 'priority' (or 'fast') and 'default'.`,
        },
      ]);
    }
  });

  it('rejects a serviceTier that is no string, naming it', async () => {
    await expect(args({ providerOptions: { codex: { serviceTier: 1 } } })).rejects.toThrow(
      /must be 'priority' \(or 'fast'\) or 'default'\s+→ at serviceTier/,
    );
  });

  it('sends system messages as one developer message, blank-line separated, under an override', async () => {
    const { body } = await args({
      prompt: [
        { role: 'system', content: 'Be kind.' },
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      providerOptions: { codex: { instructions: 'Override.' } },
    });
    expect(body.input[0]).toEqual({
      type: 'message',
      role: 'developer',
      content: [{ type: 'input_text', text: 'Be kind.\n\nBe brief.' }],
    });
  });

  describe('tools', () => {
    const strictSchema: JSONSchema7 = {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    };
    const looseSchema: JSONSchema7 = {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    };

    it('sends flat function tools, strict only where the schema qualifies', async () => {
      const { body, warnings } = await args({
        tools: [
          { type: 'function', name: 'a', description: 'A tool', inputSchema: strictSchema },
          { type: 'function', name: 'b', inputSchema: looseSchema },
          { type: 'provider-defined', id: 'openai.web_search', name: 'web', args: {} },
        ],
        toolChoice: { type: 'auto' },
      });
      expect(body.tools).toEqual([
        {
          type: 'function',
          name: 'a',
          description: 'A tool',
          parameters: strictSchema,
          strict: true,
        },
        { type: 'function', name: 'b', parameters: looseSchema, strict: false },
      ]);
      // no `description: undefined` key for a tool without one
      expect(Object.keys(body.tools![1]!)).toEqual(['type', 'name', 'parameters', 'strict']);
      expect(body.tool_choice).toBe('auto');
      expect(warnings).toEqual([
        {
          type: 'unsupported-tool',
          toolName: 'web',
          details:
            "Codex does not know the provider tool 'openai.web_search'; it was not sent. Use function tools or codex.tools.",
        },
      ]);
    });

    it.each(['anyOf', 'oneOf', 'allOf'])(
      'does not send strict for a tool whose %s holds an object with optional fields',
      async key => {
        const inputSchema: JSONSchema7 = {
          type: 'object',
          properties: { target: { [key]: [{ type: 'string' }, looseSchema] } },
          required: ['target'],
          additionalProperties: false,
        };
        const { body } = await args({ tools: [{ type: 'function', name: 'u', inputSchema }] });
        expect(body.tools?.[0]).toMatchObject({ strict: false });
      },
    );

    it('does not send strict for a tool whose schema is a bare object', async () => {
      const { body } = await args({
        tools: [{ type: 'function', name: 'now', inputSchema: { type: 'object' } }],
      });
      expect(body.tools?.[0]).toEqual({
        type: 'function',
        name: 'now',
        parameters: { type: 'object' },
        strict: false,
      });
    });

    it('forces strict on or off with strictJsonSchema', async () => {
      const on = await args({
        tools: [{ type: 'function', name: 'b', inputSchema: looseSchema }],
        providerOptions: { codex: { strictJsonSchema: true } },
      });
      expect(on.body.tools?.[0]).toMatchObject({ strict: true });
      const off = await args({
        tools: [{ type: 'function', name: 'a', inputSchema: strictSchema }],
        providerOptions: { codex: { strictJsonSchema: false } },
      });
      expect(off.body.tools?.[0]).toMatchObject({ strict: false });
    });

    it.each([
      [{ type: 'none' as const }, 'none'],
      [{ type: 'required' as const }, 'required'],
      [
        { type: 'tool' as const, toolName: 'a' },
        { type: 'function', name: 'a' },
      ],
    ])('maps toolChoice %j', async (toolChoice, expected) => {
      const { body } = await args({
        tools: [{ type: 'function', name: 'a', inputSchema: strictSchema }],
        toolChoice,
      });
      expect(body.tool_choice).toEqual(expected);
    });

    it('omits tools and tool_choice when there are no function tools', async () => {
      const { body } = await args({ toolChoice: { type: 'required' } });
      expect(body).not.toHaveProperty('tools');
      expect(body).not.toHaveProperty('tool_choice');
    });
  });

  describe('responseFormat', () => {
    it('maps a JSON schema to text.format json_schema with a default name', async () => {
      const schema: JSONSchema7 = {
        type: 'object',
        properties: { a: { type: 'string' } },
        required: ['a'],
        additionalProperties: false,
      };
      const { body } = await args({
        responseFormat: { type: 'json', schema },
        providerOptions: { codex: { textVerbosity: 'medium' } },
      });
      expect(body.text).toStrictEqual({
        verbosity: 'medium',
        format: { type: 'json_schema', name: 'response', schema, strict: true },
      });
    });

    it('keeps name and description, and is not strict for optional fields', async () => {
      const schema: JSONSchema7 = {
        type: 'object',
        properties: { a: { type: 'string' } },
        additionalProperties: false,
      };
      const { body } = await args({
        responseFormat: { type: 'json', schema, name: 'thing', description: 'A thing' },
      });
      expect(body.text?.format).toEqual({
        type: 'json_schema',
        name: 'thing',
        description: 'A thing',
        schema,
        strict: false,
      });
    });

    it('maps JSON without a schema to json_object', async () => {
      const { body } = await args({ responseFormat: { type: 'json' } });
      expect(body.text).toStrictEqual({ format: { type: 'json_object' } });
      const verbosityOnly = await args({ providerOptions: { codex: { textVerbosity: 'low' } } });
      expect(verbosityOnly.body.text).toStrictEqual({ verbosity: 'low' });
    });
  });
});

describe('getCodexArgs routing', () => {
  const toolTurn = (texts: string[]) => ({
    prompt: [
      { role: 'system' as const, content: 'Be brief.' },
      ...texts.map(text => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] })),
    ],
  });

  it('names the conversation, its window and the model in headers and client_metadata, and announces remote compaction', async () => {
    const { body, headers, turn } = await args({
      providerOptions: { codex: { promptCacheKey: 'conv-7', serviceTier: 'priority' } },
    });
    expect(headers).toEqual({
      session_id: 'conv-7',
      'session-id': 'conv-7',
      'thread-id': 'conv-7',
      'x-client-request-id': 'conv-7',
      'x-codex-window-id': 'conv-7:0',
      'x-codex-routing-hint': 'model=gpt-5.3-codex;tier=priority',
      'x-codex-beta-features': 'remote_compaction_v2',
    });
    expect(body.client_metadata).toEqual({
      session_id: 'conv-7',
      thread_id: 'conv-7',
      turn_id: turn.turnId,
      root_turn_id: turn.turnId,
      'x-codex-window-id': 'conv-7:0',
    });
    expect(turn).toEqual({ conversationId: 'conv-7', turnId: expect.any(String) });
  });

  it('says the tier only for priority, and the conversation is the session without a key', async () => {
    const { headers } = await args({ providerOptions: { codex: { serviceTier: 'flex' } } });
    expect(headers['x-codex-routing-hint']).toBe('model=gpt-5.3-codex');
    expect(headers['thread-id']).toBe('session-1');
  });

  it('keeps one turn id through a tool loop and starts a new one with the next user message', async () => {
    const first = await args(toolTurn(['Run it.']));
    const followUp = await args({
      prompt: [
        ...toolTurn(['Run it.']).prompt,
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'run', input: {} }],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'c1',
              toolName: 'run',
              output: { type: 'text', value: 'ok' },
            },
          ],
        },
      ],
    });
    const next = await args(toolTurn(['Run it.', 'Again.']));
    expect(followUp.turn.turnId).toBe(first.turn.turnId);
    expect(followUp.body.client_metadata!.turn_id).toBe(first.turn.turnId);
    expect(next.turn.turnId).not.toBe(first.turn.turnId);
  });

  it('counts the compactions the prompt holds in the window id', async () => {
    const compaction = (n: number) => ({
      type: 'reasoning' as const,
      text: '',
      providerOptions: { codex: { compaction: { itemId: `cmp_${n}`, encryptedContent: 'e' } } },
    });
    const { headers, body } = await args({
      prompt: [
        { role: 'user', content: [{ type: 'text', text: 'one' }] },
        { role: 'assistant', content: [compaction(1), { type: 'text', text: 'ok' }] },
        { role: 'user', content: [{ type: 'text', text: 'two' }] },
        { role: 'assistant', content: [compaction(2), { type: 'text', text: 'ok' }] },
        { role: 'user', content: [{ type: 'text', text: 'three' }] },
      ],
    });
    expect(headers['x-codex-window-id']).toBe('session-1:2');
    expect(body.client_metadata!['x-codex-window-id']).toBe('session-1:2');
  });

  it('sends parallel_tool_calls true unless the caller turns it off', async () => {
    expect((await args({})).body.parallel_tool_calls).toBe(true);
    const off = await args({ providerOptions: { codex: { parallelToolCalls: false } } });
    expect(off.body.parallel_tool_calls).toBe(false);
  });
});
