import * as assert from 'node:assert/strict';
import { lowerPython } from './lower';

/** The lowered text of `source`, one statement a line, without the indentation. */
function lowered(source: string): string[] {
  return lowerPython(source)
    .text.split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The Python text a lowered substring maps back to (its first occurrence). */
function sourceOf(source: string, loweredText: string): string {
  const { text, map } = lowerPython(source);
  const at = text.indexOf(loweredText);
  assert.ok(at >= 0, `${loweredText} not in ${text}`);
  return source.slice(map.sourceStart(at), map.sourceEnd(at + loweredText.length));
}

describe('handlers', () => {
  it('a dotted from-import is absolute; only leading dots make it relative', () => {
    assert.deepEqual(lowered('from aws_lambda_powertools.utilities import parameters\nfrom .models import Order\n'), [
      'import { parameters } from "py:aws_lambda_powertools.utilities";',
      'import { Order } from "py:.models";',
    ]);
  });

  it('dict.get("key") reads the key, with its default; a module function called get stays a call', () => {
    const out = lowered('import requests\nbody = event.get("body")\nname = params.get("name", "guest")\nr = requests.get("https://x")\n');
    assert.ok(out.includes('export const body = event["body"];'), out.join('\n'));
    assert.ok(out.includes('export const name = (params["name"] ?? "guest");'), out.join('\n'));
    assert.ok(out.includes('export const r = requests.get("https://x");'), out.join('\n'));
  });

  it('subprocess with a command built as one string runs a shell; an argument list does not', () => {
    const out = lowered('import subprocess\nsubprocess.run(f"ls {d}")\nsubprocess.call("ls " + d)\nsubprocess.run(["ls", d])\n');
    assert.ok(out.includes('__slsguard_child_process.execSync(`ls ${d}`);'), out.join('\n'));
    assert.ok(out.includes('__slsguard_child_process.execSync("ls " + d);'), out.join('\n'));
    assert.ok(out.includes('subprocess.run(["ls", d]);'), out.join('\n'));
  });

  it('except SomeError as e narrows e as instanceof does', () => {
    const out = lowered('try:\n    f()\nexcept NotFound as e:\n    g(str(e))\nexcept Exception:\n    h()\n');
    assert.deepEqual(out, [
      'try {',
      'f();',
      '} catch (e) {',
      '{',
      'if (e instanceof NotFound) {',
      'g(e.message);',
      '}',
      '}',
      '{',
      'if (e instanceof Exception) {',
      'h();',
      '}',
      '}',
      '}',
    ]);
  });

  it('str(e) and os.getenv("KEY") map back to the whole call', () => {
    const handler = 'import os\n\ndef f():\n    try:\n        pass\n    except Exception as e:\n        return str(e)\n';
    assert.equal(sourceOf(handler, 'e.message'), 'str(e)');
    assert.equal(sourceOf('import os\nk = os.getenv("API_KEY")\n', 'process.env.API_KEY'), 'os.getenv("API_KEY")');
    assert.equal(sourceOf('import os\nk = os.environ.get("API_KEY")\n', 'process.env.API_KEY'), 'os.environ.get("API_KEY")');
  });

  it("a module function's decorators are applied to it after its definition, innermost first", () => {
    const out = lowered('@tracer.capture_lambda_handler\n@validator(inbound_schema=S)\ndef lambda_handler(event, context):\n    pass\n');
    assert.deepEqual(out.slice(-2), ['validator({ inboundSchema: S })(lambda_handler);', 'tracer.capture_lambda_handler(lambda_handler);']);
    assert.ok(out[0].startsWith('export function lambda_handler(event, context)'), out.join('\n'));
  });
});
