import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildIssue } from './build.js';
import { BulletinError, formatPos } from './errors.js';
import { nodeWorld, pendingTemporaryFiles, PACKAGE_ROOT } from './world.js';

/** Exit codes, as documented in the README. */
export const EXIT = { ok: 0, error: 1, usage: 2 } as const;

interface Io {
  out(line: string): void;
  err(line: string): void;
}

const processIo: Io = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function timestamp(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('give whole seconds since 1970-01-01 UTC');
  return Number(value);
}

/** Run the command line; resolves to the exit code. Only this module writes to the terminal. */
export async function main(argv: string[], io: Io = processIo, cwd = process.cwd()): Promise<number> {
  const world = nodeWorld(cwd);
  let exitCode: number = EXIT.ok;
  const verbose = argv.includes('--verbose') || process.env.BULLETIN_DEBUG === '1';
  const program = new Command()
    .name('bulletin')
    .description('Typeset the briefing bulletin 《信息集锦》 from an issue manifest and Markdown articles into a print-ready PDF.')
    .version(version(), '-V, --version')
    .option('--verbose', 'show stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('build')
    .description('build an issue into a PDF')
    .argument('<issue>', 'issue number (issues/<n>/issue.yaml), issue folder, or manifest file')
    .option('-o, --output <file>', 'where to write the PDF (default: out/<total>.pdf)')
    .option('--creation-timestamp <unix>', 'the PDF’s date, in seconds since 1970 (default: SOURCE_DATE_EPOCH, else the issue date)', timestamp)
    .action(async (issue: string, options: { output?: string; creationTimestamp?: number }) => {
      const started = performance.now();
      const result = await buildIssue({ issue, output: options.output, creationTimestamp: options.creationTimestamp }, world);
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      io.out(`wrote ${result.output}, ${result.pages} pages, ${seconds} s`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    exitCode = report(error, io, verbose);
  }
  return exitCode;
}

function report(error: unknown, io: Io, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof BulletinError) {
    io.err(`error: ${error.pos ? `${formatPos(error.pos)}: ` : ''}${error.message}`);
    if (error.hint) io.err(`  hint: ${error.hint}`);
    if (verbose && error.stack) io.err(error.stack);
    return EXIT.error;
  }
  io.err(`error: internal error: ${(error as Error)?.message ?? String(error)}`);
  io.err(verbose ? String((error as Error)?.stack) : '  hint: this is a bug in bulletin; run again with --verbose and report the output');
  return EXIT.error;
}

/** Ctrl-C: leave no temporary file behind; the target PDF was never touched. */
export function removePendingOnInterrupt(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      for (const file of pendingTemporaryFiles) rmSync(file, { force: true });
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  }
}
