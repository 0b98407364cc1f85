/**
 * Where each annotation goes in the version being read: as stored when it was made on this
 * version; re-anchored by its text when it was made on another (common/annotations/anchoring.ts);
 * flagged as lost when its text is not found, or it has none.
 */
import {
  placeAnnotation,
  reanchor,
  type PageText,
  type Placement,
  type TextBox,
} from '../../../../common/annotations/anchoring';
import type { Annotation } from '../../../../common/domain/annotation';

export type PlacementStatus = 'same' | 'moved' | 'lost';

export interface ResolvedAnnotation {
  /** As drawn in the version read (page and shape moved when re-anchored). */
  annotation: Annotation;
  /** The annotation as stored. */
  stored: Annotation;
  status: PlacementStatus;
  /** The move applied ('moved'), for the export. */
  placement: Placement | null;
}

/** Pages on each side of an annotation's own page searched first. */
const NEAR_PAGES = 2;

/**
 * Placements of the annotations made on another version than `version`, from the page texts of
 * `version` (read through `pageText`, which the caller caches). Pages near each annotation's own
 * page are read first; the whole document only when its text is not found there.
 */
export async function computePlacements(
  annotations: readonly Annotation[],
  version: number,
  pagesCount: number,
  pageText: (page: number) => Promise<TextBox[]>,
): Promise<Map<string, Placement | null>> {
  const placements = new Map<string, Placement | null>();
  const texts = new Map<number, PageText>();
  const read = async (pages: number[]): Promise<PageText[]> => {
    for (const page of pages)
      if (!texts.has(page)) texts.set(page, { page, items: await pageText(page) });
    return pages.map((p) => texts.get(p)!);
  };
  const range = (from: number, to: number) => {
    const pages: number[] = [];
    for (let p = Math.max(1, from); p <= Math.min(pagesCount, to); p++) pages.push(p);
    return pages;
  };
  for (const annotation of annotations) {
    if (annotation.version === version) continue;
    if (!annotation.anchor) {
      placements.set(annotation.id, null);
      continue;
    }
    const near = await read(range(annotation.page - NEAR_PAGES, annotation.page + NEAR_PAGES));
    let placement = reanchor(annotation.anchor, annotation.page, near);
    if (!placement)
      placement = reanchor(annotation.anchor, annotation.page, await read(range(1, pagesCount)));
    placements.set(annotation.id, placement);
  }
  return placements;
}

/**
 * The annotations as the version `version` shows them. Those of another version whose placement
 * is not computed yet are left out for now (`undefined` in `placements`).
 */
export function resolveAnnotations(
  annotations: readonly Annotation[],
  version: number,
  placements: ReadonlyMap<string, Placement | null>,
): ResolvedAnnotation[] {
  const resolved: ResolvedAnnotation[] = [];
  for (const stored of annotations) {
    if (stored.version === version) {
      resolved.push({ annotation: stored, stored, status: 'same', placement: null });
      continue;
    }
    if (!placements.has(stored.id)) continue;
    const placement = placements.get(stored.id) ?? null;
    resolved.push(
      placement
        ? { annotation: placeAnnotation(stored, placement), stored, status: 'moved', placement }
        : { annotation: stored, stored, status: 'lost', placement: null },
    );
  }
  return resolved;
}
