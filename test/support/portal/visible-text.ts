/** Test-only: a page's markup as a reader sees its words (tags dropped, spaces collapsed, apostrophes decoded). */
export function visibleText(markup: string): string {
  return markup.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
}
