import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChatSuccessCodes,
  ChatSuccessCodesInput,
  ErrorBody,
  GoalSalesSettings,
  GoalSalesSettingsInput,
  Id,
  SuccessCodeSettings,
  SuccessCodeSettingsInput,
  SurveySettings,
} from '@parley/protocol';
import { actorOf } from '../../http/context.js';
import * as goals from './service.js';
import * as sales from './sales.js';

const manager = { access: 'manager' } as const;
const tags = ['goals'];
const params = z.object({ id: Id });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The campaign's "Goals" tab (managers), and a chat's success codes (its agent, in the console). */
export async function goalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const codes = '/api/campaigns/:id/goals/success-codes';
  const survey = '/api/campaigns/:id/goals/survey';

  r.get(
    codes,
    {
      config: manager,
      schema: {
        tags,
        summary: 'The campaign’s success codes in their order, and its two options (GOL-1)',
        params,
        response: { 200: SuccessCodeSettings, ...errors },
      },
    },
    async (req) => goals.successCodeSettings(app, actorOf(req), req.params.id),
  );
  r.put(
    codes,
    {
      config: manager,
      schema: {
        tags,
        summary:
          'Saves the list as a whole: codes with an id are kept (renamed, moved), new ones added, those left out deleted (chats keep them)',
        params,
        body: SuccessCodeSettingsInput,
        response: { 200: SuccessCodeSettings, ...errors },
      },
    },
    async (req) => goals.saveSuccessCodeSettings(app, actorOf(req), req.params.id, req.body),
  );
  r.get(
    survey,
    {
      config: manager,
      schema: {
        tags,
        summary:
          'The customer survey after a chat (GOL-2); texts never saved are the campaign language’s defaults',
        params,
        response: { 200: SurveySettings, ...errors },
      },
    },
    async (req) => goals.surveySettings(app, actorOf(req), req.params.id),
  );
  r.put(
    survey,
    {
      config: manager,
      schema: {
        tags,
        summary:
          'Saves the customer survey: smileys or thumbs, the question, the comment box, the thank-you message',
        params,
        body: SurveySettings,
        response: { 200: SurveySettings, ...errors },
      },
    },
    async (req) => goals.saveSurveySettings(app, actorOf(req), req.params.id, req.body),
  );

  const salesPath = '/api/campaigns/:id/goals/sales';
  r.get(
    salesPath,
    {
      config: manager,
      schema: {
        tags,
        summary:
          'The campaign’s goals (GOL-3, GOL-4) in their order, and the GA4 toggle of analytics events (GOL-5)',
        params,
        response: { 200: GoalSalesSettings, ...errors },
      },
    },
    async (req) => sales.goalSalesSettings(app, actorOf(req), req.params.id),
  );
  r.put(
    salesPath,
    {
      config: manager,
      schema: {
        tags,
        summary:
          'Saves the goals as a whole (goals with an id are kept and changed, new ones added, those left out deleted) and the GA4 toggle',
        params,
        body: GoalSalesSettingsInput,
        response: { 200: GoalSalesSettings, ...errors },
      },
    },
    async (req) => sales.saveGoalSalesSettings(app, actorOf(req), req.params.id, req.body),
  );

  const chatCodes = '/api/chats/:id/success-codes';
  r.get(
    chatCodes,
    {
      schema: {
        tags,
        summary:
          'A chat’s success codes: what its campaign offers, what is chosen, and the campaign’s options',
        params,
        response: { 200: ChatSuccessCodes, ...errors },
      },
    },
    async (req) => goals.chatSuccessCodes(app, actorOf(req), req.params.id),
  );
  r.put(
    chatCodes,
    {
      schema: {
        tags,
        summary:
          'The chat’s agent chooses its success codes (the whole set; while it goes on or after it ended)',
        params,
        body: ChatSuccessCodesInput,
        response: { 200: ChatSuccessCodes, ...errors },
      },
    },
    async (req) => goals.setChatSuccessCodes(app, actorOf(req), req.params.id, req.body.codeIds),
  );
}
