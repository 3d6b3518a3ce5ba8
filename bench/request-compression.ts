/**
 * `npm run bench:compression`: the bytes a 40 KB history puts on the wire over HTTP per
 * `requestCompression` setting, and the time one body takes to compress. The history is an
 * agent loop: a system prompt, user turns, tool calls, ~1.5 KB tool results (source code and
 * listings) and ~1 KB of encrypted reasoning per step (high-entropy base64, as the backend's
 * is). It goes through `generateText` to the emulator, which records the body as it arrived.
 * Not part of `npm test`.
 *
 * BENCH_HISTORY_KB (default 40) and BENCH_ROUNDS (default 20, for the timings) change it.
 */
import { generateText, type ModelMessage } from 'ai';
import { createCodex, type CodexProviderSettings } from '../src';
import { createRequestCompression } from '../src/transport/request-compression';
import { startCodexEmulator } from '../test/support/codex-emulator';
import { benchEnvironment } from './bench-environment';
import { median, round } from './bench-stats';

const HISTORY_KB = Number(process.env.BENCH_HISTORY_KB ?? 40);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const SETTINGS = ['none', 'gzip', 'zstd'] as const;

/** A seeded generator, so every run measures the same history. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** What a tool returns in a coding agent: a source file or a listing, varied by step. */
function toolOutput(step: number, next: () => number): string {
  const lines: string[] = [];
  for (let i = 0; lines.join('\n').length < 1500; i++) {
    lines.push(
      step % 2 === 0
        ? `export function handler${step}_${i}(input: Request): Promise<Response> { return route(input, ${Math.floor(next() * 1000)}); }`
        : `-rw-r--r--  1 dev  staff  ${Math.floor(next() * 90000)} Nov ${1 + (i % 28)} 10:${String(i % 60).padStart(2, '0')} src/module-${step}-${i}.ts`,
    );
  }
  return lines.join('\n');
}

/** A conversation whose request body is about `kb` KB of JSON. */
function history(kb: number): ModelMessage[] {
  const next = random(42);
  const messages: ModelMessage[] = [{ role: 'user', content: 'Find the slow handler and fix it.' }];
  for (let step = 0; JSON.stringify(messages).length < kb * 1024; step++) {
    const encrypted = Array.from({ length: 1000 }, () => BASE64[Math.floor(next() * 64)]).join('');
    const toolCallId = `call_${step}`;
    messages.push(
      {
        role: 'assistant',
        content: [
          {
            type: 'reasoning',
            text: `**Step ${step}**\n\nLooking at the next file.`,
            providerOptions: {
              codex: { itemId: `rs_${step}`, reasoningEncryptedContent: `enc:${encrypted}` },
            },
          },
          {
            type: 'tool-call',
            toolCallId,
            toolName: 'readFile',
            input: { path: `src/module-${step}.ts` },
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId,
            toolName: 'readFile',
            output: { type: 'text', value: toolOutput(step, next) },
          },
        ],
      },
    );
  }
  messages.push({ role: 'user', content: 'Now write the fix.' });
  return messages;
}

const emu = await startCodexEmulator();
const messages = history(HISTORY_KB);
const results: Array<Record<string, unknown>> = [];
try {
  for (const setting of SETTINGS) {
    emu.requests.length = 0;
    const settings: CodexProviderSettings = {
      baseURL: emu.baseURL,
      auth: { accessToken: 'bench' },
      requestCompression: setting,
    };
    const { warnings } = await generateText({
      model: createCodex(settings)('gpt-5.3-codex'),
      system: 'You are a coding agent. Read files with readFile, then answer.',
      messages,
      maxRetries: 0,
    });
    const [post] = emu.requests;
    const json = Buffer.byteLength(JSON.stringify(post!.body));
    const encoding = post!.headers['content-encoding'] ?? 'identity';
    // the time one body takes to compress, apart from the call
    const compression = createRequestCompression(setting);
    const text = JSON.stringify(post!.body);
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      await compression.encode(text);
      times.push(performance.now() - started);
    }
    results.push({
      setting,
      'content-encoding': encoding,
      'JSON bytes': json,
      'bytes on the wire': post!.bytes,
      'of the JSON': `${round((post!.bytes! / json) * 100)} %`,
      'compress ms (median)': encoding === 'identity' ? '—' : round(median(times), 2),
      ...(warnings != null && warnings.length > 0 && { note: 'not in this runtime: sent as JSON' }),
    });
  }
} finally {
  await emu.close();
}
console.log(JSON.stringify(await benchEnvironment()));
console.table(results);
