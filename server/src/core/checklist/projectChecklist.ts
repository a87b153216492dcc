import * as path from 'node:path';
import type { Engine } from '../engine/engine';
import { compareFindings, Finding, Location } from '../types';
import { CHECKLIST, CHECKLIST_GROUPS, ChecklistGroupId, ChecklistItemDef, Condition } from './items';
import type { FileInventory, InventoryEntry } from './inventory';
import { ManualChecks, readManualChecks } from './manual';

/**
 * The checklist judged against a project: each analysable item passed, failed or not
 * applicable, each manual item checked or not. Computed from per-file results the engine has
 * cached (findings and inventories), so it costs no analysis of its own.
 */

/** `accepted`: failed by the analysis, accepted by the team with a reason (`.slsguard/checklist.json`). */
export type ChecklistState = 'passed' | 'failed' | 'accepted' | 'not-applicable' | 'checked' | 'unchecked';

export interface ChecklistItemResult {
  id: string;
  group: ChecklistGroupId;
  title: string;
  tooltip: string;
  guideSection: string;
  rules: string[];
  manual: boolean;
  state: ChecklistState;
  /** One line on the state: "2 findings", "not applicable: no API in the project", … */
  detail: string;
  /** Findings of the item's rules (a failed item's evidence). */
  findings: Finding[];
  /** The required construct that the project lacks. */
  missing?: string;
  /** Where the required construct is defined (a passed item's evidence). */
  found: Location[];
  /** Why the team accepts the item (state `accepted`). */
  acceptedReason?: string;
}

export interface ChecklistGroupResult {
  id: ChecklistGroupId;
  title: string;
  /** Passed, accepted and checked items. */
  done: number;
  /** Items that apply. */
  total: number;
  items: ChecklistItemResult[];
}

export interface Checklist {
  done: number;
  total: number;
  /** The project has AWS CDK code (a `cdk.json` or `aws-cdk-lib` imports). */
  hasCdk: boolean;
  /** `.slsguard/checklist.json` could not be read: manual items show unchecked. */
  manualError?: string;
  groups: ChecklistGroupResult[];
}

export interface ChecklistInput {
  /** Every construct of every file, with its file. */
  entries: Array<InventoryEntry & { file: string }>;
  /** Every finding of the project (any rule). */
  findings: Finding[];
  manual: ManualChecks;
  hasCdk: boolean;
}

export function judgeChecklist(input: ChecklistInput): Checklist {
  const findingsByRule = new Map<string, Finding[]>();
  for (const f of input.findings) {
    let list = findingsByRule.get(f.ruleId);
    if (!list) findingsByRule.set(f.ruleId, (list = []));
    list.push(f);
  }
  const matching = (c: Condition) => input.entries.filter((e) => e.kind === c.kind && (!c.trait || e.traits?.includes(c.trait)));
  const judge = (def: ChecklistItemDef): ChecklistItemResult => {
    const base = {
      id: def.id,
      group: def.group,
      title: def.title,
      tooltip: def.tooltip,
      guideSection: def.guideSection,
      rules: [...def.rules, ...(def.failsOn ?? [])],
      manual: def.manual,
      findings: [] as Finding[],
      found: [] as Location[],
    };
    const findingsOf = (rules: string[]) => rules.flatMap((id) => findingsByRule.get(id) ?? []).sort(compareFindings);
    if (def.manual) {
      // A finding that shows the item is not done fails it, ticked or not (unless accepted).
      const findings = findingsOf(def.failsOn ?? []);
      const reason = findings.length ? input.manual.accepted?.[def.id] : undefined;
      if (findings.length) {
        const detail = plural(findings.length, 'finding');
        return reason
          ? { ...base, findings, acceptedReason: reason, state: 'accepted', detail: `accepted: ${reason} (${detail})` }
          : { ...base, findings, state: 'failed', detail };
      }
      const checked = input.manual.checked[def.id] === true;
      return { ...base, state: checked ? 'checked' : 'unchecked', detail: checked ? 'checked by hand' : 'check by hand' };
    }
    if (def.appliesWhen && !def.appliesWhen.any.some((c) => matching(c).length > 0)) {
      return { ...base, state: 'not-applicable', detail: `not applicable: ${def.appliesWhen.otherwise}` };
    }
    const findings = findingsOf(def.rules);
    const meeting = def.requires ? matching(def.requires) : [];
    const found = meeting.flatMap((e) => (e.range ? [{ file: e.file, range: e.range }] : []));
    const missing = def.requires && meeting.length === 0 ? def.requires.missing : undefined;
    const problems = [missing, findings.length ? plural(findings.length, 'finding') : undefined].filter(Boolean);
    const reason = problems.length ? input.manual.accepted?.[def.id] : undefined;
    return {
      ...base,
      findings,
      found,
      ...(missing ? { missing } : {}),
      ...(reason ? { acceptedReason: reason } : {}),
      state: reason ? 'accepted' : problems.length ? 'failed' : 'passed',
      detail: reason ? `accepted: ${reason} (${problems.join('; ')})` : problems.length ? problems.join('; ') : 'passed',
    };
  };
  const items = CHECKLIST.map(judge);
  const groups = CHECKLIST_GROUPS.map((g) => {
    const own = items.filter((i) => i.group === g.id);
    return { id: g.id, title: g.title, ...count(own), items: own };
  });
  return { ...count(items), hasCdk: input.hasCdk, ...(input.manual.error ? { manualError: input.manual.error } : {}), groups };
}

function count(items: ChecklistItemResult[]): { done: number; total: number } {
  return {
    done: items.filter((i) => i.state === 'passed' || i.state === 'checked' || i.state === 'accepted').length,
    total: items.filter((i) => i.state !== 'not-applicable').length,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The checklist of a project root whose files the engine has analysed: their cached findings
 * (the project pass included) and inventories, with the root's manual checks. Analyse the
 * files first; nothing here parses.
 */
export function checklistOf(engine: Engine, root: string, files: string[]): Checklist {
  const entries: ChecklistInput['entries'] = [];
  const findings: Finding[] = [];
  let cdkImports = false;
  for (const file of files) {
    const result = engine.cachedResult(file);
    if (!result) continue;
    // Recorded by `collectInventory`, which whoever builds the engine passes it (EngineOptions).
    const inventory = result.inventory as FileInventory | undefined;
    if (inventory?.cdk) cdkImports = true;
    for (const entry of inventory?.entries ?? []) entries.push({ ...entry, file: result.file });
    findings.push(...engine.findings(file));
  }
  const hasCdk = cdkImports || engine.host.fileExists(path.join(root, 'cdk.json'));
  return judgeChecklist({ entries, findings, manual: readManualChecks(root), hasCdk });
}
