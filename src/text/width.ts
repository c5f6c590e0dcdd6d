// How many terminal columns a string takes. Plain ASCII is one column a character (the fast path:
// nearly every report line); otherwise East Asian wide and fullwidth characters and emoji take
// two, controls and combining diacritics none — the rule of string-width 4, which cli-table3 used to
// measure our tables (https://www.unicode.org/reports/tr11/, https://unicode.org/reports/tr51/).

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

// Emoji as one unit of two columns: a ZWJ sequence of pictographs (families, professions), a
// pictograph with a skin tone, a flag, tag or keycap sequence, a basic emoji, and a lone modifier
// base or regional indicator, which string-width 4 also counted as 2 (https://unicode.org/reports/tr51/).
// It agrees with string-width 4 on every single code point and every sequence of Unicode 12 (its
// emoji data), except emoji added since, which count 2 here, as terminals show them: a single
// code point string-width 4 counts 1, a ZWJ or skin-tone sequence it counts as the sum of its
// parts. Properties of strings (`\p{RGI_Emoji}`) would take 60-170 ms to compile; this ~6 ms,
// built on first need and run only on text holding a character that every match contains (text-
// style symbols such as ◀ or ✔ alone are one column and do not need it).
const EMOJI_HINT = /[\p{Emoji_Presentation}\p{Emoji_Modifier_Base}\p{Regional_Indicator}\uFE0F\u20E3]/u;
const PICTOGRAPH = '\\p{Extended_Pictographic}(?:\\p{Emoji_Modifier}|\\uFE0F)?';
const EMOJI_SOURCE = [
  `${PICTOGRAPH}(?:\\u200D${PICTOGRAPH})+`,
  '\\p{Emoji_Modifier_Base}\\p{Emoji_Modifier}',
  '\\p{RGI_Emoji_Flag_Sequence}',
  '\\p{RGI_Emoji_Tag_Sequence}',
  '\\p{Emoji_Keycap_Sequence}',
  '\\p{Basic_Emoji}',
  '\\p{Emoji_Modifier_Base}',
  '\\p{Regional_Indicator}',
].join('|');
let emoji: RegExp | undefined;
function emojiPattern(): RegExp {
  // (`v` flag, for the properties of strings: Node 20; built from a string as TypeScript's target predates it.)
  emoji ??= new RegExp(EMOJI_SOURCE, 'gv');
  return emoji;
}

// ANSI escape sequences (CSI and OSC), the pattern of ansi-regex 5 that string-width strips.
const ANSI_ANY =
  /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;

/** East Asian Wide or Fullwidth (the ranges of is-fullwidth-code-point 3). */
function isWide(c: number): boolean {
  return (
    c >= 0x1100 &&
    (c <= 0x115f ||
      c === 0x2329 ||
      c === 0x232a ||
      (c >= 0x2e80 && c <= 0x3247 && c !== 0x303f) ||
      (c >= 0x3250 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0xa4c6) ||
      (c >= 0xa960 && c <= 0xa97c) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe10 && c <= 0xfe19) ||
      (c >= 0xfe30 && c <= 0xfe6b) ||
      (c >= 0xff01 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1b000 && c <= 0x1b001) ||
      (c >= 0x1f200 && c <= 0x1f251) ||
      (c >= 0x20000 && c <= 0x3fffd))
  );
}

/** Terminal columns of one line of text (colour codes and other escapes take none). */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let s = /[\u001b\u009b]/.test(text) ? text.replace(ANSI_ANY, '') : text;
  if (EMOJI_HINT.test(s)) s = s.replace(emojiPattern(), '  ');
  let width = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.codePointAt(i) as number;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) continue; // controls
    if (code >= 0x300 && code <= 0x36f) continue; // combining diacritics
    if (code > 0xffff) i++; // the low surrogate
    width += isWide(code) ? 2 : 1;
  }
  return width;
}
