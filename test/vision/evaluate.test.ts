import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEval } from '../../src/main/cli/eval.js';

const faces = join(import.meta.dirname, '../fixtures/faces');

/** A data set laid out the way other face sets are: other folder names, nested folders, a class the model lacks, a broken file. */
function makeDataSet(): string {
  const root = mkdtempSync(join(tmpdir(), 'moodtape-eval-'));
  const put = (from: string, to: string, n: number) => {
    mkdirSync(join(root, to), { recursive: true });
    for (const f of readdirSync(join(faces, from)).slice(0, n)) copyFileSync(join(faces, from, f), join(root, to, f));
  };
  put('angry', 'Anger', 2);
  put('angry', 'Anger/subject-7', 3);
  put('happy', 'happiness', 4);
  put('neutral', 'contempt', 2);
  writeFileSync(join(root, 'happiness', 'not-really.jpg'), 'this is not a picture');
  writeFileSync(join(root, 'README.txt'), 'labels by folder');
  return root;
}

async function evalJson(args: string[]) {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void lines.push(s));
  const code = await runEval(['--json', ...args]);
  log.mockRestore();
  return { code, report: JSON.parse(lines.join('\n')) };
}

afterEach(() => vi.restoreAllMocks());

describe('moodtape eval on a face set laid out its own way', () => {
  it('accepts other class names and nested folders, skips what the model lacks, and says so', async () => {
    const { code, report } = await evalJson(['--data', makeDataSet(), '--crops']);
    expect(code).toBe(0);
    for (const key of ['accuracy', 'perClassRecall', 'confusion', 'msPerImage', 'imagesPerSecond', 'skippedClasses']) {
      expect(report).toHaveProperty(key);
    }
    expect(report.classes).toEqual(['angry', 'happy']);
    expect(report.skippedClasses).toEqual(['contempt']);
    // 5 angry (2, and 3 in a nested folder) and 4 happy; the broken file is counted apart.
    expect(report.images).toBe(9);
    expect(report.unreadable).toBe(1);
    expect(report.confusion).toHaveLength(2);
    expect(report.perClassRecall.happy).toBeGreaterThan(0.5);
    expect(report.accuracy).toBeGreaterThan(0.5);
  });

  it('runs the face detector first without --crops and counts pictures with no face as misses', async () => {
    const { report } = await evalJson(['--data', makeDataSet()]);
    expect(report.crops).toBe(false);
    // One extra column: images where no face was found.
    expect(report.confusion[0]).toHaveLength(3);
    // A face read as a class outside the set (say neutral) is a miss with no column: it is counted apart.
    const total = report.confusion.flat().reduce((a: number, b: number) => a + b, 0);
    expect(total + report.otherClass).toBe(9);
    expect(report.noFace).toBe(report.confusion.reduce((s: number, row: number[]) => s + row[2], 0));
  });

  it('explains a folder with no class it knows', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'moodtape-eval-'));
    mkdirSync(join(empty, 'contempt'));
    const { code, report } = await evalJson(['--data', empty]);
    expect(code).not.toBe(0);
    expect(JSON.stringify(report)).toMatch(/No class folders/);
  });
});
