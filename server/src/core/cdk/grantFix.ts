import * as ts from 'typescript';
import { someNode } from '../model/walk';
import { LAMBDA_L2_FUNCTIONS } from './constructs';
import { chooseGrant, expandWildcard, GrantChoice } from './grants';
import { isNewOf, Statement } from './policy';
import type { RuleContext } from '../rule';
import {
  constructorFieldAssignments,
  findDeclaration,
  isConstDeclaration,
  enclosingClass,
  propertyNameText,
  skipOuter,
} from '../model/scope';
import { asString, fqnIs, instanceFqn, propValue, Value } from '../model/values';
import {
  enclosingStatement,
  indentOf,
  eol,
  insertStatementAfter,
  quote,
  quoteOf,
  removeListElement,
  removeStatement,
  replaceNode,
} from '../fixes/edits';
import type { Fix, TextEdit } from '../types';

/**
 * The headline fix: a hand-written policy statement becomes the grant method CDK already has
 * for that resource (`table.grantReadWriteData(fn)`), one fix per matching resource in scope.
 * When no resource construct is in scope, the wildcard becomes the explicit action list of the
 * grant instead.
 */

interface Attachment {
  /** The code the grant is called with: `fn`, `this.handler`, `role`. */
  grantee: string;
  /** Edits that take the statement out of where it is now. */
  removal: TextEdit[];
  /** Where the grant call goes: replacing a statement, or after one. */
  place: { replace: ts.Statement } | { after: ts.Statement };
  /** Position that resources must be declared before. */
  anchor: ts.Node;
}

export interface ScopedConstruct {
  /** How to refer to it at the anchor: `table`, `this.table`. */
  text: string;
  fqn: string;
}

export function grantFixes(ctx: RuleContext, statement: Statement): Fix[] {
  const choice = statementGrant(statement);
  if (!choice) return [];
  const attachment = findAttachment(ctx, statement);
  if (!attachment) return [];
  const resources = constructsInScope(ctx, attachment.anchor, choice.grants.classes).filter(
    (r) =>
      // A function never needs a grant on itself (`lambda:*` attached to `fn` is not `fn.grantInvoke(fn)`).
      r.text !== attachment.grantee &&
      statement.resources.every((e) => isStar(e.value) || isArnOf(e.value, r.text, choice.grants.arnAttributes)),
  );
  return resources.map((resource) => {
    const calls = choice.methods.map((m) => `${resource.text}.${m}(${attachment.grantee});`);
    const edits: TextEdit[] = [...attachment.removal];
    if ('replace' in attachment.place) {
      const stmt = attachment.place.replace;
      edits.push(replaceNode(ctx.file, stmt, calls.join(`${eol(ctx.file)}${indentOf(ctx.file, stmt)}`)));
    } else {
      const after = attachment.place.after;
      edits.push(insertStatementAfter(ctx.file, after, calls.join(`${eol(ctx.file)}${indentOf(ctx.file, after)}`)));
    }
    return {
      title: `Replace the policy statement with ${calls.map((c) => c.replace(/;$/, '')).join(' and ')}`,
      edits,
      isPreferred: false,
      note: `Grants ${choice.actions.length} specific ${choice.grants.label} actions on this resource only.`,
    };
  });
}

/** The grant that gives what this statement asks for, if the statement can become one. */
export function statementGrant(statement: Statement): GrantChoice | undefined {
  if (statement.source !== 'l2' || statement.through || statement.effect !== 'Allow' || statement.inverted || statement.hasExtras)
    return undefined;
  if (!statement.actionsKnown || !statement.resourcesKnown || statement.mutations.length > 0) return undefined;
  const actions = statement.actions.map((a) => asString(a.value));
  if (actions.some((a) => a === undefined)) return undefined;
  return chooseGrant(actions as string[]);
}

/** Replace a wildcard action literal with the explicit actions it stands for. */
export function explicitActionFix(ctx: RuleContext, entry: { value: Value }): Fix | undefined {
  const value = entry.value;
  const action = asString(value);
  if (action === undefined || value.file !== ctx.file || !ts.isStringLiteralLike(value.node)) return undefined;
  const expanded = expandWildcard(action);
  if (!expanded) return undefined;
  const literal = value.node;
  const q = quoteOf(ctx.file, literal);
  const list = expanded.map((a) => quote(a, q)).join(', ');
  const parent = literal.parent;
  const inList = ts.isArrayLiteralExpression(parent) || (ts.isCallExpression(parent) && parent.arguments.includes(literal));
  return {
    title: `Replace ${quote(action, q)} with ${expanded.length} explicit action${expanded.length === 1 ? '' : 's'}`,
    edits: [replaceNode(ctx.file, literal, inList ? list : `[${list}]`)],
    isPreferred: false,
  };
}

function isStar(value: Value): boolean {
  return asString(value) === '*';
}

function isArnOf(value: Value, resourceText: string, attributes: string[]): boolean {
  const text = value.file.nodeText(value.node);
  return attributes.some((attr) => text === `${resourceText}.${attr}`);
}

function findAttachment(ctx: RuleContext, statement: Statement): Attachment | undefined {
  const node = statement.node as ts.NewExpression;
  // 1. `grantee.addToRolePolicy(stmt)` / `role.addToPolicy(stmt)` / `addToPrincipalPolicy`.
  for (const call of ctx.calls('addToRolePolicy', 'addToPolicy', 'addToPrincipalPolicy')) {
    if (!ts.isPropertyAccessExpression(call.expression) || call.arguments.length !== 1) continue;
    const arg = skipOuter(call.arguments[0]);
    const value = ctx.resolve(arg);
    if (value.kind !== 'new' || value.expr !== node) continue;
    const stmt = call.parent;
    if (!ts.isExpressionStatement(stmt)) return undefined;
    const removal: TextEdit[] = [];
    if (ts.isIdentifier(arg)) {
      const dropped = removeVariable(ctx, arg);
      if (!dropped) return undefined;
      removal.push(dropped);
    } else if (arg !== node) {
      return undefined;
    }
    const grantee = granteeText(ctx, call.expression);
    if (!grantee) return undefined;
    return { grantee, removal, place: { replace: stmt }, anchor: stmt };
  }
  // 2. `new lambda.Function(this, 'Fn', { initialPolicy: [stmt] })`.
  for (const fnExpr of ctx.newExpressions(...LAMBDA_L2_FUNCTIONS)) {
    const props = ctx.constructProps(fnExpr);
    const initial = propValue(props, 'initialPolicy');
    if (!initial || initial.kind !== 'array' || initial.file !== ctx.file || !ts.isArrayLiteralExpression(initial.node)) continue;
    const list = initial.node;
    const element = list.elements.find((el) => {
      const v = ctx.resolve(el);
      return v.kind === 'new' && v.expr === node;
    });
    if (!element) continue;
    // Only edit the function's own props literal: a shared array may feed other functions too.
    const property = list.parent;
    const propsArg = fnExpr.arguments?.[2];
    if (!ts.isPropertyAssignment(property) || !propsArg || property.parent !== skipOuter(propsArg)) return undefined;
    const grantee = boundName(ctx, fnExpr);
    const stmt = enclosingStatement(fnExpr);
    if (!grantee || !stmt) return undefined;
    const removal: TextEdit[] = [];
    const inner = skipOuter(element);
    if (ts.isIdentifier(inner)) {
      // `initialPolicy: [stmt]`: the declaration goes too when this is its only use.
      const dropped = removeVariable(ctx, inner);
      if (!dropped) return undefined;
      removal.push(dropped);
    } else if (inner !== node) {
      return undefined;
    }
    if (list.elements.length === 1) {
      removal.push(removeListElement(ctx.file, property.parent.properties, property));
    } else {
      removal.push(removeListElement(ctx.file, list.elements, element));
    }
    return { grantee, removal, place: { after: stmt }, anchor: stmt };
  }
  return undefined;
}

/**
 * What to pass to the grant method for `receiver.addToRolePolicy(...)`. `fn.role?.addToPrincipalPolicy`
 * becomes `fn` (a function grants to its role; `fn.role` may be undefined to the type checker);
 * any other optional chain has no grantee that type-checks.
 */
function granteeText(ctx: RuleContext, callee: ts.PropertyAccessExpression): string | undefined {
  const receiver = skipOuter(callee.expression);
  if (!callee.questionDotToken && !ts.isOptionalChain(receiver)) return ctx.file.nodeText(callee.expression);
  if (
    callee.questionDotToken &&
    ts.isPropertyAccessExpression(receiver) &&
    receiver.name.text === 'role' &&
    !ts.isOptionalChain(receiver)
  ) {
    return ctx.file.nodeText(receiver.expression);
  }
  return undefined;
}

/**
 * The edit that drops `const stmt = new iam.PolicyStatement(...)` once its one use is replaced;
 * `undefined` when the variable is used elsewhere too (the fix would break that use).
 */
function removeVariable(ctx: RuleContext, id: ts.Identifier): TextEdit | undefined {
  const decl = findDeclaration(id);
  if (!decl || !ts.isVariableDeclaration(decl) || !isConstDeclaration(decl)) return undefined;
  if (references(ctx.sf, decl, id.text) !== 1) return undefined;
  const list = decl.parent as ts.VariableDeclarationList;
  const variableStatement = list.parent;
  if (list.declarations.length === 1 && ts.isVariableStatement(variableStatement)) return removeStatement(ctx.file, variableStatement);
  return removeListElement(ctx.file, list.declarations, decl);
}

/** The name a construct is bound to: `const fn = new …` → `fn`; `this.fn = new …` → `this.fn`. */
export function boundName(ctx: RuleContext, expr: ts.NewExpression): string | undefined {
  const parent = expr.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === expr) {
    return ctx.file.nodeText(parent.left);
  }
  if (ts.isPropertyDeclaration(parent) && parent.initializer === expr) {
    const name = propertyNameText(parent.name);
    return name ? `this.${name}` : undefined;
  }
  return undefined;
}

function references(sf: ts.SourceFile, decl: ts.Node, name: string): number {
  let count = 0;
  someNode(sf, (n) => {
    if (ts.isIdentifier(n) && n.text === name && n.parent !== decl && findDeclaration(n) === decl) {
      // Skip property names (`x.name`, `{ name: … }`).
      const p = n.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n);
      if (!isPropertyName) count++;
    }
  });
  return count;
}

/**
 * Constructs of the given classes that code at `anchor` can name: `const` and `let` bindings
 * declared before it in enclosing blocks, and fields of the enclosing class (`this.table`).
 */
export function constructsInScope(ctx: RuleContext, anchor: ts.Node, classes: string[]): ScopedConstruct[] {
  const out: ScopedConstruct[] = [];
  const seen = new Set<string>();
  const add = (text: string, value: Value) => {
    const fqn = instanceFqn(value);
    if (!fqn || !fqnIs(fqn, ...classes) || seen.has(text)) return;
    seen.add(text);
    out.push({ text, fqn });
  };
  let node: ts.Node | undefined = anchor;
  while (node) {
    const parent: ts.Node | undefined = node.parent;
    if (parent && (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent))) {
      for (const statement of parent.statements) {
        if (statement.pos >= anchor.pos) break;
        if (!ts.isVariableStatement(statement)) continue;
        for (const decl of statement.declarationList.declarations) {
          if (ts.isIdentifier(decl.name) && decl.initializer) add(decl.name.text, ctx.resolve(decl.initializer));
        }
      }
    }
    if (parent && ts.isFunctionLike(parent)) {
      for (const param of parent.parameters) {
        if (ts.isIdentifier(param.name)) add(param.name.text, ctx.resolve(param.name));
      }
    }
    node = parent;
  }
  const cls = enclosingClass(anchor);
  if (cls) {
    const ctor = cls.members.find(ts.isConstructorDeclaration);
    const anchorInCtor = !!ctor?.body && ctor.body.pos <= anchor.pos && anchor.end <= ctor.body.end;
    const assigned = new Set<string>();
    for (const { statement, name, value } of constructorFieldAssignments(ctor)) {
      assigned.add(name);
      // In the constructor, only fields assigned before the anchor exist yet.
      if (!anchorInCtor || statement.pos < anchor.pos) add(`this.${name}`, ctx.resolve(value));
    }
    for (const member of cls.members) {
      if (!ts.isPropertyDeclaration(member) || ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) continue;
      const name = propertyNameText(member.name);
      if (!name) continue;
      if (member.initializer) add(`this.${name}`, ctx.resolve(member.initializer));
      // A declared field the constructor assigns later is still undefined at the anchor.
      else if (!(anchorInCtor && assigned.has(name))) add(`this.${name}`, fieldValue(ctx, cls, name));
    }
  }
  return out;
}

function fieldValue(ctx: RuleContext, cls: ts.ClassLikeDeclaration, name: string): Value {
  const field = cls.members.find((m) => ts.isPropertyDeclaration(m) && propertyNameText(m.name) === name) as ts.PropertyDeclaration;
  const base = { node: field, file: ctx.file, trail: [{ file: ctx.file, node: field }] };
  const type = field.type;
  const fqn = type && ts.isTypeReferenceNode(type) ? ctx.resolver.fqnOfEntity(type.typeName, ctx.file) : undefined;
  return fqn ? { kind: 'typed', fqn, ...base } : { kind: 'unknown', ...base };
}

export { isNewOf };
