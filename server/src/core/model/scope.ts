import * as ts from 'typescript';
import { checkBudget } from '../budget';

/**
 * Lexical name lookup without the type checker: walk up from an identifier through the
 * enclosing scopes and find the node that declares the name. Good enough for the question the
 * rules ask ("which `const` does this identifier read?"), and it costs no program.
 */

export type Declaration =
  | ts.VariableDeclaration
  | ts.BindingElement
  | ts.ParameterDeclaration
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.EnumDeclaration
  | ts.ImportSpecifier
  | ts.ImportClause
  | ts.NamespaceImport
  | ts.ImportEqualsDeclaration
  | ts.FunctionExpression
  | ts.ClassExpression;

const scopeTables = new WeakMap<ts.Node, Map<string, Declaration>>();

export function findDeclaration(id: ts.Identifier): Declaration | undefined {
  const name = id.text;
  for (let scope = scopeAtOrAbove(id.parent); scope; scope = scopeAtOrAbove(scope.parent)) {
    checkBudget();
    const found = scopeTable(scope).get(name);
    if (found) return found;
  }
  return undefined;
}

/** The nearest scope above each node walked from (null: none), so that each node is walked once. */
const nearestScopes = new WeakMap<ts.Node, ts.Node | null>();

/** Ancestors looked at before `scopeAtOrAbove` starts remembering the walk. */
const SHORT_WALK = 8;

/**
 * The nearest scope at or above `start`. The nodes between are remembered: every identifier of a
 * generated condition thousands of levels deep finds its scope in a few steps, not thousands.
 */
function scopeAtOrAbove(start: ts.Node | undefined): ts.Node | undefined {
  // Most nodes are a few levels below their scope: found without remembering anything (each
  // remembered node is a weak map entry the garbage collector has to trace).
  let node = start;
  for (let steps = 0; node && steps < SHORT_WALK; steps++, node = node.parent) if (isScope(node)) return node;
  const walked: ts.Node[] = [];
  let scope: ts.Node | null = null;
  for (; node; node = node.parent) {
    if (isScope(node)) {
      scope = node;
      break;
    }
    const known = nearestScopes.get(node);
    if (known !== undefined) {
      scope = known;
      break;
    }
    checkBudget();
    walked.push(node);
  }
  for (const node of walked) nearestScopes.set(node, scope);
  return scope ?? undefined;
}

/** The declaration of a name at the top level of a file (a name another module may import). */
export function topLevelDeclaration(sf: ts.SourceFile, name: string): Declaration | undefined {
  return scopeTable(sf).get(name);
}

/** Whether a node of each kind opens a scope (every test below depends on the kind alone). */
const scopeKinds: Array<boolean | undefined> = [];

function isScope(node: ts.Node): boolean {
  // Called for every ancestor of every identifier looked up: one array read per node.
  return (scopeKinds[node.kind] ??= isScopeKind(node));
}

function isScopeKind(node: ts.Node): boolean {
  return (
    ts.isSourceFile(node) ||
    ts.isBlock(node) ||
    ts.isModuleBlock(node) ||
    ts.isCaseBlock(node) ||
    ts.isFunctionLike(node) ||
    ts.isForStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isCatchClause(node) ||
    ts.isClassExpression(node)
  );
}

function scopeTable(scope: ts.Node): Map<string, Declaration> {
  let table = scopeTables.get(scope);
  if (table) return table;
  table = new Map();
  const t = table;
  const add = (name: string, decl: Declaration) => {
    if (!t.has(name)) t.set(name, decl);
  };
  const addBinding = (name: ts.BindingName, decl: ts.VariableDeclaration | ts.ParameterDeclaration) => {
    if (ts.isIdentifier(name)) add(name.text, decl);
    else addPattern(name);
  };
  const addPattern = (pattern: ts.BindingPattern) => {
    for (const element of pattern.elements) {
      if (ts.isOmittedExpression(element)) continue;
      if (ts.isIdentifier(element.name)) add(element.name.text, element);
      else addPattern(element.name);
    }
  };
  const addStatements = (statements: readonly ts.Statement[]) => {
    for (const statement of statements) {
      if (ts.isVariableStatement(statement)) {
        for (const decl of statement.declarationList.declarations) addBinding(decl.name, decl);
      } else if (ts.isFunctionDeclaration(statement) && statement.name) {
        add(statement.name.text, statement);
      } else if (ts.isClassDeclaration(statement) && statement.name) {
        add(statement.name.text, statement);
      } else if (ts.isEnumDeclaration(statement)) {
        add(statement.name.text, statement);
      } else if (ts.isImportDeclaration(statement) && statement.importClause) {
        const clause = statement.importClause;
        if (clause.name) add(clause.name.text, clause);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) add(bindings.name.text, bindings);
        else if (bindings) for (const element of bindings.elements) add(element.name.text, element);
      } else if (ts.isImportEqualsDeclaration(statement)) {
        add(statement.name.text, statement);
      } else if (ts.isLabeledStatement(statement)) {
        addStatements([statement.statement]);
      }
    }
  };

  if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)) {
    addStatements(scope.statements);
  } else if (ts.isCaseBlock(scope)) {
    for (const clause of scope.clauses) addStatements(clause.statements);
  } else if (ts.isFunctionLike(scope)) {
    for (const param of scope.parameters) addBinding(param.name, param);
    if ((ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name) add(scope.name.text, scope);
    const body = (scope as ts.FunctionLikeDeclaration).body;
    if (body && ts.isBlock(body)) {
      // Function bodies are their own Block scope; nothing more to add here.
    }
  } else if (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) {
    const init = scope.initializer;
    if (init && ts.isVariableDeclarationList(init)) for (const decl of init.declarations) addBinding(decl.name, decl);
  } else if (ts.isCatchClause(scope)) {
    const decl = scope.variableDeclaration;
    if (decl) addBinding(decl.name, decl);
  } else if (ts.isClassExpression(scope) && scope.name) {
    add(scope.name.text, scope);
  }
  scopeTables.set(scope, table);
  return table;
}

export function isConstDeclaration(decl: ts.VariableDeclaration): boolean {
  const list = decl.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
}

/** The variable declaration a binding element ultimately belongs to, with the property path. */
export function bindingPath(
  element: ts.BindingElement,
): { root: ts.VariableDeclaration | ts.ParameterDeclaration; path: Array<string | number> } | undefined {
  const path: Array<string | number> = [];
  let node: ts.Node = element;
  while (ts.isBindingElement(node)) {
    const pattern: ts.BindingPattern = node.parent;
    if (ts.isObjectBindingPattern(pattern)) {
      if (node.dotDotDotToken) return undefined;
      const prop = node.propertyName;
      const key = prop
        ? ts.isIdentifier(prop) || ts.isStringLiteral(prop) || ts.isNumericLiteral(prop)
          ? prop.text
          : undefined
        : ts.isIdentifier(node.name)
          ? node.name.text
          : undefined;
      if (key === undefined) return undefined;
      path.unshift(key);
    } else {
      if (node.dotDotDotToken) return undefined;
      path.unshift(pattern.elements.indexOf(node));
    }
    node = pattern.parent;
  }
  if (ts.isVariableDeclaration(node) || ts.isParameter(node)) return { root: node, path };
  return undefined;
}

/** An identifier that names a global: nothing in the file declares it and no import binds it. */
export function isGlobal(node: ts.Expression, name: string): boolean {
  const e = skipOuter(node);
  return ts.isIdentifier(e) && e.text === name && !findDeclaration(e);
}

/** Strip syntax that does not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
export function skipOuter(node: ts.Expression): ts.Expression {
  for (;;) {
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isTypeAssertionExpression(node)
    ) {
      node = node.expression;
    } else {
      return node;
    }
  }
}

/** The nearest class whose `this` an expression at `node` sees (arrow functions keep `this`). */
export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  let current: ts.Node | undefined = node.parent;
  while (current) {
    if (ts.isClassLike(current)) return current;
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
    current = current.parent;
  }
  return undefined;
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const e = skipOuter(name.expression);
    if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e)) return e.text;
  }
  return undefined;
}

/**
 * A function's own name, or the name of the variable it is assigned to (`const isOrder = (x) => …`,
 * also through parentheses, `as` and `satisfies`).
 */
export function functionName(fn: ts.FunctionLikeDeclaration): string | undefined {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  let parent = fn.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) parent = parent.parent;
  return ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
}

/** The `this.<name> = <value>` statements directly in a constructor's body, in order. */
export function constructorFieldAssignments(
  ctor: ts.ConstructorDeclaration | undefined,
): Array<{ statement: ts.Statement; name: string; value: ts.Expression }> {
  const out: Array<{ statement: ts.Statement; name: string; value: ts.Expression }> = [];
  for (const statement of ctor?.body?.statements ?? []) {
    if (!ts.isExpressionStatement(statement)) continue;
    const e = statement.expression;
    if (
      ts.isBinaryExpression(e) &&
      e.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(e.left) &&
      e.left.expression.kind === ts.SyntaxKind.ThisKeyword
    ) {
      out.push({ statement, name: e.left.name.text, value: e.right });
    }
  }
  return out;
}
