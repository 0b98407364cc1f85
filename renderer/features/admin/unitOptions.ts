/**
 * Units as a Select offers them: in tree order (indented by depth in `UnitSelect`), merged units
 * left out (they take nothing new), and the units a choice must not be (a unit itself and its
 * sub-units, for a move or a merge) left out too.
 */
import type { DirectoryUnit } from '../../../common/domain/directory';

/** Depth of every unit in the list (0 at the top). */
export function unitDepths(units: readonly DirectoryUnit[]): Map<string, number> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const depths = new Map<string, number>();
  const depthOf = (unit: DirectoryUnit, seen = new Set<string>()): number => {
    const known = depths.get(unit.id);
    if (known !== undefined) return known;
    const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
    const depth = parent && !seen.has(parent.id) ? depthOf(parent, seen.add(unit.id)) + 1 : 0;
    depths.set(unit.id, depth);
    return depth;
  };
  units.forEach((u) => depthOf(u));
  return depths;
}

/** The unit and all its sub-units, through any depth. */
export function subtreeIds(units: readonly DirectoryUnit[], id: string): Set<string> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const found = new Set<string>([id]);
  const queue = [id];
  while (queue.length > 0)
    for (const child of byId.get(queue.shift()!)?.childIds ?? [])
      if (!found.has(child)) {
        found.add(child);
        queue.push(child);
      }
  return found;
}

export function unitSelectData(
  units: readonly DirectoryUnit[],
  exclude: ReadonlySet<string> = new Set(),
): { value: string; label: string }[] {
  return units
    .filter((u) => !u.merged && !exclude.has(u.id))
    .map((u) => ({ value: u.id, label: u.name }));
}
