#!/usr/bin/env node
// The peer for the benchmark: ESLint 9 with @typescript-eslint/parser and eslint-plugin-sonarjs,
// only its aws-* rules enabled (the closest existing source-level CDK checks), no type
// information. Lints exactly the files listed (one path per line) in the file given as argv[2].
// Prints one JSON line: { files, problems }.
import * as fs from 'node:fs';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import sonarjs from 'eslint-plugin-sonarjs';

const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const rules = Object.fromEntries(Object.keys(sonarjs.rules).filter((r) => r.startsWith('aws-')).map((r) => [`sonarjs/${r}`, 'error']));
const eslint = new ESLint({
  overrideConfigFile: true,
  cwd: process.argv[3] ?? process.cwd(),
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
      languageOptions: { parser: tsParser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
      plugins: { sonarjs },
      rules,
    },
  ],
  errorOnUnmatchedPattern: false,
  cache: false,
});
const results = await eslint.lintFiles(files);
const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
console.log(JSON.stringify({ files: results.length, problems, rules: Object.keys(rules).length }));
