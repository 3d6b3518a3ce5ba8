import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The official CLI's requests as `npm run parity` recorded them (scripts/parity/): these
// tests only hold the files to their form and to holding no secret; the parity tests read them.
const DIR = new URL('./fixtures/parity/', import.meta.url);
const files = readdirSync(DIR).filter(name => name.endsWith('.json'));
const read = (name: string) => readFileSync(new URL(name, DIR), 'utf8');

const SCENARIOS = [
  'one-turn',
  'two-turns',
  'tool-call',
  'reasoning-high',
  'structured-output',
  'priority-tier',
  'compaction',
];

describe('parity fixtures', () => {
  it('cover every scenario over WebSocket and HTTP SSE', () => {
    const expected = SCENARIOS.flatMap(s => [`${s}.sse.json`, `${s}.websocket.json`]).sort();
    expect(files.sort()).toEqual(expected);
  });

  it.each(files)('%s: requests in order, each with its step, headers or a body', name => {
    const fixture = JSON.parse(read(name));
    const [scenario, transport] = name.replace(/\.json$/, '').split('.');
    expect(fixture).toMatchObject({
      scenario,
      transport,
      recordedWith: expect.stringMatching(/^@openai\/codex \d+\.\d+\.\d+/),
    });
    expect(fixture.requests.length).toBeGreaterThan(1);
    for (const request of fixture.requests) {
      expect(request.path).toBe('/backend-api/codex/responses');
      expect(request.step).toMatch(
        /^(upgrade \d+|prewarm|turn \d+( tool follow-up| compaction| after compaction)?)$/,
      );
      expect(['upgrade', 'http', 'frame']).toContain(request.kind);
      if (request.kind === 'frame') expect(request.body.type).toBe('response.create');
      else expect(request.headers.authorization).toBe('Bearer <access-token>');
      if (request.kind === 'http') {
        expect(request.headers['content-type']).toBe('application/json');
        expect(request.body.model).toEqual(expect.any(String));
      }
    }
    const turns = fixture.requests.filter((r: { step: string }) => /^turn \d+$/.test(r.step));
    expect(turns).toHaveLength(fixture.prompts.length);
    const upgrades = fixture.requests.filter((r: { kind: string }) => r.kind === 'upgrade');
    expect(upgrades.map((r: { status: number }) => r.status)).toEqual([
      transport === 'sse' ? 426 : 101,
    ]);
  });

  it.each(files)('%s: no token, id or path of the machine that recorded it', name => {
    const text = read(name);
    // JWT-shaped strings, API keys, bearer values other than the placeholder
    expect(text).not.toMatch(/eyJ[\w-]{4,}\.[\w-]{4,}\./);
    expect(text).not.toMatch(/\bsk-[\w-]{8,}/);
    expect(text).not.toMatch(/Bearer (?!<access-token>)/);
    expect(text).not.toMatch(/refresh[_-]?token/i);
    // every UUID is one of the fixture's numbered stand-ins
    for (const uuid of text.match(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
    ) ?? []) {
      expect(uuid).toMatch(/^00000000-0000-[0-9a-f]000-8000-0{6}[0-9a-f]{6}$/);
    }
    // no temp dirs, home folders, clock values or OS release of the recording machine
    expect(text).not.toMatch(/\/tmp\/|\/home\/|\/Users\/|parity-codex-home-/);
    expect(text).not.toMatch(/\b1[6-9]\d{11}\b(?<!1767225600000)/);
    expect(text).not.toMatch(/\((Linux|Debian|Ubuntu|Mac OS|Darwin|Windows)[^)]*\d/);
    expect(text).not.toMatch(/<current_date>\d/);
  });
});
