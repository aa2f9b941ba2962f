/**
 * Reads the CSV export back the way a spreadsheet does, written for the tests
 * apart from the application's own CSV code: BOM, `;`, quoted cells with
 * doubled quotes and line breaks. Each row becomes an object keyed by header.
 */
export function parseFrenchCsv(text: string): Record<string, string>[] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let inQuotes = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inQuotes) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else cell += c;
    } else if (c === '"') inQuotes = true;
    else if (c === ";") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && body[i + 1] === "\n") {
      row.push(cell);
      records.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) records.push([...row, cell]);
  const [header = [], ...rows] = records;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

/** "1234,5" → 1234.5; "" → null. */
export function frenchNumber(text: string | undefined): number | null {
  if (text === undefined || text === "") return null;
  return Number(text.replace(",", "."));
}
