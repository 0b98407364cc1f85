import type { ConclusionsMessages } from './conclusions.vi';

/** English strings of the live conclusions; typed against the Vietnamese source. */
export const conclusionsEn: ConclusionsMessages = {
  title: 'Meeting conclusions',
  editorLabel: 'Conclusions text',
  placeholder: 'The secretary types the chair’s conclusions here…',
  readOnlyHint: 'The chair dictates, the secretary types; every site follows live.',
  status: {
    draft: 'Draft — version {{version}}',
    issued: 'Issued — version {{version}}',
  },
  saving: {
    saved: 'Saved on the server',
    pending: 'Not sent yet — will be sent when the link returns',
    connecting: 'Connecting…',
  },
  toolbar: {
    label: 'Formatting',
    bold: 'Bold',
    bulletList: 'Bulleted list',
    orderedList: 'Numbered list',
  },
  extracted: {
    title: 'Tasks found in the conclusions',
    hint: 'Check and correct each field, then confirm to assign the task.',
    empty: 'No task recognised yet. Example: “Giao Sở Tài chính chủ trì … trước ngày 30/12/2026.”',
    item: 'Task {{n}}',
    lead: 'Lead agency',
    cooperating: 'Cooperating agencies',
    content: 'Content',
    due: 'Due date',
    reportTo: 'Report to',
    recurrence: 'Periodic reports',
    recurrenceNone: 'None',
    recurrenceWeekly: 'Weekly',
    recurrenceMonthly: 'Monthly',
    unknownAgency: 'Not in the list of agencies: the task will not show under “my agency”.',
    confirm: 'Confirm and assign',
    created: 'Task assigned',
    createdToast: 'Task assigned to {{lead}}',
  },
};
