/**
 * `npm run card:markdown [-- <card.json>]`: the README's accuracy tables, rendered from a
 * general-model card so that the figures there are copied by a program, not by hand.
 */
import { readFile } from 'node:fs/promises';
import type { modelCard } from '../src/node/model-card';

type Card = ReturnType<typeof modelCard>;

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const row = (cells: readonly (string | number)[]) =>
  `|${cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|')}|`;
const rule = (columns: number) => `|${'---|'.repeat(columns)}`;

function cardMarkdown(card: Card): string {
  const names = card.classNames;
  const recall = names.map((n) => `${(100 * card.test.recall[n]).toFixed(1)}%`);
  return [
    row(['', 'accuracy']),
    rule(2),
    row(['PrivateTest, single view (the shipped model)', `**${pct(card.test.accuracy)}**`]),
    row(['PrivateTest, averaged with the mirrored view', pct(card.test.accuracyWithFlip)]),
    row(['PublicTest (selects the weights)',
      card.validation ? pct(card.validation.accuracy) : 'n/a']),
    '',
    'Per-class recall on PrivateTest:',
    '',
    row(names),
    rule(names.length),
    row(recall),
    '',
    'Confusion matrix on PrivateTest (rows: true class, columns: predicted):',
    '',
    row(['', ...names.map((n) => n.slice(0, 3))]),
    rule(names.length + 1),
    ...card.test.confusion.map((counts, c) => row([names[c], ...counts])),
  ].join('\n');
}

const path = process.argv[2] ?? 'public/models/general/card.json';
readFile(path, 'utf8').then((text) => console.log(cardMarkdown(JSON.parse(text) as Card)))
  .catch((e: unknown) => {
    console.error(`Cannot render ${path}: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
