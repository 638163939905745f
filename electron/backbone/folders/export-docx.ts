import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { describeQuery } from './export-text';
import type { FolderDocument } from './types';

const lines = (text: string): string[] => text.replace(/\r\n?/g, '\n').split('\n');

/** A run per line with breaks between, so multi-line text keeps its lines in Word. */
const runs = (text: string, style: { italics?: boolean; bold?: boolean } = {}): TextRun[] =>
  lines(text).map((l, i) => new TextRun({ text: l, break: i > 0 ? 1 : undefined, ...style }));

/** A folder as a Word document (.docx bytes): the same sections as the Markdown export. */
export async function folderToDocx(doc: FolderDocument): Promise<Buffer> {
  const body: Paragraph[] = [new Paragraph({ text: doc.folder.name, heading: HeadingLevel.TITLE })];
  if (doc.folder.description) body.push(new Paragraph({ children: runs(doc.folder.description) }));
  for (const p of doc.pins) {
    body.push(new Paragraph({ text: p.citation, heading: HeadingLevel.HEADING_1 }));
    if (p.path.length > 0) body.push(new Paragraph({ children: [new TextRun({ text: p.path.join(' › '), italics: true })] }));
    body.push(new Paragraph({ children: runs(p.text), indent: { left: 720 } }));
    if (p.note) body.push(new Paragraph({ children: [new TextRun({ text: '备注：', bold: true }), ...runs(p.note)] }));
  }
  if (doc.queries.length > 0) {
    body.push(new Paragraph({ text: '检索记录', heading: HeadingLevel.HEADING_1 }));
    for (const q of doc.queries) body.push(new Paragraph({ text: `${describeQuery(q)} — ${q.recordedAt}`, bullet: { level: 0 } }));
  }
  const file = new Document({
    creator: 'Lexbone',
    title: doc.folder.name,
    description: doc.folder.description,
    sections: [{ children: body }],
  });
  return Packer.toBuffer(file);
}
