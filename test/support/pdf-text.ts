import { execFile } from 'node:child_process';
import * as path from 'node:path';

export interface PdfText {
  pages: number;
  /** The first page's size in points (A4: 595 × 842). */
  width: number;
  height: number;
  /** Every page's text, whitespace runs as one space. */
  text: string;
}

/** Extracts a PDF's text with pdf.js (npm unpdf) in a child Node process (see pdf-text-extract.mjs). */
export function pdfText(pdf: Buffer): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, 'pdf-text-extract.mjs')],
      { maxBuffer: 32 * 1024 * 1024, timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`pdf text extraction failed: ${stderr || err.message}`));
        else resolve(JSON.parse(stdout) as PdfText);
      },
    );
    child.stdin?.end(pdf);
  });
}
