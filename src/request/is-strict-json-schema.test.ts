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
  const optionalField = obj({ a: { type: 'string' }, b: { type: 'string' } }, ['a']);

  it('accepts fully required, closed objects at every depth', () => {
    expect(
      isStrictJsonSchema(
        obj(
          {
            a: { type: 'string' },
            b: { type: 'array', items: obj({ c: { type: 'number' } }, ['c']) },
            d: { anyOf: [{ type: 'null' }, obj({ e: { type: 'boolean' } }, ['e'])] },
            f: { $ref: '#/$defs/g' },
            t: { type: 'array', prefixItems: [{ type: 'string' }, obj({}, [])] },
          },
          ['a', 'b', 'd', 'f', 't'],
          { $defs: { g: obj({ h: { type: 'string' } }, ['h']) } },
        ),
      ),
    ).toBe(true);
    expect(isStrictJsonSchema(obj({}, []))).toBe(true);
  });

  it('accepts a closed object typed as nullable, or recognised by its properties alone', () => {
    expect(
      isStrictJsonSchema(obj({ a: { type: 'string' } }, ['a'], { type: ['object', 'null'] })),
    ).toBe(true);
    const { type: _, ...untyped } = obj({ a: { type: 'string' } }, ['a']);
    expect(isStrictJsonSchema(untyped)).toBe(true);
  });

  it('rejects optional properties', () => {
    expect(isStrictJsonSchema(optionalField)).toBe(false);
    const { required: _, ...noRequired } = obj({ a: { type: 'string' } }, []);
    expect(isStrictJsonSchema(noRequired)).toBe(false);
    expect(isStrictJsonSchema(obj({ a: { type: 'string' } }, ['a'], { required: 'a' }))).toBe(
      false,
    );
  });

  it('rejects optional properties on an object typed as nullable or only by its properties', () => {
    expect(isStrictJsonSchema({ ...optionalField, type: ['object', 'null'] })).toBe(false);
    const { type: _, ...untyped } = optionalField;
    expect(isStrictJsonSchema(untyped)).toBe(false);
  });

  it.each(['anyOf', 'oneOf', 'allOf'])(
    'rejects a %s branch holding an object with optional fields',
    key => {
      expect(
        isStrictJsonSchema(obj({ x: { [key]: [{ type: 'null' }, optionalField] } }, ['x'])),
      ).toBe(false);
    },
  );

  it('rejects an optional-field object in prefixItems, $defs or definitions', () => {
    for (const extra of [
      { properties: { t: { type: 'array', prefixItems: [optionalField] } } },
      { $defs: { x: optionalField } },
      { definitions: { x: optionalField } },
    ]) {
      expect(isStrictJsonSchema(obj({ t: { type: 'string' } }, ['t'], extra))).toBe(false);
    }
  });

  it('rejects open objects, also when nested', () => {
    expect(isStrictJsonSchema({ type: 'object', properties: {}, required: [] })).toBe(false);
    expect(
      isStrictJsonSchema(
        obj({ a: { type: 'array', items: { ...optionalField, additionalProperties: true } } }, [
          'a',
        ]),
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

  it('rejects an object without properties, the backend answers "object schema missing properties"', () => {
    expect(isStrictJsonSchema({ type: 'object' })).toBe(false);
    expect(isStrictJsonSchema({ type: 'object', additionalProperties: false })).toBe(false);
    expect(
      isStrictJsonSchema(obj({ a: { type: 'object', additionalProperties: false } }, ['a'])),
    ).toBe(false);
    expect(isStrictJsonSchema(obj({ a: { type: ['object', 'null'] } }, ['a']))).toBe(false);
    expect(isStrictJsonSchema(obj({}, [], { properties: null }))).toBe(false);
  });

  it('rejects a root that is not an object, as strict mode requires one', () => {
    expect(isStrictJsonSchema({ anyOf: [obj({}, []), { type: 'null' }] })).toBe(false);
    expect(isStrictJsonSchema({ type: 'string' })).toBe(false);
    expect(isStrictJsonSchema(true)).toBe(false);
  });

  it('rejects malformed keywords instead of guessing', () => {
    for (const extra of [
      { properties: [{ type: 'string' }], required: ['0'] },
      { properties: 5 },
      { $defs: 5 },
      { anyOf: { a: { type: 'string' } } },
      { items: 'x' },
      { items: null, properties: { a: null }, required: ['a'] },
    ]) {
      expect(isStrictJsonSchema({ ...obj({}, []), ...extra })).toBe(false);
    }
  });

  it('accepts boolean subschemas and ends on a self-referencing schema', () => {
    expect(isStrictJsonSchema(obj({ a: true }, ['a']))).toBe(true);
    const node: Record<string, unknown> = obj({}, []);
    (node.properties as Record<string, unknown>).self = node;
    node.required = ['self'];
    expect(isStrictJsonSchema(node)).toBe(true);
    expect(isStrictJsonSchema(obj({ a: node, b: optionalField }, ['a', 'b']))).toBe(false);
  });

  it('rejects non-schemas', () => {
    expect(isStrictJsonSchema(null)).toBe(false);
    expect(isStrictJsonSchema(undefined)).toBe(false);
    expect(isStrictJsonSchema('string')).toBe(false);
    expect(isStrictJsonSchema([obj({}, [])])).toBe(false);
  });
});
