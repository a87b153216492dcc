import type { EngineConfig } from './config';
import { Engine, Logger } from './engine';
import { DiskHost, discoverFiles } from './model/host';
import type { Rule } from './rules/rule';

export interface ProjectOptions {
  /** Files or directories to analyse. */
  paths: string[];
  config: EngineConfig;
  rules?: Rule[];
  onProgress?: (done: number, total: number) => void;
  log?: Logger;
}

/**
 * Discover the source files under `paths` on disk and analyse them all (the command line's
 * way: one pass, nothing kept open). The engine holds every file's result, the project pass
 * included; dispose of it when done.
 */
export function analyzeProject(options: ProjectOptions): { engine: Engine; files: string[] } {
  const host = new DiskHost();
  const files = discoverFiles(host, options.paths);
  const engine = new Engine({ host, config: options.config, rules: options.rules, logger: options.log });
  engine.setFiles(files);
  let done = 0;
  engine.analyzeFiles(files, {
    onResult: () => {
      done++;
      if (done % 50 === 0) options.onProgress?.(done, files.length);
    },
  });
  return { engine, files };
}
