import { describe, expect, it } from 'vitest';
import { classifyAttachment, storedFileName } from './attachments.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('classifyAttachment (CON-7)', () => {
  it.each([
    [enc('%PDF-1.7 ...'), 'a.pdf', 'application/pdf'],
    [
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]),
      'report.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]),
      'sheet.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]), 'files.zip', 'application/zip'],
    [enc('hello\nworld'), 'notes.txt', 'text/plain'],
    [enc('<script>alert(1)</script>'), 'x.html', null],
    [enc('<svg onload=alert(1)>'), 'x.svg', null],
    [enc('MZ\x90\x00'), 'setup.exe', null],
    [new Uint8Array([0xff, 0xfe, 0x00, 0x41]), 'bad.txt', null],
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'photo.txt', 'image/png'],
  ])('%#: %s', (data, name, type) => {
    expect(classifyAttachment(data, name)).toBe(type);
  });
});

describe('storedFileName (issue 10.12)', () => {
  const long = 'a'.repeat(250);
  it.each([
    ['report.pdf', 'report.pdf'],
    ['', 'file'],
    ['../etc/passwd', '.._etc_passwd'],
    ['a"b\r\nc\\d', 'a_b__c_d'],
    [`${long}.txt`, `${'a'.repeat(196)}.txt`],
    [`${long}.docx`, `${'a'.repeat(195)}.docx`],
    [long, 'a'.repeat(200)],
    [`x.${long}`, `x.${'a'.repeat(198)}`],
    [`${'é'.repeat(250)}.txt`, `${'é'.repeat(196)}.txt`],
  ])('%#', (raw, stored) => {
    expect(storedFileName(raw)).toBe(stored);
  });

  it('keeps the kind of a long-named file', () => {
    const name = storedFileName(`${long}.xlsx`);
    expect(name).toHaveLength(200);
    expect(classifyAttachment(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]), name)).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });
});
