import { escapeJsonControls } from '../core/report/terminal';

/**
 * JSON written in pieces: the same text as `jsonText(value)` (`JSON.stringify(value, null, 2)`
 * with every control character escaped), handed to `write` a
 * chunk at a time, so a report larger than the longest string V8 can hold (about 512 MB: two
 * 200 MB SARIF shards merged) is still written, and never held whole in memory.
 */
export function writeJson(value: unknown, write: (chunk: string) => void, chunkSize = 1 << 20): void {
  let buffer = '';
  const out = (s: string) => {
    buffer += s;
    if (buffer.length >= chunkSize) {
      write(buffer);
      buffer = '';
    }
  };
  const emit = (v: unknown, indent: string): void => {
    if (v === null || typeof v !== 'object') {
      // undefined and functions in an array are null, as JSON.stringify writes them.
      out(escapeJsonControls(JSON.stringify(v) ?? 'null'));
      return;
    }
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      if (v.length === 0) return out('[]');
      out('[');
      v.forEach((item, i) => {
        out(`${i ? ',' : ''}\n${inner}`);
        emit(item, inner);
      });
      out(`\n${indent}]`);
      return;
    }
    const json = (v as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return emit(json.call(v), indent);
    const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function' && typeof x !== 'symbol');
    if (entries.length === 0) return out('{}');
    out('{');
    entries.forEach(([key, x], i) => {
      out(`${i ? ',' : ''}\n${inner}${escapeJsonControls(JSON.stringify(key))}: `);
      emit(x, inner);
    });
    out(`\n${indent}}`);
  };
  emit(value, '');
  if (buffer) write(buffer);
}
