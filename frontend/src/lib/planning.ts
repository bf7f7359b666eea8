/** Words for the golden thread's codes: plan levels and statuses, actions, risks, quadrants. */
import type {
  ActionState,
  ActionStatus,
  Category,
  ChecklistAnswer,
  Control,
  ObjectiveKind,
  PlanLevel,
  PlanStatus,
  Quadrant,
} from '../api/planningTypes';

export const LEVEL_LABELS: Record<PlanLevel, string> = {
  community_strategy: 'Community strategy',
  local_area_agreement: 'Local Area Agreement',
  corporate_plan: 'Corporate plan',
  annual_operating_plan: 'Annual operating plan',
  directorate_plan: 'Directorate plan',
  service_plan: 'Service plan',
  team_plan: 'Team plan',
  individual: 'Individual objectives',
};

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  quality_assured: 'Quality assured',
  approved: 'Approved',
  published: 'Published',
  archived: 'Archived',
};

/** What pressing the button does, for each status a plan can be moved to. */
export const PLAN_TRANSITION_LABELS: Record<PlanStatus, string> = {
  draft: 'Return to draft',
  submitted: 'Submit for quality assurance',
  quality_assured: 'Mark as quality assured',
  approved: 'Approve',
  published: 'Publish',
  archived: 'Archive',
};

export const PLAN_STATUS_TAG: Record<PlanStatus, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--light-blue',
  quality_assured: 'govuk-tag--turquoise',
  approved: 'govuk-tag--blue',
  published: 'govuk-tag--green',
  archived: 'govuk-tag--grey',
};

export const OBJECTIVE_KIND_LABELS: Record<ObjectiveKind, string> = {
  ambition: 'Ambition',
  priority: 'Priority',
  outcome: 'Outcome',
  objective: 'Objective',
};

export const SECTION_LABELS = {
  what_we_do: 'What we do',
  how_well_we_are_doing: 'How well we’re doing',
  what_is_changing: 'What is changing',
  what_we_will_do: 'What we will do',
  capacity_to_deliver: 'Capacity to deliver',
} as const;

export type SectionKey = keyof typeof SECTION_LABELS;
export const SECTION_KEYS = Object.keys(SECTION_LABELS) as SectionKey[];

export const CHECKLIST_ANSWER_LABELS: Record<ChecklistAnswer, string> = {
  met: 'Met',
  partly: 'Partly met',
  not_met: 'Not met',
  not_applicable: 'Not applicable',
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  complete: 'Complete',
  cancelled: 'Cancelled',
};

export const ACTION_STATE_LABELS: Record<ActionState, string> = {
  complete: 'Complete',
  on_track: 'On track',
  overdue: 'Overdue',
  cancelled: 'Cancelled',
};

export const ACTION_STATE_TAG: Record<ActionState, string> = {
  complete: 'govuk-tag--green',
  on_track: 'govuk-tag--blue',
  overdue: 'govuk-tag--red',
  cancelled: 'govuk-tag--grey',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  strategic: 'Strategic',
  operational: 'Operational',
  partnership: 'Partnership',
};

export const CONTROL_LABELS: Record<Control, string> = {
  tolerate: 'Tolerate',
  treat: 'Treat',
  transfer: 'Transfer',
  terminate: 'Terminate',
};

export const QUADRANT_LABELS: Record<Quadrant, string> = {
  customers: 'Our Customers',
  operations: 'Our Operations',
  resources: 'Our Resources',
  innovation_and_learning: 'Our Innovation and Learning',
};

/** "2008-09" or "2008-09 to 2010-11", as the plans state their span. */
export function yearSpan(start: string, end: string): string {
  const label = (y: string) => y.replace(/^(\d{4})-(\d{2})$/, '$1/$2');
  return start === end ? label(start) : `${label(start)} to ${label(end)}`;
}

/** "12 March 2008" from an ISO date (no time zone shifts: the date is the date). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Today as YYYY-MM-DD in UK time (the day a progress update is dated by default). */
export function todayIso(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
