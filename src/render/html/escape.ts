// Escaping for the HTML page. Every profile-derived text (names, file names, messages that quote
// values) is hostile: it goes through `esc` before it reaches markup, and through `jsonForScript`
// before it reaches a <script> element.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content or a quoted attribute value. */
export function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>`, `&` and the two line
 * separators as \u escapes, so no `</script>` or `<!--` can end or change the element
 * (https://html.spec.whatwg.org/multipage/scripting.html#restrictions-for-contents-of-script-elements).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Script text for an inline classic <script>: a `</script` or `<!--` inside it is broken up. */
export function scriptText(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** An id-safe slug of a text (for aria references); the index keeps hostile names unique. */
export function slug(text: string, index: number): string {
  return `${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)}-${index}`;
}
