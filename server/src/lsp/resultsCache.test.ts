import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runScan } from '../cli/scan';
import { CACHE_FILE_NAME } from '../core/cache/resultsCache';
import { defaultConfig } from '../core/config';
import { makeProject } from '../test/lspClient';
import { OverlayHost } from './overlayHost';
import { hoverAt } from '../core/hover/hover';
import { pathToUri } from './uri';
import { WorkspaceEngines } from './workspace';

const stack = (n: number) => `import * as iam from 'aws-cdk-lib/aws-iam';
export const statement${n} = new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] });
`;

/**
 * The editor's start-up workspace scan reads the cache `slsguard scan --cache` wrote, so a
 * reopened workspace has its findings without analysing its files again.
 */
describe('the workspace scan reads the results cache', function () {
  this.timeout(60000);
  let root: string;
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  async function workspaceAfterCliScan(trusted: boolean, open?: string, extra: Record<string, string> = {}) {
    root = makeProject({ ...Object.fromEntries([0, 1, 2].map((i) => [`lib/stack${i}.ts`, stack(i)])), ...extra });
    const cli = await runScan({
      paths: [root],
      cwd: root,
      config: defaultConfig(),
      minSeverity: 'info',
      cacheFile: path.join(root, CACHE_FILE_NAME),
    });
    assert.deepEqual(cli.cache, { hits: 0, misses: 3 + Object.keys(extra).length });
    const documents = new TextDocuments(TextDocument);
    const host = new OverlayHost(documents);
    if (open) host.opened(TextDocument.create(pathToUri(path.join(root, open)), 'typescript', 1, stack(9)));
    // The folder's test-code root is the folder, as the server's `ConfigFiles.configFor` makes it.
    const workspace = new WorkspaceEngines(
      host,
      () => undefined,
      (boundary) => (_file, base) => ({ ...base, testRoot: base.testRoot ?? boundary }),
    );
    workspace.useResultsCache(trusted);
    workspace.setFolders([{ uri: pathToUri(root), name: path.basename(root) }]);
    const [state] = workspace.allFolders();
    const files = workspace.files(state);
    return { cli, state, files };
  }

  it('has every unchanged file current before analysing any, with the findings the CLI reported', async () => {
    const { cli, state, files } = await workspaceAfterCliScan(true);
    assert.deepEqual(
      files.filter((f) => !state.engine.isCurrent(f)),
      [],
      'no file left to analyse',
    );
    const found = files.flatMap((f) => state.engine.findings(f));
    assert.deepEqual(found, cli.findings);
  });

  it('analyses an open document from its text, not from the cache', async () => {
    const { state, files } = await workspaceAfterCliScan(true, 'lib/stack1.ts');
    assert.deepEqual(
      files.filter((f) => !state.engine.isCurrent(f)).map((f) => path.relative(root, f)),
      ['lib/stack1.ts'],
    );
  });

  it('does not read the cache in an untrusted workspace', async () => {
    const { state, files } = await workspaceAfterCliScan(false);
    assert.equal(files.filter((f) => state.engine.isCurrent(f)).length, 0);
  });

  it('takes a file holding a secret from the cache too, and still masks the secret in its hover', async () => {
    const keys = `import * as iam from 'aws-cdk-lib/aws-iam';
const apiKey = 'Vb7Lq2Xz9Tm4Kw8R';
export const statement = new iam.PolicyStatement({ actions: [\`\${apiKey}:List*\`, 'sk_live_51Nq8RzT4xLmW2vKp9HsYc3Bd:Get*'], resources: ['*'] });
`;
    const { cli, state, files } = await workspaceAfterCliScan(true, undefined, { 'lib/keys.ts': keys });
    const file = files.find((f) => f.endsWith('/lib/keys.ts'))!;
    assert.ok(state.engine.isCurrent(file), 'taken from the cache');
    assert.deepEqual(state.engine.cachedResult(file)?.secrets?.length, 2);
    assert.deepEqual(
      state.engine.findings(file),
      cli.findings.filter((f) => f.file === file),
    );
    const markdown = JSON.stringify(hoverAt(state.engine, file, keys.indexOf('actions') + 1)?.cards);
    assert.match(markdown, /Vb7L…:List/, markdown);
    assert.match(markdown, /sk_l…:Get/, markdown);
    assert.doesNotMatch(markdown, /Lq2Xz|8RzT4/, markdown);
  });
});
