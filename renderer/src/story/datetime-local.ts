// <input type="datetime-local"> speaks local wall-clock time without a zone;
// the document stores an ISO instant with the local offset.
function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function isoToLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${value.length === 16 ? value + ':00' : value}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
