import { execFile } from 'node:child_process';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

/**
 * Type-checks several TypeScript projects (their tsconfig.json paths) with one `tsc -b`:
 * one process that loads TypeScript once and parses the files the projects share
 * (`@types/node`, zod, the AI SDK) once, where a `tsc -p` per project parses them all again.
 * Resolves to each project's errors, found by the directory of the file they are in; a
 * failure that belongs to no project rejects.
 */
export function typeCheckProjects(tsconfigs: string[]): Promise<Map<string, string[]>> {
  const cwd = '/';
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      [tsc, '-b', '--force', '--pretty', 'false', ...tsconfigs],
      { cwd, maxBuffer: 1 << 24 },
      (error, stdout, stderr) => {
        const errors = new Map(tsconfigs.map(tsconfig => [tsconfig, [] as string[]]));
        const stray: string[] = [];
        // `path(line,col): error TS…: message`, then indented lines that continue it
        for (const entry of stdout.split(/\n(?=\S)/).filter(Boolean)) {
          const file = /^(.+?)\(\d+,\d+\): error TS/.exec(entry)?.[1];
          const owner =
            file &&
            tsconfigs.find(tsconfig => resolve(cwd, file).startsWith(dirname(tsconfig) + sep));
          (owner ? errors.get(owner)! : stray).push(entry.trimEnd());
        }
        if (stray.length > 0 || (error && [...errors.values()].every(e => e.length === 0))) {
          fail(new Error(`tsc -b failed:\n${[...stray, stderr].join('\n')}`));
        } else {
          done(errors);
        }
      },
    );
  });
}
