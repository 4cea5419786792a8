/** The browser carries only the languages it shows: English is bundled, another is fetched when first shown. */
import { expect, it } from 'vitest';
import { startServer } from '../helpers';
import { newPage } from './browser';

const languageChunk = /\/assets\/(de|fr|es|pt)-[\w-]+\.js$/;

it('an English reader fetches no other catalogue; a German reader fetches German only, and a switch fetches the next', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const english = await newPage({ width: 1280, height: 860 }, 'en-US');
  const englishChunks: string[] = [];
  english.on('request', (r) => languageChunk.test(r.url()) && englishChunks.push(r.url()));
  await english.goto(url);
  await english.getByRole('button', { name: 'Create workshop' }).waitFor();
  expect(englishChunks).toEqual([]);

  const german = await newPage({ width: 1280, height: 860 }, 'de-DE');
  const chunks: string[] = [];
  german.on('request', (r) => {
    const m = languageChunk.exec(r.url());
    if (m) chunks.push(m[1]!);
  });
  await german.goto(url);
  await german.getByTestId('language-menu').waitFor();
  expect(await german.evaluate(() => document.documentElement.lang)).toBe('de');
  await expect.poll(() => german.getByTestId('language-menu').inputValue()).toBe('de');
  expect(chunks).toEqual(['de']);
  await german.getByTestId('language-menu').selectOption('pt');
  await expect.poll(() => german.evaluate(() => document.documentElement.lang)).toBe('pt');
  expect(chunks).toEqual(['de', 'pt']);
}, 60_000);
