import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../core/meta';

/**
 * What package.json contributes and what the client uses must agree: command ids, the view and
 * the context key states its welcome content is keyed on, the icons and snippet files. VS Code
 * reports none of these mismatches; it just shows nothing.
 */

const ROOT = packageRoot();
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const clientSource = (file: string) => fs.readFileSync(path.join(ROOT, 'client', 'src', file), 'utf8');

/** The shared protocol's client commands, from its compiled module (tests run from `server/lib`). */
function clientCommands(): Record<string, string> {
  return (require(path.join(ROOT, 'shared', 'lib', 'protocol.js')) as { ClientCommands: Record<string, string> }).ClientCommands;
}

describe('package.json contributions', () => {
  it('contributes every command the client registers, each in the Serverless Guard category', () => {
    // The client's own commands, plus the ones the server's code actions run (shared protocol).
    const ids = [
      ...[...clientSource('commandIds.ts').matchAll(/^\s+\w+: '(slsguard\.[\w.]+)',$/gm)].map((m) => m[1]),
      ...Object.values(clientCommands()),
    ];
    assert.ok(ids.includes('slsguard.refreshChecklist'));
    const contributed = contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual([...ids].sort(), [...contributed].sort());
    for (const c of contributes.commands) assert.equal(c.category, 'Serverless Guard', c.command);
  });

  it('puts Scan Workspace and Refresh in the checklist view title, and the guide on its items', () => {
    const title = contributes.menus['view/title'].map((m: { command: string; when: string }) => `${m.command} ${m.when}`);
    assert.deepEqual(title, ['slsguard.scanWorkspace view == slsguard.checklist', 'slsguard.refreshChecklist view == slsguard.checklist']);
    const withIcon = new Set(contributes.commands.filter((c: { icon?: string }) => c.icon).map((c: { command: string }) => c.command));
    for (const m of [...contributes.menus['view/title'], ...contributes.menus['view/item/context']]) {
      assert.ok(withIcon.has(m.command), `${m.command} appears in a view menu and needs an icon`);
    }
    const contextValues = /contextValue = `item\.\$\{/.test(clientSource('checklistView.ts'));
    assert.ok(contextValues, 'tree items carry the item.* context value the menus match');
  });

  it('has the activity bar container and the checklist view the client creates, with icons that exist', () => {
    const [container] = contributes.viewsContainers.activitybar;
    assert.equal(container.id, 'slsguard');
    assert.deepEqual(
      contributes.views.slsguard.map((v: { id: string; name: string }) => [v.id, v.name]),
      [['slsguard.checklist', 'Security Checklist']],
    );
    assert.match(clientSource('checklistView.ts'), /export const CHECKLIST_VIEW = 'slsguard\.checklist';/);
    for (const icon of [container.icon, 'media/checklist-light.svg', 'media/checklist-dark.svg']) {
      const svg = fs.readFileSync(path.join(ROOT, icon), 'utf8');
      assert.match(svg, /^<svg [^>]*viewBox="0 0 (16 16|24 24)"/, icon);
      assert.doesNotMatch(svg, /<(image|script|text)\b/, `${icon} is plain monochrome vector paths`);
      const colors = new Set([...svg.matchAll(/(?:stroke|fill)="([^"]+)"/g)].map((m) => m[1]).filter((c) => c !== 'none'));
      assert.ok(colors.size <= 1, `${icon} is monochrome: ${[...colors].join(', ')}`);
    }
  });

  it('keys the welcome content on the states the view sets', () => {
    const union = /type ViewState = ([^;]+);/.exec(clientSource('checklistView.ts'))?.[1] ?? '';
    const states = [...union.matchAll(/'(\w+)'/g)].map((m) => m[1]);
    assert.deepEqual(states.sort(), ['disabled', 'loading', 'noCdk', 'ready', 'unavailable']);
    const welcomed = contributes.viewsWelcome.flatMap((w: { when: string }) =>
      [...w.when.matchAll(/slsguard\.checklist\.state == (\w+)/g)].map((m) => m[1]),
    );
    assert.deepEqual(welcomed.sort(), states.filter((s) => s !== 'ready').sort());
    const noCdk = contributes.viewsWelcome.find((w: { when: string }) => w.when.includes('noCdk'));
    assert.match(noCdk.contents, /\[Scan Workspace\]\(command:slsguard\.scanWorkspace\)/);
  });

  it('contributes the snippet files for TypeScript, TSX, JavaScript and Python', () => {
    assert.deepEqual(
      contributes.snippets.map((s: { language: string; path: string }) => `${s.language} ${s.path}`),
      [
        'typescript ./snippets/typescript.json',
        'typescriptreact ./snippets/typescript.json',
        'javascript ./snippets/javascript.json',
        'python ./snippets/python.json',
      ],
    );
    for (const s of contributes.snippets) assert.ok(fs.existsSync(path.join(ROOT, s.path)), s.path);
  });
});
