import type { SlsguardSettings } from '../../../shared/src/protocol';
import { engineConfig, Settings } from './settings';
import { uriToPath } from './uri';
import { FolderState, settingsScope, WorkspaceEngines } from './workspace';

/** A document or workspace folder ready for work: its folder's engine, configured with its settings. */
export interface Prepared {
  /** The file or folder the URI names. */
  path: string;
  state: FolderState;
  settings: SlsguardSettings;
}

/**
 * The one settings step before any work on a document or a workspace folder (diagnostics, code
 * actions, hover, checklist, workspace scan): read its `slsguard.*` settings (cached per
 * resource until they change) and configure its folder's engine with them, so that every
 * feature judges with the same rules turned on and off. Undefined when the URI is not a file,
 * or Serverless Guard is turned off there.
 */
export type Prepare = (uri: string) => Promise<Prepared | undefined>;

export function preparer(workspace: WorkspaceEngines, settings: Settings): Prepare {
  return async (uri) => {
    const path = uriToPath(uri);
    if (!path) return undefined;
    const state = workspace.stateFor(path);
    const read = await settings.forResource(settingsScope(state, uri));
    if (!read.enable) return undefined;
    state.engine.setConfig(engineConfig(read));
    return { path, state, settings: read };
  };
}
