import type { CpuProfile, CpuProfileNode } from './inspector.js';

/** Where a frame's code lives: a package, a file of ours, a Node module, or V8's own buckets. */
export function areaOf(frame: CpuProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName.startsWith('(')) return functionName; // (garbage collector), (program), (idle), (root)
    return '(native)';
  }
  if (url.startsWith('wasm://')) return 'wasm (PGlite engine)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = /packages\/([^/]+)\/src\/(.*)$/.exec(url);
  if (src) return `${src[1]}: ${src[2]}`;
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '');
}

export type ProfileRow = { name: string; ms: number; share: number };

export type ProfileSummary = {
  totalMs: number;
  /** Self time per function, most first. */
  functions: ProfileRow[];
  /** Self time per area (package, file), most first. */
  areas: ProfileRow[];
  /** Time with a frame of the area anywhere on the stack (a package's own code plus what it calls). */
  inclusiveAreas: ProfileRow[];
};

export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Time per node from the samples and their time deltas (µs).
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const dt = deltas[i + 1] ?? deltas[i] ?? 0;
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + dt);
  }
  let totalUs = 0;
  for (const v of selfUs.values()) totalUs += v;

  const fnSelf = new Map<string, number>();
  const areaSelf = new Map<string, number>();
  const areaIncl = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const f = node.callFrame;
    const area = areaOf(f);
    const where = f.url ? ` (${area}:${f.lineNumber + 1})` : '';
    const fn = `${f.functionName || '(anonymous)'}${where}`;
    fnSelf.set(fn, (fnSelf.get(fn) ?? 0) + us);
    areaSelf.set(area, (areaSelf.get(area) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const a = areaOf(byId.get(cur)!.callFrame);
      if (a === '(root)' || seen.has(a)) continue;
      seen.add(a);
      areaIncl.set(a, (areaIncl.get(a) ?? 0) + us);
    }
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: totalUs ? us / totalUs : 0 }));
  return {
    totalMs: totalUs / 1000,
    functions: rows(fnSelf),
    areas: rows(areaSelf),
    inclusiveAreas: rows(areaIncl),
  };
}
