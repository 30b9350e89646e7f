import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { readJsonBody } from './read-json-body';

const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://localhost/x', { method: 'POST', body, headers });

async function failure(request: Request, limit?: number): Promise<ApiError> {
  try {
    await readJsonBody(request, limit);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the body to be refused');
}

describe('readJsonBody', () => {
  it('parses JSON, with or without a content type, and vendor +json types', async () => {
    expect(await readJsonBody(post('{"a":[1,2]}'))).toEqual({ a: [1, 2] });
    expect(await readJsonBody(post('{"a":1}', {}))).toEqual({ a: 1 });
    expect(
      await readJsonBody(post('{"a":1}', { 'content-type': 'application/vnd.api+json; charset=utf-8' })),
    ).toEqual({
      a: 1,
    });
  });

  it('refuses more bytes than the limit, counting bytes rather than characters', async () => {
    const error = await failure(post(`"${'ü'.repeat(6)}"`), 10);
    expect(error).toMatchObject({ status: 413, code: 'request_too_large' });
    expect(await readJsonBody(post(`"${'a'.repeat(8)}"`), 10)).toBe('aaaaaaaa');
  });

  it('names empty bodies, bad UTF-8 and syntax errors', async () => {
    expect(await failure(post('  '))).toMatchObject({ status: 400, code: 'malformed_json' });
    expect(await failure(post(new Uint8Array([0x7b, 0xff, 0x7d])))).toMatchObject({
      status: 400,
      message: 'The request body is not valid UTF-8.',
    });
    expect((await failure(post('{"a":}'))).details).toEqual({ position: 5, line: 1, column: 6 });
  });

  it('refuses other media types', async () => {
    expect(await failure(post('a=1', { 'content-type': 'application/x-www-form-urlencoded' }))).toMatchObject(
      {
        status: 415,
      },
    );
  });
});
