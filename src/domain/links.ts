/**
 * An https link with a host and no credentials: the bot keeps links into the partnership's document store, never
 * the documents (docs/design/domain.md §7). One rule for action evidence, Section 11 returns and scrutiny evidence.
 */
export function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
