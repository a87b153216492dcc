import * as ts from 'typescript';

/**
 * Visits `root` and every node below it in source order (a node before its children), until
 * `visit` returns true; true when it did. A loop, not recursion: generated code can nest an
 * expression ten thousand deep (`'a' + 'b' + …`), past what the call stack holds.
 */
export function someNode(root: ts.Node, visit: (node: ts.Node) => boolean | void): boolean {
  const todo: ts.Node[] = [root];
  const children: ts.Node[] = [];
  for (let node = todo.pop(); node; node = todo.pop()) {
    if (visit(node)) return true;
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    while (children.length) todo.push(children.pop()!);
  }
  return false;
}
