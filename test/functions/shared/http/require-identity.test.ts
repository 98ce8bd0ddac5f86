import type { ApiEvent } from '../../../../functions/shared/http/api-event';
import { identityOf } from '../../../../functions/shared/http/require-identity';
import { apiEvent } from '../../support/events';

function withGroups(groups: unknown): ApiEvent {
  const event = apiEvent() as ApiEvent;
  (event.requestContext.authorizer as Record<string, unknown>).groups = groups;
  return event;
}

describe('identityOf', () => {
  it('reads the groups as a JSON array, keeping punctuation in group names', () => {
    // Prepare
    const event = withGroups(JSON.stringify(['ops,admin', 'member']));
    // Act
    const identity = identityOf(event);
    // Assess
    expect(identity?.groups).toEqual(['ops,admin', 'member']);
    expect(identity?.groups).not.toContain('admin');
  });

  it.each([
    ['a comma-joined list', 'admin,member'],
    ['a bare name', 'admin'],
    ['invalid JSON', '["admin"'],
    ['a JSON string', '"admin"'],
    ['a JSON object', '{"0":"admin"}'],
    ['an array with a non-string', '["admin",1]'],
    ['a non-string value', ['admin']],
  ])('treats %s as no groups', (_name, groups) => {
    // Act
    const identity = identityOf(withGroups(groups));
    // Assess
    expect(identity).toMatchObject({ sub: 'sub-alice', groups: [] });
  });
});
