/** Reading a written document back as a person opening it would. */
import ExcelJS from 'exceljs';

/** Every sheet's rows as text, as a person opening the workbook sees them. */
export async function xlsxRows(bytes: Buffer): Promise<Record<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: Record<string, string[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      rows.push(Array.from({ length: sheet.columnCount }, (_, c) => row.getCell(c + 1).text ?? ''));
    }
    sheets[sheet.name] = rows;
  });
  return sheets;
}
