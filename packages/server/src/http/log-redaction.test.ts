import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-redaction.js';

describe('request logs keep no token (EXP-9, INV-10)', () => {
  it.each([
    ['/exports/t/abcDEF123_-/conversations.csv?days=7', '/exports/t/[redacted]/conversations.csv?days=7'],
    ['/exports/t/abc', '/exports/t/[redacted]'],
    [
      '/widget/invite-events?site=s&invite=i&event=shown&token=secret-1&url=x',
      '/widget/invite-events?site=s&invite=i&event=shown&token=[redacted]&url=x',
    ],
    ['/widget/invite-events?token=secret', '/widget/invite-events?token=[redacted]'],
    ['/api/exports/links', '/api/exports/links'],
    ['/widget/config?site=s', '/widget/config?site=s'],
    ['/api/x?mytoken=keep', '/api/x?mytoken=keep'],
  ])('%s', (url, logged) => expect(redactUrl(url)).toBe(logged));
});
