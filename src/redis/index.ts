/**
 * `ai-sdk-provider-codex/redis`: one ChatGPT sign-in for many processes and machines, kept
 * in Redis and refreshed by one of them at a time. Node only; needs the `redis` package
 * (an optional peer dependency), which is loaded on first use.
 */
export {
  redisAuth,
  DEFAULT_REDIS_KEY,
  type CodexRedisAuth,
  type RedisAuthOptions,
} from './redis-auth';
export type { CodexRedisClient } from './redis-connection';
export type {
  CodexAuthContext,
  CodexAuthSource,
  CodexCredentials,
} from '../auth/codex-auth-source';
