/**
 * From a task the parser found in the conclusions to the task the secretary assigns: agencies
 * named in full are matched to the province's units (so "của đơn vị tôi" finds the task), and a
 * task already assigned from the same sentence is recognised, so confirming twice assigns once.
 */
import type { AgencyRef, Task } from '../domain/task';
import { sameAgency, successorOf } from '../notices/agencies';
import type { ParsedTask } from '../notices/parseConclusion';
import type { NewTask } from '../tasks/mutations';
import { foldVietnamese } from '../tasks/tracking';

export interface Agency {
  id: string;
  name: string;
  shortName: string | null;
}

/** The unit an agency name refers to (or to whose successor it refers), else the name alone. */
export function resolveAgency(name: string, agencies: readonly Agency[]): AgencyRef {
  const matches = (candidate: string) =>
    agencies.find(
      (a) =>
        sameAgency(a.name, candidate) ||
        (a.shortName !== null && sameAgency(a.shortName, candidate)),
    );
  const unit = matches(name) ?? matches(successorOf(name));
  return unit ? { id: unit.id, name: unit.name } : { id: null, name: name.trim() };
}

/** What the secretary may correct before confirming, seeded from the parser. */
export interface TaskDraft {
  lead: string;
  cooperating: string[];
  content: string;
  due: string | null;
  reportTo: string | null;
  recurrence: ParsedTask['recurrence'];
}

export function draftOf(parsed: ParsedTask): TaskDraft {
  return {
    lead: parsed.lead,
    cooperating: [...parsed.cooperating],
    content: parsed.content,
    due: parsed.due,
    reportTo: parsed.reportTo,
    recurrence: parsed.recurrence,
  };
}

export function newTaskFromDraft(
  draft: TaskDraft,
  context: {
    id: string;
    meetingId: string;
    conclusionRef: string | null;
    agencies: readonly Agency[];
  },
): NewTask {
  return {
    id: context.id,
    meetingId: context.meetingId,
    conclusionRef: context.conclusionRef,
    lead: resolveAgency(draft.lead, context.agencies),
    cooperating: draft.cooperating
      .filter((name) => name.trim().length > 0)
      .map((name) => resolveAgency(name, context.agencies)),
    content: draft.content.trim(),
    dueDate: draft.due,
    dueEvent: null,
    reportTo: draft.reportTo?.trim() || null,
    recurrence: draft.recurrence,
  };
}

/** The meeting's task assigned from this draft already (same lead, same content), if any. */
export function assignedTaskFor(draft: TaskDraft, meetingTasks: readonly Task[]): Task | undefined {
  const content = foldVietnamese(draft.content);
  return meetingTasks.find(
    (task) => foldVietnamese(task.content) === content && sameAgency(task.lead.name, draft.lead),
  );
}
