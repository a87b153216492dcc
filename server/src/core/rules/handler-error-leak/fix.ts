import * as ts from 'typescript';
import { someNode } from '../../model/walk';
import { isGlobalMember } from '../../handlers/symbols';
import { enclosingStatement, insertStatementBefore, quote, quoteOf, replaceNode } from '../../fixes/edits';
import { layoutExpression, spotAt } from '../../fixes/layout';
import type { FileContext } from '../../model/fileContext';
import type { Fix, TextEdit } from '../../types';

const GENERIC = 'Internal server error';

/**
 * Put a generic message where the error detail was, and log the error just before, when the
 * error variable is in scope there and the catch block does not log it already. Not preferred:
 * callers get a different body.
 */
export function genericMessageFix(file: FileContext, leaf: ts.Expression, errorDecl: ts.Node): Fix | undefined {
  const q = quoteOf(file, undefined);
  const generic = quote(GENERIC, q);
  const parent = leaf.parent;
  const edits: TextEdit[] = [];
  if (ts.isShorthandPropertyAssignment(parent)) {
    edits.push(replaceNode(file, parent, `${parent.name.text}: ${generic}`));
  } else if (ts.isCallExpression(parent) && isGlobalMember(parent.expression, 'JSON', 'stringify') && parent.arguments[0] === leaf) {
    edits.push(
      replaceNode(file, leaf, layoutExpression(file, `{ message: ${generic} }`, spotAt(file, leaf.getStart(file.sf), leaf.getEnd()))),
    );
  } else {
    edits.push(replaceNode(file, leaf, generic));
  }
  const log = logEdit(file, leaf, errorDecl);
  if (log) edits.push(log);
  return { title: 'Return a generic message and log the error', isPreferred: false, edits };
}

function logEdit(file: FileContext, leaf: ts.Node, errorDecl: ts.Node): TextEdit | undefined {
  const name = (errorDecl as { name?: ts.Node }).name;
  if (!name || !ts.isIdentifier(name)) return undefined;
  const scope = ts.isCatchClause(errorDecl.parent)
    ? errorDecl.parent.block
    : ts.isFunctionLike(errorDecl.parent)
      ? (errorDecl.parent as ts.FunctionLikeDeclaration).body
      : undefined;
  if (!scope || !ts.isBlock(scope)) return undefined;
  const statement = enclosingStatement(leaf);
  if (!statement || statement.pos < scope.pos || statement.end > scope.end) return undefined;
  if (logsAlready(scope, name.text)) return undefined;
  return insertStatementBefore(file, statement, `console.error(${name.text});`);
}

/** A call such as `console.error(err)` or `logger.error('failed', err)` in the block. */
function logsAlready(block: ts.Block, name: string): boolean {
  return someNode(
    block,
    (n) =>
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      /^(error|warn|log|exception|critical|fatal)$/.test(n.expression.name.text) &&
      n.arguments.some((a) => mentions(a, name)),
  );
}

function mentions(node: ts.Node, name: string): boolean {
  return someNode(node, (n) => ts.isIdentifier(n) && n.text === name);
}
