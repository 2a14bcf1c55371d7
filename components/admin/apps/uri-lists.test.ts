import { describe, expect, it } from 'vitest';
import { checkedUriList } from './uri-lists';

describe('checkedUriList', () => {
  const schema = checkedUriList('bad uri');

  it('accepts https and loopback http URIs', () => {
    expect(schema.safeParse(['https://app.example.com/callback', 'http://localhost:3000/cb', 'http://127.0.0.1/cb']).success).toBe(true);
  });

  it('marks exactly the entries the server would refuse', () => {
    const result = schema.safeParse(['https://ok.example.com/', 'http://evil.example.com/', 'https://a.example.com/#x', 'relative/path', 'https://user:pw@example.com/']);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [[1], 'bad uri'],
      [[2], 'bad uri'],
      [[3], 'bad uri'],
      [[4], 'bad uri'],
    ]);
  });
});
