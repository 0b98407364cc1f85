/**
 * The changes a user can make to a task, one form each. Which forms show is decided by the same
 * rules main and the server apply (`checkTaskMutation`), so a form is never offered for a change
 * that would be refused for lack of rights.
 */
import {
  ActionIcon,
  Alert,
  Button,
  FileButton,
  Group,
  Text,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_REPORT,
  type AgencyRef,
  type Attachment,
  type Recurrence,
  type Task,
  type TaskStatus,
} from '../../../common/domain/task';
import type { TaskFields, TaskMutation } from '../../../common/tasks/mutations';
import { agencyKey } from '../../../common/tasks/tracking';
import { DayInput } from './DayInput';
import { formatBytes } from '../documents/agendaState';
import { ATTACHMENT_ACCEPT, stageAttachment } from './reportAttachments';
import { attachmentProblemMessage, newClientId, taskErrorMessage } from './taskFormat';
import type { TasksStore } from './tasksStore';

interface FormProps {
  task: Task;
  store: TasksStore;
}

/** Sends a mutation, tells the user how it went, and keeps the error on screen if it failed. */
function useSubmit(store: TasksStore) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (mutation: TaskMutation, saved: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await store.mutate(mutation);
      const sync = store.getSnapshot().sync;
      notifications.show({
        color: 'green',
        title: saved,
        message:
          sync && (sync.status === 'offline' || sync.status === 'error')
            ? t('tasks.forms.savedOffline')
            : undefined,
      });
      return true;
    } catch (caught) {
      setError(taskErrorMessage(t, caught));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { submit, error, busy };
}

function FormShell({
  onSubmit,
  error,
  children,
  label,
}: {
  onSubmit: () => void;
  error: string | null;
  children: ReactNode;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <form
      aria-label={label}
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="sm">
        {error && (
          <Alert color="red" title={t('tasks.forms.failed')} role="alert">
            {error}
          </Alert>
        )}
        {children}
      </Stack>
    </form>
  );
}

export function ReportForm({ task, store }: FormProps) {
  const { t, i18n } = useTranslation();
  const { submit, error, busy } = useSubmit(store);
  const lastPercent = task.reports.at(-1)?.percent ?? 0;
  const [text, setText] = useState('');
  const [percent, setPercent] = useState<number>(lastPercent);
  const [missing, setMissing] = useState(false);
  const [files, setFiles] = useState<Attachment[]>([]);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const [staging, setStaging] = useState(false);

  /** Each picked file is checked and kept on this computer at once (offline too). */
  const pick = async (picked: File[]) => {
    const problems: string[] = [];
    const room = MAX_ATTACHMENTS_PER_REPORT - files.length;
    if (picked.length > room)
      problems.push(
        attachmentProblemMessage(t, {
          reason: 'too_many_attachments',
          max: MAX_ATTACHMENTS_PER_REPORT,
        }),
      );
    setStaging(true);
    const added: Attachment[] = [];
    for (const file of picked.slice(0, Math.max(0, room))) {
      try {
        added.push(await stageAttachment(file));
      } catch (caught) {
        problems.push(taskErrorMessage(t, caught));
      }
    }
    setStaging(false);
    setFiles((current) => [...current, ...added]);
    setFileProblems(problems);
  };

  return (
    <FormShell
      label={t('tasks.forms.report.title')}
      error={error}
      onSubmit={() => {
        if (!text.trim()) {
          setMissing(true);
          return;
        }
        void submit(
          {
            name: 'task.report',
            args: {
              taskId: task.id,
              reportId: newClientId('report'),
              text: text.trim(),
              percent: Math.round(Math.min(100, Math.max(0, percent))),
              ...(files.length > 0 ? { attachments: files } : {}),
            },
          },
          t('tasks.forms.report.saved'),
        ).then((ok) => {
          if (ok) {
            setText('');
            setFiles([]);
            setFileProblems([]);
          }
        });
      }}
    >
      <Textarea
        label={t('tasks.forms.report.text')}
        placeholder={t('tasks.forms.report.textPlaceholder')}
        autosize
        minRows={3}
        maxLength={10_000}
        size="md"
        required
        value={text}
        error={missing && !text.trim() ? t('tasks.forms.report.required') : undefined}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      <NumberInput
        label={t('tasks.forms.report.percent')}
        min={0}
        max={100}
        step={5}
        clampBehavior="strict"
        allowDecimal={false}
        size="md"
        w={220}
        value={percent}
        onChange={(value) => setPercent(typeof value === 'number' ? value : Number(value) || 0)}
      />
      <Stack gap={6} role="group" aria-label={t('tasks.attachments.label')}>
        <Group gap="sm">
          <FileButton
            multiple
            accept={ATTACHMENT_ACCEPT}
            onChange={(picked) => void pick(picked)}
            inputProps={{ 'data-testid': 'report-file-input' } as Record<string, string>}
          >
            {(props) => (
              <Button
                {...props}
                variant="default"
                loading={staging}
                disabled={files.length >= MAX_ATTACHMENTS_PER_REPORT}
              >
                {t('tasks.attachments.pick')}
              </Button>
            )}
          </FileButton>
          <Text size="sm" c="dimmed">
            {t('tasks.attachments.hint', {
              max: MAX_ATTACHMENTS_PER_REPORT,
              mb: MAX_ATTACHMENT_BYTES / (1024 * 1024),
            })}
          </Text>
        </Group>
        {fileProblems.length > 0 && (
          <Alert color="red" role="alert" data-testid="report-file-problems">
            <Stack gap={4}>
              {fileProblems.map((problem, i) => (
                <Text key={i} size="sm">
                  {problem}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        {files.length > 0 && (
          <Stack component="ul" gap={4} m={0} pl="md" data-testid="report-files">
            {files.map((file) => (
              <Group component="li" key={file.id} gap="xs" wrap="nowrap">
                <Text size="sm">
                  {file.name} ({formatBytes(file.size, i18n.language)})
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('tasks.attachments.remove', { name: file.name })}
                  onClick={() => setFiles((current) => current.filter((f) => f.id !== file.id))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      <Group>
        <Button type="submit" loading={busy} disabled={staging}>
          {t('tasks.forms.report.submit')}
        </Button>
      </Group>
    </FormShell>
  );
}

export function StatusForm({ task, store }: FormProps) {
  const { t } = useTranslation();
  const { submit, error, busy } = useSubmit(store);
  const [status, setStatus] = useState<TaskStatus>(task.status);
  const [unchanged, setUnchanged] = useState(false);
  return (
    <FormShell
      label={t('tasks.forms.status.title')}
      error={error}
      onSubmit={() => {
        if (status === task.status) {
          setUnchanged(true);
          return;
        }
        setUnchanged(false);
        void submit(
          {
            name: 'task.setStatus',
            // The status the user saw: a newer one set by the lead agency makes this a conflict
            // the server reports instead of silently overwriting.
            args: { taskId: task.id, status, seenStatusClock: task.statusClock },
          },
          t('tasks.forms.status.saved'),
        );
      }}
    >
      <Select
        label={t('tasks.forms.status.label')}
        size="md"
        w={300}
        allowDeselect={false}
        data={(['not_started', 'in_progress', 'done'] as const).map((value) => ({
          value,
          label: t(`tasks.status.${value}`),
        }))}
        value={status}
        error={unchanged ? t('tasks.forms.status.unchanged') : undefined}
        onChange={(value) => {
          if (value) setStatus(value as TaskStatus);
          setUnchanged(false);
        }}
      />
      <Group>
        <Button type="submit" loading={busy}>
          {t('tasks.forms.status.submit')}
        </Button>
      </Group>
    </FormShell>
  );
}

export function DifficultiesForm({ task, store }: FormProps) {
  const { t } = useTranslation();
  const { submit, error, busy } = useSubmit(store);
  const [difficulties, setDifficulties] = useState(task.difficulties ?? '');
  const [proposals, setProposals] = useState(task.proposals ?? '');
  return (
    <FormShell
      label={t('tasks.forms.difficulties.title')}
      error={error}
      onSubmit={() =>
        void submit(
          {
            name: 'task.setDifficulties',
            args: {
              taskId: task.id,
              difficulties: difficulties.trim() || null,
              proposals: proposals.trim() || null,
            },
          },
          t('tasks.forms.difficulties.saved'),
        )
      }
    >
      <Textarea
        label={t('tasks.forms.difficulties.difficulties')}
        autosize
        minRows={2}
        maxLength={10_000}
        size="md"
        value={difficulties}
        onChange={(event) => setDifficulties(event.currentTarget.value)}
      />
      <Textarea
        label={t('tasks.forms.difficulties.proposals')}
        autosize
        minRows={2}
        maxLength={10_000}
        size="md"
        value={proposals}
        onChange={(event) => setProposals(event.currentTarget.value)}
      />
      <Group>
        <Button type="submit" loading={busy}>
          {t('tasks.forms.difficulties.submit')}
        </Button>
      </Group>
    </FormShell>
  );
}

const sameAgencies = (a: readonly AgencyRef[], b: readonly AgencyRef[]) =>
  a.length === b.length && a.every((x, i) => agencyKey(x) === agencyKey(b[i]!));

export function EditForm({
  task,
  store,
  agencies,
}: FormProps & {
  /** Agencies to choose from (those the tasks already name). */
  agencies: readonly AgencyRef[];
}) {
  const { t } = useTranslation();
  const { submit, error, busy } = useSubmit(store);
  const [content, setContent] = useState(task.content);
  const [lead, setLead] = useState(agencyKey(task.lead));
  const [cooperating, setCooperating] = useState(task.cooperating.map(agencyKey));
  const [dueDate, setDueDate] = useState(task.dueDate);
  const [dueEvent, setDueEvent] = useState(task.dueEvent ?? '');
  const [reportTo, setReportTo] = useState(task.reportTo ?? '');
  const [recurrence, setRecurrence] = useState<Recurrence | 'none'>(task.recurrence ?? 'none');
  const [notice, setNotice] = useState<string | null>(null);
  const byKey = new Map(
    [task.lead, ...task.cooperating, ...agencies].map((a) => [agencyKey(a), a]),
  );
  const options = [...byKey.entries()].map(([value, a]) => ({ value, label: a.name }));

  const changedFields = (): TaskFields => {
    const fields: TaskFields = {};
    if (content.trim() !== task.content) fields.content = content.trim();
    if (lead !== agencyKey(task.lead)) fields.lead = byKey.get(lead) ?? task.lead;
    const coop = cooperating.flatMap((key) => byKey.get(key) ?? []);
    if (!sameAgencies(coop, task.cooperating)) fields.cooperating = coop;
    if (dueDate !== task.dueDate) fields.dueDate = dueDate;
    if ((dueEvent.trim() || null) !== task.dueEvent) fields.dueEvent = dueEvent.trim() || null;
    if ((reportTo.trim() || null) !== task.reportTo) fields.reportTo = reportTo.trim() || null;
    const rec = recurrence === 'none' ? null : recurrence;
    if (rec !== task.recurrence) fields.recurrence = rec;
    return fields;
  };

  return (
    <FormShell
      label={t('tasks.forms.edit.title')}
      error={error}
      onSubmit={() => {
        if (!content.trim()) {
          setNotice(t('tasks.forms.edit.contentRequired'));
          return;
        }
        const fields = changedFields();
        if (Object.keys(fields).length === 0) {
          setNotice(t('tasks.forms.edit.noChanges'));
          return;
        }
        setNotice(null);
        void submit(
          { name: 'task.update', args: { taskId: task.id, fields } },
          t('tasks.forms.edit.saved'),
        );
      }}
    >
      {notice && (
        <Alert color="yellow" role="status">
          {notice}
        </Alert>
      )}
      <Textarea
        label={t('tasks.forms.edit.content')}
        autosize
        minRows={3}
        maxLength={10_000}
        size="md"
        value={content}
        onChange={(event) => setContent(event.currentTarget.value)}
      />
      <Select
        label={t('tasks.forms.edit.lead')}
        searchable
        size="md"
        allowDeselect={false}
        data={options}
        value={lead}
        onChange={(value) => value && setLead(value)}
      />
      <MultiSelect
        label={t('tasks.forms.edit.cooperating')}
        searchable
        size="md"
        data={options.filter((o) => o.value !== lead)}
        value={cooperating.filter((key) => key !== lead)}
        onChange={setCooperating}
      />
      <Group grow align="flex-start">
        <DayInput label={t('tasks.forms.edit.dueDate')} value={dueDate} onChange={setDueDate} />
        <TextInput
          label={t('tasks.forms.edit.dueEvent')}
          maxLength={500}
          value={dueEvent}
          onChange={(event) => setDueEvent(event.currentTarget.value)}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          label={t('tasks.forms.edit.reportTo')}
          maxLength={300}
          value={reportTo}
          onChange={(event) => setReportTo(event.currentTarget.value)}
        />
        <Select
          label={t('tasks.forms.edit.recurrence')}
          size="md"
          allowDeselect={false}
          data={(['none', 'weekly', 'monthly'] as const).map((value) => ({
            value,
            label: t(`tasks.recurrence.${value}`),
          }))}
          value={recurrence}
          onChange={(value) => value && setRecurrence(value as Recurrence | 'none')}
        />
      </Group>
      <Group>
        <Button type="submit" loading={busy}>
          {t('tasks.forms.edit.submit')}
        </Button>
      </Group>
    </FormShell>
  );
}

export function ExtendForm({ task, store }: FormProps) {
  const { t } = useTranslation();
  const { submit, error, busy } = useSubmit(store);
  const [newDue, setNewDue] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  return (
    <FormShell
      label={t('tasks.forms.extend.title')}
      error={error}
      onSubmit={() => {
        setChecked(true);
        if (!newDue || !reason.trim()) return;
        void submit(
          {
            name: 'task.extend',
            args: {
              taskId: task.id,
              extensionId: newClientId('extension'),
              newDue,
              reason: reason.trim(),
            },
          },
          t('tasks.forms.extend.saved'),
        ).then((ok) => {
          if (ok) {
            setNewDue(null);
            setReason('');
            setChecked(false);
          }
        });
      }}
    >
      <DayInput
        label={t('tasks.forms.extend.newDue')}
        required
        w={260}
        value={newDue}
        onChange={setNewDue}
        error={checked && !newDue ? t('tasks.forms.extend.dueRequired') : undefined}
      />
      <Textarea
        label={t('tasks.forms.extend.reason')}
        required
        autosize
        minRows={2}
        maxLength={2000}
        size="md"
        value={reason}
        error={checked && !reason.trim() ? t('tasks.forms.extend.reasonRequired') : undefined}
        onChange={(event) => setReason(event.currentTarget.value)}
      />
      <Group>
        <Button type="submit" loading={busy}>
          {t('tasks.forms.extend.submit')}
        </Button>
      </Group>
    </FormShell>
  );
}
