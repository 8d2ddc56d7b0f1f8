import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { FootnoteDefinition, Nodes, Paragraph, PhrasingContent, Root } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRemark, { type Options } from 'rehype-remark';
import { unified } from 'unified';

/** The parts of an article a paragraph's style or class names (see STYLE_MAP in docx.ts). */
export const ROLES = ['title', 'subtitle', 'byline', 'intro', 'epigraph', 'abstract', 'keywords', 'source'] as const;
export type Role = (typeof ROLES)[number];

declare module 'mdast' {
  interface ParagraphData {
    role?: Role;
  }
}

type Handle = NonNullable<NonNullable<Options['handlers']>[string]>;

export function parseHtml(html: string): HastRoot {
  return unified().use(rehypeParse).parse(html);
}

/** An element's classes, as hast reads the class attribute. */
export function classesOf(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

const NOTE_REF = 'bulletin-note-ref';

/**
 * hast → mdast through rehype-remark, the one path of both Word and web pages. A paragraph or
 * heading whose class names a role keeps it as a paragraph's `data.role`; mammoth's footnote and
 * endnote markers become footnote references, and its list of notes their definitions, where
 * notes with the same text become one definition: Word stores a source cited three times as
 * three notes, our format cites one definition three times.
 */
export async function toMdast(tree: HastRoot): Promise<Root> {
  const notes = takeNotes(tree);
  const handlers: Record<string, Handle> = {
    [NOTE_REF]: (_state, element) => {
      const id = String(element.properties.dataNote);
      return { type: 'footnoteReference', identifier: notes.labelOf.get(id) ?? id, label: notes.labelOf.get(id) ?? id };
    },
  };
  for (const tag of ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']) {
    const fallback = tag === 'p' ? undefined : tag;
    handlers[tag] = (state, element) => {
      const role = classesOf(element).find((c): c is Role => (ROLES as readonly string[]).includes(c));
      const children = state.all(element) as PhrasingContent[];
      if (children.length === 0) return undefined;
      const node: Paragraph | Nodes = role || !fallback ? { type: 'paragraph', children, ...(role ? { data: { role } } : {}) } : { type: 'heading', depth: Number(tag[1]) as 1, children };
      state.patch(element, node);
      return node;
    };
  }
  const root = (await unified().use(rehypeRemark, { handlers }).run(tree)) as Root;
  root.children.push(...notes.definitions);
  return root;
}

interface Notes {
  /** mammoth's note id (footnote-3, endnote-1) → our label. */
  labelOf: Map<string, string>;
  definitions: FootnoteDefinition[];
}

/** Take mammoth's notes out of the tree: each `<sup><a href="#footnote-n">` becomes a marker, each `<li id="footnote-n">` a definition. */
function takeNotes(tree: HastRoot): Notes {
  const texts = new Map<string, string>();
  const remove = new Set<HastContent>();
  walk(tree, (node, parent) => {
    if (node.tagName === 'li' && /^(foot|end)note-\d+$/.test(String(node.properties.id))) {
      texts.set(String(node.properties.id), textOf(node, (e) => /^#(foot|end)note-ref-/.test(String(e.properties.href))).trim());
      if (parent && parent.type === 'element' && parent.tagName === 'ol') remove.add(parent);
    }
    const link = node.tagName === 'sup' && node.children.length === 1 ? node.children[0] : undefined;
    const target = link?.type === 'element' && link.tagName === 'a' ? /^#((foot|end)note-\d+)$/.exec(String(link.properties.href)) : null;
    if (target) {
      node.tagName = NOTE_REF;
      node.properties = { dataNote: target[1] };
      node.children = [];
    }
  });
  removeNodes(tree, remove);
  const labelOf = new Map<string, string>();
  const byText = new Map<string, string>();
  const definitions: FootnoteDefinition[] = [];
  for (const [id, text] of texts) {
    let label = byText.get(text);
    if (!label) {
      label = String(byText.size + 1);
      byText.set(text, label);
      definitions.push({ type: 'footnoteDefinition', identifier: label, label, children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] });
    }
    labelOf.set(id, label);
  }
  return { labelOf, definitions };
}

type Parent = HastRoot | Element;

/** Visit every element, with its parent. */
export function walk(node: Parent, visit: (element: Element, parent: Parent) => void): void {
  for (const child of [...node.children]) {
    if (child.type !== 'element') continue;
    visit(child, node);
    walk(child, visit);
  }
}

/** The first element, in document order, that passes `test`. */
export function find(root: Parent, test: (e: Element) => boolean): Element | undefined {
  let found: Element | undefined;
  walk(root, (e) => {
    if (!found && test(e)) found = e;
  });
  return found;
}

/** Take out every element that passes `test`, with what it holds. */
export function removeWhere(root: Parent, test: (e: Element) => boolean): void {
  const remove = new Set<HastContent>();
  walk(root, (e) => {
    if (test(e)) remove.add(e);
  });
  removeNodes(root, remove);
}

function removeNodes(node: Parent, remove: ReadonlySet<HastContent>): void {
  node.children = (node.children as HastContent[]).filter((child) => !remove.has(child)) as ElementContent[];
  for (const child of node.children) if (child.type === 'element') removeNodes(child, remove);
}

/** The text of an element, leaving out elements `skip` names. */
export function textOf(node: Parent | ElementContent, skip: (element: Element) => boolean = () => false): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' && node.type !== 'root') return '';
  if (node.type === 'element' && skip(node)) return '';
  return (node.children as ElementContent[]).map((child) => textOf(child, skip)).join('');
}
