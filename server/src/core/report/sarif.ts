import * as fs from 'node:fs';
import type * as Sarif from 'sarif';
import { pathToFileURL } from 'node:url';
import type { Rule } from '../rule';
import { PRODUCT_NAME, productVersion, REPOSITORY_URL, ruleDocPath, ruleDocUrl } from '../meta';
import { compareFindings, Finding, Severity, Suppression } from '../types';
import { fingerprints } from '../baseline/fingerprint';
import { isIncomplete, relativePath, ScanReport } from './report';
import { jsonText } from './terminal';

export const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning reads `security-severity` (0–10) to rank security alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one run, every rule with its metadata and
 * help text, results with 1-based regions relative to `%SRCROOT%`.
 */
export function toSarif(report: ScanReport, rules: Rule[]): Sarif.Log {
  // Suppressed findings are results too, with `suppressions` (GitHub shows them as dismissed).
  const all = [...report.findings, ...(report.suppressed ?? [])].sort(compareFindings);
  const used = new Set(all.map((f) => f.ruleId));
  // Every rule is described, so a clean run still documents the checks that ran.
  const described = rules.map((r) => r.meta.id);
  for (const id of used) if (!described.includes(id)) described.push(id);
  const ruleIndex = new Map(described.map((id, i) => [id, i]));
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const driverRules: Sarif.ReportingDescriptor[] = described.map((id) => {
    const rule = byId.get(id);
    if (!rule) {
      return { id, shortDescription: { text: id }, defaultConfiguration: { level: 'note' } };
    }
    const m = rule.meta;
    return {
      id,
      name: m.title
        .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))
        .replace(/^./, (c) => c.toUpperCase()),
      shortDescription: { text: m.title },
      fullDescription: { text: m.description },
      helpUri: ruleDocUrl(id),
      help: helpFor(id, m.description),
      defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
      properties: {
        tags: ['security', m.category, ...m.cwe.map((c) => `external/cwe/${c.toLowerCase()}`), ...cdkNagTags(m)],
        precision: 'high',
        'problem.severity': m.defaultSeverity === 'info' ? 'recommendation' : m.defaultSeverity,
        'security-severity': SECURITY_SEVERITY[m.defaultSeverity],
        ...(m.cdkNag?.length ? { 'cdk-nag': m.cdkNag } : {}),
      },
    };
  });
  // Without the texts (a report built from other reports), the message stands in for them.
  const prints = report.fingerprints ?? fingerprints(all, report.cwd, () => undefined);
  const results: Sarif.Result[] = all.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(report, f.file, f.range)],
    ...(f.related.length
      ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, ...location(report, r.file, r.range), message: { text: r.message } })) }
      : {}),
    partialFingerprints: { primaryLocationLineHash: prints.get(f)! },
    ...(f.suppressed ? { suppressions: [suppression(report, f.suppressed)] } : {}),
    properties: { 'security-severity': SECURITY_SEVERITY[f.severity], fixable: f.fixes.length > 0, messageId: f.messageId },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: PRODUCT_NAME,
            informationUri: REPOSITORY_URL,
            semanticVersion: productVersion(),
            version: productVersion(),
            rules: driverRules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(report.cwd.endsWith('/') ? report.cwd : `${report.cwd}/`).toString() } },
        columnKind: 'utf16CodeUnits',
        ...(report.problems?.length ? { invocations: [invocation(report)] } : {}),
        results,
        ...(report.runProperties ? { properties: report.runProperties } : {}),
      },
    ],
  };
}

export function formatSarif(report: ScanReport, rules: Rule[]): string {
  return jsonText(toSarif(report, rules));
}

function location(report: ScanReport, file: string, range: Finding['range']): Sarif.Location {
  return {
    physicalLocation: {
      artifactLocation: artifact(report, file),
      region: {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
      },
    },
  };
}

/**
 * The files the run skipped or analysed only in part, as notifications of its one invocation: an
 * incomplete file is an error (the run did not succeed), a skipped one a warning.
 */
function invocation(report: ScanReport): Sarif.Invocation {
  const problems = report.problems ?? [];
  return {
    executionSuccessful: !isIncomplete(problems),
    toolExecutionNotifications: problems.map((p) => ({
      level: p.kind === 'incomplete' ? 'error' : 'warning',
      descriptor: { id: p.kind === 'incomplete' ? 'analysis-incomplete' : 'file-skipped' },
      message: { text: `${p.kind === 'incomplete' ? 'Analysis incomplete' : 'Skipped'}: ${p.reason}` },
      ...(p.file ? { locations: [{ physicalLocation: { artifactLocation: artifact(report, p.file) } }] } : {}),
    })),
  };
}

function artifact(report: ScanReport, file: string): Sarif.ArtifactLocation {
  // Segment by segment: `encodeURI` leaves `#` and `?`, which would cut the path short.
  return { uri: relativePath(report.cwd, file).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function suppression(report: ScanReport, s: Suppression): Sarif.Suppression {
  return {
    // A cdk-nag suppression is another tool's: SARIF's `external` (GitHub shows it as dismissed too).
    kind: s.kind === 'cdk-nag' ? 'external' : 'inSource',
    ...(s.reason ? { justification: s.reason } : {}),
    location: location(report, s.location.file, s.location.range),
  };
}

function helpFor(ruleId: string, description: string): Sarif.MultiformatMessageString {
  const doc = ruleDocPath(ruleId);
  if (doc) {
    try {
      // The first line of a page is a note for the people who edit it (scripts/rule-docs.mjs).
      const markdown = fs.readFileSync(doc, 'utf8').replace(/^<!--[^\n]*-->\r?\n/, '');
      return { text: markdown.replace(/[`*_#>]/g, ''), markdown };
    } catch {
      // fall through
    }
  }
  return { text: description, markdown: description };
}

/** The cdk-nag rules a rule corresponds to (`AwsSolutions-S1`), when its metadata names them. */
function cdkNagTags(meta: Rule['meta']): string[] {
  const ids = (meta as { cdkNag?: unknown }).cdkNag;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string').map((id) => `external/cdk-nag/${id}`) : [];
}
