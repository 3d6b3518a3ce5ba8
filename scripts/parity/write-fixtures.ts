import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS } from './parity-scenarios';
import type { ClientRun } from './record-conversations';
import { APP_SERVER_CLIENT } from './run-official-client';
import { BACKEND_PATH, CODEX_PATH } from './recorder-server';
import { stepsOf } from './request-steps';
import { createSanitiser, PLACEHOLDERS } from './sanitise-recording';

/**
 * The official client's requests, one file per scenario and transport
 * (`test/fixtures/parity/<scenario>.<transport>.json`), sanitised: what `npm test` compares
 * this package against without the CLI. Each holds the `…/responses` requests in order with
 * the step they were matched as, the headers (a frame's are its socket's upgrade), the
 * decoded body, and what the recorder answered that the next requests may echo (turn state,
 * response id); and the catalog and account requests the CLI made.
 */
export function writeFixtures({
  dir,
  cliVersion,
  runs,
}: {
  dir: string;
  cliVersion: string;
  runs: ClientRun[];
}): string[] {
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) if (file.endsWith('.json')) rmSync(join(dir, file));
  const written: string[] = [];
  for (const run of runs.filter(r => r.client === 'official' && r.ok)) {
    const scenario = SCENARIOS.find(s => s.name === run.scenario);
    const { sanitise } = createSanitiser(run);
    const steps = stepsOf(run);
    const backendPaths = [`${CODEX_PATH}/models`, `${BACKEND_PATH}/wham/accounts/check`];
    const backend = run.requests.filter(r => backendPaths.includes(r.path));
    const originator = steps[0]?.request.headers.originator;
    let previousTools: string | undefined;
    const fixture = {
      recordedWith: `@openai/codex ${cliVersion}`,
      scenario: run.scenario,
      title: scenario?.title,
      transport: run.transport,
      prompts: scenario?.prompts,
      officialConfig: scenario?.official,
      placeholders: {
        ...PLACEHOLDERS,
        [SAME_TOOLS]: 'the same `tools` as the request before',
        ...(originator === APP_SERVER_CLIENT && {
          [APP_SERVER_PLACEHOLDER]:
            'the app-server client: `codex_cli_rs` until `initialize` names it, that name after',
        }),
      },
      requests: steps.map(({ label, request }) => {
        let body = compactTools(request.body);
        const tools = JSON.stringify((body as { tools?: unknown })?.tools);
        if (tools != null && tools === previousTools)
          body = { ...(body as object), tools: SAME_TOOLS };
        if (tools != null) previousTools = tools;
        return sanitise({
          step: label,
          kind: request.kind,
          method: request.method,
          path: request.path,
          ...(request.socket != null && { socket: request.socket }),
          status: request.status,
          ...(request.kind !== 'frame' && { headers: request.headers }),
          ...(body !== undefined && { body }),
          ...(request.answerHeaders != null &&
            Object.keys(request.answerHeaders).length > 0 && {
              answerHeaders: request.answerHeaders,
            }),
          ...(request.responseId != null && { answeredResponseId: request.responseId }),
        });
      }),
      // One per path. The CLI asks from several tasks, some adding its client's name to the
      // User-Agent (` (codex_exec; 0.169.0)`), some not, in no set order: that suffix is cut.
      backendRequests: backendPaths.flatMap(path => {
        const asked = backend.filter(request => request.path === path);
        const same = asked.filter(request => request.headers.originator === originator);
        // The app-server asks before its client has named itself (as `codex_cli_rs`), and
        // after, or not, as its tasks happen to run: either name is one placeholder there.
        const appServer = originator === APP_SERVER_CLIENT;
        const texts = (same.length > 0 && !appServer ? same : asked)
          .map(request =>
            JSON.stringify(
              sanitise({
                method: request.method,
                path: request.path,
                query: request.query,
                headers: appServer
                  ? appServerClientNamed(backendHeaders(request.headers))
                  : backendHeaders(request.headers),
              }),
            ),
          )
          .sort();
        return texts.length > 0 ? [JSON.parse(texts[0]!)] : [];
      }),
      otherRequests: distinctSorted(
        run.requests
          .filter(r => r.path !== `${CODEX_PATH}/responses` && !backend.includes(r))
          .map(r => `${r.method} ${r.path} → ${r.status}`),
      ),
    };
    const text = `${JSON.stringify(fixture, null, 2)}\n`;
    // the sanitiser must have caught the run's token everywhere
    if (text.includes(run.secrets.accessToken))
      throw new Error(`${run.scenario}: token left in fixture`);
    const file = join(dir, `${run.scenario}.${run.transport}.json`);
    writeFileSync(file, text);
    written.push(file);
  }
  return written;
}

/** The User-Agent without the client's name that some of the CLI's tasks add. */
function backendHeaders(headers: Record<string, string>): Record<string, string> {
  const userAgent = headers['user-agent']?.replace(/ \([\w-]+; [\w.-]+\)$/, '');
  return { ...headers, ...(userAgent != null && { 'user-agent': userAgent }) };
}

const APP_SERVER_PLACEHOLDER = '<app-server client>';
const APP_SERVER_NAMES = new RegExp(`^(?:${APP_SERVER_CLIENT}|codex_cli_rs)(?=/|$)`);

function appServerClientNamed(headers: Record<string, string>): Record<string, string> {
  const named = { ...headers };
  for (const name of ['originator', 'user-agent']) {
    const value = named[name];
    if (value != null) named[name] = value.replace(APP_SERVER_NAMES, APP_SERVER_PLACEHOLDER);
  }
  return named;
}

function distinctSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}

export const SAME_TOOLS = '<same tools as the previous request>';

/**
 * The CLI's tool list is 16 KB per request; a fixture keeps every tool's keys, type, name,
 * `strict` and the start of its description, and the parameter schemas only where short
 * (a long one keeps its `type` and `additionalProperties`, which the comparison reads).
 */
function compactTools(body: unknown): unknown {
  const tools = (body as { tools?: unknown })?.tools;
  if (!Array.isArray(tools)) return body;
  return { ...(body as object), tools: tools.map(compactTool) };
}

function compactTool(tool: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(tool).map(([key, value]) => {
      if (key === 'tools' && Array.isArray(value)) return [key, value.map(compactTool)];
      if (key === 'description' && typeof value === 'string' && value.length > 80) {
        return [
          key,
          `${value.slice(0, 60)}… [cut by the parity recorder: ${value.length} characters]`,
        ];
      }
      const json = JSON.stringify(value);
      if (value != null && typeof value === 'object' && json.length > 200) {
        const { type, additionalProperties } = value as Record<string, unknown>;
        return [
          key,
          {
            '[cut by the parity recorder]': `${json.length} characters of JSON`,
            keys: Object.keys(value),
            ...(type !== undefined && { type }),
            ...(additionalProperties !== undefined && { additionalProperties }),
          },
        ];
      }
      return [key, value];
    }),
  );
}
