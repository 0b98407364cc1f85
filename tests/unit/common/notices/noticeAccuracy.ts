/**
 * Compares parsed tasks with hand-labelled ones: aligns them in order by content, then counts
 * per field how many agree. Used by the fixture tests and to report accuracy
 * (`NOTICE_ACCURACY=1 npx vitest run tests/unit/common/notices`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParsedConclusion, ParsedTask } from '../../../../common/notices/parseConclusion';
import { fold } from '../../../../common/notices/text';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ExpectedNotice {
  readonly note?: string;
  readonly options?: { referenceDate?: string };
  readonly meeting: ParsedConclusion['meeting'];
  readonly tasks: readonly ParsedTask[];
}

export interface NoticeCase {
  readonly name: string;
  readonly text: string;
  readonly expected: ExpectedNotice;
}

function read(path: string): string {
  return readFileSync(`${repoRoot}${path}`, 'utf8');
}

/**
 * The shared notices (from resources/demo/notices, byte-identical to the shared copies) and
 * the authored ones in tests/fixtures/notices, each with its hand-labelled expectation.
 */
export function noticeCases(): NoticeCase[] {
  const cases: NoticeCase[] = [
    {
      name: 'hai-duong-2022-10-conclusion',
      text: read('resources/demo/notices/hai-duong-2022-10-conclusion.txt'),
      expected: JSON.parse(
        read('resources/demo/notices/hai-duong-2022-10-conclusion.expected.json'),
      ),
    },
    {
      name: 'quang-binh-2020-05-conclusion',
      text: read('resources/demo/notices/quang-binh-2020-05-conclusion.txt'),
      expected: JSON.parse(
        read('tests/fixtures/notices/quang-binh-2020-05-conclusion.expected.json'),
      ),
    },
  ];
  const dir = 'tests/fixtures/notices/';
  for (const file of readdirSync(`${repoRoot}${dir}`).sort()) {
    if (!file.endsWith('.txt')) continue;
    const name = file.slice(0, -'.txt'.length);
    cases.push({
      name,
      text: read(`${dir}${file}`),
      expected: JSON.parse(read(`${dir}${name}.expected.json`)),
    });
  }
  return cases;
}

/** Folded words of a text, for comparing wording regardless of case, diacritics and punctuation. */
export function words(text: string): Set<string> {
  return new Set(fold(text).match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Share of the expected content's words found in the parsed content. */
export function contentCoverage(parsed: string, expected: string): number {
  const want = words(expected);
  if (want.size === 0) return 1;
  const got = words(parsed);
  let hit = 0;
  for (const w of want) if (got.has(w)) hit++;
  return hit / want.size;
}

/**
 * Pairs parsed and expected tasks in order, maximising content overlap (both lists follow the
 * notice's order), so one missed or extra task does not shift every later comparison.
 */
export function alignTasks(
  parsed: readonly ParsedTask[],
  expected: readonly ParsedTask[],
): { parsed: ParsedTask | null; expected: ParsedTask | null }[] {
  const n = parsed.length;
  const m = expected.length;
  const score = (i: number, j: number): number => {
    const p = parsed[i];
    const e = expected[j];
    if (!p || !e) return 0;
    const overlap = contentCoverage(p.content, e.content);
    return overlap < 0.3 ? -1 : overlap + (p.lead === e.lead ? 0.5 : 0);
  };
  const best: number[][] = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = best[i] as number[];
      const s = score(i, j);
      row[j] = Math.max(
        best[i + 1]?.[j] ?? 0,
        row[j + 1] ?? 0,
        s < 0 ? -Infinity : s + (best[i + 1]?.[j + 1] ?? 0),
      );
    }
  }
  const pairs: { parsed: ParsedTask | null; expected: ParsedTask | null }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const s = i < n && j < m ? score(i, j) : -1;
    const here = best[i]?.[j] ?? 0;
    if (s >= 0 && here === s + (best[i + 1]?.[j + 1] ?? 0)) {
      pairs.push({ parsed: parsed[i] ?? null, expected: expected[j] ?? null });
      i++;
      j++;
    } else if (i < n && (j >= m || here === (best[i + 1]?.[j] ?? 0))) {
      pairs.push({ parsed: parsed[i] ?? null, expected: null });
      i++;
    } else {
      pairs.push({ parsed: null, expected: expected[j] ?? null });
      j++;
    }
  }
  return pairs;
}

export const SCORED_FIELDS = ['lead', 'cooperating', 'due', 'reportTo', 'recurrence'] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export function sameField(field: ScoredField, parsed: ParsedTask, expected: ParsedTask): boolean {
  if (field === 'cooperating') {
    const a = [...parsed.cooperating].sort();
    const b = [...expected.cooperating].sort();
    return a.length === b.length && a.every((x, k) => x === b[k]);
  }
  return parsed[field] === expected[field];
}

export interface NoticeScore {
  readonly name: string;
  readonly expectedTasks: number;
  readonly parsedTasks: number;
  /** Per field: expected tasks whose aligned parsed task has the same value. */
  readonly correct: Readonly<Record<ScoredField, number>>;
}

export function scoreNotice(
  name: string,
  parsed: ParsedConclusion,
  expected: ExpectedNotice,
): NoticeScore {
  const correct: Record<ScoredField, number> = {
    lead: 0,
    cooperating: 0,
    due: 0,
    reportTo: 0,
    recurrence: 0,
  };
  for (const pair of alignTasks(parsed.tasks, expected.tasks)) {
    if (!pair.parsed || !pair.expected) continue;
    for (const f of SCORED_FIELDS) if (sameField(f, pair.parsed, pair.expected)) correct[f]++;
  }
  return { name, expectedTasks: expected.tasks.length, parsedTasks: parsed.tasks.length, correct };
}

export function formatScores(scores: readonly NoticeScore[]): string {
  const header = ['notice', 'tasks (parsed/labelled)', ...SCORED_FIELDS].join(' | ');
  const rows = scores.map((s) =>
    [
      s.name,
      `${s.parsedTasks}/${s.expectedTasks}`,
      ...SCORED_FIELDS.map((f) => `${s.correct[f]}/${s.expectedTasks}`),
    ].join(' | '),
  );
  return [header, ...rows].join('\n');
}
