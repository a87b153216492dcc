import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../core/meta';
import { importCycles, layerViolations, readLayers } from './imports';

/**
 * The core's layers (the table in `server/src/core/README.md`, read from there) and no import
 * cycles anywhere. The checks run on a small fixture first, with a back import, an import of
 * `vscode`, an unlisted module and two cycles, to show they catch each.
 */

const root = packageRoot();
const FIXTURE = path.join(root, 'server', 'src', 'test', 'layers', 'fixtures', 'core');

function mapOf(coreDir: string) {
  return readLayers(fs.readFileSync(path.join(coreDir, 'README.md'), 'utf8'));
}

describe('layers', () => {
  describe('on the fixture', () => {
    it('reads the layer table of a core map', () => {
      assert.deepEqual(mapOf(FIXTURE), [
        { layer: 1, path: 'types.ts' },
        { layer: 2, path: 'model/' },
        { layer: 3, path: 'rules/' },
      ]);
    });

    it('reports a back import, an import of vscode and a module the map does not list; tests are exempt', () => {
      assert.deepEqual(layerViolations(FIXTURE, mapOf(FIXTURE)), [
        "model/editor.ts imports 'vscode'",
        'model/values.ts (layer 2) imports rules/registry.ts (layer 3)',
        'unlisted.ts is not in the core map',
      ]);
    });

    it('reports each import cycle, across layers and inside one', () => {
      assert.deepEqual(importCycles(FIXTURE, [FIXTURE]), [
        ['model/values.ts', 'rules/registry.ts'],
        ['rules/first.ts', 'rules/second.ts'],
      ]);
    });
  });

  describe('on the project', () => {
    const coreDir = path.join(root, 'server', 'src', 'core');
    const layers = mapOf(coreDir);

    it('the core map lists only folders and files that exist', () => {
      assert.ok(layers.length > 10, 'the core map has a layer table');
      const missing = layers.filter((l) => !fs.existsSync(path.join(coreDir, l.path)));
      assert.deepEqual(missing, []);
    });

    it('every core module imports only its own layer or lower ones, and never vscode', () => {
      assert.deepEqual(layerViolations(coreDir, layers), []);
    });

    it('no import cycle in client/src, server/src or shared/src', () => {
      const dirs = ['client/src', 'server/src', 'shared/src'].map((d) => path.join(root, d));
      assert.deepEqual(importCycles(root, dirs), []);
    });
  });
});
