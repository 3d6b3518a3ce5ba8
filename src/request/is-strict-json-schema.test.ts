import { describe, expect, it } from 'vitest';
import { isStrictJsonSchema } from './is-strict-json-schema';

describe('isStrictJsonSchema', () => {
  const obj = (properties: Record<string, unknown>, required: string[], extra: object = {}) => ({
    type: 'object',
    properties,
    required,
    additionalProperties: false,
    ...extra,
  });

  it('accepts fully required, closed objects at every depth', () => {
    expect(
      isStrictJsonSchema(
        obj(
          {
            a: { type: 'string' },
            b: { type: 'array', items: obj({ c: { type: 'number' } }, ['c']) },
            d: { anyOf: [{ type: 'null' }, obj({ e: { type: 'boolean' } }, ['e'])] },
          },
          ['a', 'b', 'd'],
        ),
      ),
    ).toBe(true);
    expect(isStrictJsonSchema(obj({}, []))).toBe(true);
  });

  it('rejects optional properties', () => {
    expect(isStrictJsonSchema(obj({ a: { type: 'string' }, b: { type: 'string' } }, ['a']))).toBe(
      false,
    );
  });

  it('rejects open objects, also when nested', () => {
    expect(isStrictJsonSchema({ type: 'object', properties: {}, required: [] })).toBe(false);
    expect(
      isStrictJsonSchema(
        obj(
          {
            a: {
              type: 'array',
              items: { type: 'object', properties: { x: { type: 'string' } }, required: ['x'] },
            },
          },
          ['a'],
        ),
      ),
    ).toBe(false);
    expect(
      isStrictJsonSchema(
        obj({ a: { $ref: '#/$defs/x' } }, ['a'], {
          $defs: { x: { type: 'object', properties: {} } },
        }),
      ),
    ).toBe(false);
  });

  it('rejects non-schemas', () => {
    expect(isStrictJsonSchema(null)).toBe(false);
    expect(isStrictJsonSchema('string')).toBe(false);
  });
});
