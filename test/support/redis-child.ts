/**
 * Child process of the Redis fleet tests: CALLS concurrent generate calls with one
 * `redisAuth` source. Prints one JSON line `{ ok, errors }` (error messages only, never a
 * token), then exits without closing Redis: an open connection must not keep it alive.
 */
import { createCodex } from '../../src';
import { redisAuth } from '../../src/redis';

const env = process.env;
const codex = createCodex({
  baseURL: env.BASE_URL!,
  tokenURL: env.TOKEN_URL!,
  maxRetries: Number(env.MAX_RETRIES ?? 2),
  auth: redisAuth({
    url: env.REDIS_URL!,
    key: env.REDIS_KEY,
    refreshTimeoutMs: env.REFRESH_TIMEOUT_MS != null ? Number(env.REFRESH_TIMEOUT_MS) : undefined,
  }),
});
const model = codex('gpt-5.3-codex');
const calls = Number(env.CALLS ?? 1);
const results = await Promise.allSettled(
  Array.from({ length: calls }, (_, i) =>
    model.doGenerate({
      prompt: [
        { role: 'user', content: [{ type: 'text', text: `call ${i} from ${process.pid}` }] },
      ],
    }),
  ),
);
const errors = results.flatMap(r => (r.status === 'rejected' ? [String(r.reason?.message)] : []));
console.log(JSON.stringify({ ok: results.length - errors.length, errors }));
