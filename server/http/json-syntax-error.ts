export interface JsonSyntaxError {
  /** Zero-based index of the offending character in the decoded text. */
  position: number;
  /** One-based line and column, for people reading the message. */
  line: number;
  column: number;
  problem: string;
}

class Stop extends Error {
  constructor(
    readonly position: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

/**
 * Where text that `JSON.parse` refused goes wrong. Node 20's parser says only "Unexpected
 * token", without a position, so a client sending a 40 KB order would be left guessing; this
 * small scanner (RFC 8259's grammar, run only after a failed parse) finds the first error.
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxError {
  let i = 0;
  const fail = (problem: string): never => {
    throw new Stop(i, i >= text.length ? 'unexpected end of input' : problem);
  };
  const describe = (char: string | undefined) => (char === undefined ? 'end of input' : JSON.stringify(char));
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (char: string, what: string) => {
    if (text[i] !== char) fail(`expected ${what}, found ${describe(text[i])}`);
    i++;
  };

  const string = () => {
    expect('"', 'a string');
    for (;;) {
      const char = text[i];
      if (char === undefined) fail('unterminated string');
      if (char === '"') return void i++;
      if (char! < ' ') fail('control character in a string (escape it)');
      if (char === '\\') {
        i++;
        const escape = text[i];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5)))
            fail('\\u must be followed by four hex digits');
          i += 5;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i++;
        else fail(`invalid escape \\${escape ?? ''}`);
      } else i++;
    }
  };

  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === '-') fail('invalid number');
    // "01" reads as 0 followed by junk: the junk's spot is named by whoever reads on.
    i += match![0].length;
  };

  const value = (): void => {
    skipSpace();
    const char = text[i];
    if (char === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') return void i++;
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(text[i])}`);
        string();
        skipSpace();
        expect(':', "':' after a property name");
        value();
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        return expect('}', "',' or '}' after a property value");
      }
    }
    if (char === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        return expect(']', "',' or ']' after an array element");
      }
    }
    if (char === '"') return string();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) return void (i += literal.length);
    }
    fail(`unexpected ${describe(char)}`);
  };

  try {
    value();
    skipSpace();
    if (i < text.length) fail(`unexpected ${describe(text[i])} after the JSON value`);
    // JSON.parse refused it, yet the grammar accepts it: report the start rather than nothing.
    return at(text, 0, 'not valid JSON');
  } catch (error) {
    if (error instanceof Stop) return at(text, error.position, error.problem);
    // Nesting deeper than the stack: still a clear answer, without a precise spot.
    return at(text, 0, 'nested too deeply');
  }
}

function at(text: string, position: number, problem: string): JsonSyntaxError {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return { position, line, column, problem };
}
