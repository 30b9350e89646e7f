import { newId } from '../../db/ids';
import { messageIdFor } from '../../db/messages/message-log';

/**
 * A studio test send has no message-log row (it is no run's step), so the dev inbox, which
 * shows a workspace the mail its own log issued, could not find it. Its Message-ID names the
 * workspace instead: `<test.{workspaceId}.{random}@domain>`.
 */
export function testMessageId(workspaceId: string, domain?: string): string {
  return messageIdFor(`${testMessageIdPrefix(workspaceId).slice(1)}${newId('msg')}`, domain);
}

/** What every test send of the workspace's Message-ID starts with (angle bracket included). */
export function testMessageIdPrefix(workspaceId: string): string {
  return `<test.${workspaceId}.`;
}
