import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { BulletinError, BulletinErrors, type SourcePos } from '../errors.js';
import { suggestion } from '../suggest.js';
import { plainYaml } from './plainyaml.js';

/** A YAML mapping file read with positions, so every complaint names its line and column. */
export class YamlFile {
  readonly root: YAMLMap;
  private readonly counter = new LineCounter();
  private readonly text: string;

  /** `firstLine`: the file's line where the YAML text starts (front matter starts below its ---). */
  constructor(
    readonly file: string,
    text: string,
    what: string,
    private readonly firstLine = 1,
  ) {
    this.text = text.replace(/^\uFEFF/, '');
    const plain = plainYaml(this.text, this.counter);
    if (plain) {
      this.root = plain;
      return;
    }
    const doc = parseDocument(this.text, { lineCounter: this.counter, prettyErrors: false, uniqueKeys: true });
    const problem = doc.errors[0];
    if (problem) {
      throw new BulletinError(`${what} is not valid YAML: ${problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, this.at(problem.pos[0]), 'check the indentation and quoting around this place');
    }
    if (!isMap(doc.contents)) throw new BulletinError(`${what} must be a YAML mapping of fields (key: value)`, this.at(0));
    this.root = doc.contents;
  }

  at(offset: number): SourcePos {
    const { line, col } = this.counter.linePos(offset);
    return { file: this.file, line: line + this.firstLine - 1, column: col };
  }

  posOf(node: unknown): SourcePos {
    const range = (node as Node | undefined)?.range;
    return this.at(range?.[0] ?? 0);
  }

  error(node: unknown, message: string, hint?: string): BulletinError {
    return new BulletinError(message, this.posOf(node), hint);
  }

  /** Refuse keys not in `known`, every one of them, suggesting the nearest. */
  checkKeys(map: YAMLMap, known: readonly string[], where: string): void {
    const unknown = map.items.flatMap((pair) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      return known.includes(key) ? [] : [this.error(pair.key, `unknown field “${key}” in ${where}`, suggestion(key, known))];
    });
    if (unknown.length > 0) throw BulletinErrors.of(unknown);
  }

  node(map: YAMLMap, key: string): Node | undefined {
    return map.get(key, true) as Node | undefined;
  }

  required(map: YAMLMap, key: string, where: string): Node {
    const node = this.node(map, key);
    if (node === undefined) throw new BulletinError(`${where} lacks the required field “${key}”`, this.posOf(map), `add a line “${key}: …”`);
    if (isScalar(node) && (node.value === null || node.value === '')) {
      const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
      throw new BulletinError(`“${key}” is empty`, this.posOf(pair?.key ?? node), `give “${key}” a value`);
    }
    return node;
  }

  integer(node: Node, key: string, min: number, max: number): number {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw this.error(node, `${quoted(key)} must be a whole number, not ${describe(node)}`);
    if (value < min || value > max) throw this.error(node, `${quoted(key)} must be between ${min} and ${max}, not ${value}`);
    return value;
  }

  number(node: Node, key: string): number {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value !== 'number') throw this.error(node, `${quoted(key)} must be a number, not ${describe(node)}`);
    return value;
  }

  /** Text as written: a plain scalar that YAML reads as a number (007, 3.0) keeps its digits. */
  string(node: Node, key: string): string {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'number' && node.range) return this.text.slice(node.range[0], node.range[1]).trim();
    if (typeof value !== 'string') throw this.error(node, `${quoted(key)} must be text, not ${describe(node)}`);
    return value;
  }

  boolean(node: Node, key: string): boolean {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value !== 'boolean') throw this.error(node, `${quoted(key)} must be true or false, not ${describe(node)}`);
    return value;
  }

  map(node: Node, key: string): YAMLMap {
    if (!isMap(node)) throw this.error(node, `${quoted(key)} must be a mapping (key: value lines)`);
    return node;
  }

  list(node: Node, key: string): Node[] {
    if (!isSeq(node)) throw this.error(node, `${quoted(key)} must be a list (lines starting with “- ”)`);
    return node.items as Node[];
  }
}

/** A field's name in quotes; a phrase that already quotes one (each entry of “keywords”) stays as it is. */
function quoted(name: string): string {
  return name.includes('“') ? name : `“${name}”`;
}

function describe(node: Node): string {
  if (isScalar(node)) return typeof node.value === 'string' ? `“${node.value}”` : String(node.value);
  return isSeq(node) ? 'a list' : isMap(node) ? 'a mapping' : 'that';
}
