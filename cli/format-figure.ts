/** A figure for a table: whole numbers as they are, others to a precision that fits their size. */
export function formatFigure(x: number | null): string {
  if (x === null) return '-';
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3);
}
