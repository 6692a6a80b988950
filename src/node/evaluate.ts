/**
 * `npm run evaluate -- --model <dir> --data <csv> [--split PrivateTest] [--flip] [--json]`:
 * accuracy, per-class recall and the confusion matrix of a saved model on one FER-2013 split.
 */
import { SPLITS, type Split } from '../data/fer-csv';
import { CLASS_NAMES } from '../model/architecture';
import { formatReport } from '../training/metrics';
import { initNodeBackend } from './backend';
import { parseCli } from './cli-args';
import { evaluateSplit } from './evaluate-split';
import { loadModel } from './model-files';
import { readFerCsv } from './read-fer-csv';

const USAGE = `Usage: npm run evaluate -- --model <model dir> --data <fer2013.csv[.gz]>
  [--split PrivateTest|PublicTest|Training] [--flip] [--json]`;

const args = parseCli({
  model: { type: 'string' },
  data: { type: 'string' },
  split: { type: 'string', default: 'PrivateTest' },
  flip: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
}, USAGE);

async function main(): Promise<void> {
  if (!args.model || !args.data) {
    console.error(`--model and --data are required.\n\n${USAGE}`);
    process.exit(2);
  }
  if (!SPLITS.includes(args.split as Split)) {
    console.error(`--split must be one of ${SPLITS.join(', ')}; got "${args.split}".`);
    process.exit(2);
  }
  const backend = await initNodeBackend();
  const model = await loadModel(args.model);
  const { dataset, md5 } = await readFerCsv(args.data);
  const report = evaluateSplit(model, dataset.splits[args.split as Split], args.flip);
  const view = args.flip ? 'original and mirrored views averaged' : 'single view';
  if (args.json) {
    console.log(JSON.stringify({ model: args.model, dataMd5: md5, split: args.split, view,
      backend: backend.name, classNames: CLASS_NAMES, ...report }, null, 2));
  } else {
    console.log(formatReport(report, `${args.split}, ${view}`));
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
