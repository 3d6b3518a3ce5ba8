import { assertRedisServerInstalled } from './redis-server';

// `npm run test:redis` on a machine without redis-server: one line that says how to get it,
// before any file starts.
export function setup(): void {
  assertRedisServerInstalled();
}
