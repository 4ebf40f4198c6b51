// One line saying what changed in the master: the fields, and how many paragraphs.
import type { MasterChangeData } from '@shared/variants/schemas';

export function diffSummary(change: MasterChangeData): { fields: string[]; paragraphs: number } {
  return {
    fields: change.fields.map((f) => f.field),
    paragraphs: change.paragraphs.length,
  };
}
