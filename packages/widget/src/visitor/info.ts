/** `parley('visitor', { name, email, data })`: the details worth forwarding to the chat window. */
export type VisitorInfo = { name?: string; email?: string; data?: Record<string, string> };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The visitor details worth forwarding, or null when there is nothing usable. */
export function toVisitorInfo(value: unknown): VisitorInfo | null {
  if (!isRecord(value)) return null;
  const info: VisitorInfo = {};
  if (typeof value.name === 'string') info.name = value.name.slice(0, 100);
  if (typeof value.email === 'string') info.email = value.email.slice(0, 320);
  if (isRecord(value.data)) {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(value.data)) {
      if (['string', 'number', 'boolean'].includes(typeof v)) {
        data[k.slice(0, 100)] = String(v).slice(0, 1000);
      }
    }
    info.data = data;
  }
  return Object.keys(info).length ? info : null;
}
