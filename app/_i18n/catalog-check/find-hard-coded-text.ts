import ts from 'typescript';
import { scriptKind } from './find-message-keys';

export interface HardCodedText {
  line: number;
  text: string;
  where: string;
}

/** JSX attributes a person reads or hears (screen readers announce the aria ones). */
const visibleAttributes = new Set([
  'title',
  'placeholder',
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'alt',
  'label',
]);

/** Object properties that by convention end up on screen (`setNotice({ text })`, `{ label }`). */
const visibleProperties = new Set(['label', 'title', 'text', 'message', 'description', 'placeholder']);

// Words need letters; "·", "→", "—", "▶", "⚠" and emoji have none and need no translation.
const hasLetters = (text: string) => /\p{L}/u.test(text);

/**
 * User-visible text written into a component instead of taken from the message catalog:
 * JSX text, strings in visible attributes and in `{…}` children (including both sides of
 * a conditional and the static parts of a template), string `label`/`text`/… properties
 * and prop defaults,
 * and a static `metadata` export (titles must come from `generateMetadata`). Arguments of
 * calls are not inspected: they are message keys, class names, URLs.
 */
export function findHardCodedText(fileName: string, source: string): HardCodedText[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  const found: HardCodedText[] = [];
  const report = (node: ts.Node, text: string, where: string) => {
    found.push({
      line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      text: text.trim(),
      where,
    });
  };

  /** Literal strings an expression can evaluate to, without entering calls or functions. */
  const checkExpression = (expression: ts.Expression, where: string): void => {
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
      if (hasLetters(expression.text)) report(expression, expression.text, where);
    } else if (ts.isTemplateExpression(expression)) {
      const parts = [expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)];
      if (parts.some(hasLetters)) report(expression, expression.getText(file), where);
    } else if (ts.isConditionalExpression(expression)) {
      checkExpression(expression.whenTrue, where);
      checkExpression(expression.whenFalse, where);
    } else if (ts.isBinaryExpression(expression)) {
      // `a ?? 'x'`, `a || 'x'`, `'x' + a` can show either side; `ok && 'x'` only the right;
      // comparisons (`status === 'live'`) yield booleans, not text.
      const operator = expression.operatorToken.kind;
      const eitherSide = [
        ts.SyntaxKind.QuestionQuestionToken,
        ts.SyntaxKind.BarBarToken,
        ts.SyntaxKind.PlusToken,
      ].includes(operator);
      if (eitherSide) checkExpression(expression.left, where);
      if (eitherSide || operator === ts.SyntaxKind.AmpersandAmpersandToken) {
        checkExpression(expression.right, where);
      }
    } else if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression)) {
      checkExpression(expression.expression, where);
    }
  };

  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && hasLetters(node.text)) {
      report(node, node.text, 'JSX text');
    } else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      checkExpression(node.expression, 'JSX child');
    } else if (
      ts.isJsxAttribute(node) &&
      visibleAttributes.has(node.name.getText(file)) &&
      node.initializer
    ) {
      const where = `${node.name.getText(file)} attribute`;
      if (ts.isStringLiteral(node.initializer)) checkExpression(node.initializer, where);
      else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) {
        checkExpression(node.initializer.expression, where);
      }
    } else if (
      ts.isPropertyAssignment(node) &&
      visibleProperties.has(node.name.getText(file)) &&
      !ts.isCallExpression(node.initializer)
    ) {
      checkExpression(node.initializer, `${node.name.getText(file)} property`);
    } else if (
      ts.isBindingElement(node) &&
      node.initializer &&
      visibleProperties.has((node.propertyName ?? node.name).getText(file))
    ) {
      // A default prop: `function Loading({ label = 'Loading…' })`.
      checkExpression(node.initializer, `${node.name.getText(file)} default`);
    } else if (
      ts.isVariableStatement(node) &&
      node.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) &&
      node.declarationList.declarations.some((d) => d.name.getText(file) === 'metadata')
    ) {
      report(node, 'export const metadata', 'static metadata (use generateMetadata)');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
