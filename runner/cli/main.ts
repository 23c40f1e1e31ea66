// The qready command line (commander). Every command returns an exit code; errors are mapped
// here: usage and validation problems → 2, anything else → 1.
import { Command, CommanderError, Option } from 'commander';
import { SelectionError } from '../checks/select.js';
import { toolVersion } from '../util/package-root.js';
import { InputError } from '../util/yaml-file.js';
import { listChecks, showCheck, validateChecks } from './checks-command.js';
import { EXIT, processIo, UsageError, type CliIo } from './io.js';
import { runDiff } from './diff-command.js';
import { runExport, type ExportOptions } from './export-command.js';
import { printPolicy } from './policy-command.js';
import { demoSnapshotPath, runScan, type ScanOptions } from './scan-command.js';

const collectDirs = (v: string, prev: string[] = []): string[] => [...prev, v];

function addScanOptions(cmd: Command, live: boolean): Command {
  cmd
    .option('--regions <list>', 'comma-separated regions (default: the account\'s enabled regions)')
    .option('--checks <list>', 'run only these check ids')
    .option('--services <list>', 'run only checks of these services (e.g. iam)')
    .option('--severity <list>', 'run only checks of these severities')
    .option('--compliance <list>', 'run only checks mapped to these frameworks (e.g. cis_aws_3.0)')
    .option('--config <file>', 'configuration file (YAML)')
    .option('--checks-dir <dir>', 'an extra folder of custom checks (repeatable)', collectDirs)
    .option('--output-dir <dir>', 'where reports are written', './output')
    .option('--output-formats <list>', 'report formats: json, html, json-ocsf, json-asff, csv, junit', 'json,html')
    .option('--status <list>', 'write only findings with these statuses (PASS,FAIL,MANUAL,ERROR)')
    .option('--mutelist <file>', 'mute findings by rule (YAML, see examples/mutelist.yaml); muted FAILs do not set exit code 3')
    .option('--baseline <file>', 'an earlier findings JSON of the account: adds what changed since (new, resolved, still failing, newly muted)')
    .option('--no-progress', 'no progress display')
    .option('-q, --quiet', 'print nothing but errors');
  if (live) {
    cmd
      .option('--snapshot <file>', 'evaluate a saved snapshot instead of calling AWS')
      .option('--save-snapshot <file>', 'save the collected snapshot')
      .option('--profile <name>', 'AWS profile (default: the SDK chain: AWS_PROFILE, environment, SSO, instance role)')
      .option('--max-attempts <n>', 'SDK attempts per call, adaptive retries (default 5)')
      .option('--concurrency <n>', 'data sources collected at the same time (default 8)')
      .option('--security-hub', 'also send the findings to AWS Security Hub (BatchImportFindings; archives resolved qready findings)')
      .option('--send-only-fails', 'with --security-hub: send only FAIL findings (and updates of earlier ones)');
  }
  return cmd;
}

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('qready')
    .description('Amazon Q incident-readiness scanner for AWS accounts')
    .version(toolVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride();

  addScanOptions(program.command('scan').description('collect, evaluate and write reports'), true).action(async (opts: ScanOptions) => {
    setExit(await runScan(opts, io));
  });

  addScanOptions(program.command('demo').description('scan the bundled demo accounts (offline) and write the reports; exits 0 when they are written'), false).action(async (opts: ScanOptions) => {
    // The demo's failures are the point of the demo: it exits 0 once the reports are written.
    const code = await runScan({ ...opts, snapshot: demoSnapshotPath() }, io);
    if (code !== EXIT.OK && code !== EXIT.FAIL) return setExit(code);
    if (!opts.quiet) io.stdout(`Demo reports written to ${opts.outputDir}; open the .html file in a browser.\n`);
    setExit(EXIT.OK);
  });

  const checks = program.command('checks').description('list, show and validate checks');
  checks
    .command('list')
    .description('list the checks')
    .option('--json', 'machine-readable output')
    .option('--checks-dir <dir>', 'an extra folder of custom checks (repeatable)', collectDirs)
    .action((opts: { json?: boolean; checksDir?: string[] }) => setExit(listChecks(opts, io)));
  checks
    .command('show')
    .description('show one check')
    .argument('<id>', 'check id')
    .option('--json', 'machine-readable output')
    .option('--checks-dir <dir>', 'an extra folder of custom checks (repeatable)', collectDirs)
    .action((id: string, opts: { json?: boolean; checksDir?: string[] }) => setExit(showCheck(id, opts, io)));
  checks
    .command('validate')
    .description('validate check files (the built-in ones, plus any folders given)')
    .argument('[dirs...]', 'folders of custom checks')
    .action((dirs: string[]) => setExit(validateChecks(dirs, io)));

  program
    .command('diff')
    .description('compare two findings JSON files of one account; exits 3 when there are new failures')
    .argument('<old>', 'the earlier findings JSON')
    .argument('<new>', 'the later findings JSON')
    .option('--output <file>', 'also write the comparison as JSON')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (oldFile: string, newFile: string, opts: { output?: string; quiet?: boolean }) => setExit(await runDiff(oldFile, newFile, opts, io)));

  program
    .command('export')
    .description('send findings to other systems (this calls a mutating AWS API)')
    .command('security-hub')
    .description('import a findings JSON into AWS Security Hub (BatchImportFindings) and archive resolved qready findings')
    .argument('<file>', 'a findings JSON written by qready scan')
    .option('--send-only-fails', 'send only FAIL findings (and updates of earlier ones)')
    .option('--dry-run <dir>', 'write the exact batches to this folder and send nothing')
    .option('--profile <name>', 'AWS profile (default: the SDK chain)')
    .option('--max-attempts <n>', 'SDK attempts per call, adaptive retries (default 5)')
    .option('--checks-dir <dir>', 'an extra folder of custom checks (repeatable)', collectDirs)
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (file: string, opts: ExportOptions & { checksDir?: string[] }) => setExit(await runExport(file, opts, io)));

  program
    .command('policy')
    .description('print the least-privilege IAM policy the scanner needs')
    .addOption(new Option('--checks <list>', 'only what these checks need'))
    .option('--checks-dir <dir>', 'an extra folder of custom checks (repeatable)', collectDirs)
    .option('--security-hub', 'add the Security Hub actions that `export security-hub` and `scan --security-hub` need')
    .action((opts: { checks?: string; checksDir?: string[]; securityHub?: boolean }) => setExit(printPolicy(opts, io)));

  return program;
}

/** Runs the CLI and resolves to the exit code; never throws. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let code: number = EXIT.OK;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.OK;
      // commander already printed the message (unknown option, missing argument…).
      return EXIT.USAGE;
    }
    if (e instanceof InputError || e instanceof UsageError || e instanceof SelectionError) {
      io.stderr(`qready: ${e.message}\n`);
      return EXIT.USAGE;
    }
    const err = e as Error;
    io.stderr(`qready: ${err.name === 'Error' ? '' : `${err.name}: `}${err.message}\n`);
    if (process.env.QREADY_DEBUG) io.stderr(`${err.stack ?? ''}\n`);
    return EXIT.RUNTIME;
  }
}
