/**
 * The conclusions document as the editor writes it (TipTap's node names in a Yjs XmlFragment),
 * read back as the text the parser and the notice use, and the tasks assigned from it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  assignedTaskFor,
  draftOf,
  newTaskFromDraft,
  resolveAgency,
} from '../../../../common/conclusions/assignTasks';
import {
  conclusionsFragment,
  conclusionsText,
} from '../../../../common/conclusions/conclusionsDoc';
import { parseConclusion } from '../../../../common/notices/parseConclusion';
import { makeTask } from '../../../helpers/taskFixture';

function paragraph(...runs: (string | { bold: string })[]): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  // A type not yet in a document reports length 0: count the offset here.
  let at = 0;
  for (const run of runs) {
    const chars = typeof run === 'string' ? run : run.bold;
    text.insert(at, chars, typeof run === 'string' ? undefined : { bold: {} });
    at += chars.length;
  }
  p.insert(0, [text]);
  return p;
}

function list(kind: 'bulletList' | 'orderedList', items: string[]): Y.XmlElement {
  const l = new Y.XmlElement(kind);
  l.insert(
    0,
    items.map((item) => {
      const li = new Y.XmlElement('listItem');
      li.insert(0, [paragraph(item)]);
      return li;
    }),
  );
  return l;
}

const AGENCIES = [
  { id: 'hd-stc', name: 'Sở Tài chính', shortName: null },
  { id: 'hd-stttt', name: 'Sở Thông tin và Truyền thông', shortName: 'Sở TT&TT' },
  { id: 'hd-vp', name: 'Văn phòng UBND tỉnh', shortName: null },
];

describe('conclusionsText', () => {
  it('gives a line per paragraph, drops bold marks, and marks list items as the notice would', () => {
    const doc = new Y.Doc();
    conclusionsFragment(doc).insert(0, [
      paragraph({ bold: '1. Về hạ tầng số' }),
      paragraph('Yêu cầu ', { bold: 'Sở Tài chính' }, ':'),
      list('bulletList', ['Bố trí kinh phí năm 2027;', 'Hướng dẫn thanh quyết toán.']),
      list('orderedList', ['Việc thứ nhất.', 'Việc thứ hai.']),
    ]);
    expect(conclusionsText(doc)).toBe(
      [
        '1. Về hạ tầng số',
        'Yêu cầu Sở Tài chính:',
        '- Bố trí kinh phí năm 2027;',
        '- Hướng dẫn thanh quyết toán.',
        '1. Việc thứ nhất.',
        '2. Việc thứ hai.',
      ].join('\n'),
    );
  });

  it('feeds the parser: a bullet list under "Yêu cầu X:" gives a task of X per bullet', () => {
    const doc = new Y.Doc();
    conclusionsFragment(doc).insert(0, [
      paragraph('Yêu cầu Sở TT&TT:'),
      list('bulletList', [
        'Hoàn thiện hạ tầng mạng cho các điểm cầu xã trước ngày 30/12/2026;',
        'Hàng tuần báo cáo tiến độ về Văn phòng UBND tỉnh.',
      ]),
    ]);
    const tasks = parseConclusion(conclusionsText(doc), { referenceDate: '2026-11-24' }).tasks;
    expect(tasks.map((t) => [t.lead, t.due, t.recurrence])).toEqual([
      ['Sở Thông tin và Truyền thông', '2026-12-30', null],
      ['Sở Thông tin và Truyền thông', null, 'weekly'],
    ]);
  });
});

describe('assigning extracted tasks', () => {
  it('matches agencies to units by full name or abbreviation, and keeps unknown ones by name', () => {
    expect(resolveAgency('Sở TT&TT', AGENCIES)).toEqual({
      id: 'hd-stttt',
      name: 'Sở Thông tin và Truyền thông',
    });
    expect(resolveAgency('sở tài chính', AGENCIES)).toEqual({ id: 'hd-stc', name: 'Sở Tài chính' });
    expect(resolveAgency('các sở, ngành', AGENCIES)).toEqual({ id: null, name: 'các sở, ngành' });
  });

  it('builds the task.create input from a corrected draft, and recognises it once assigned', () => {
    const [parsed] = parseConclusion(
      'Giao Sở Tài chính chủ trì, phối hợp với Sở TT&TT bố trí kinh phí cho Đề án, báo cáo UBND tỉnh trước ngày 15/01/2027.',
      { referenceDate: '2026-11-24' },
    ).tasks;
    const draft = { ...draftOf(parsed!), due: '2027-01-20' };
    const task = newTaskFromDraft(draft, {
      id: 'task-00000001',
      meetingId: 'm1',
      conclusionRef: '1',
      agencies: AGENCIES,
    });
    expect(task).toMatchObject({
      lead: { id: 'hd-stc', name: 'Sở Tài chính' },
      cooperating: [{ id: 'hd-stttt', name: 'Sở Thông tin và Truyền thông' }],
      dueDate: '2027-01-20',
      meetingId: 'm1',
    });
    expect(assignedTaskFor(draft, [])).toBeUndefined();
    const stored = makeTask('task-stored', {
      meetingId: 'm1',
      lead: task.lead,
      content: task.content,
    });
    expect(assignedTaskFor(draft, [stored])?.id).toBe(stored.id);
    expect(assignedTaskFor({ ...draft, lead: 'Sở Y tế' }, [stored])).toBeUndefined();
  });
});
