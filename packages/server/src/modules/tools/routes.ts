import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CampaignToolSettings,
  ChatTools,
  ChatWebTabCheck,
  ChatWebTabs,
  ErrorBody,
  Id,
  WebTabSettings,
  WebTabSettingsInput,
} from '@parley/protocol';
import { publicBaseUrl } from '../../http/base-url.js';
import { actorOf } from '../../http/context.js';
import * as tools from './service.js';
import * as webTabs from './web-tabs.js';

const manager = { access: 'manager' } as const;
const tag = ['tools'];
const params = z.object({ id: Id });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The campaign's "Tools" tab (managers), and a chat's tools (the console). */
export async function toolRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const path = '/api/campaigns/:id/tools';

  r.get(
    path,
    {
      config: manager,
      schema: {
        tags: tag,
        summary:
          'The campaign’s tool toggles (TLS-7) and cobrowsing settings (TLS-5); texts never saved are the campaign language’s defaults',
        params,
        response: { 200: CampaignToolSettings, ...errors },
      },
    },
    async (req) => tools.toolSettings(app, actorOf(req), req.params.id),
  );
  r.put(
    path,
    {
      config: manager,
      schema: {
        tags: tag,
        summary:
          'Saves the toggles and the cobrowsing settings; a tool turned off is gone from the console and refused by the server',
        params,
        body: CampaignToolSettings,
        response: { 200: CampaignToolSettings, ...errors },
      },
    },
    async (req) => tools.saveToolSettings(app, actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/chats/:id/tools',
    {
      schema: {
        tags: tag,
        summary: 'The tools the console offers in this chat (its campaign’s toggles)',
        params,
        response: { 200: ChatTools, ...errors },
      },
    },
    async (req) => tools.chatTools(app, actorOf(req), req.params.id),
  );

  // ---------------------------------------------------------------------------------------- TLS-1 WebTabs
  const tabsPath = '/api/campaigns/:id/tools/web-tabs';
  r.get(
    tabsPath,
    {
      config: manager,
      schema: {
        tags: tag,
        summary:
          'The campaign’s WebTabs in their order, each a name and an address with visitor variables (TLS-1)',
        params,
        response: { 200: WebTabSettings, ...errors },
      },
    },
    async (req) => webTabs.webTabSettings(app, actorOf(req), req.params.id),
  );
  r.put(
    tabsPath,
    {
      config: manager,
      schema: {
        tags: tag,
        summary:
          'Saves the WebTabs as a whole (a tab left out is deleted); http(s) addresses only, variables only after the host',
        params,
        body: WebTabSettingsInput,
        response: { 200: WebTabSettings, ...errors },
      },
    },
    async (req) => webTabs.saveWebTabSettings(app, actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/chats/:id/web-tabs',
    {
      schema: {
        tags: tag,
        summary:
          'The chat’s WebTabs, each address filled with its visitor (URL-encoded); 403 tool_disabled while WebTabs is off',
        params,
        response: { 200: ChatWebTabs, ...errors },
      },
    },
    async (req) => webTabs.chatWebTabs(app, actorOf(req), req.params.id),
  );
  r.get(
    '/api/chats/:id/web-tabs/:tabId',
    {
      schema: {
        tags: tag,
        summary:
          'One WebTab of the chat, filled, and whether its site lets the console frame it (the server asks the site)',
        params: z.object({ id: Id, tabId: Id }),
        response: { 200: ChatWebTabCheck, ...errors },
      },
    },
    async (req) =>
      webTabs.chatWebTab(app, actorOf(req), req.params.id, req.params.tabId, consoleOrigin(app, req)),
  );
}

/** The console's origin, the frame's ancestor: PUBLIC_URL's, else the one the request was addressed to. */
function consoleOrigin(app: FastifyInstance, req: FastifyRequest): string {
  try {
    return new URL(publicBaseUrl(app.config, req)).origin;
  } catch {
    return 'null';
  }
}
