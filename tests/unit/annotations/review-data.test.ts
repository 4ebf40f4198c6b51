import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { paragraph } from '@shared/body/blocks';
import { EMPTY_FIELDS } from '@shared/domain/story';
import { appendAuthenticityOp, readAuthenticity } from '@shared/review/authenticity-doc';
import { storyScanInput, variantScanInput } from '@shared/review/segments';
import type { PersonActor } from '@shared/workflow/roles';

const EDITOR: PersonActor = { kind: 'person', userId: 'u1', roles: ['channel_editor'], desks: [] };
const REPORTER: PersonActor = { kind: 'person', userId: 'u2', roles: ['reporter'], desks: [] };
const AT = '2026-11-27T10:00:00.000Z';
const SID = 'story-1';

describe('scan input', () => {
  it('names the master story parts like the scan does', () => {
    const input = storyScanInput({
      fields: { ...EMPTY_FIELDS, keywords: [], headline: '标题' },
      body: [paragraph('第一段'), { type: 'hr' }, paragraph('第三段')],
    });
    expect(input.segments.map((s) => s.id)).toEqual(['field:headline', 'block:0', 'block:2']);
    expect(input.places.get('block:2')).toEqual({ field: 'body', index: 2, exact: true });
  });

  it('reads any channel version generically', () => {
    const input = variantScanInput({
      title: '微信标题',
      digestAuto: true,
      body: [paragraph('正文')],
      topics: ['秋粮'],
      shots: [{ narration: '旁白', image: { assetId: 'x' } }],
    });
    expect(input.segments.map((s) => s.id)).toEqual([
      'field:title',
      'block:0',
      'topics:0',
      'shots:0:narration',
    ]);
    expect(input.places.get('topics:0')).toEqual({ field: 'topics', index: 0, exact: true });
  });
});

describe('authenticity in the story document', () => {
  const person = {
    kind: 'person' as const,
    id: 's1',
    required: true,
    note: '',
    name: '张三',
    affiliation: '县农业农村局',
    title: '局长',
    contact: '',
  };

  it('folds appended ops into the record and refuses what does not apply', () => {
    const doc = new Y.Doc();
    expect(
      appendAuthenticityOp(doc, SID, { op: 'add_source', source: person }, REPORTER, AT).ok,
    ).toBe(true);
    const refused = appendAuthenticityOp(
      doc,
      SID,
      { op: 'verify_source', id: 's1', method: 'phone', note: '' },
      REPORTER,
      AT,
    );
    expect(refused.ok).toBe(false);
    appendAuthenticityOp(
      doc,
      SID,
      { op: 'verify_source', id: 's1', method: 'phone', note: '已电话核实' },
      EDITOR,
      AT,
    );
    const { record } = readAuthenticity(doc, SID);
    expect(record.sources[0]!.verification?.by).toBe('u1');
  });

  it('keeps both replicas’ additions after a merge and skips an op a merge made void', () => {
    const a = new Y.Doc();
    appendAuthenticityOp(a, SID, { op: 'add_source', source: person }, REPORTER, AT);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    appendAuthenticityOp(a, SID, { op: 'remove_source', id: 's1' }, REPORTER, AT);
    appendAuthenticityOp(
      b,
      SID,
      {
        op: 'add_claim',
        claim: { id: 'c1', text: '收购过半', anchor: null, sourceIds: ['s1'], required: true },
      },
      REPORTER,
      AT,
    );
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const ra = readAuthenticity(a, SID);
    const rb = readAuthenticity(b, SID);
    expect(ra.record).toEqual(rb.record);
    expect(ra.skipped.length).toBe(1);
  });
});
