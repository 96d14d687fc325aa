// Reads a PDF on stdin and prints {"pages","width","height","text"} as JSON: the page count, the first page's size in
// points and the text of every page, extracted by pdf.js (npm unpdf). A separate Node process, because pdf.js loads
// itself with a dynamic import() that Jest's module sandbox cannot run.
import { extractText, getDocumentProxy } from 'unpdf';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const doc = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
const page = await doc.getPage(1);
const [, , width, height] = page.view;
const { text } = await extractText(doc, { mergePages: true });
process.stdout.write(JSON.stringify({ pages: doc.numPages, width, height, text: text.replace(/\s+/g, ' ') }));
