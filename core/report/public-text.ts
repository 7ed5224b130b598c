/**
 * A system's failure as the subject and anyone holding its report may read it:
 * the words stay, the addresses go (URLs, hosts and ports, IP addresses, file
 * paths), since they map the company's network for whoever reads them.
 */
const ADDRESS_PATTERNS: readonly RegExp[] = [
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)]+/gi, // URLs
  /\[[0-9a-f:.]+\](?::\d{1,5})?/gi, // [IPv6]:port
  /(?<![\w.:])[0-9a-f]*::[0-9a-f:.]*/gi, // IPv6 with ::
  /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?:\/[^\s"'<>),;]*)?/g, // IPv4[:port][/db]
  /\b(?:localhost|(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*):\d{1,5}(?:\/[^\s"'<>),;]*)?/gi, // host:port[/db]
  /(?<![\w.])(?:[a-z]:\\|\\\\)[^\s"'<>),;]+/gi, // Windows paths and shares
  /(?<![\w.:/])\/(?:[^\s"'<>/]+\/)+[^\s"'<>),;:]*/g, // absolute POSIX paths
];

export const HIDDEN_ADDRESS = '[internal address]';

export function withoutAddresses(text: string): string {
  return ADDRESS_PATTERNS.reduce((out, pattern) => out.replace(pattern, HIDDEN_ADDRESS), text);
}
