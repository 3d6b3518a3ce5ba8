/**
 * One process of `npm run bench:redis`'s fleet: SOURCES independent `redisAuth` sources
 * (each with its own connection, cache and flight, as separate processes have), one
 * provider and one call each. It first warms up (loads the code, the redis package and the
 * HTTP client through a throwaway source on `<key>:warmup`), prints `ready`, waits for a
 * line on stdin, makes every call at once, then prints `{ ok, errors, ms }`.
 */
import { createInterface } from 'node:readline';
import { createCodex } from '../src';
import { redisAuth } from '../src/redis';

const env = process.env;
const hi = {
  prompt: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }],
};
const warmup = redisAuth({ url: env.REDIS_URL!, key: `${env.REDIS_KEY}:warmup` });
await createCodex({ baseURL: env.BASE_URL!, tokenURL: env.TOKEN_URL!, auth: warmup })(
  'gpt-5.3-codex',
).doGenerate(hi);
await warmup.close();
const sources = Array.from({ length: Number(env.SOURCES ?? 50) }, () =>
  redisAuth({ url: env.REDIS_URL!, key: env.REDIS_KEY }),
);
const models = sources.map(auth =>
  createCodex({ baseURL: env.BASE_URL!, tokenURL: env.TOKEN_URL!, auth })('gpt-5.3-codex'),
);
console.log('ready');
await createInterface({ input: process.stdin })[Symbol.asyncIterator]().next();
const started = performance.now();
const results = await Promise.allSettled(models.map(model => model.doGenerate(hi)));
const ms = performance.now() - started;
const errors = results.flatMap(r => (r.status === 'rejected' ? [String(r.reason?.message)] : []));
console.log(JSON.stringify({ ok: results.length - errors.length, errors, ms }));
await Promise.all(sources.map(source => source.close()));
