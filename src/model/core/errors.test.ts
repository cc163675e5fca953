import { describe, expect, it } from 'vitest';
import { DataError, MAX_FILE_BYTES, checkFileSize, formatBytes } from './errors';

describe('errors', () => {
  it('DataError is an Error with its own name', () => {
    const e = new DataError('Bad file.');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DataError');
    expect(e.message).toBe('Bad file.');
  });
  it('file size limit is 100 MB and the message states it', () => {
    expect(MAX_FILE_BYTES).toBe(104_857_600);
    expect(() => checkFileSize(MAX_FILE_BYTES, 'ok.csv')).not.toThrow();
    expect(() => checkFileSize(MAX_FILE_BYTES + 1, 'big.csv')).toThrow(DataError);
    expect(() => checkFileSize(150 * 1024 * 1024, 'big.csv')).toThrow(
      '"big.csv" is 150.0 MB; the largest file this app accepts is 100.0 MB. Trim it to fewer rows or columns and try again.',
    );
  });
  it('formatBytes', () => {
    expect([formatBytes(12), formatBytes(2048), formatBytes(5 * 1024 * 1024)]).toEqual([
      '12 bytes',
      '2.0 KB',
      '5.0 MB',
    ]);
  });
});
