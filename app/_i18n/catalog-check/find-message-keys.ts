import ts from 'typescript';

export interface KeyUse {
  key: string;
  line: number;
}

const translatorFactories = new Set(['useTranslations', 'getTranslations']);
const translatorMethods = new Set(['rich', 'markup', 'raw', 'has']);

/**
 * The message keys a source file uses: `const t = useTranslations('ns')` (or an awaited
 * `getTranslations('ns')`) followed by `t('key')`, `t.rich('key')`, `t.has('key')` …, plus
 * `pageTitle('key')` (a `metadata.*` title), each with its translator's namespace
 * prepended. Keys that are not string literals (`t(section)`, `t(\`codes.${code}\`)`)
 * are left to the compiler, which types every key against the English catalog
 * (i18n/next-intl.d.ts).
 */
export function findMessageKeys(fileName: string, source: string): KeyUse[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  const namespaces = new Map<string, string>();
  const keys: KeyUse[] = [];
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart()).line + 1;

  const record = (namespace: string, argument: ts.Expression | undefined, at: ts.Node) => {
    if (!argument) return;
    if (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) {
      keys.push({ key: namespace ? `${namespace}.${argument.text}` : argument.text, line: lineOf(at) });
    }
  };

  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const namespace = translatorNamespace(node.initializer);
      if (namespace !== undefined) namespaces.set(node.name.text, namespace);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && namespaces.has(callee.text)) {
        record(namespaces.get(callee.text)!, node.arguments[0], node);
      } else if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        namespaces.has(callee.expression.text) &&
        translatorMethods.has(callee.name.text)
      ) {
        record(namespaces.get(callee.expression.text)!, node.arguments[0], node);
      } else if (ts.isIdentifier(callee) && callee.text === 'pageTitle') {
        record('metadata', node.arguments[0], node);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return keys;
}

/** `useTranslations('ns')`, `await getTranslations({ namespace: 'ns' })` → 'ns'; root → ''. */
function translatorNamespace(expression: ts.Expression): string | undefined {
  const call = ts.isAwaitExpression(expression) ? expression.expression : expression;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) return undefined;
  if (!translatorFactories.has(call.expression.text)) return undefined;
  const [argument] = call.arguments;
  if (!argument) return '';
  if (ts.isStringLiteral(argument)) return argument.text;
  if (ts.isObjectLiteralExpression(argument)) {
    for (const property of argument.properties) {
      if (
        ts.isPropertyAssignment(property) &&
        property.name.getText() === 'namespace' &&
        ts.isStringLiteral(property.initializer)
      ) {
        return property.initializer.text;
      }
    }
    return '';
  }
  return undefined;
}

export function scriptKind(fileName: string): ts.ScriptKind {
  return fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}
