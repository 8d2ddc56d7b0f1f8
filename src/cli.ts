import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderBatch, type BatchJob } from './batch.js';
import { buildIssue, DEFAULT_TEMPLATE, LAST_TIMESTAMP, loadIssue, loadTemplate, planIssue, resolveManifest, writeRendered, PDF_STANDARDS, type BuildOptions, type LoadCache, type PdfStandard, type Rendered } from './build.js';
import { DIAGNOSTIC_FORMATS, diagnosticsOf, formatDiagnostic, fromError, type Diagnostic, type DiagnosticFormat } from './diagnostics.js';
import { BulletinError } from './errors.js';
import { reportFaces } from './fonts/report.js';
import { checkpoint, Interrupted } from './interrupt.js';
import { STDOUT } from './output.js';
import { scaffoldIssue } from './scaffold.js';
import { watchIssue } from './watch.js';
import { nodeWorld, PACKAGE_ROOT, writeMessage, type Signal, type World } from './world.js';

export { catchSignals } from './world.js';
export { serveBatch } from './batch-serve.js';

/** Exit codes, as documented in the README; a signal ends with 128 + its number, as shells report it. */
export const EXIT = { ok: 0, error: 1, usage: 2, warnings: 3, SIGINT: 130, SIGTERM: 143 } as const;

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const processIo: Io = { out: (line) => writeMessage(1, `${line}\n`), err: (line) => writeMessage(2, `${line}\n`) };

function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function wholeNumber(what: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new InvalidArgumentError(`give ${what}`);
    return Number(value);
  };
}

/** `a-2b,ua-1`: each standard once. */
function pdfStandards(value: string): PdfStandard[] {
  const given = value.split(',').map((s) => s.trim());
  const known = (s: string): s is PdfStandard => (PDF_STANDARDS as readonly string[]).includes(s);
  if (!given.every(known) || new Set(given).size !== given.length) throw new InvalidArgumentError(`give ${PDF_STANDARDS.join(', ')} or both, comma-separated`);
  return given;
}

interface BuildFlags {
  output?: string;
  creationTimestamp?: number;
  pdfStandard?: PdfStandard[];
  tags: boolean;
  all?: boolean;
  jobs?: number;
  force?: boolean;
}

/** Run the command line; resolves to the exit code. Only this module writes to the terminal. */
export async function main(argv: string[], io: Io = processIo, cwd = process.cwd(), world: World = nodeWorld(cwd)): Promise<number> {
  let exitCode: number = EXIT.ok;
  const verbose = argv.includes('--verbose') || process.env.BULLETIN_DEBUG === '1';
  const program = new Command()
    .name('bulletin')
    .description('Typeset the briefing bulletin 《信息集锦》 from an issue manifest and Markdown articles into a print-ready PDF.')
    .version(version(), '-V, --version')
    .option('--verbose', 'show stack traces of internal errors (also BULLETIN_DEBUG=1)')
    .addOption(new Option('--diagnostic-format <format>', 'how problems are printed').choices(DIAGNOSTIC_FORMATS).default('human'))
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  const format = () => program.opts<{ diagnosticFormat: DiagnosticFormat }>().diagnosticFormat;
  const say = (diagnostics: readonly Diagnostic[]) => diagnostics.forEach((d) => formatDiagnostic(d, format()).forEach(io.err));
  const shown = (path: string) => relative(cwd, path) || '.';
  /** Write a PDF a worker rendered; what went wrong, if anything. */
  const write = (rendered: Rendered): Diagnostic[] => {
    try {
      writeRendered(rendered, world);
      return [];
    } catch (error) {
      if (!(error instanceof BulletinError)) throw error;
      return fromError(error);
    }
  };
  /** The issues named, each once: `build 218 issues/218` builds it once. */
  const distinct = (specs: string[]) => {
    const manifest = (spec: string) => {
      try {
        return resolveManifest(spec, world);
      } catch {
        return spec;
      }
    };
    const manifests = specs.map(manifest);
    return specs.filter((_, i) => manifests.indexOf(manifests[i]) === i);
  };

  program
    .command('build')
    .description('build issues into PDFs')
    .argument('[issues...]', 'issue numbers (issues/<n>/issue.yaml), issue folders or manifest files')
    .option('-o, --output <file>', 'where to write the PDF, - for standard output (one issue only; default: out/<total>.pdf)')
    .option('--force', 'replace a file that is not a PDF, or write one not named .pdf (never the issue’s own files)')
    .option('--all', 'build every issue under issues/')
    .option('-j, --jobs <n>', 'worker threads for --all or several issues (default: one per 2 issues, at most one per core)', wholeNumber('a number of workers, 1 or more', 1))
    .option('--creation-timestamp <unix>', 'the PDF’s date in seconds since 1970 (default: SOURCE_DATE_EPOCH, else the issue date)', wholeNumber('whole seconds since 1970-01-01 UTC, up to 9999', 0, LAST_TIMESTAMP))
    .option('--pdf-standard <standards>', `conform to PDF/A-2b (archival), PDF/UA-1 (accessible) or both: ${PDF_STANDARDS.join(', ')}, comma-separated`, pdfStandards)
    .option('--no-tags', 'leave out the tags (structure tree, real text of every run) for the smallest file')
    .action(async (specs: string[], flags: BuildFlags) => {
      if (flags.all && specs.length > 0) throw usage('give issues or --all, not both');
      const issues = flags.all ? allIssues(world) : distinct(specs);
      if (issues.length === 0) throw usage(flags.all ? 'no issues under issues/' : 'give an issue number, folder or manifest, or --all');
      if (flags.output && issues.length > 1) throw usage('-o names one PDF; it cannot be used with several issues');
      if (!flags.tags && flags.pdfStandard?.includes('ua-1')) throw usage('PDF/UA-1 needs the tags; leave out --no-tags');
      const options: Omit<BuildOptions, 'issue'> = { output: flags.output, creationTimestamp: flags.creationTimestamp, pdfStandards: flags.pdfStandard, tagged: flags.tags, force: flags.force };
      if (issues.length === 1) {
        const started = process.hrtime.bigint();
        const result = await buildIssue({ ...options, issue: issues[0] }, world);
        // With -o - standard output carries the PDF, and every message goes to stderr.
        (result.toStdout ? io.err : io.out)(`wrote ${result.output}, ${result.pages} pages, ${seconds(started)} s`);
        return;
      }
      // Loaded here: a single build should not load node:os (≈0.4 ms).
      const { availableParallelism } = await import('node:os');
      const cores = availableParallelism();
      if (flags.jobs !== undefined && flags.jobs > cores) io.err(`note: -j ${flags.jobs} is more than the ${cores} cores; using ${cores} workers`);
      const started = process.hrtime.bigint();
      // Issues that would write the same PDF are refused before anything is built, whatever the timing.
      const outputs = issues.map((spec) => planIssue({ ...options, issue: spec }, world).output);
      const clashing = issues.filter((_, i) => outputs[i] !== undefined && outputs.indexOf(outputs[i]) !== outputs.lastIndexOf(outputs[i]));
      for (const spec of clashing) say([{ severity: 'error', message: `${spec} would write ${shown(outputs[issues.indexOf(spec)]!)}, as another issue of this run would` }]);
      const jobs: BatchJob[] = issues.filter((spec) => !clashing.includes(spec)).map((spec) => ({ spec, options, cwd }));
      let failed = clashing.length;
      await renderBatch(jobs, Math.min(cores, flags.jobs ?? defaultWorkers(jobs.length)), world, (_job, reply) => {
        const diagnostics = reply.ok ? write(reply.rendered) : reply.diagnostics;
        if (diagnostics.length > 0) {
          failed++;
          say(diagnostics);
        } else if (reply.ok) {
          io.out(`wrote ${shown(reply.rendered.output)}, ${reply.rendered.pages} pages, ${reply.seconds.toFixed(2)} s`);
        }
      });
      io.out(`${issues.length - failed} built, ${failed} failed, ${seconds(started)} s`);
      if (failed > 0) exitCode = EXIT.error;
    });

  program
    .command('check')
    .description('validate issues and lint their text, without writing a PDF: every problem in one run')
    .argument('[issues...]', 'issue numbers, folders or manifests')
    .option('--all', 'check every issue under issues/')
    .option('--deny-warnings', 'exit with 3 when there are warnings (for CI)')
    .action(async (specs: string[], flags: { all?: boolean; denyWarnings?: boolean }) => {
      if (flags.all && specs.length > 0) throw usage('give issues or --all, not both');
      const issues = flags.all ? allIssues(world) : distinct(specs);
      if (issues.length === 0) throw usage(flags.all ? 'no issues under issues/' : 'give an issue number, folder or manifest, or --all');
      // Loaded here: lint's Unicode-property regular expressions cost every other command ≈0.5 ms to compile.
      const { checkIssue } = await import('./check.js');
      let [errors, warnings] = [0, 0];
      // Issues of one template share its fonts: each is opened once, not once an issue.
      const fonts: LoadCache = { faces: new Map() };
      for (const spec of issues) {
        await checkpoint(world);
        const diagnostics = checkIssue(spec, world, fonts);
        say(diagnostics);
        const issueErrors = diagnostics.filter((d) => d.severity === 'error').length;
        const issueWarnings = diagnostics.length - issueErrors;
        if (format() === 'human') io.out(`${spec}: ${count(issueErrors, 'error')}, ${count(issueWarnings, 'warning')}`);
        [errors, warnings] = [errors + issueErrors, warnings + issueWarnings];
      }
      await checkpoint(world);
      exitCode = errors > 0 ? EXIT.error : warnings > 0 && flags.denyWarnings ? EXIT.warnings : EXIT.ok;
    });

  program
    .command('compare')
    .description('compare a rebuilt PDF with the original: text that differs and pages that break differently')
    .argument('<original>', 'the original PDF')
    .argument('<rebuilt>', 'the rebuilt PDF')
    .action(async (original: string, rebuilt: string) => {
      const { comparePdfs } = await import('./compare/index.js');
      const comparison = await comparePdfs(original, rebuilt, world);
      say(comparison.differences);
      io.out(comparison.summary);
      exitCode = comparison.same ? EXIT.ok : EXIT.error;
    });

  program
    .command('new')
    .description('start issues/<n>/ from the latest issue: next number, today’s date, one article stub')
    .argument('<n>', 'the new issue’s running number (总第n期)', wholeNumber('the running number of the new issue, 1 or more', 1))
    .action((total: number) => {
      const made = scaffoldIssue(total, world);
      io.out(`created ${shown(made.dir)}/ with ${made.files.join(', ')}`);
    });

  program
    .command('watch')
    .description('build, then rebuild whenever the manifest, an article, the template or a font changes')
    .argument('<issue>', 'issue number, folder or manifest')
    .option('-o, --output <file>', 'where to write the PDF (default: out/<total>.pdf)')
    .option('--force', 'as for build')
    .option('--compress', 'compress the PDF as build does (slower rebuilds)')
    .action(async (spec: string, flags: { output?: string; force?: boolean; compress?: boolean }) => {
      if (flags.output === STDOUT) throw usage('watch rewrites its PDF on every change; give it a file, not -');
      const stop = watchIssue({ issue: spec, output: flags.output, force: flags.force, preview: !flags.compress }, world, (event) => {
        const time = world.now().toTimeString().slice(0, 8);
        if (event.ok) io.out(`[${time}] wrote ${event.result.output}, ${event.result.pages} pages, ${event.seconds.toFixed(2)} s${event.cause === 'start' ? '' : ` (${shown(event.cause)} changed)`}`);
        else say(diagnosticsOf(event.error));
      });
      const signal = world.signal() ?? (await new Promise<Signal>((resolve) => world.onSignal(resolve)));
      await stop();
      throw new Interrupted(signal);
    });

  program
    .command('import')
    .description('turn a Word .docx or a saved web page (.html) into an article: front matter, headings, bold, footnotes; a back issue (.pdf, .txt) into an issue folder (-o issues/<n>/)')
    .argument('<file>', 'the .docx or .html file, or a back issue’s .pdf or .txt')
    .option('-o, --output <file>', 'write the article here (default: standard output)')
    .option('--issue <issue>', 'write it into issues/<n>/ as NN-<slug>.md and add it to the manifest')
    .option('--force', 'replace an existing file')
    .option('--strict', 'warnings are errors: write nothing when anything could not be carried')
    .option('--template <name>', `a back issue: the template it was printed with, whose texts (【本期目录】, 开栏的话, （来源：…）) mark its parts (default: ${DEFAULT_TEMPLATE})`)
    .action(async (input: string, flags: { output?: string; issue?: string; force?: boolean; strict?: boolean; template?: string }) => {
      // Loaded here alone: mammoth and the HTML parsers stay out of every other command's start-up.
      const { runImport } = await import('./import/run.js');
      const result = await runImport(input, flags, world);
      say(result.warnings);
      if (result.stdout !== undefined) io.out(result.stdout.trimEnd());
      for (const file of result.written) io.out(`wrote ${file}`);
    });

  program
    .command('fonts')
    .description('list each face of a template: its file, family, glyph count and licence')
    .option('--template <name>', 'template folder under templates/', DEFAULT_TEMPLATE)
    .option('--issue <issue>', 'the template of this issue instead')
    .action((flags: { template: string; issue?: string }) => {
      const loaded = flags.issue ? loadIssue(flags.issue, world) : loadTemplate(flags.template, world);
      for (const face of reportFaces(loaded.template, loaded.faces, loaded.fontFiles, world)) {
        io.out(`${face.face.padEnd(10)} ${face.family.padEnd(22)} ${String(face.glyphs).padStart(6)} glyphs  ${face.file}  licence: ${shown(face.licence)}`);
      }
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    exitCode = report(error, io, verbose, format());
  }
  return exitCode;
}

/**
 * A worker starts from the code cache and opens its fonts once, so a second one pays from a few
 * issues on (the caller caps workers at the core count): measured on 2 cores (5 runs each), 8 copies of issue 218 took 2.12 s on one worker
 * and 1.78 s on two, 4 copies 1.46 s and 1.34 s.
 */
function defaultWorkers(issues: number): number {
  return Math.max(1, Math.floor(issues / 2));
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** process.hrtime, not performance.now(): the global performance loads perf_hooks, ≈2 ms of a build's start-up. */
function seconds(started: bigint): string {
  return (Number(process.hrtime.bigint() - started) / 1e9).toFixed(2);
}

class UsageError extends Error {}

function usage(message: string): UsageError {
  return new UsageError(message);
}

/** Every issues/<n>/ with an issue.yaml, in numeric order. */
function allIssues(world: World): string[] {
  const dir = join(world.cwd, 'issues');
  if (world.kind(dir) !== 'dir') return [];
  return world
    .listDir(dir)
    .filter((name) => world.kind(join(dir, name, 'issue.yaml')) === 'file')
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
    .map((name) => join('issues', name));
}

function report(error: unknown, io: Io, verbose: boolean, format: DiagnosticFormat): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.err(`error: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof Interrupted) {
    io.err(`error: interrupted by ${error.signal}`);
    io.err('  hint: no PDF was written in part; every PDF not yet written is as it was');
    return EXIT[error.signal];
  }
  if (error instanceof BulletinError) {
    fromError(error).flatMap((d) => formatDiagnostic(d, format)).forEach(io.err);
    if (verbose && error.stack) io.err(error.stack);
    return EXIT.error;
  }
  io.err(`error: internal error: ${(error as Error)?.message ?? String(error)}`);
  io.err(verbose ? String((error as Error)?.stack) : '  hint: this is a bug in bulletin; run again with --verbose and report the output');
  return EXIT.error;
}
