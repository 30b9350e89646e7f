import jsep from 'jsep';

/**
 * Point formulas such as `floor(event.total) * 2`: arithmetic over the triggering
 * event's properties and the customer's attributes. Parsed by jsep (a parser only, so
 * nothing is ever evaluated as JavaScript); this file decides what is allowed and
 * evaluates the tree. Pure: the compiler checks formulas with it when publishing, the
 * award activity evaluates them when a run gets there.
 */
export const formulaFunctions = {
  floor: Math.floor,
  ceil: Math.ceil,
  round: Math.round,
  abs: Math.abs,
  min: Math.min,
  max: Math.max,
} as const satisfies Record<string, (...values: number[]) => number>;

/** The names a formula may read from: `event.<property>` and `customer.<attribute>`. */
export const formulaRoots = ['event', 'customer'] as const;
export type FormulaScope = Record<(typeof formulaRoots)[number], Record<string, unknown>>;

const operators = new Set(['+', '-', '*', '/', '%']);

export class FormulaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormulaError';
  }
}

/** The parsed formula, or the first thing wrong with it in words a marketer can act on. */
export function parseFormula(source: string): jsep.Expression {
  let tree: jsep.Expression;
  try {
    tree = jsep(source);
  } catch (error) {
    throw new FormulaError(error instanceof Error ? error.message : String(error));
  }
  check(tree);
  return tree;
}

function check(node: jsep.Expression): void {
  switch (node.type) {
    case 'Literal':
      if (typeof node.value !== 'number')
        throw new FormulaError(`only numbers are allowed, not ${String(node.raw)}`);
      return;
    case 'BinaryExpression':
      if (!operators.has(node.operator as string))
        throw new FormulaError(`the operator "${String(node.operator)}" is not allowed (use + - * / %)`);
      check(node.left as jsep.Expression);
      check(node.right as jsep.Expression);
      return;
    case 'UnaryExpression':
      if (node.operator !== '-' && node.operator !== '+')
        throw new FormulaError(`the operator "${String(node.operator)}" is not allowed`);
      check(node.argument as jsep.Expression);
      return;
    case 'CallExpression': {
      const callee = node.callee as jsep.Expression;
      const name = callee.type === 'Identifier' ? (callee.name as string) : '';
      if (!Object.hasOwn(formulaFunctions, name))
        throw new FormulaError(
          `unknown function "${name || '?'}" (use ${Object.keys(formulaFunctions).join(', ')})`,
        );
      const args = node.arguments as jsep.Expression[];
      if (args.length === 0) throw new FormulaError(`${name}() needs a value`);
      args.forEach(check);
      return;
    }
    case 'MemberExpression':
    case 'Identifier':
      variablePath(node);
      return;
    default:
      throw new FormulaError(`"${node.type}" is not allowed in a formula`);
  }
}

/** `event.order.total` → ['event', 'order', 'total']; refuses anything but a path under a root. */
function variablePath(node: jsep.Expression): string[] {
  if (node.type === 'Identifier') {
    const name = node.name as string;
    if (!(formulaRoots as readonly string[]).includes(name))
      throw new FormulaError(
        `unknown name "${name}" (values are read as event.<property> or customer.<attribute>)`,
      );
    return [name];
  }
  if (node.type === 'MemberExpression') {
    const property = node.property as jsep.Expression;
    let key: string;
    if (!node.computed && property.type === 'Identifier') key = property.name as string;
    else if (node.computed && property.type === 'Literal' && typeof property.value === 'string')
      key = property.value;
    else throw new FormulaError('property names must be written out, e.g. event.total');
    const path = [...variablePath(node.object as jsep.Expression), key];
    return path;
  }
  throw new FormulaError('values are read as event.<property> or customer.<attribute>');
}

/** The names a formula reads, e.g. `event.total`, for editors and error messages. */
export function formulaVariables(source: string): string[] {
  const found = new Set<string>();
  const walk = (node: jsep.Expression): void => {
    if (node.type === 'Identifier' || node.type === 'MemberExpression') {
      found.add(variablePath(node).join('.'));
      return;
    }
    // A call's callee is a function name, not a value; only its arguments are read.
    const children =
      node.type === 'CallExpression' ? (node.arguments as jsep.Expression[]) : Object.values(node);
    for (const value of children) {
      if (Array.isArray(value)) value.forEach((item) => isNode(item) && walk(item));
      else if (isNode(value)) walk(value);
    }
  };
  walk(parseFormula(source));
  return [...found];
}

function isNode(value: unknown): value is jsep.Expression {
  return typeof value === 'object' && value !== null && 'type' in value;
}

/**
 * Evaluates a formula. A value that is missing or not a number is an error naming it
 * (the run records it as the reason the step awarded nothing), never a silent 0.
 */
export function evaluateFormula(source: string, scope: FormulaScope): number {
  const value = evaluate(parseFormula(source), scope);
  if (!Number.isFinite(value))
    throw new FormulaError('the result is not a finite number (division by zero?)');
  return value;
}

function evaluate(node: jsep.Expression, scope: FormulaScope): number {
  switch (node.type) {
    case 'Literal':
      return node.value as number;
    case 'UnaryExpression': {
      const value = evaluate(node.argument as jsep.Expression, scope);
      return node.operator === '-' ? -value : value;
    }
    case 'BinaryExpression': {
      const left = evaluate(node.left as jsep.Expression, scope);
      const right = evaluate(node.right as jsep.Expression, scope);
      switch (node.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return left / right;
        default:
          return left % right;
      }
    }
    case 'CallExpression': {
      const name = (node.callee as jsep.Expression).name as keyof typeof formulaFunctions;
      const args = (node.arguments as jsep.Expression[]).map((arg) => evaluate(arg, scope));
      const fn: (...values: number[]) => number = formulaFunctions[name];
      return fn(...args);
    }
    default: {
      const path = variablePath(node);
      let value: unknown = scope;
      for (const key of path) {
        value =
          typeof value === 'object' && value !== null && Object.hasOwn(value, key)
            ? (value as Record<string, unknown>)[key]
            : undefined;
      }
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number))
        throw new FormulaError(`${path.join('.')} is ${value === undefined ? 'missing' : 'not a number'}`);
      return number;
    }
  }
}
