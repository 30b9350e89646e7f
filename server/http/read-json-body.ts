import { ApiError } from './api-error';
import { locateJsonSyntaxError } from './json-syntax-error';

/** Orders with many lines stay far below this; anything larger is a mistake or an attack. */
export const maxBodyBytes = 256 * 1024;

/**
 * The request's JSON body. The size is checked on the raw bytes as they arrive (the
 * declared Content-Length first, then the stream itself, which may lie or be chunked),
 * so an oversized body is refused before it is buffered whole or parsed.
 */
export async function readJsonBody(request: Request, limit = maxBodyBytes): Promise<unknown> {
  const contentType = request.headers.get('content-type');
  // text/plain too: it is what fetch() sends for a string body when nobody set a type.
  if (contentType && !/^(application\/([\w.+-]+\+)?json|text\/plain)\s*(;|$)/i.test(contentType)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `Send the body as application/json, not ${contentType}.`,
    );
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) throw tooLarge(limit);

  const bytes = await readAtMost(request, limit);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, 'malformed_json', 'The request body is not valid UTF-8.');
  }
  if (text.trim() === '')
    throw new ApiError(400, 'malformed_json', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch {
    const { position, line, column, problem } = locateJsonSyntaxError(text);
    throw new ApiError(
      400,
      'malformed_json',
      `The request body is not valid JSON: ${problem} at line ${line}, column ${column} (position ${position}).`,
      { position, line, column },
    );
  }
}

async function readAtMost(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'request_too_large', `The request body is larger than ${limit / 1024} KB.`, {
    limitBytes: limit,
  });
}
