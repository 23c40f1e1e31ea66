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
import { runInvestigate, type InvestigateOptions } from './investigate-command.js';
import { printPolicy } from './policy-command.js';
import { runDemo } from './demo-command.js';
import { runScan, type ScanOptions } from './scan-command.js';

/** A flag that may be given several times: its values, in order. */
const repeatable = (v: string, prev: string[] = []): string[] => [...prev, v];

function addScanOptions(cmd: Command, live: boolean): Command {
  cmd
    .option('--regions <list>', 'comma-separated regions (default: the account\'s enabled regions)')
    .option('--checks <list>', 'run only these check ids')
    .option('--services <list>', 'run only checks of these services (e.g. iam)')
    .option('--severity <list>', 'run only checks of these severities')
    .option('--compliance <list>', 'run only checks mapped to these frameworks (e.g. cis_aws_3.0)')
    .option('--config <file>', 'configuration file (YAML)')
    .option('--checks-dir <dir>', 'an extra folder of custom checks (repeatable)', repeatable)
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

  addScanOptions(program.command('demo').description('scan the bundled demo accounts and investigate their demo CloudTrail trail (offline); exits 0 when the reports are written'), false).action(async (opts: ScanOptions) => {
    setExit(await runDemo(opts, io));
  });

  const checks = program.command('checks').description('list, show and validate checks');
  checks
    .command('list')
    .description('list the checks')
    .option('--json', 'machine-readable output')
    .option('--checks-dir <dir>', 'an extra folder of custom checks (repeatable)', repeatable)
    .action((opts: { json?: boolean; checksDir?: string[] }) => setExit(listChecks(opts, io)));
  checks
    .command('show')
    .description('show one check')
    .argument('<id>', 'check id')
    .option('--json', 'machine-readable output')
    .option('--checks-dir <dir>', 'an extra folder of custom checks (repeatable)', repeatable)
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
    .option('--checks-dir <dir>', 'an extra folder of custom checks (repeatable)', repeatable)
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (file: string, opts: ExportOptions & { checksDir?: string[] }) => setExit(await runExport(file, opts, io)));

  program
    .command('investigate')
    .description('analyse CloudTrail activity around Amazon Q (detection and analysis); exits 3 when tampering or unknown activity is found')
    .option('--source <source>', 'lookup (LookupEvents, management events, 90 days), files:PATH (CloudTrail log files), s3://BUCKET/PREFIX, or lake:EVENT_DATA_STORE', 'lookup')
    .option('--start <time>', 'window start: ISO-8601 (2026-11-24T08:00:00Z) or a duration back from now (7d, 12h)', '7d')
    .option('--end <time>', 'window end: ISO-8601 or a duration back from now (default: now)')
    .option('--baseline <duration>', 'also read this long before --start (e.g. 30d) and report principals, IPs, user agents and event names not seen then')
    .option('--allowlist <file>', 'known principals, source IPs, user agents and event names (YAML, see examples/investigate-allowlist.yaml)')
    .option('--principal <list>', 'only these principals (ARN, name, Identity Center user id; * wildcards; repeatable)', repeatable)
    .option('--region <list>', 'only these regions (repeatable); for lookup, the regions queried (default: all enabled)', repeatable)
    .option('--application <list>', 'only Amazon Q events of these Q Business applications (id or ARN; repeatable)', repeatable)
    .option('--output-dir <dir>', 'where reports are written', './output')
    .option('--output-formats <list>', 'report formats: json, csv (timeline), html', 'json,csv,html')
    .option('--workers <n>', 'worker threads parsing log files (default: the number of cores)')
    .option('--requests-per-second <n>', 'LookupEvents calls per second and region (default 2, its limit)')
    .option('--profile <name>', 'AWS profile (default: the SDK chain)')
    .option('--max-attempts <n>', 'SDK attempts per call, adaptive retries (default 5)')
    .option('--no-progress', 'no progress display')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (opts: InvestigateOptions) => setExit(await runInvestigate(opts, io)));

  program
    .command('policy')
    .description('print the least-privilege IAM policy the scanner needs')
    .addOption(new Option('--checks <list>', 'only what these checks need'))
    .option('--checks-dir <dir>', 'an extra folder of custom checks (repeatable)', repeatable)
    .option('--security-hub', 'add the Security Hub actions that `export security-hub` and `scan --security-hub` need')
    .option('--investigate', 'add the CloudTrail and S3 actions that `investigate` needs (LookupEvents, Lake queries, trail bucket reads)')
    .action((opts: { checks?: string; checksDir?: string[]; securityHub?: boolean; investigate?: boolean }) => setExit(printPolicy(opts, io)));

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
