/** Why a feed or page could not be read; the message names the cause in one sentence for the source's status. */
export type ParseErrorCode =
  | 'XML_ENTITY_DECLARATION'
  | 'XML_TOO_DEEP'
  | 'HTML_TOO_DEEP'
  | 'HTML_TOO_LARGE'
  | 'XML_MALFORMED'
  | 'FEED_UNRECOGNISED'
  | 'EMPTY_DOCUMENT'
  | 'BAD_SELECTORS';

export class ParseError extends Error {
  readonly code: ParseErrorCode;

  constructor(code: ParseErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ParseError';
    this.code = code;
  }
}

export function isParseError(value: unknown): value is ParseError {
  return value instanceof ParseError;
}
