import ts from 'typescript';

/**
 * The ids of the report figures a source file builds: the first argument of every
 * `figure('<id>', …)` call (db/analytics/figure.ts). The UI words each id in the viewer's
 * language (`analytics.kpi.<id>.label` / `.formula`), so the catalog test reads the ids
 * from the KPI modules themselves: a figure added there without words fails it.
 */
export function findFigureIds(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const ids: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'figure') {
      const [id] = node.arguments;
      if (id && (ts.isStringLiteral(id) || ts.isNoSubstitutionTemplateLiteral(id))) ids.push(id.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return ids;
}
