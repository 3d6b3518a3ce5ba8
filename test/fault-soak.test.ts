import { describe, expect, it } from 'vitest';
import { faultNames } from './support/fault-soak-calls';
import { brokenInvariants, runFaultSoak } from './support/fault-soak';

// The fault soak of `npm run soak` (test/support/fault-soak.ts), small: 150 `streamText`
// calls per transport, 15 at a time, each with a fault drawn from a fixed seed. Whatever
// the fault and however loaded the machine, no call may get wrong text, show the token,
// be retried after content or hang. Timing decides only which faults end in a clean error
// (an idle timeout can come early on a busy machine), never what is asserted.

describe.each(['sse', 'websocket'] as const)('fault soak over %s', transport => {
  it('no wrong text, no token, no retry after content, no hang', async () => {
    const report = await runFaultSoak({
      calls: 150,
      concurrency: 15,
      seed: 25,
      transport,
      streamIdleTimeoutMs: 1000,
      callDeadlineMs: 20_000,
    });
    expect(report.violations).toEqual([]);
    expect(brokenInvariants(report)).toEqual([]);

    // the soak did what it says: every call ran, every fault was played, both outcomes
    // happened, and each request went over the transport asked for
    expect(report.calls).toBe(150);
    expect(Object.keys(report.byFault).sort()).toEqual(faultNames(transport).sort());
    expect(report.correct).toBeGreaterThan(0);
    expect(Object.keys(report.errors).length).toBeGreaterThan(0);
    expect(report.requests).toBeGreaterThan(report.calls);
    expect(report.socketRequests).toBe(transport === 'websocket' ? report.requests : 0);
  }, 90_000);
});
