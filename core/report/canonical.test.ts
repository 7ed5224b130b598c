import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same bytes whatever the insertion order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('sorts by UTF-16 code units and writes numbers as ECMAScript does (RFC 8785)', () => {
    expect(canonicalJson({ é: 1, z: 2, A: 3, '1': 4 })).toBe('{"1":4,"A":3,"z":2,"é":1}');
    expect(canonicalJson([1e21, 0.1, -0, 100, 1.5e-7])).toBe('[1e+21,0.1,0,100,1.5e-7]');
    expect(canonicalJson('line\nquote"')).toBe('"line\\nquote\\""');
  });

  it('drops undefined members, writes dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, at: new Date('2025-01-31T00:00:00Z') })).toBe('{"at":"2025-01-31T00:00:00.000Z"}');
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow('$.n');
    expect(() => canonicalJson(undefined)).toThrow();
  });
});
