import { describe, expect, it } from 'vitest';
import { locateJsonSyntaxError } from './json-syntax-error';

describe('locateJsonSyntaxError', () => {
  it.each([
    ['{"a":}', 5, 'unexpected "}"'],
    ['{"a": 1,}', 8, 'expected a property name in double quotes, found "}"'],
    ["{'a': 1}", 1, 'expected a property name in double quotes, found "\'"'],
    ['{"a" 1}', 5, 'expected \':\' after a property name, found "1"'],
    ['{"a": 1 "b": 2}', 8, "expected ',' or '}' after a property value, found \"\\\"\""],
    ['[1, 2', 5, 'unexpected end of input'],
    ['{"amount": 01}', 12, "expected ',' or '}' after a property value, found \"1\""],
    ['{"a": "x\\q"}', 9, 'invalid escape \\q'],
    ['{"a": tru}', 6, 'unexpected "t"'],
    ['{"a": 1} x', 9, 'unexpected "x" after the JSON value'],
    ['', 0, 'unexpected end of input'],
    ['{"a": "line\nbreak"}', 11, 'control character in a string (escape it)'],
  ])('%j fails at %i', (text, position, problem) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonSyntaxError(text)).toMatchObject({ position, problem });
  });

  it('counts lines and columns from one', () => {
    expect(locateJsonSyntaxError('{\n  "a": 1,\n  "b": ]\n}')).toEqual({
      position: 19,
      line: 3,
      column: 8,
      problem: 'unexpected "]"',
    });
  });

  it('survives nesting deeper than the stack', () => {
    const deep = `${'['.repeat(200_000)}x`;
    expect(locateJsonSyntaxError(deep).problem).toMatch(/nested too deeply|unexpected "x"/);
  });
});
