import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { Engine } from '../core/engine';
import { applyEdits } from '../core/fixes/edits';
import { packageRoot } from '../core/meta';
import { MemoryHost } from '../core/model/memoryHost';
import { allRules } from '../core/rules/registry';
import type { Rule } from '../core/rules/rule';
import type { Finding } from '../core/types';

/**
 * The fix type-check harness: every fix a rule offers on realistic fixture files is applied,
 * every result is type-checked against the real `aws-cdk-lib`, `constructs` and
 * `@types/aws-lambda` typings in ONE TypeScript program (the CDK typings are slow to load:
 * batch everything), and each result is scanned again: the fixed finding must be gone and no
 * finding may appear that was not there before.
 *
 * To cover a rule's fixes, add a row to the table in `fixTypecheck.test.ts`: the rule and its
 * fixture files under `test/fixtures/fixes/`.
 */

export const FIXTURES = path.join(packageRoot(), 'server', 'src', 'test', 'fixtures', 'fixes');

export interface FixCase {
  rule: Rule;
  /** Paths under `test/fixtures/fixes/`. Each is its own one-file project. */
  fixtures: string[];
}

export interface FixVariant {
  /** `<rule> <fixture> finding <n> fix <k>: <title>` */
  name: string;
  ruleId: string;
  fixture: string;
  finding: Finding;
  /** Virtual path of the fixed file (beside the package, so `node_modules` resolves). */
  file: string;
  text: string;
  /** Virtual path and text of the fixture as it was. */
  original: { file: string; text: string };
}

/** Everything under one virtual directory next to `node_modules`; nothing is written to disk. */
const VIRTUAL_ROOT = path.join(packageRoot(), '.fix-typecheck').replace(/\\/g, '/');

function rulesWith(rule: Rule): Rule[] {
  return allRules.includes(rule) ? allRules : [...allRules, rule];
}

/** Findings of every rule (and the case's rule) on one file. */
export function scan(rules: Rule[], file: string, text: string): Finding[] {
  const host = new MemoryHost({ [file]: text });
  const engine = new Engine({ host, rules, logger: (m) => { throw new Error(m); } });
  engine.setFiles([file]);
  engine.analyzeFile(file);
  const findings = engine.findings(file);
  engine.dispose();
  return findings;
}

/** Every fix of every finding of each case's rule on each of its fixtures, applied. */
export function collectVariants(cases: FixCase[]): { variants: FixVariant[]; originals: Map<string, string>; problems: string[] } {
  const variants: FixVariant[] = [];
  const originals = new Map<string, string>();
  const problems: string[] = [];
  cases.forEach((c, caseIndex) => {
    for (const fixture of c.fixtures) {
      const text = fs.readFileSync(path.join(FIXTURES, fixture), 'utf8');
      const file = `${VIRTUAL_ROOT}/${caseIndex}/original/${fixture}`;
      originals.set(file, text);
      const own = scan(rulesWith(c.rule), file, text).filter((f) => f.ruleId === c.rule.meta.id);
      if (!own.some((f) => f.fixes.length)) problems.push(`${c.rule.meta.id}: ${fixture} has no finding with a fix`);
      own.forEach((finding, i) => {
        finding.fixes.forEach((fix, k) => {
          const name = `${c.rule.meta.id} ${fixture} finding ${i + 1} fix ${k + 1}: ${fix.title}`;
          if (fix.edits.some((e) => e.file !== file)) {
            problems.push(`${name}: edits another file (fixtures are one-file projects)`);
            return;
          }
          variants.push({
            name,
            ruleId: c.rule.meta.id,
            fixture,
            finding,
            file: `${VIRTUAL_ROOT}/${caseIndex}/f${i + 1}x${k + 1}/${fixture}`,
            text: applyEdits(text, fix.edits),
            original: { file, text },
          });
        });
      });
    }
  });
  return { variants, originals, problems };
}

/**
 * The minimal typings of `@aws-sdk/client-secrets-manager` the handler fixes use (only when the
 * package is not installed), shaped as the SDK v3 declares them.
 */
export const SECRETS_MANAGER_AMBIENT = `declare module '@aws-sdk/client-secrets-manager' {
  export interface SecretsManagerClientConfig { region?: string }
  export interface GetSecretValueCommandInput { SecretId: string | undefined; VersionId?: string; VersionStage?: string }
  export interface GetSecretValueCommandOutput { ARN?: string; Name?: string; SecretString?: string; SecretBinary?: Uint8Array }
  export class GetSecretValueCommand {
    constructor(input: GetSecretValueCommandInput);
    readonly input: GetSecretValueCommandInput;
  }
  export class SecretsManagerClient {
    constructor(config: SecretsManagerClientConfig);
    send(command: GetSecretValueCommand): Promise<GetSecretValueCommandOutput>;
  }
}
`;

export const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  strict: true,
  allowJs: true,
  checkJs: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
};

/** Type errors of each virtual file, from one program over all of them. */
export function typecheck(files: Map<string, string>): Map<string, string[]> {
  const all = new Map(files);
  const ambient = `${VIRTUAL_ROOT}/ambient/client-secrets-manager.d.ts`;
  if (!fs.existsSync(path.join(packageRoot(), 'node_modules', '@aws-sdk', 'client-secrets-manager'))) all.set(ambient, SECRETS_MANAGER_AMBIENT);
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = all.get(name.replace(/\\/g, '/'));
    return text !== undefined ? ts.createSourceFile(name, text, language) : getSourceFile.call(host, name, language, ...rest);
  };
  host.fileExists = (name) => all.has(name.replace(/\\/g, '/')) || fileExists.call(host, name);
  host.readFile = (name) => all.get(name.replace(/\\/g, '/')) ?? readFile.call(host, name);
  const program = ts.createProgram([...all.keys()], COMPILER_OPTIONS, host);
  const out = new Map<string, string[]>();
  for (const file of files.keys()) {
    const sf = program.getSourceFile(file);
    if (!sf) {
      out.set(file, ['not in the program']);
      continue;
    }
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    out.set(
      file,
      diagnostics.map((d) => {
        const { line, character } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  }
  // Global diagnostics (a bad option, a missing lib) would hide behind every file: report them too.
  const global = program.getGlobalDiagnostics().map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (global.length) out.set('(global)', global);
  return out;
}

/** `ruleId|message` → how many: findings compared across an edit, whatever their position. */
export function findingCounts(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(`${f.ruleId}|${f.message}`, (counts.get(`${f.ruleId}|${f.message}`) ?? 0) + 1);
  return counts;
}

/** What is wrong with a variant after a re-scan: the finding is still there, or a new one appeared. */
export function rescanProblems(variant: FixVariant, rule: Rule): string[] {
  const rules = rulesWith(rule);
  const before = findingCounts(scan(rules, variant.original.file, variant.original.text));
  const after = findingCounts(scan(rules, variant.file, variant.text));
  const problems: string[] = [];
  const fixedKey = `${variant.finding.ruleId}|${variant.finding.message}`;
  if ((after.get(fixedKey) ?? 0) >= (before.get(fixedKey) ?? 0)) problems.push(`the finding is still reported: ${variant.finding.message}`);
  for (const [key, n] of after) {
    if (n > (before.get(key) ?? 0)) problems.push(`new finding: ${key}`);
  }
  return problems;
}
