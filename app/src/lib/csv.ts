/** One CSV cell: quoted when it holds a comma, quote or line break; formulas neutralised for spreadsheets. */
function cell(value: string | number | bigint | boolean): string {
  let text = String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection); numbers are safe.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | bigint | boolean)[])[],
): string {
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** Offers `text` as a file download. */
export function downloadText(filename: string, text: string, type = "text/csv"): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1_000);
}
