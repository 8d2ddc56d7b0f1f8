import type { Template } from '../manifest/types.js';
import type { InlineStyle, ShapeContext } from './shape.js';
import type { FontBook } from './types.js';
import { BulletinError } from '../errors.js';

/** What every layout step needs: the template's styles resolved against the fonts. */
export interface LayoutContext extends ShapeContext {
  template: Template;
  /** The measure: width between the margins. */
  measure: number;
  left: number;
}

export function makeContext(template: Template, fonts: FontBook): LayoutContext {
  const { page, typography } = template;
  return {
    template,
    fonts,
    fallback: template.fallback,
    hanLatinSpace: typography.hanLatinSpace,
    hanLatinSpaceEverywhere: typography.hanLatinSpaceEverywhere,
    latinBreakWidth: typography.latinBreakWidth,
    squeezeAdjacentPunctuation: typography.squeezeAdjacentPunctuation,
    measure: page.width - page.marginLeft - page.marginRight,
    left: page.marginLeft,
    style(name: string): InlineStyle {
      const spec = template.styles[name];
      if (!spec) throw new BulletinError(`the template has no style “${name}”`, { file: template.file });
      return { face: spec.face, latin: spec.latin, size: spec.size, color: template.colors[spec.color], rise: spec.rise };
    },
  };
}

/** Fill {name} placeholders of a template text. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
