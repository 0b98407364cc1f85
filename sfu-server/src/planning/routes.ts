/**
 * Meeting planning over REST (common/protocol/meetingsApi.ts): the JSON routes, and the
 * invitation and weekly calendar PDFs rendered on request (they change with the plan).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InvalidError } from '../../../common/errors';
import { weekQuerySchema } from '../../../common/domain/meetingPlan';
import { meetingPlanPaths } from '../../../common/protocol/meetingsApi';
import { registerRoute, requireRequestUser, type Authenticate } from '../api/registerRoute';
import type { AppDatabase } from '../db/database';
import { renderInvitationPdf } from '../notices/invitationPdf';
import { renderWeekCalendarPdf } from '../notices/weekCalendarPdf';
import { MeetingPlanService } from './MeetingPlanService';

export function registerMeetingPlanRoutes(
  app: FastifyInstance,
  deps: { authenticate: Authenticate; db: AppDatabase },
): void {
  const { authenticate } = deps;
  const plans = new MeetingPlanService(deps.db);

  registerRoute(app, 'createMeeting', authenticate, ({ user, body }) => plans.create(user!, body));
  registerRoute(app, 'getMeetingPlan', authenticate, ({ user, params }) =>
    plans.get(user!, params.id),
  );
  registerRoute(app, 'updateMeeting', authenticate, ({ user, params, body }) =>
    plans.update(user!, params.id, body),
  );
  registerRoute(app, 'updateAgenda', authenticate, ({ user, params, body }) =>
    plans.updateAgenda(user!, params.id, body),
  );
  registerRoute(app, 'publishMeeting', authenticate, ({ user, params }) =>
    plans.publish(user!, params.id),
  );
  registerRoute(app, 'setMeetingStatus', authenticate, ({ user, params, body }) =>
    plans.setStatus(user!, params.id, body.status, body.reason),
  );
  registerRoute(app, 'listPlans', authenticate, async ({ user }) => ({
    meetings: await plans.listOwn(user!),
  }));
  // The Office's choices (the route table allows only 'office'): people, units and sites.
  registerRoute(app, 'listPeople', authenticate, () => plans.people());
  registerRoute(app, 'listUnitsAndSites', authenticate, () => plans.unitsAndSites());
  registerRoute(app, 'invitationPeople', authenticate, ({ user, params }) =>
    plans.invitationPeople(user!, params.id),
  );
  registerRoute(app, 'myInvitations', authenticate, ({ user }) => plans.myInvitations(user!));
  registerRoute(app, 'markInvitationSeen', authenticate, async ({ user, params }) => {
    await plans.markSeen(user!, params.id);
    return { ok: true as const };
  });
  registerRoute(app, 'answerInvitation', authenticate, ({ user, params, body }) =>
    plans.answer(user!, params.id, body),
  );
  registerRoute(app, 'weekCalendar', authenticate, async ({ query }) => {
    const { weekStart, weekEnd, entries } = await plans.week(query.week, query.unitId);
    return { weekStart: weekStart.toISOString(), weekEnd: weekEnd.toISOString(), entries };
  });

  app.get(meetingPlanPaths.invitationPdf, async (request, reply) => {
    const user = await requireRequestUser(request, authenticate);
    const params = z.object({ id: z.string().min(1).max(64) }).safeParse(request.params);
    if (!params.success) throw new InvalidError('Invalid meeting id');
    const { plan, issue } = await plans.invitationDocument(user, params.data.id);
    const pdf = await renderInvitationPdf({ ...plan, ...issue });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', 'inline; filename="giay-moi.pdf"')
      .header('cache-control', 'no-store')
      .send(Buffer.from(pdf));
  });

  app.get(meetingPlanPaths.calendarPdf, async (request, reply) => {
    await requireRequestUser(request, authenticate);
    const query = weekQuerySchema.safeParse(request.query);
    if (!query.success) throw new InvalidError('week=YYYY-MM-DD is required');
    const { weekStart, weekEnd, entries } = await plans.week(query.data.week, query.data.unitId);
    const province = await deps.db
      .selectFrom('units')
      .select('name')
      .where('kind', '=', 'province')
      .where('successor_id', 'is', null)
      .executeTakeFirst();
    const unit = query.data.unitId
      ? await deps.db
          .selectFrom('units')
          .select('name')
          .where('id', '=', query.data.unitId)
          .executeTakeFirst()
      : undefined;
    const pdf = await renderWeekCalendarPdf({
      provinceName: province?.name ?? 'UBND tỉnh',
      weekStart,
      weekEnd,
      entries,
      ...(unit ? { unitName: unit.name } : {}),
      issuedAt: new Date(),
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="lich-hop-tuan-${query.data.week}.pdf"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(pdf));
  });
}
