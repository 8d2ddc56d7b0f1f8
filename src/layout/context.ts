import type { Issue, Template } from '../manifest/types.js';
import type { Located } from '../markdown/types.js';
import type { InlineStyle, ShapeContext } from './shape.js';
import type { FontBook } from './types.js';
import { BulletinError } from '../errors.js';

/** What every layout step needs: the template's styles resolved against the fonts. */
export interface LayoutContext extends ShapeContext {
  template: Template;
  /** A template text, or the issue's override of it, with the file it comes from and the issue's {year} {number} {total} {month} {day} filled. */
  text(name: string): Located;
  /** The measure: width between the margins. */
  measure: number;
  left: number;
}

export function makeContext(template: Template, fonts: FontBook, issue?: Pick<Issue, 'file' | 'texts' | 'year' | 'number' | 'total' | 'date'>): LayoutContext {
  const { page, typography } = template;
  const values = issue ? issueValues(issue) : {};
  // Resolved once a style: every span asks for its style. Styles that set text alike (issue
  // 218's nineteen are six) resolve to one, whose pieces are then measured once (see shape.ts).
  const styles = new Map<string, InlineStyle>();
  const alike = new Map<string, InlineStyle>();
  return {
    template,
    text: (name) => {
      const own = issue && name in issue.texts;
      return { text: fill(own ? issue.texts[name] : (template.texts[name] ?? ''), values), pos: { file: own ? issue.file : template.file } };
    },
    fonts,
    fallback: template.fallback,
    hanLatinSpace: typography.hanLatinSpace,
    hanLatinSpaceEverywhere: typography.hanLatinSpaceEverywhere,
    latinBreakWidth: typography.latinBreakWidth,
    latinGridMaxChars: typography.latinGridMaxChars,
    squeezeAdjacentPunctuation: typography.squeezeAdjacentPunctuation,
    pushInMarks: typography.pushInMarks,
    pushInLimit: typography.pushInLimit,
    tokenBreaks: typography.tokenBreaks,
    measure: page.width - page.marginLeft - page.marginRight,
    left: page.marginLeft,
    style(name: string): InlineStyle {
      let style = styles.get(name);
      if (!style) {
        const spec = template.styles[name];
        if (!spec) throw new BulletinError(`the template has no style “${name}”`, { file: template.file });
        const key = JSON.stringify([spec.face, spec.latin, spec.size, spec.color, spec.rise]);
        style = alike.get(key);
        if (!style) {
          style = { face: spec.face, latin: spec.latin, size: spec.size, color: template.colors[spec.color], rise: spec.rise };
          alike.set(key, style);
        }
        styles.set(name, style);
      }
      return style;
    },
  };
}

/** Values the texts may name: {year} {number} {total} {month} {day}. */
export function issueValues(issue: Pick<Issue, 'year' | 'number' | 'total' | 'date'>): Record<string, number> {
  return { year: issue.year, number: issue.number, total: issue.total, month: issue.date.month, day: issue.date.day };
}

/** Fill {name} placeholders of a template text. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
