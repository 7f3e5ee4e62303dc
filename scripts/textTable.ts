/**
 * Plain-text table for terminal reports: columns padded to their widest cell, numbers right-aligned.
 * Pure function; width counts UTF-16 units, so keep cells ASCII (file names, numbers) for alignment.
 */

/**
 * Renders a header row, a rule and the rows. A row shorter than the header is aligned up to its last cell, which
 * then runs on unpadded (e.g. `engine, set, "n/a (engine does not support zh)"`); it does not widen the columns.
 */
export function renderTextTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const tabular = rows.filter((row) => row.length >= headers.length);
  const widths = headers.map((header, column) => Math.max(header.length, ...tabular.map((row) => (row[column] ?? '').length)));
  const isNumeric = headers.map((_, column) => tabular.length > 0 && tabular.every((row) => /^[-\d.,%x ]*$/.test(row[column] ?? '') || row[column] === '-'));
  const format = (row: readonly string[]): string =>
    row
      .map((cell, column) => {
        if (row.length < headers.length && column === row.length - 1) return cell;
        return isNumeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0);
      })
      .join('  ')
      .trimEnd();
  const lines = [format(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(format)];
  return lines.join('\n');
}
