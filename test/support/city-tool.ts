import { tool } from 'ai';
import { z } from 'zod/v4';

/**
 * A tool about a city that answers at once (`answer(city)`), for tool loops against the
 * emulator, which calls each tool once per turn; `onRun` sees every run.
 */
export function cityTool(description: string, answer: (city: string) => string, onRun = () => {}) {
  return tool({
    description,
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      onRun();
      return answer(city);
    },
  });
}
