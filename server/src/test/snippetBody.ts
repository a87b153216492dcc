/**
 * Expands a VS Code snippet body the way the editor does when the user accepts every default:
 * `${1:default}` becomes its default (and every `$1` / `${1}` mirrors it), `${2|a,b|}` its
 * first choice, `$0` and other bare tab stops nothing, and `\$`, `\}`, `\\` (and `\,` `\|`
 * inside choices) their character. A `$` that starts no valid construct is literal text, as in
 * the editor. Variables (`$TM_FILENAME`, `${CLIPBOARD}`) are refused: our snippets must expand
 * the same everywhere.
 *
 * Grammar: https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar
 */

type Node = { kind: 'text'; text: string } | { kind: 'stop'; index: number; content?: Node[]; choices?: string[] };

export class SnippetSyntaxError extends Error {}

export function expandSnippet(body: string | string[]): string {
  const source = Array.isArray(body) ? body.join('\n') : body;
  const nodes = new Parser(source).parse();
  const defaults = new Map<number, Node[] | string>();
  const collect = (list: Node[]) => {
    for (const node of list) {
      if (node.kind !== 'stop') continue;
      if (node.choices && !defaults.has(node.index)) defaults.set(node.index, node.choices[0]);
      if (node.content) {
        if (!defaults.has(node.index)) defaults.set(node.index, node.content);
        collect(node.content);
      }
    }
  };
  collect(nodes);
  const render = (list: Node[], seen: Set<number>): string =>
    list
      .map((node) => {
        if (node.kind === 'text') return node.text;
        const value = defaults.get(node.index);
        if (value === undefined) return '';
        if (typeof value === 'string') return value;
        if (seen.has(node.index)) throw new SnippetSyntaxError(`placeholder $${node.index} contains itself`);
        return render(value, new Set([...seen, node.index]));
      })
      .join('');
  return render(nodes, new Set());
}

/** The tab stop indexes of a body, in order of first appearance (for tests on tab order). */
export function tabStops(body: string | string[]): number[] {
  const out: number[] = [];
  const walk = (list: Node[]) => {
    for (const node of list) {
      if (node.kind !== 'stop') continue;
      if (!out.includes(node.index)) out.push(node.index);
      if (node.content) walk(node.content);
    }
  };
  walk(new Parser(Array.isArray(body) ? body.join('\n') : body).parse());
  return out;
}

class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.sequence(false);
    if (this.pos < this.src.length) throw new SnippetSyntaxError(`unexpected '${this.src[this.pos]}' at ${this.pos}`);
    return nodes;
  }

  /** Text and constructs up to the end, or (inside a placeholder) up to its closing `}`. */
  private sequence(inPlaceholder: boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && '$}\\'.includes(this.src[this.pos + 1] ?? '')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '}' && inPlaceholder) {
        break;
      } else if (c === '$') {
        const node = this.construct();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** At a `$`: a tab stop, placeholder or choice, or undefined (and no move) when it is text. */
  private construct(): Node | undefined {
    const start = this.pos;
    const rest = this.src.slice(start);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'stop', index: Number(m[1]) };
    }
    if (/^\$[_a-zA-Z]/.test(rest) || /^\$\{[_a-zA-Z]/.test(rest)) {
      throw new SnippetSyntaxError(`snippet variable at ${start} ('${rest.slice(0, 20)}'): escape a literal '$' as '\\\\$'`);
    }
    m = /^\$\{(\d+)/.exec(rest);
    if (!m) return undefined;
    const index = Number(m[1]);
    this.pos += m[0].length;
    const next = this.src[this.pos];
    if (next === '}') {
      this.pos++;
      return { kind: 'stop', index };
    }
    if (next === ':') {
      this.pos++;
      const content = this.sequence(true);
      if (this.src[this.pos] !== '}') throw new SnippetSyntaxError(`placeholder \${${index}:…} is not closed`);
      this.pos++;
      return { kind: 'stop', index, content };
    }
    if (next === '|') {
      this.pos++;
      const choices = this.choices();
      if (choices) return { kind: 'stop', index, choices };
    }
    this.pos = start;
    return undefined;
  }

  /** `a,b,c|}` after the opening `|`; undefined (not a choice) when it does not close. */
  private choices(): string[] | undefined {
    const out: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && ',|$}\\'.includes(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        out.push(current);
        current = '';
        this.pos++;
      } else if (c === '|' && this.src[this.pos + 1] === '}') {
        out.push(current);
        this.pos += 2;
        return out;
      } else {
        current += c;
        this.pos++;
      }
    }
    return undefined;
  }
}
