/** `callsim explain [RULEID...]`: what a rule ID in a message, finding or outcome means. */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { explainUser, metricProblem, type CallExplanation, type InboundExplanation, type UserExplanation } from '../../engine/run/index.js';
import { formatIssue, loadScenarioFile } from '../../engine/scenario/index.js';
import { isRuleId, RULES, type GrantSource, type PolicyType } from '../../engine/tenant/index.js';
import { EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode } from '../io.js';
import { clip, isCommandFix, plainRuleIndex, plainText, rulePage, wrap, PAGE_WIDTH } from '../rule-page.js';

const USAGE = `Usage:
  callsim explain RULEID...   what each rule means: its text, an example, the fix, related rules
  callsim explain             list every rule ID with its first sentence
  callsim explain FILE --user U   a user's policies and what their calls would do now
Rule IDs are the codes in refusals, findings and call outcomes, such as SC003, RA009, OUT004.`;

/** A word that names a file (a path, a scenario or script file name) rather than a rule ID. */
function looksLikeFile(word: string): boolean {
  return /[/\\]/.test(word) || /\.(ya?ml|json|ps1|csv)$/i.test(word) || (word.includes('.') && existsSync(word));
}

/** Why a word is not a rule ID, in words that say what to do instead. */
function notARuleId(word: string): string {
  if (looksLikeFile(word)) {
    return `callsim explain: ${word} is a file, not a rule ID: explain tells what a rule ID means and reads no scenario.\n${USAGE}\n`;
  }
  return `callsim explain: ${word} is not a rule ID of docs/rules.md (they look like SC003, NUM001, RA002; callsim explain lists them)\n`;
}

export function explainCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('explain')
    .description('Print what rule IDs mean (docs/rules.md), with an example, the fix and related rules; with none, list every rule.')
    .argument('[ids...]', 'rule IDs such as SC003, RA010, OUT004 (any case); with --user, one scenario file')
    .option('--user <upn>', "with a scenario FILE: explain this user (UPN or ObjectId) of its tenant as loaded, without simulating")
    .addHelpText(
      'after',
      `
Examples:
  $ callsim explain SC003
  $ callsim explain out004 cbk001
  $ callsim explain
  $ callsim explain scenarios/seattle.yaml --user user01@contoso.com

With --user, explain prints the user's effective policies and where each comes from, what an
outbound call to the US and an emergency call to 911 would do for them now (each decision with
its rule ID, and the fix when the call fails), and whether the auto attendant behind their resource
account reaches them by name and by extension. Exit codes: 0 explained, 2 the file cannot be used
or the user is not in its tenant.`,
    )
    .action(async (ids: string[], options: { user?: string }) => {
      if (options.user !== undefined) {
        done(await explainUserFile(ids, options.user, io));
        return;
      }
      if (ids.length === 0) {
        io.stdout.write(plainRuleIndex());
        done(EXIT_OK);
        return;
      }
      let code: ExitCode = EXIT_OK;
      let pages = 0;
      for (const word of ids) {
        const id = word.trim().toUpperCase();
        if (!isRuleId(id)) {
          io.stderr.write(notARuleId(word));
          code = EXIT_UNUSABLE;
          continue;
        }
        io.stdout.write(`${pages > 0 ? '\n' : ''}${rulePage(id)}`);
        pages++;
      }
      done(code);
    });
}

/** `callsim explain FILE --user U`. */
export async function explainUserFile(words: string[], identity: string, io: CliIo): Promise<ExitCode> {
  const file = words[0];
  if (file === undefined || words.length !== 1) {
    io.stderr.write(`callsim explain: --user takes exactly one scenario file, such as callsim explain scenarios/seattle.yaml --user user01@contoso.com\n`);
    return EXIT_UNUSABLE;
  }
  const loaded = await loadScenarioFile(file, { metricProblem });
  if (!loaded.ok) {
    for (const issue of loaded.issues) io.stderr.write(`${formatIssue(issue)}\n`);
    io.stderr.write(`${file}: the scenario cannot be used until these are fixed\n`);
    return EXIT_UNUSABLE;
  }
  const result = explainUser(loaded.scenario, loaded.tenant, identity);
  if (!result.ok) {
    const hint = result.nearest === null ? 'its tenant has no users' : `the nearest UPN is ${result.nearest}`;
    io.stderr.write(`callsim explain: no user ${identity} in ${file}; ${hint}\n`);
    return EXIT_UNUSABLE;
  }
  io.stdout.write(formatUserExplanation(result.explanation));
  return EXIT_OK;
}

const POLICY_LABELS: Record<PolicyType, string> = {
  SharedCalling: 'Shared Calling',
  VoiceRouting: 'voice routing',
  EmergencyCallRouting: 'emergency call routing',
};

const SOURCE_LABELS: Record<GrantSource, string> = {
  direct: 'direct grant',
  group: 'group grant',
  tenant: 'tenant-wide grant',
  global: 'no grant applies',
};

/** A labelled line (`  label  value`), the value wrapped under itself within the page. */
function field(label: string, value: string): string {
  return hanging(`  ${label.padEnd(24)}`, value);
}

/** *text* wrapped after *head*, its later lines indented to *head*'s width. */
function hanging(head: string, text: string, rest = ' '.repeat(head.length)): string {
  const body = wrap(text, rest);
  return head + body.slice(rest.length);
}

function callLines(call: CallExplanation, lines: string[], indent: string): void {
  for (const d of call.decisions) {
    const rule = d.rule === undefined ? '' : `  (${d.rule})`;
    lines.push(`${indent}${d.state.padEnd(24)} ${d.guard} = ${String(d.value)}${rule}`);
  }
  lines.push(hanging(`${indent}-> `, call.where, `${indent}   `));
  if (call.outcome !== null) {
    const lead = call.waitingIn === null ? `${call.outcome}:` : `bound for ${call.outcome}:`;
    lines.push(wrap(`${lead} ${plainText(RULES[call.outcome].text)}`, `${indent}   `));
  }
  if (call.fix !== null) {
    const fix = call.fix.text;
    lines.push(`${indent}Fix (${call.fix.rule}):`);
    if (isCommandFix(fix)) {
      const hash = fix.search(/\s#\s/);
      const code = hash < 0 ? fix : fix.slice(0, hash);
      for (const statement of code.trim().split(/;\s+/)) lines.push(`${indent}  ${statement}`);
      const note = hash < 0 ? '' : fix.slice(hash).replace(/^\s*#\s*/, '').trim();
      if (note !== '') lines.push(wrap(`${note.charAt(0).toUpperCase()}${note.slice(1)}${/[.!?]$/.test(note) ? '' : '.'}`, `${indent}  `));
    } else lines.push(wrap(plainText(fix), `${indent}  `));
  }
  if (call.then !== null) {
    lines.push(`${indent}then, as an outbound call to ${call.then.dialled}:`);
    callLines(call.then, lines, `${indent}  `);
  }
}

function reach(r: InboundExplanation['byName']): string {
  return `${r.reachable ? 'yes' : 'no'}: ${r.text}${r.rule === null ? '' : ` (${r.rule})`}`;
}

/** The page for one user: plain text within 100 columns. */
export function formatUserExplanation(e: UserExplanation): string {
  const lines: string[] = [];
  lines.push(clip(`${e.user.upn} (${e.user.displayName}, ${e.user.objectId}), as the scenario loads it`, PAGE_WIDTH));
  lines.push('', 'Policies');
  for (const p of e.policies) {
    const from = p.group === undefined ? SOURCE_LABELS[p.source] : `group grant: ${p.group.displayName}, rank ${p.group.rank}`;
    lines.push(field(POLICY_LABELS[p.type], `${p.name}, ${from}`));
  }
  lines.push(field('licences', e.licences.length === 0 ? 'none' : e.licences.join(', ')));
  lines.push(field('Enterprise Voice', e.enterpriseVoiceEnabled ? 'enabled' : 'not enabled'));
  const own = e.ownNumber === null ? 'none' : `${e.ownNumber}${e.callsWithOwnNumber ? ' (calls the PSTN with it)' : ' (extension dialing: still calls through Shared Calling)'}`;
  lines.push(field('own number', own));
  lines.push(field('PSTN usages', `${e.voiceRoutingUsageCount} in the effective voice routing policy`));
  lines.push(field('resource account', e.resourceAccount === null ? 'none' : `${e.resourceAccount.upn}, number ${e.resourceAccount.number ?? 'none'}`));
  for (const call of [e.outbound, e.emergency]) {
    lines.push('', `${call.kind === 'outbound' ? 'Outbound call' : 'Emergency call'} to ${call.dialled}`);
    callLines(call, lines, '  ');
  }
  const inbound = e.inbound;
  lines.push('', 'Inbound');
  const number = inbound.resourceAccount?.number ?? null;
  lines.push(
    field(
      'answered by',
      inbound.autoAttendant === null
        ? `nobody${number === null ? '' : ` at ${number}`}: no auto attendant${inbound.resourceAccount === null ? '' : ' (INB001)'}`
        : `${inbound.autoAttendant.name} (${inbound.autoAttendant.id})${number === null ? '' : ` at ${number}`}`,
    ),
  );
  if (inbound.autoAttendant !== null) {
    lines.push(field('by name', reach(inbound.byName)));
    lines.push(field('by extension', reach(inbound.byExtension)));
  }
  return `${lines.join('\n')}\n`;
}
