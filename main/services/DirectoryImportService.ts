/**
 * Reads an office's staff spreadsheet (.xlsx) into rows for the server's `importDirectory`: one
 * row a person, columns found by their header (họ tên, chức vụ, đơn vị, điểm cầu, tên đăng nhập,
 * email) anywhere in the first rows of the first sheet that has them, so a title row above the
 * table ("DANH SÁCH CÁN BỘ …") is fine. Cell text as Excel shows it; empty rows skipped. The
 * server checks every row; this only finds them.
 */
import ExcelJS from 'exceljs';
import { AppError, InvalidError } from '../../common/errors';
import {
  IMPORT_COLUMNS,
  matchImportHeader,
  MAX_IMPORT_ROWS,
  type ImportColumn,
  type ImportRow,
} from '../../common/domain/directory';
import type { IpcResponse } from '../../common/ipc/contract';

/** The header is looked for in this many first rows of a sheet. */
const HEADER_SEARCH_ROWS = 20;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export class DirectoryImportService {
  async readSpreadsheet(
    fileName: string,
    bytes: Uint8Array,
  ): Promise<IpcResponse<'directory.readSpreadsheet'>> {
    // An .xlsx is a zip; the older .xls (BIFF) and .csv are not read here.
    if (!ZIP_MAGIC.every((b, i) => bytes[i] === b))
      throw new InvalidError(`${fileName} is not an .xlsx spreadsheet`, { reason: 'not_xlsx' });
    const workbook = new ExcelJS.Workbook();
    try {
      // exceljs's types name an old Buffer; a copy's ArrayBuffer is what it reads.
      await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer);
    } catch {
      throw new InvalidError(`${fileName} cannot be read as an .xlsx spreadsheet`, {
        reason: 'not_xlsx',
      });
    }
    let fewestMissing: ImportColumn[] = Object.keys(IMPORT_COLUMNS) as ImportColumn[];
    for (const sheet of workbook.worksheets) {
      const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
      for (let number = 1; number <= last; number++) {
        const cells = rowTexts(sheet.getRow(number), sheet.columnCount);
        const { columns, missing } = matchImportHeader(cells);
        if (missing.length < fewestMissing.length) fewestMissing = missing;
        if (missing.length > 0) continue;
        return {
          sheetName: sheet.name,
          headerLine: number,
          rows: readRows(sheet, number, columns),
        };
      }
    }
    throw new InvalidError('No header row with the columns of an import', {
      reason: 'no_header',
      missing: fewestMissing,
    });
  }
}

function readRows(
  sheet: ExcelJS.Worksheet,
  headerLine: number,
  columns: Partial<Record<ImportColumn, number>>,
): ImportRow[] {
  const rows: ImportRow[] = [];
  const cell = (row: ExcelJS.Row, column: ImportColumn) => {
    const index = columns[column];
    return index === undefined ? '' : cellText(row.getCell(index + 1));
  };
  for (let number = headerLine + 1; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    const values: ImportRow = {
      line: number,
      fullName: cell(row, 'fullName'),
      title: cell(row, 'title'),
      unit: cell(row, 'unit'),
      site: cell(row, 'site'),
      username: cell(row, 'username'),
      email: cell(row, 'email'),
    };
    if (!values.fullName && !values.title && !values.unit && !values.site && !values.username)
      continue;
    if (rows.length === MAX_IMPORT_ROWS)
      throw new AppError('too_large', `More than ${MAX_IMPORT_ROWS} people in one import`, {
        reason: 'too_many_rows',
        maxRows: MAX_IMPORT_ROWS,
      });
    rows.push(values);
  }
  return rows;
}

function rowTexts(row: ExcelJS.Row, columnCount: number): string[] {
  return Array.from({ length: Math.min(columnCount, 100) }, (_, i) => cellText(row.getCell(i + 1)));
}

/** What the cell shows (a formula's result, a link's text), trimmed and cut to what a row holds. */
function cellText(cell: ExcelJS.Cell): string {
  let text: string;
  try {
    text = cell.text ?? '';
  } catch {
    text = '';
  }
  return text.normalize('NFC').trim().slice(0, 500);
}
