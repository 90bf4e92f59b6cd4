/** Between columns, as kubectl prints them. */
const COLUMN_GAP = '   ';

/**
 * A plain-text table: a header line, then one line per row, each column as wide as its widest
 * cell, the last column unpadded. Cells come from the cluster, so line breaks and other control
 * characters (terminal escapes included) are replaced by spaces: one object, one line.
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map(printableCell));
  const widths = header.map((_, column) => Math.max(...lines.map((cells) => (cells[column] ?? '').length)));
  return lines
    .map((cells) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]))).join(COLUMN_GAP).trimEnd())
    .join('\n') + '\n';
}

/** One line, without control characters; an empty cell shows as "-". */
export function printableCell(value: string): string {
  const text = value.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return text === '' ? '-' : text;
}
