import { generateObject, generateText, jsonSchema, stepCountIs, tool, type ModelMessage } from 'ai';
// the package's public entry only: its internal paths are not a contract
import { createCodex } from '../../src/index';
import { FAKE_ACCOUNT_ID } from './codex-home';
import { BASE_INSTRUCTIONS_STAND_IN, PARITY_MODEL } from './model-catalog';
import { CODEX_PATH } from './recorder-server';
import type { Scenario, Transport } from './parity-scenarios';

export type OurRun = { ok: boolean; detail: string };

/**
 * Runs one scenario through this package against the recorder's plain-http origin, as an app
 * would: the catalog's base instructions as the system prompt, the same user messages, a
 * shell tool shaped like the CLI's `exec_command` where the scenario has a tool call.
 */
export async function runOurPackage({
  origin,
  accessToken,
  scenario,
  transport,
}: {
  origin: string;
  accessToken: string;
  scenario: Scenario;
  transport: Transport;
}): Promise<OurRun> {
  const codex = createCodex({
    baseURL: `${origin}${CODEX_PATH}`,
    auth: { accessToken, accountId: FAKE_ACCOUNT_ID },
    transport,
    maxRetries: 0,
    ...(scenario.ours.compactAtInputTokens != null && {
      compaction: { atInputTokens: scenario.ours.compactAtInputTokens },
    }),
  });
  const model = codex(PARITY_MODEL);
  const providerOptions = { codex: (scenario.ours.providerOptions ?? {}) as Record<string, never> };
  const tools = scenario.ours.tool
    ? {
        exec_command: tool({
          description: 'Runs a command in a shell and returns its output.',
          inputSchema: jsonSchema<{ cmd: string }>({
            type: 'object',
            properties: { cmd: { type: 'string' } },
            required: ['cmd'],
            additionalProperties: false,
          }),
          // the recorder asks for `echo parity`; nothing is run
          execute: async () => 'parity\n',
        }),
      }
    : undefined;
  const messages: ModelMessage[] = [];
  try {
    for (const prompt of scenario.prompts) {
      messages.push({ role: 'user', content: prompt });
      if (scenario.ours.outputSchema != null) {
        const { object } = await generateObject({
          model,
          system: BASE_INSTRUCTIONS_STAND_IN,
          messages,
          schema: jsonSchema(scenario.ours.outputSchema as never),
          providerOptions,
          maxRetries: 0,
        });
        messages.push({ role: 'assistant', content: JSON.stringify(object) });
        continue;
      }
      const result = await generateText({
        model,
        system: BASE_INSTRUCTIONS_STAND_IN,
        messages,
        tools,
        stopWhen: stepCountIs(4),
        providerOptions,
        maxRetries: 0,
      });
      messages.push(...result.response.messages);
    }
    return { ok: true, detail: `${scenario.prompts.length} turn(s) completed` };
  } catch (error) {
    return { ok: false, detail: String((error as Error)?.message ?? error).slice(0, 500) };
  }
}
