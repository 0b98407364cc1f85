/**
 * Crafted PDFs for the inspection limits (tests/integration/pdfLimits.test.ts), written object by
 * object with a correct cross-reference table, so pdf.js opens them without repair and the only
 * thing wrong with each is what it is built to be: a decompression bomb, a huge page count, or a
 * page whose content takes long to read.
 */
import { createDeflate } from 'node:zlib';

/**
 * A PDF of `objects` (object n is `objects[n - 1]`; object 1 is the catalog), with the xref
 * table and trailer. A Buffer item is written as is (stream data); strings are latin1.
 */
export function writePdf(objects: (string | Buffer)[][]): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  const push = (part: string | Buffer) => {
    const buffer = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    chunks.push(buffer);
    offset += buffer.length;
  };
  objects.forEach((parts, index) => {
    offsets.push(offset);
    push(`${index + 1} 0 obj\n`);
    for (const part of parts) push(part);
    push('\nendobj\n');
  });
  const xrefAt = offset;
  const lines = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n'];
  for (const at of offsets) lines.push(`${String(at).padStart(10, '0')} 00000 n \n`);
  push(lines.join(''));
  push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);
  return Buffer.concat(chunks);
}

const streamObject = (data: Buffer, filter?: string): (string | Buffer)[] => [
  `<< /Length ${data.length}${filter ? ` /Filter /${filter}` : ''} >>\nstream\n`,
  data,
  '\nendstream',
];

/** zlib (FlateDecode) of `count` repetitions of `chunk`, compressed as it is produced. */
export async function deflateRepeated(chunk: Buffer, count: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  for (let i = 0; i < count; i++) {
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** One page whose content stream is `content` (already encoded with `filter`, if given). */
function onePage(content: Buffer, filter?: string): Buffer {
  return writePdf([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    [
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R',
      ' /Resources << /Font << /F1 5 0 R >> >> >>',
    ],
    streamObject(content, filter),
    ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'],
  ]);
}

/**
 * A decompression bomb: one page whose content stream is `inflatedMb` MB of zeros, deflated
 * (about a thousandth of that in the file).
 */
export async function decompressionBomb(inflatedMb: number): Promise<Buffer> {
  const zeros = await deflateRepeated(Buffer.alloc(1024 * 1024), inflatedMb);
  return onePage(zeros, 'FlateDecode');
}

/**
 * `pageCount` pages in a two-level page tree (nodes of at most 1000 kids), every page sharing one
 * empty content stream and the root's MediaBox: about 75 bytes a page.
 */
export function manyEmptyPages(pageCount: number): Buffer {
  const perNode = 1000;
  const nodeCount = Math.ceil(pageCount / perNode);
  // 1 catalog, 2 root, 3 content, then the intermediate nodes, then the pages.
  const firstNode = 4;
  const firstPage = firstNode + nodeCount;
  const objects: (string | Buffer)[][] = [
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    [
      `<< /Type /Pages /Count ${pageCount} /MediaBox [0 0 595 842] /Kids [`,
      Array.from({ length: nodeCount }, (_, i) => `${firstNode + i} 0 R`).join(' '),
      '] >>',
    ],
    streamObject(Buffer.alloc(0)),
  ];
  for (let node = 0; node < nodeCount; node++) {
    const from = node * perNode;
    const to = Math.min(pageCount, from + perNode);
    const kids = [];
    for (let p = from; p < to; p++) kids.push(`${firstPage + p} 0 R`);
    objects.push([
      `<< /Type /Pages /Parent 2 0 R /Count ${to - from} /Kids [${kids.join(' ')}] >>`,
    ]);
  }
  for (let p = 0; p < pageCount; p++)
    objects.push([
      `<< /Type /Page /Parent ${firstNode + Math.floor(p / perNode)} 0 R /Contents 3 0 R >>`,
    ]);
  return writePdf(objects);
}

/**
 * One page that takes long to read but little memory: `operators` text-showing operations
 * (deflated), each a separate text item for pdf.js to build.
 */
export async function slowPage(
  operators: number,
  operator = 'BT /F1 9 Tf 10 10 Td (Trang) Tj ET',
): Promise<Buffer> {
  const line = Buffer.from(`${operator}\n`, 'latin1');
  const perChunk = 10_000;
  const chunk = Buffer.concat(Array.from({ length: perChunk }, () => line));
  const content = await deflateRepeated(chunk, Math.ceil(operators / perChunk));
  return onePage(content, 'FlateDecode');
}
