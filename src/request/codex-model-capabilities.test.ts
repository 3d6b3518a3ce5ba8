import { describe, expect, it } from 'vitest';
import {
  CODEX_MODEL_CAPABILITIES,
  fitReasoningEffort,
  knownModel,
  type CodexCatalogEntry,
} from './codex-model-capabilities';

const ALL_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];
const fromTable = (modelId: string, effort: string) =>
  fitReasoningEffort(modelId, effort, knownModel(modelId, undefined));
const fromCatalog = (modelId: string, entry: CodexCatalogEntry, effort: string) =>
  fitReasoningEffort(modelId, effort, knownModel(modelId, entry));

describe('knownModel', () => {
  it('takes each fact from the catalog entry, else from the table', () => {
    expect(knownModel('gpt-5.3-codex', undefined)).toEqual({
      reasoningEfforts: ['low', 'medium', 'high', 'xhigh'],
      effortsFrom: 'table',
      defaultReasoningEffort: 'medium',
      contextWindow: 272_000,
    });
    expect(
      knownModel('gpt-5.3-codex', {
        reasoningLevels: ['low', 'max'],
        defaultReasoningLevel: 'low',
        contextWindow: 1_000_000,
      }),
    ).toEqual({
      reasoningEfforts: ['low', 'max'],
      effortsFrom: 'catalog',
      defaultReasoningEffort: 'low',
      contextWindow: 1_000_000,
    });
    // an entry that lists no efforts and no window leaves those to the table
    expect(knownModel('gpt-5.3-codex', { reasoningLevels: [] })).toEqual(
      knownModel('gpt-5.3-codex', undefined),
    );
  });

  it('knows a model only the catalog lists, and none that neither lists', () => {
    // no key for what neither source knows
    expect(knownModel('gpt-9', { reasoningLevels: ['high'] })).toStrictEqual({
      reasoningEfforts: ['high'],
      effortsFrom: 'catalog',
    });
    expect(knownModel('gpt-9', { reasoningLevels: [] })).toStrictEqual({
      reasoningEfforts: [],
      effortsFrom: 'table',
    });
    // so any effort goes as it is
    expect(
      fitReasoningEffort('gpt-9', 'high', knownModel('gpt-9', { reasoningLevels: [] })),
    ).toEqual({ effort: 'high' });
    expect(knownModel('gpt-9', undefined)).toBeUndefined();
    // not a key of any object's prototype either
    expect(knownModel('constructor', undefined)).toBeUndefined();
  });

  it('gives a window only where a source states one', () => {
    expect(knownModel('gpt-5.5', undefined)).not.toHaveProperty('contextWindow');
    expect(knownModel('codex-mini-latest', undefined)?.contextWindow).toBe(200_000);
  });
});

describe('fitReasoningEffort', () => {
  it('keeps every effort a known model supports, with no warning', () => {
    for (const [model, { reasoningEfforts }] of Object.entries(CODEX_MODEL_CAPABILITIES)) {
      for (const effort of reasoningEfforts) expect(fromTable(model, effort)).toEqual({ effort });
    }
  });

  it.each([
    ['gpt-5.1-codex-mini', 'low', 'medium'],
    ['gpt-5.1-codex-mini', 'minimal', 'medium'],
    ['gpt-5', 'xhigh', 'high'],
    ['gpt-5', 'none', 'minimal'],
    ['codex-mini-latest', 'minimal', 'low'],
    ['codex-mini-latest', 'none', 'low'],
    ['gpt-5.1', 'xhigh', 'high'],
    ['gpt-5.1', 'minimal', 'low'],
    ['gpt-5.2', 'minimal', 'low'],
  ] as const)('table: %s: %s → %s with a warning', (model, asked, sent) => {
    const { effort, warning } = fromTable(model, asked);
    expect(effort).toBe(sent);
    expect(warning).toEqual({ type: 'other', message: expect.stringContaining(`'${asked}'`) });
  });

  it('says what was asked, what the table has, that the catalog would decide, and what was sent', () => {
    expect(fromTable('gpt-5.1-codex', 'xhigh').warning).toEqual({
      type: 'other',
      message:
        "gpt-5.1-codex does not support reasoningEffort 'xhigh' (this package's table lists low, medium, high; `listModels()` loads the live catalog); 'high' was sent instead.",
    });
  });

  it('never holds back an effort the table does not know: it may be newer than the table', () => {
    expect(fromTable('gpt-5.5', 'max')).toEqual({ effort: 'max' });
    expect(fromTable('gpt-9-experimental', 'minimal')).toEqual({ effort: 'minimal' });
  });

  it('follows the catalog over the table, for newer efforts too', () => {
    const entry = { reasoningLevels: ['minimal', 'low', 'medium', 'high', 'xhigh', 'max'] };
    expect(fromCatalog('gpt-5', entry, 'xhigh')).toEqual({ effort: 'xhigh' });
    expect(fromCatalog('gpt-5', entry, 'max')).toEqual({ effort: 'max' });
    expect(fromCatalog('gpt-5', { reasoningLevels: ['low', 'high'] }, 'xhigh')).toEqual({
      effort: 'high',
      warning: {
        type: 'other',
        message:
          "gpt-5 does not support reasoningEffort 'xhigh' (the model catalog lists low, high); 'high' was sent instead.",
      },
    });
  });

  it('takes the higher effort on a tie, whatever order the catalog lists them in', () => {
    expect(fromCatalog('m', { reasoningLevels: ['high', 'low'] }, 'medium').effort).toBe('high');
    expect(fromCatalog('m', { reasoningLevels: ['low', 'high'] }, 'medium').effort).toBe('high');
    expect(fromCatalog('m', { reasoningLevels: ['xhigh', 'low'] }, 'medium').effort).toBe('low');
    // efforts it cannot order are passed over
    expect(fromCatalog('m', { reasoningLevels: ['turbo', 'none'] }, 'low').effort).toBe('none');
  });

  it('sends nothing for an effort the catalog does not list and that cannot be ordered', () => {
    expect(
      fromCatalog('m', { reasoningLevels: ['low', 'high'], defaultReasoningLevel: 'low' }, 'turbo'),
    ).toEqual({
      effort: undefined,
      warning: {
        type: 'other',
        message:
          "m does not support reasoningEffort 'turbo' (the model catalog lists low, high); no effort was sent, so the model's default (low) applies.",
      },
    });
    expect(fromCatalog('m', { reasoningLevels: ['turbo'] }, 'high')).toEqual({
      effort: undefined,
      warning: {
        type: 'other',
        message:
          "m does not support reasoningEffort 'high' (the model catalog lists turbo); no effort was sent, so the model's default applies.",
      },
    });
  });
});

describe('CODEX_MODEL_CAPABILITIES', () => {
  it('lists each model’s efforts from low to high, all of them ones the package can order', () => {
    for (const { reasoningEfforts } of Object.values(CODEX_MODEL_CAPABILITIES)) {
      const ranks = reasoningEfforts.map(e => ALL_EFFORTS.indexOf(e));
      expect(ranks.every(r => r >= 0)).toBe(true);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it('has gpt-5.1 (not in the catalog test) reason from none to high, none by default', () => {
    expect(CODEX_MODEL_CAPABILITIES['gpt-5.1']).toEqual({
      reasoningEfforts: ['none', 'low', 'medium', 'high'],
      defaultReasoningEffort: 'none',
      reasoningSummaries: true,
      contextWindow: 272_000,
    });
  });
});
