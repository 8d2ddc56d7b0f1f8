import type { Code, Construct, Effects, Extension, State, TokenizeContext, Tokenizer } from 'micromark-util-types';
import type {} from 'micromark-extension-gfm-autolink-literal';

/*
 * Literal URLs in running text (`https://…`, `www.…`), read as GFM's autolink literal reads them
 * except where they end. GFM runs a URL on to the next space; Chinese puts no space after one, so
 * 详见https://www.w3.org/TR/clreq/。据…[^a] became one link swallowing the sentence and its footnote
 * reference. Here a URL ends at the first character that is not an ASCII URL code point (WHATWG URL
 * Standard, “URL code points”; percent-encoded URLs are ASCII), so at any Chinese character or
 * full-width mark. GFM's rules for trailing punctuation still apply at that end. Characters read as
 * part of a URL are never markup, so `*x*` or `_y_` inside one keeps its marks.
 * The tokens are GFM's own, so its mdast handlers turn them into links.
 */

const URL_CHARACTER = /^[\dA-Za-z!#$%&'()*+,\-./:;=?@_~]$/;
/** GFM: these at a URL's end belong to the text after it, as do `&name;` character references. */
const TRAILING = /^[!'),.:;?*_~]$/;

/** A code as a character; line endings, tabs and the end of input (codes below 0 or null) as none. */
function char(code: Code): string {
  return code === null || code < 0 ? '' : String.fromCharCode(code);
}

const isUrlCharacter = (code: Code) => URL_CHARACTER.test(char(code));
const isTrailing = (code: Code) => TRAILING.test(char(code));
const isAsciiAlpha = (code: Code) => /^[A-Za-z]$/.test(char(code));
const isAsciiAlphanumeric = (code: Code) => /^[\dA-Za-z]$/.test(char(code));

/** GFM: a scheme may follow anything but a letter. */
const previousHttp = (code: Code) => !isAsciiAlpha(code);
/** GFM's characters before `www.` (start, space, `(*_[]~`), and any non-ASCII one: Chinese text puts no space before a URL. */
const previousWww = (code: Code) => code === null || code < 0 || code > 0x7f || /^[ (*_[\]~]$/.test(char(code));

const trail: Construct = { tokenize: tokenizeTrail, partial: true };
const httpLiteral: Construct = { name: 'urlLiteralHttp', tokenize: urlTokenizer('literalAutolinkHttp', previousHttp, httpScheme), previous: previousHttp };
const wwwLiteral: Construct = { name: 'urlLiteralWww', tokenize: urlTokenizer('literalAutolinkWww', previousWww, wwwPrefix), previous: previousWww };

/** The micromark extension: URLs starting with http://, https:// or www., in any letter case. */
export function urlLiteral(): Extension {
  const at = (letters: string, construct: Construct) => [...letters].map((c) => [c.charCodeAt(0), construct]);
  return { text: Object.fromEntries([...at('Hh', httpLiteral), ...at('Ww', wwwLiteral)]) };
}

/** A URL after an allowed character: its prefix, then its address, as GFM's tokens `literalAutolink` and `kind`. */
function urlTokenizer(kind: 'literalAutolinkHttp' | 'literalAutolinkWww', previous: (code: Code) => boolean, prefix: (effects: Effects, next: State, nok: State) => State): Tokenizer {
  return function (this: TokenizeContext, effects, ok, nok) {
    const finish: State = (code) => {
      effects.exit(kind);
      effects.exit('literalAutolink');
      return ok(code);
    };
    return (code) => {
      if (!previous(this.previous)) return nok(code);
      effects.enter('literalAutolink');
      effects.enter(kind);
      return prefix(effects, address(effects, finish, nok), nok)(code);
    };
  };
}

/** `http://` or `https://`. */
function httpScheme(effects: Effects, next: State, nok: State): State {
  let scheme = '';
  let slashes = 0;
  const inScheme: State = (code) => {
    if (isAsciiAlpha(code) && scheme.length < 5) {
      scheme += char(code);
      effects.consume(code);
      return inScheme;
    }
    if (char(code) !== ':' || !/^https?$/i.test(scheme)) return nok(code);
    effects.consume(code);
    return inSlashes;
  };
  const inSlashes: State = (code) => {
    if (char(code) !== '/') return nok(code);
    effects.consume(code);
    return ++slashes === 2 ? next : inSlashes;
  };
  return inScheme;
}

/** `www.` */
function wwwPrefix(effects: Effects, next: State, nok: State): State {
  let matched = 0;
  const inPrefix: State = (code) => {
    if (char(code).toLowerCase() !== 'www.'[matched]) return nok(code);
    effects.consume(code);
    return ++matched === 4 ? next : inPrefix;
  };
  return inPrefix;
}

/** The host and everything after it, up to the first character that cannot be part of a URL, less trailing punctuation. */
function address(effects: Effects, done: State, nok: State): State {
  let underscoreInLastLabel = false;
  let underscoreInLabelBefore = false;
  let opened = 0;
  let closed = 0;
  const hostStart: State = (code) => (isAsciiAlphanumeric(code) ? host(code) : nok(code));
  const host: State = (code) => {
    if (char(code) === '.' || char(code) === '_') return effects.check(trail, hostEnd, hostPunctuation)(code);
    if (char(code) !== '-' && !isAsciiAlphanumeric(code)) return hostEnd(code);
    effects.consume(code);
    return host;
  };
  const hostPunctuation: State = (code) => {
    if (char(code) === '_') underscoreInLastLabel = true;
    else [underscoreInLabelBefore, underscoreInLastLabel] = [underscoreInLastLabel, false];
    effects.consume(code);
    return host;
  };
  // GFM: an underscore in the host's last two labels makes the text no URL.
  const hostEnd: State = (code) => (underscoreInLastLabel || underscoreInLabelBefore ? nok(code) : path(code));
  // GFM: a `)` closing a `(` inside the URL is part of it, one more is the text's.
  const path: State = (code) => {
    if (char(code) === '(') opened++;
    else if (char(code) === ')' && closed < opened) closed++;
    else if (isTrailing(code) || char(code) === '&') return effects.check(trail, done, pathPunctuation)(code);
    else if (!isUrlCharacter(code)) return done(code);
    effects.consume(code);
    return path;
  };
  const pathPunctuation: State = (code) => {
    if (char(code) === ')') closed++;
    effects.consume(code);
    return path;
  };
  return hostStart;
}

/** Succeeds when a run of trailing punctuation is followed by the URL's end, so that the run is not part of the URL. */
function tokenizeTrail(effects: Effects, ok: State, nok: State): State {
  const inTrail: State = (code) => {
    if (isTrailing(code)) {
      effects.consume(code);
      return inTrail;
    }
    if (char(code) === '&') {
      effects.consume(code);
      return referenceStart;
    }
    return isUrlCharacter(code) ? nok(code) : ok(code);
  };
  const referenceStart: State = (code) => (isAsciiAlpha(code) ? referenceName(code) : nok(code));
  const referenceName: State = (code) => {
    if (!isAsciiAlpha(code) && char(code) !== ';') return nok(code);
    effects.consume(code);
    return char(code) === ';' ? inTrail : referenceName;
  };
  return inTrail;
}
