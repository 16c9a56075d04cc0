import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { AgentServerFrame, User, VisitorServerFrame } from '@parley/protocol';
import { createAccount } from '../src/bootstrap.js';
import { TestClient, type TestApp } from './harness.js';
import { cid, WsClient, wsUrl } from './ws-client.js';

/** Sockets a test file opened, closed in its afterAll. */
export type SocketList = { close(): void }[];

/**
 * An account of its own for one test: its manager signed in, its website and campaign (from `createAccount`), and
 * one agent, Ann, alone in the campaign's routing. `console()` is Ann's console (available), `visitor()` a visitor
 * on the site, `chat()` a visitor's chat that Ann has taken. Every socket goes to `sockets`.
 */
export async function accountWithAgent(t: TestApp, prefix: string, sockets: SocketList) {
  const db = t.runtime.database.db;
  const key = randomUUID().slice(0, 8);
  const host = `${prefix}-${key}.example`;
  const email = `manager-${key}@${prefix}.example`;
  const created = await createAccount(db, {
    name: `${prefix} ${key}`,
    host,
    manager: { email, password: 'manager-password', firstName: 'Mo', lastName: 'Manager' },
  });
  const manager = await TestClient.login(t.url, email, 'manager-password');
  const campaignId = created.campaign.id;
  const siteId = created.website.id;
  const agentEmail = `ann-${key}@${prefix}.example`;
  const ann = await manager.post<User>('/api/users', {
    email: agentEmail,
    password: 'agent-password',
    firstName: 'Ann',
    lastName: 'Agent',
    rights: 'agent',
  });
  expect(ann.status).toBe(201);
  const routed = await manager.request('PUT', `/api/campaigns/${campaignId}/routing`, {
    levels: [{ title: 'First', method: 'least_chats', members: [{ type: 'user', id: ann.body.id }] }],
    forwarding: { enabled: false, members: [] },
  });
  expect(routed.status).toBe(200);
  const agent = await TestClient.login(t.url, agentEmail, 'agent-password');

  let agentWs: WsClient<AgentServerFrame> | undefined;
  /** Ann's console, available. */
  async function console() {
    if (agentWs) return agentWs;
    agentWs = await WsClient.open<AgentServerFrame>(wsUrl(t.url, '/ws/agent'), {
      headers: { cookie: agent.cookie, origin: t.url },
    });
    sockets.push(agentWs);
    await agentWs.next('welcome');
    agentWs.send({ type: 'presence.set', status: 'available' });
    await agentWs.next('presence', (f) => f.status === 'available');
    return agentWs;
  }

  /** A visitor on a page of the site (a returning one with `token`). */
  async function visitor(url = `http://${host}/`, token?: string) {
    const v = await WsClient.open<VisitorServerFrame>(wsUrl(t.url, `/ws/visitor?site=${siteId}`), {
      headers: { origin: `http://${host}` },
    });
    sockets.push(v);
    v.send({ type: 'hello', ...(token ? { token } : {}), page: { url, title: 'Shop' } });
    const welcome = await v.next('welcome');
    return { v, token: token ?? welcome.token!, visitorId: welcome.visitorId };
  }

  /** A visitor's chat, taken by Ann; both sides follow it. */
  async function chat(text = 'Hello, I would like to buy something') {
    const a = await console();
    const { v, visitorId } = await visitor();
    const c = cid();
    v.send({ type: 'chat.start', cid: c, text });
    const chatId = (await v.next('ack', (f) => f.cid === c)).chatId;
    await a.next('chat.upsert', (f) => f.chat.id === chatId && f.chat.status === 'active');
    a.send({ type: 'sync', chatId, afterSeq: 0 });
    v.send({ type: 'sync', chatId, afterSeq: 0 });
    await a.untilTranscript(chatId, (e) => e.some((x) => x.type === 'agent_joined'));
    return { chatId, v, a, visitorId };
  }

  return {
    key,
    host,
    siteId,
    campaignId,
    manager,
    managerEmail: email,
    agent,
    agentEmail,
    annId: ann.body.id,
    console,
    visitor,
    chat,
  };
}
